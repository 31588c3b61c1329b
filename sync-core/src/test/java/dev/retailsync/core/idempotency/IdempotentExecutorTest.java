package dev.retailsync.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.IdempotencyRecord;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.core.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Running a write at most once per idempotency key, with replay of the stored outcome. */
class IdempotentExecutorTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final IdempotencyKey KEY = IdempotencyKey.of("rs1:test-key");
  private static final String PAYLOAD = IdempotencyKeys.fingerprint("{\"order\":\"SO-1\"}");
  private static final ErrorContext CONTEXT =
      ErrorContext.of(SystemId.NETSUITE, "createSalesOrder");

  private final FakeClock clock = FakeClock.create();
  private final IdempotencyStore store = new InMemoryIdempotencyStore(clock);
  private final IdempotentExecutor executor = new IdempotentExecutor(store, LEASE, RETENTION);
  private final AtomicInteger calls = new AtomicInteger();

  private Supplier<String> counting(String outcome) {
    return () -> {
      calls.incrementAndGet();
      return outcome;
    };
  }

  private Supplier<String> throwing(RuntimeException e) {
    return () -> {
      calls.incrementAndGet();
      throw e;
    };
  }

  @Test
  void theFirstDeliveryRunsTheOperationAndStoresItsOutcome() {
    IdempotentExecutor.Execution first =
        executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001"));

    assertEquals(new IdempotentExecutor.Execution("SO-1001", false, false), first);
    assertEquals(1, calls.get());
    assertEquals("SO-1001", store.find(KEY).orElseThrow().outcome());
  }

  @Test
  void aRetriedDeliveryReturnsTheStoredOutcomeWithoutRunningAgain() {
    executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001"));

    clock.advance(Duration.ofHours(1));
    IdempotentExecutor.Execution retry =
        executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1002"));

    assertEquals(new IdempotentExecutor.Execution("SO-1001", true, false), retry);
    assertEquals(1, calls.get(), "the writer must be called once");
  }

  @Test
  void theSameKeyWithAnotherPayloadIsAConflictAndDoesNotRun() {
    executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001"));
    String otherPayload = IdempotencyKeys.fingerprint("{\"order\":\"SO-2\"}");

    IdempotencyConflictException e =
        assertThrows(
            IdempotencyConflictException.class,
            () -> executor.execute(KEY, otherPayload, CONTEXT, counting("SO-2002")));

    assertEquals(KEY, e.key());
    assertTrue(e.getMessage().contains(KEY.value()), e.getMessage());
    assertEquals(CONTEXT, e.context());
    assertEquals(1, calls.get());
  }

  @Test
  void whileAnotherWorkerHoldsTheLeaseTheCallerIsToldToRetry() {
    Claim other = store.claim(KEY, PAYLOAD, LEASE);
    assertEquals(Claim.Status.NEW, other.status());

    SyncException e =
        assertThrows(
            SyncException.class, () -> executor.execute(KEY, PAYLOAD, CONTEXT, counting("x")));

    assertTrue(e.isRetryable());
    assertFalse(e instanceof IdempotencyConflictException);
    assertTrue(e.getMessage().contains(KEY.value()), e.getMessage());
    assertEquals(0, calls.get());
  }

  @Test
  void aWorkerThatCrashedIsTakenOverOnceItsLeaseExpires() {
    store.claim(KEY, PAYLOAD, LEASE);
    clock.advance(LEASE.plusSeconds(1));

    IdempotentExecutor.Execution run = executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1"));

    assertEquals(new IdempotentExecutor.Execution("SO-1", false, false), run);
    assertEquals(1, calls.get());
  }

  @Test
  void aRetryableFailureIsStoredAndTheNextDeliveryRunsAgain() {
    SyncException unavailable = new SyncException("NetSuite returned 503", null, CONTEXT, true);

    SyncException thrown =
        assertThrows(
            SyncException.class,
            () -> executor.execute(KEY, PAYLOAD, CONTEXT, throwing(unavailable)));
    assertSame(unavailable, thrown);
    IdempotencyRecord stored = store.find(KEY).orElseThrow();
    assertEquals(IdempotencyRecord.State.FAILED, stored.state());
    assertTrue(stored.retryable());

    IdempotentExecutor.Execution retry =
        executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001"));

    assertEquals(new IdempotentExecutor.Execution("SO-1001", false, false), retry);
    assertEquals(2, calls.get());
  }

  @Test
  void anUnexpectedExceptionCountsAsRetryable() {
    IllegalStateException bug = new IllegalStateException("connector bug");

    assertSame(
        bug,
        assertThrows(
            IllegalStateException.class,
            () -> executor.execute(KEY, PAYLOAD, CONTEXT, throwing(bug))));

    assertEquals("SO-1001", executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001")).outcome());
    assertEquals(2, calls.get());
  }

  @Test
  void aPermanentFailureIsReplayedAsFailedWithoutRunningAgain() {
    SyncException rejected =
        new SyncException("NetSuite rejected the tax class", null, CONTEXT, false);
    assertThrows(
        SyncException.class, () -> executor.execute(KEY, PAYLOAD, CONTEXT, throwing(rejected)));

    IdempotentExecutor.Execution replay =
        executor.execute(KEY, PAYLOAD, CONTEXT, counting("SO-1001"));

    assertTrue(replay.replayed());
    assertTrue(replay.failed());
    assertTrue(replay.outcome().contains("NetSuite rejected the tax class"), replay.outcome());
    assertEquals(1, calls.get());
  }

  @Test
  void anOperationThatOutlivesItsLeaseIsNotRecordedAsDone() {
    Supplier<String> slow =
        () -> {
          calls.incrementAndGet();
          clock.advance(LEASE.plusSeconds(1));
          // Meanwhile another worker takes the expired lease over.
          assertTrue(store.claim(KEY, PAYLOAD, LEASE).takeover());
          return "late";
        };

    SyncException e =
        assertThrows(SyncException.class, () -> executor.execute(KEY, PAYLOAD, CONTEXT, slow));

    assertTrue(e.isRetryable());
    assertTrue(e.getMessage().contains("Lost the lease"), e.getMessage());
    IdempotencyRecord stored = store.find(KEY).orElseThrow();
    assertEquals(IdempotencyRecord.State.IN_PROGRESS, stored.state());
    assertEquals(null, stored.outcome());
  }
}
