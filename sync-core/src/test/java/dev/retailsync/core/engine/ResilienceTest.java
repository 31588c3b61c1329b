package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.CRM;
import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.resilience.CircuitBreakerSettings;
import dev.retailsync.core.resilience.RateLimitSettings;
import dev.retailsync.core.resilience.RemoteBudget;
import dev.retailsync.core.resilience.ResilienceSettings;
import dev.retailsync.core.resilience.RetrySettings;
import dev.retailsync.core.testing.FakeClock;
import dev.retailsync.core.testing.FakeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry, Retry-After, circuit breaker, timeouts and the adaptive rate limiter, on fake time. */
class ResilienceTest {
  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void a429WithRetryAfterSevenSecondsWaitsSevenSecondsOfFakeTimeAndNotLess() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(1, () -> ScriptedConnector.tooManyRequests(Duration.ofSeconds(7)));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      Instant before = fx.clock.instant();
      RunReport report = engine.runOnce();

      assertEquals(List.of(Duration.ofSeconds(7)), fx.scheduler.sleeps());
      assertEquals(Duration.ofSeconds(7), Duration.between(before, fx.clock.instant()));
      assertEquals(1, fx.crm.written().size());
      assertEquals(1, report.counts(CRM, "account").retried());
    }
  }

  @Test
  void aRetryAfterLongerThanAllowedDeadLettersInsteadOfWaiting() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(1, () -> ScriptedConnector.tooManyRequests(Duration.ofHours(1)));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();

      assertEquals(List.of(), fx.scheduler.sleeps());
      DeadLetter l = engine.deadLetters().list(DeadLetterFilter.all()).get(0);
      assertEquals(FailureReason.RETRIES_EXHAUSTED, l.reason());
      assertEquals(CRM, l.target());
    }
  }

  @Test
  void serverErrorsAndTimeoutsAreRetriedWithFullJitterBelowTheExponentialCeiling() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(1, ScriptedConnector::serverError);
    fx.crm.failCalls(1, ScriptedConnector::timeout);
    fx.crm.failCalls(1, ScriptedConnector::serverError);
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();

      List<Duration> sleeps = fx.scheduler.sleeps();
      assertEquals(3, sleeps.size());
      Random same = new Random(42);
      for (int i = 0; i < 3; i++) {
        Duration ceiling = Duration.ofSeconds(1L << i);
        assertTrue(sleeps.get(i).compareTo(ceiling) <= 0, sleeps.toString());
        assertEquals((long) (same.nextDouble() * ceiling.toNanos()), sleeps.get(i).toNanos());
      }
      assertEquals(1, fx.crm.written().size());
    }
  }

  @Test
  void exhaustedRetriesDeadLetterTheRecordWithTheLastFailure() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(10, ScriptedConnector::serverError);
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      RunReport report = engine.runOnce();

      assertEquals(4, fx.crm.calls(), "maxAttempts");
      DeadLetter l = engine.deadLetters().list(DeadLetterFilter.all()).get(0);
      assertEquals(FailureReason.RETRIES_EXHAUSTED, l.reason());
      assertTrue(l.message().contains("503"), l.message());
      assertEquals(1, report.counts(CRM, "account").deadLettered());
      assertEquals(0, report.counts(CRM, "account").pending());
      assertTrue(engine.cursors().load("accounts").isPresent(), "dead-lettered counts as done");
    }
  }

  @Test
  void aNonRetryableFailureIsNotRetried() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(1, ScriptedConnector::badRequest);
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();

      assertEquals(1, fx.crm.calls());
      assertEquals(
          FailureReason.REMOTE_REJECTION,
          engine.deadLetters().list(DeadLetterFilter.all()).get(0).reason());
    }
  }

  @Test
  void aPartialBatchFailureRetriesOnlyTheFailedRecordsWithTheSameIdempotencyKey() {
    fx.erp.publish(
        List.of(
            fx.change(ERP, "A-1", account("A-1", "Acme GmbH")),
            fx.change(ERP, "A-2", account("A-2", "Beta AG")),
            fx.change(ERP, "A-3", account("A-3", "Gamma KG"))));
    AtomicInteger n = new AtomicInteger();
    List<WriteRequest<Account>> failed = new java.util.ArrayList<>();
    fx.crm.nextRecord(r -> WriteOutcome.created(r.key(), null, null));
    fx.crm.nextRecord(
        r -> {
          failed.add(r);
          n.incrementAndGet();
          return WriteOutcome.retryable(r.key(), "UNABLE_TO_LOCK_ROW", "row locked", null);
        });
    fx.crm.nextRecord(r -> WriteOutcome.rejected(r.key(), "INVALID", "refused", List.of()));
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).deliveryParallelism(1).build()) {
      engine.runOnce();

      List<WriteRequest<Account>> retried = fx.crm.written();
      assertEquals(1, retried.size(), "only the retryable record is sent again");
      assertEquals(failed.get(0).key(), retried.get(0).key());
      assertEquals(failed.get(0).idempotencyKey(), retried.get(0).idempotencyKey());
      assertEquals(
          List.of(FailureReason.REMOTE_REJECTION),
          engine.deadLetters().list(DeadLetterFilter.all()).stream()
              .map(DeadLetter::reason)
              .toList());
    }
  }

  @Test
  void aBreakerOpensAfterTheConfiguredFailuresAndHalfOpensLater() {
    FakeClock clock = FakeClock.create();
    ConnectorGuard guard =
        new ConnectorGuard(
            SystemId.of("erp"),
            ResilienceSettings.builder()
                .circuitBreaker(
                    CircuitBreakerSettings.builder()
                        .failureThreshold(3)
                        .delay(Duration.ofSeconds(30))
                        .build())
                .build(),
            clock,
            new Random(1),
            new FakeScheduler(clock));
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThrows(
          RemoteSystemException.class,
          () ->
              guard.call(
                  "upsert",
                  null,
                  () -> {
                    calls.incrementAndGet();
                    throw ScriptedConnector.serverError();
                  }));
    }
    RemoteSystemException open =
        assertThrows(
            RemoteSystemException.class,
            () -> guard.call("upsert", null, () -> calls.incrementAndGet()));
    assertEquals(Optional.of("CIRCUIT_OPEN"), open.errorCode());
    assertEquals(3, calls.get(), "an open circuit does not reach the system");

    clock.advance(Duration.ofSeconds(29));
    assertTrue(guard.isOpen());
    clock.advance(Duration.ofSeconds(1));
    assertFalse(guard.isOpen(), "half-open after the delay on the engine's clock");
    assertEquals(4, (int) guard.call("upsert", null, calls::incrementAndGet));
    assertFalse(guard.isOpen(), "a successful trial closes it");
  }

  @Test
  void aFailureThatSaysNothingAboutTheSystemsHealthDoesNotOpenTheBreaker() {
    FakeClock clock = FakeClock.create();
    ConnectorGuard guard =
        new ConnectorGuard(
            SystemId.of("erp"),
            ResilienceSettings.builder()
                .circuitBreaker(CircuitBreakerSettings.builder().failureThreshold(1).build())
                .build(),
            clock,
            new Random(1),
            new FakeScheduler(clock));
    assertThrows(
        RemoteSystemException.class,
        () ->
            guard.call(
                "upsert",
                null,
                () -> {
                  throw ScriptedConnector.badRequest();
                }));
    assertFalse(guard.isOpen());
  }

  @Test
  void theAdaptiveLimiterSlowsBeforeThePlatformRefusesAndKeepsTheHostsReserve() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    AdaptiveRateLimiter limiter =
        new AdaptiveRateLimiter(RateLimitSettings.builder().reserve(0.1).build());
    assertEquals(Duration.ZERO, limiter.reserve(t0), "no report yet: no wait");

    limiter.onBudget(new RemoteBudget(900, 1000, t0.plusSeconds(60)));
    assertEquals(Duration.ZERO, limiter.reserve(t0), "plenty left: full speed");

    limiter.onBudget(new RemoteBudget(150, 1000, t0.plusSeconds(50)));
    assertEquals(Duration.ZERO, limiter.reserve(t0), "the first call goes at once");
    assertEquals(Duration.ofSeconds(1), limiter.reserve(t0), "50 usable calls over 50 s");

    limiter.onBudget(new RemoteBudget(100, 1000, t0.plusSeconds(40)));
    assertEquals(
        Duration.ofSeconds(40), limiter.reserve(t0), "only the reserve is left: wait for reset");
  }

  @Test
  void aCeilingOfCallsPerSecondSpacesCalls() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    AdaptiveRateLimiter limiter =
        new AdaptiveRateLimiter(RateLimitSettings.builder().maxCallsPerSecond(4).build());
    assertEquals(Duration.ZERO, limiter.reserve(t0));
    assertEquals(Duration.ofMillis(250), limiter.reserve(t0));
    assertEquals(Duration.ofMillis(500), limiter.reserve(t0));
  }

  @Test
  void budgetReportsReachTheLimiterThroughTheEnginesListener() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    ResilienceSettings keepTenPercent =
        EngineFixtures.resilience().toBuilder()
            .rateLimit(RateLimitSettings.builder().reserve(0.1).build())
            .build();
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).resilience(CRM, keepTenPercent).build()) {
      engine
          .budgetListener()
          .onBudget(CRM, new RemoteBudget(5, 100, fx.clock.instant().plusSeconds(20)));
      engine.runOnce();

      assertEquals(List.of(Duration.ofSeconds(20)), fx.scheduler.sleeps());
      assertEquals(1, fx.crm.written().size());
    }
  }

  @Test
  void retryAfterParsesSecondsAndHttpDates() {
    FakeClock clock = FakeClock.at(Instant.parse("2015-10-21T07:27:53Z"));
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", clock));
    assertEquals(
        Optional.of(Duration.ofSeconds(7)),
        RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", clock));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", clock));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
    assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
  }

  @Test
  void settingsRefuseNonsenseAndNameTheSetting() {
    dev.retailsync.api.ValidationException e =
        assertThrows(
            dev.retailsync.api.ValidationException.class,
            () -> RetrySettings.builder().maxAttempts(0).build());
    assertEquals("maxAttempts", e.errors().get(0).path());
    assertThrows(
        dev.retailsync.api.ValidationException.class,
        () -> RateLimitSettings.builder().reserve(1.0).build());
    assertEquals(
        Duration.ofSeconds(8),
        RetrySettings.builder()
            .baseDelay(Duration.ofSeconds(1))
            .maxDelay(Duration.ofSeconds(8))
            .build()
            .backoffCeiling(10));
  }

  @Test
  void anOpenCircuitStopsCallsToTheTargetDuringDelivery() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.crm.failCalls(10, ScriptedConnector::serverError);
    ResilienceSettings twoStrikes =
        EngineFixtures.resilience().toBuilder()
            .circuitBreaker(CircuitBreakerSettings.builder().failureThreshold(2).build())
            .build();
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).resilience(CRM, twoStrikes).build()) {
      engine.runOnce();

      assertEquals(2, fx.crm.calls(), "attempts 3 and 4 failed fast on the open circuit");
      DeadLetter l = engine.deadLetters().list(DeadLetterFilter.all()).get(0);
      assertEquals(FailureReason.RETRIES_EXHAUSTED, l.reason());
      assertTrue(l.message().contains("circuit"), l.message());
    }
  }
}
