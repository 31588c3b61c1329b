package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyncExceptionTest {
  private static final ErrorContext FULL =
      new ErrorContext(SystemId.NETSUITE, "upsert", CorrelationId.of("c-42"), 3);

  @Test
  void messageEndsWithTheContext() {
    SyncException e = new SyncException("Upsert failed", null, FULL, true);
    assertEquals(
        "Upsert failed [system=netsuite, operation=upsert, correlationId=c-42, attempts=3]",
        e.getMessage());
  }

  static Stream<Arguments> partialContexts() {
    return Stream.of(
        Arguments.of(ErrorContext.none(), "boom"),
        Arguments.of(null, "boom"),
        Arguments.of(ErrorContext.of(SystemId.SHOPIFY, null), "boom [system=shopify]"),
        Arguments.of(ErrorContext.of(null, "poll"), "boom [operation=poll]"),
        Arguments.of(
            ErrorContext.of(SystemId.SHOPIFY, "poll").withAttempts(1),
            "boom [system=shopify, operation=poll, attempts=1]"),
        Arguments.of(
            ErrorContext.none().withCorrelationId(CorrelationId.of("c-1")),
            "boom [correlationId=c-1]"),
        Arguments.of(
            FULL.withAttempts(0), "boom [system=netsuite, operation=upsert, correlationId=c-42]"));
  }

  @ParameterizedTest
  @MethodSource("partialContexts")
  void messageShowsOnlyTheKnownParts(ErrorContext context, String expected) {
    assertEquals(expected, new SyncException("boom", null, context, false).getMessage());
  }

  @Test
  void accessorsExposeTheContext() {
    IllegalStateException cause = new IllegalStateException("io");
    SyncException e = new SyncException("boom", cause, FULL, true);
    assertEquals(Optional.of(SystemId.NETSUITE), e.system());
    assertEquals(Optional.of("upsert"), e.operation());
    assertEquals(Optional.of(CorrelationId.of("c-42")), e.correlationId());
    assertEquals(3, e.attempts());
    assertTrue(e.isRetryable());
    assertSame(cause, e.getCause());
    assertEquals(FULL, e.context());
  }

  @Test
  void withoutContextEverythingIsEmpty() {
    SyncException e = new SyncException("boom");
    assertEquals(ErrorContext.none(), e.context());
    assertEquals(Optional.empty(), e.system());
    assertEquals(Optional.empty(), e.operation());
    assertEquals(Optional.empty(), e.correlationId());
    assertEquals(0, e.attempts());
    assertFalse(e.isRetryable());
  }

  @Test
  void contextRejectsNegativeAttempts() {
    assertThrows(IllegalArgumentException.class, () -> FULL.withAttempts(-1));
  }

  static Stream<Arguments> exceptionTree() {
    ErrorContext ctx = ErrorContext.of(SystemId.SALESFORCE, "upsert");
    return Stream.of(
        Arguments.of(ValidationException.of("Money", "amount", "x", "must be a number"), false),
        Arguments.of(
            new ConfigurationException(
                "connector", List.of(FieldError.redacted("clientSecret", "is required"))),
            false),
        Arguments.of(new MappingException("credit.status", "unknown value", null), false),
        Arguments.of(new ConfigurationException("no connector 'acme'"), false),
        Arguments.of(new AuthenticationException("invalid_grant", null, ctx), false),
        Arguments.of(new ConflictException("stale ETag", "\"v2\"", ctx), false),
        Arguments.of(
            new OwnershipViolationException(
                FieldPath.of("credit.limit"), SystemId.NETSUITE, SystemId.SALESFORCE),
            false),
        Arguments.of(new IdempotencyConflictException(IdempotencyKey.of("k-1"), ctx), false),
        Arguments.of(new RateLimitException("429", Duration.ofSeconds(2), ctx, true), true),
        Arguments.of(new RateLimitException("daily limit", null, ctx, false), false),
        Arguments.of(new RemoteSystemException("503", 503, null, null, ctx, true), true),
        Arguments.of(
            new RemoteSystemException("bad field", 400, "INVALID_FIELD", null, ctx, false), false));
  }

  @ParameterizedTest
  @MethodSource("exceptionTree")
  void everySubtypeIsASyncExceptionWithItsRetryVerdict(SyncException e, boolean retryable) {
    assertInstanceOf(RuntimeException.class, e);
    assertEquals(retryable, e.isRetryable(), e.getClass().getSimpleName());
  }

  @Test
  void rateLimitCarriesTheRequestedWait() {
    RateLimitException e =
        new RateLimitException("429", Duration.ofSeconds(30), FULL.withAttempts(1), true);
    assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    assertEquals(Optional.empty(), new RateLimitException("429", null, FULL, true).retryAfter());
    assertEquals(
        Optional.of(Duration.ZERO),
        new RateLimitException("429", Duration.ZERO, FULL, true).retryAfter());
    assertTrue(e.getMessage().endsWith("attempts=1]"), e.getMessage());
  }

  @Test
  void rateLimitRejectsANegativeWait() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RateLimitException("429", Duration.ofSeconds(-1), FULL, true));
    assertTrue(e.getMessage().contains("retryAfter"), e.getMessage());
  }

  @Test
  void conflictCarriesTheCurrentVersion() {
    assertEquals(
        Optional.of("\"v2\""), new ConflictException("stale", "\"v2\"", FULL).currentVersion());
    assertEquals(Optional.empty(), new ConflictException("stale", null, FULL).currentVersion());
  }

  @Test
  void remoteSystemCarriesStatusAndCode() {
    RemoteSystemException e =
        new RemoteSystemException("locked", 409, "UNABLE_TO_LOCK_ROW", null, FULL, true);
    assertEquals(409, e.httpStatus());
    assertEquals(Optional.of("UNABLE_TO_LOCK_ROW"), e.errorCode());
    RemoteSystemException timeout = new RemoteSystemException("timeout", 0, null, null, FULL, true);
    assertEquals(0, timeout.httpStatus());
    assertEquals(Optional.empty(), timeout.errorCode());
  }

  @Test
  void mappingExceptionPrefixesThePath() {
    assertEquals(
        "credit.status: unknown value",
        new MappingException("credit.status", "unknown value", null).getMessage());
    assertEquals("not JSON", new MappingException(null, "not JSON", null).getMessage());
    assertEquals("credit.status", new MappingException("credit.status", "x", null).path());
  }

  @Test
  void ownershipViolationNamesFieldOwnerAndWriter() {
    OwnershipViolationException e =
        new OwnershipViolationException(
            FieldPath.of("credit.limit"), SystemId.NETSUITE, SystemId.SALESFORCE);
    assertTrue(e.getMessage().contains("'credit.limit' is owned by netsuite"), e.getMessage());
    assertTrue(e.getMessage().contains("salesforce may not write it"), e.getMessage());
    assertEquals(Optional.of(SystemId.SALESFORCE), e.system());
    assertEquals(FieldPath.of("credit.limit"), e.field());
    assertEquals(SystemId.NETSUITE, e.owner());
    assertEquals(SystemId.SALESFORCE, e.writer());
  }

  @Test
  void idempotencyConflictNamesTheKey() {
    IdempotencyConflictException e =
        new IdempotencyConflictException(IdempotencyKey.of("k-77"), FULL);
    assertTrue(e.getMessage().contains("'k-77'"), e.getMessage());
    assertEquals(IdempotencyKey.of("k-77"), e.key());
  }

  @Test
  void configurationExceptionListsEachProblem() {
    ConfigurationException e =
        new ConfigurationException(
            "connector 'netsuite'",
            List.of(
                FieldError.of("batchSize", "ten", "must be a whole number"),
                FieldError.redacted("clientSecret", "is required")));
    assertEquals(
        "Invalid configuration of connector 'netsuite': batchSize: must be a whole number"
            + " (was 'ten'); clientSecret: is required",
        e.getMessage());
    assertEquals(2, e.problems().size());
    assertEquals(List.of(), new ConfigurationException("unknown connector").problems());
  }

  @ParameterizedTest
  @MethodSource("exceptionTree")
  void survivesJavaSerialisationWithItsMessage(SyncException e) throws Exception {
    // Hosts ship exceptions between processes and log frameworks call getMessage() on them.
    SyncException copy = roundTrip(e);
    assertEquals(e.getClass(), copy.getClass());
    assertTrue(e.getMessage().startsWith(copy.getMessage()), copy.getMessage());
    assertEquals(e.isRetryable(), copy.isRetryable());
    assertNotNull(copy.context());
    assertTrue(copy.attempts() >= 0);
    if (e instanceof ValidationException v) {
      assertEquals(v.errors(), ((ValidationException) copy).errors());
    }
  }

  private static SyncException roundTrip(SyncException e)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SyncException) in.readObject();
    }
  }
}
