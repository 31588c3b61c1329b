package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WriteOutcomeTest {
  private static final ExternalId ID = ExternalId.of(SystemId.NETSUITE, "4711");

  static Stream<Arguments> factories() {
    return Stream.of(
        Arguments.of(WriteOutcome.created("k1", ID, "v1"), WriteOutcome.Status.CREATED, true),
        Arguments.of(WriteOutcome.updated("k1", ID, "v2"), WriteOutcome.Status.UPDATED, true),
        Arguments.of(WriteOutcome.unchanged("k1", ID, null), WriteOutcome.Status.UNCHANGED, true),
        Arguments.of(
            WriteOutcome.rejected("k1", "DUPLICATE_VALUE", "duplicate e-mail", List.of()),
            WriteOutcome.Status.REJECTED,
            false),
        Arguments.of(
            WriteOutcome.retryable("k1", null, "timeout", Duration.ofSeconds(5)),
            WriteOutcome.Status.RETRYABLE_FAILURE,
            false));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void factoriesSetStatusAndVerdict(
      WriteOutcome outcome, WriteOutcome.Status status, boolean success) {
    assertEquals("k1", outcome.key());
    assertEquals(status, outcome.status());
    assertEquals(success, outcome.isSuccess());
    assertEquals(success, status.isSuccess());
  }

  @ParameterizedTest
  @CsvSource({
    "CREATED, true",
    "UPDATED, true",
    "UNCHANGED, true",
    "REJECTED, false",
    "RETRYABLE_FAILURE, false"
  })
  void onlyWrittenRecordsAreSuccesses(WriteOutcome.Status status, boolean success) {
    assertEquals(success, status.isSuccess());
  }

  @Test
  void successesCarryIdAndVersion() {
    WriteOutcome o = WriteOutcome.created("k1", ID, "v1");
    assertEquals(ID, o.externalId());
    assertEquals("v1", o.version());
    assertEquals(List.of(), o.errors());
    assertNull(o.message());
  }

  @Test
  void failuresCarryCodeMessageErrorsAndWait() {
    WriteOutcome rejected =
        WriteOutcome.rejected(
            "k1",
            "FIELD_INTEGRITY_EXCEPTION",
            "bad country",
            List.of(FieldError.of("billing.address.country", "XX", "unknown")));
    assertEquals("FIELD_INTEGRITY_EXCEPTION", rejected.errorCode());
    assertEquals("bad country", rejected.message());
    assertEquals("billing.address.country", rejected.errors().get(0).path());
    assertNull(rejected.externalId());

    WriteOutcome retry = WriteOutcome.retryable("k1", "429", "throttled", Duration.ofSeconds(30));
    assertEquals(Duration.ofSeconds(30), retry.retryAfter());
  }

  static Stream<Arguments> failureFactories() {
    return Stream.of(
        Arguments.of(
            (Function<String, WriteOutcome>) m -> WriteOutcome.rejected("k1", "E", m, List.of())),
        Arguments.of(
            (Function<String, WriteOutcome>) m -> WriteOutcome.retryable("k1", null, m, null)));
  }

  @ParameterizedTest
  @MethodSource("failureFactories")
  void aFailureNeedsAMessage(Function<String, WriteOutcome> failure) {
    for (String blank : Arrays.asList(null, "", " ")) {
      ValidationException e = assertThrows(ValidationException.class, () -> failure.apply(blank));
      assertEquals("message", e.errors().get(0).path());
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void needsAKey(String key) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> WriteOutcome.created(key, ID, null));
    assertEquals("key", e.errors().get(0).path());
  }

  @Test
  void needsAStatus() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> new WriteOutcome("k1", null, ID, null, null, null, null, null));
    assertEquals("status", e.errors().get(0).path());
  }

  @Test
  void errorsAreCopiedAndNullMeansNone() {
    assertEquals(List.of(), WriteOutcome.rejected("k1", null, "no", null).errors());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                WriteOutcome.rejected(
                    "k1", null, "no", Arrays.asList(FieldError.of("a", 1, "bad"), null)));
    assertEquals("errors[1]", e.errors().get(0).path());
  }
}
