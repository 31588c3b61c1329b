package dev.retailsync.erp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConflictException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedErpTest {

  @Test
  void conflictOutcomeCarriesTheCurrentVersionAndIsNotRetried() {
    ErpError error =
        ErpError.of(ErpErrorKind.CONFLICT, 409, "Request_EntityChanged", "changed")
            .withCurrentVersion(VersionToken.etag("W/\"JzE7Jw==\""));
    WriteOutcome outcome = error.toOutcome("C-1");
    assertEquals(WriteOutcome.Status.REJECTED, outcome.status());
    assertEquals("W/\"JzE7Jw==\"", outcome.version());
    assertEquals("Request_EntityChanged", outcome.errorCode());
    SyncException thrown = error.toException(ErrorContext.none());
    assertInstanceOf(ConflictException.class, thrown);
    assertEquals("W/\"JzE7Jw==\"", ((ConflictException) thrown).currentVersion().orElseThrow());
  }

  @Test
  void validationNamesTheFieldAndThrottlingIsRetryableWithItsWait() {
    ErpError invalid =
        ErpError.of(ErpErrorKind.VALIDATION, 400, "INVALID_FLD_VALUE", "bad value")
            .withFieldPath("subsidiary");
    WriteOutcome rejected = invalid.toOutcome("C-2");
    assertEquals("subsidiary", rejected.errors().get(0).path());
    assertTrue(rejected.message().contains("subsidiary"));
    assertInstanceOf(ValidationException.class, invalid.toException(ErrorContext.none()));

    ErpError throttled =
        ErpError.of(ErpErrorKind.THROTTLED, 429, null, "too many")
            .withRetryAfter(Duration.ofSeconds(7));
    WriteOutcome retry = throttled.toOutcome("C-3");
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, retry.status());
    assertEquals(Duration.ofSeconds(7), retry.retryAfter());
    RateLimitException limit = (RateLimitException) throttled.toException(ErrorContext.none());
    assertTrue(limit.isRetryable());
    assertEquals(Duration.ofSeconds(7), limit.retryAfter().orElseThrow());
  }

  @Test
  void versionTokensRoundTripThroughTheirStoredForm() {
    Instant stamp = Instant.parse("2026-11-25T10:15:30Z");
    VersionToken synthesised = VersionToken.lastModified(stamp);
    assertEquals(synthesised, VersionToken.parse(synthesised.toString()));
    assertEquals(stamp, VersionToken.parse(synthesised.toString()).stamp());
    VersionToken etag = VersionToken.etag("W/\"JzQ0OzE7MDsn\"");
    assertEquals(etag, VersionToken.parse(etag.toString()));
    assertFalse(etag.matches(synthesised));
    assertThrows(IllegalStateException.class, etag::stamp);
  }

  @Test
  void gateNeverAdmitsMoreThanItsPermitsAndLosesNoCall() throws Exception {
    TenantGate gate = TenantGate.unshared("test", 2);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger done = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < 200; i++) {
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            gate.call(
                () -> {
                  assertTrue(gate.inFlight() <= 2);
                  Thread.yield();
                  return done.incrementAndGet();
                });
          });
    }
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(200, done.get());
    assertTrue(gate.peakInFlight() <= 2);
    assertEquals(0, gate.inFlight());
  }

  @Test
  void sharedGatesAreOnePerTenantAndRefuseAnotherSize() {
    TenantGate a = TenantGate.shared("netsuite", "shared-test-1", 3);
    assertTrue(a == TenantGate.shared("netsuite", "shared-test-1", 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TenantGate.shared("netsuite", "shared-test-1", 5));
    assertTrue(e.getMessage().contains("3 permits"));
  }

  @Test
  void credentialExpiryWarnsInsideTheWindowOnly() {
    Instant expires = Instant.parse("2027-01-01T00:00:00Z");
    CredentialExpiry expiry = new CredentialExpiry("NetSuite certificate kid=k1", expires);
    Clock far = Clock.fixed(Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC);
    Clock near = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
    Clock past = Clock.fixed(Instant.parse("2027-01-02T00:00:00Z"), ZoneOffset.UTC);
    assertTrue(expiry.warning(far, CredentialExpiry.DEFAULT_WARNING).isEmpty());
    assertTrue(
        expiry.warning(near, CredentialExpiry.DEFAULT_WARNING).orElseThrow().contains("12 days"));
    assertTrue(
        expiry.warning(past, CredentialExpiry.DEFAULT_WARNING).orElseThrow().contains("expired"));
  }
}
