package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.testing.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link IdempotencyStore} has (STYLE.md rule 19), after Stripe's API and the
 * IETF {@code Idempotency-Key} draft: the in-memory store and the JDBC store extend this kit
 * unchanged. It uses only the public interface and moves time with a {@link FakeClock}; nothing
 * sleeps.
 */
public abstract class IdempotencyStoreKit {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final String PAYLOAD = "fp-payload-a";
  private static final String OTHER_PAYLOAD = "fp-payload-b";

  /** The clock the store measures leases and retention with; tests move it by hand. */
  private final FakeClock clock = FakeClock.create();

  /** The store under test; a new, empty one for every test. */
  protected IdempotencyStore store;

  private ExecutorService pool;
  private int keys;

  /** Creates the kit; subclasses supply the implementation through the factory method. */
  protected IdempotencyStoreKit() {}

  /**
   * Returns a new, empty store that reads the given clock (a JDBC implementation clears its tables
   * first and must take "now" from this clock, not from the database).
   *
   * @param clock the clock
   * @return the store
   */
  protected abstract IdempotencyStore newStore(Clock clock);

  @BeforeEach
  void createStore() {
    store = newStore(clock);
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private IdempotencyKey newKey() {
    return IdempotencyKey.of("kit-key-" + ++keys);
  }

  private Claim claimNew(IdempotencyKey key) {
    Claim claim = store.claim(key, PAYLOAD, LEASE);
    assertEquals(Claim.Status.NEW, claim.status(), () -> "first claim of " + key + ": " + claim);
    return claim;
  }

  @Test
  void theFirstClaimOfAKeyGoesAhead() {
    IdempotencyKey key = newKey();
    Instant now = clock.instant();

    Claim claim = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.NEW, claim.status());
    assertNotNull(claim.leaseToken());
    assertFalse(claim.takeover());
    IdempotencyRecord r = claim.record();
    assertEquals(key, r.key());
    assertEquals(PAYLOAD, r.fingerprint());
    assertEquals(IdempotencyRecord.State.IN_PROGRESS, r.state());
    assertEquals(claim.leaseToken(), r.leaseToken());
    assertEquals(now.plus(LEASE), r.leaseExpiresAt());
    assertNull(r.outcome());
    assertEquals(now, r.createdAt());
    assertEquals(Optional.of(r), store.find(key));
  }

  @Test
  void findsNothingForAnUnknownKey() {
    assertEquals(Optional.empty(), store.find(newKey()));
  }

  @Test
  void aRepeatWhileTheLeaseIsLiveIsInProgress() {
    IdempotencyKey key = newKey();
    claimNew(key);

    clock.advance(LEASE.minusMillis(1));
    Claim repeat = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.IN_PROGRESS, repeat.status());
    assertNull(repeat.leaseToken(), "only the holder may complete");
    assertFalse(repeat.takeover());
  }

  @Test
  void aRepeatAfterCompletionReplaysTheStoredOutcome() {
    IdempotencyKey key = newKey();
    Claim first = claimNew(key);
    assertTrue(store.complete(key, first.leaseToken(), "{\"id\":\"SO-1001\"}", RETENTION));

    clock.advance(Duration.ofHours(1));
    Claim repeat = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.COMPLETED, repeat.status());
    assertNull(repeat.leaseToken());
    assertEquals(IdempotencyRecord.State.SUCCEEDED, repeat.record().state());
    assertEquals("{\"id\":\"SO-1001\"}", repeat.record().outcome());
    assertEquals(
        "{\"id\":\"SO-1001\"}", store.find(key).map(IdempotencyRecord::outcome).orElseThrow());
  }

  @Test
  void aSecondCompletionDoesNotReplaceTheStoredOutcome() {
    IdempotencyKey key = newKey();
    Claim first = claimNew(key);
    assertTrue(store.complete(key, first.leaseToken(), "first", RETENTION));

    store.complete(key, first.leaseToken(), "second", RETENTION);

    assertEquals("first", store.claim(key, PAYLOAD, LEASE).record().outcome());
  }

  @Test
  void completingWithAWrongTokenOrAnUnknownKeyStoresNothing() {
    IdempotencyKey key = newKey();
    claimNew(key);

    assertFalse(store.complete(key, "not-the-token", "outcome", RETENTION));
    assertFalse(store.fail(key, "not-the-token", false, "reason", RETENTION));
    assertFalse(store.complete(newKey(), "any-token", "outcome", RETENTION));

    assertEquals(Claim.Status.IN_PROGRESS, store.claim(key, PAYLOAD, LEASE).status());
  }

  /** Ways to leave a key behind before a claim with another payload arrives. */
  static Stream<Arguments> keyStates() {
    Map<IdempotencyRecord.State, Consumer<KeyState>> setups =
        new EnumMap<>(IdempotencyRecord.State.class);
    setups.put(IdempotencyRecord.State.IN_PROGRESS, s -> {});
    setups.put(
        IdempotencyRecord.State.SUCCEEDED,
        s -> s.store.complete(s.key, s.claim.leaseToken(), "ok", RETENTION));
    setups.put(
        IdempotencyRecord.State.FAILED,
        s -> s.store.fail(s.key, s.claim.leaseToken(), false, "rejected", RETENTION));
    return setups.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** A claimed key, for the table of states above. */
  record KeyState(IdempotencyStore store, IdempotencyKey key, Claim claim) {}

  @ParameterizedTest(name = "key {0}")
  @MethodSource("keyStates")
  void theSameKeyWithAnotherPayloadIsAConflict(
      IdempotencyRecord.State state, Consumer<KeyState> setup) {
    IdempotencyKey key = newKey();
    setup.accept(new KeyState(store, key, claimNew(key)));

    Claim conflict = store.claim(key, OTHER_PAYLOAD, LEASE);

    assertEquals(Claim.Status.CONFLICT, conflict.status());
    assertNull(conflict.leaseToken());
    assertEquals(PAYLOAD, conflict.record().fingerprint(), "the first payload's entry is kept");
    assertEquals(state, store.find(key).orElseThrow().state());
    ErrorContext context = ErrorContext.of(SystemId.NETSUITE, "createSalesOrder");
    IdempotencyConflictException e =
        assertThrows(IdempotencyConflictException.class, () -> conflict.orThrowOnConflict(context));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(key.value()), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void aClaimThatIsNoConflictPassesThroughOrThrowOnConflict() {
    Claim claim = claimNew(newKey());

    assertSame(claim, claim.orThrowOnConflict(ErrorContext.none()));
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheOldHolderCanNoLongerFinish() {
    IdempotencyKey key = newKey();
    Claim crashed = claimNew(key);

    clock.advance(LEASE.plusMillis(1));
    Claim takeover = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.NEW, takeover.status());
    assertTrue(takeover.takeover());
    assertNotEquals(crashed.leaseToken(), takeover.leaseToken());
    assertEquals(clock.instant().plus(LEASE), takeover.record().leaseExpiresAt());
    assertFalse(store.complete(key, crashed.leaseToken(), "late outcome", RETENTION));
    assertFalse(store.fail(key, crashed.leaseToken(), false, "late failure", RETENTION));
    assertEquals(Claim.Status.IN_PROGRESS, store.claim(key, PAYLOAD, LEASE).status());

    assertTrue(store.complete(key, takeover.leaseToken(), "new holder's outcome", RETENTION));
    assertEquals("new holder's outcome", store.claim(key, PAYLOAD, LEASE).record().outcome());
  }

  @Test
  void expiringLeasesLetsTheNextClaimTakeOverAtOnceAndLeavesFinishedEntriesAlone() {
    IdempotencyKey crashedKey = newKey();
    Claim crashed = claimNew(crashedKey);
    IdempotencyKey doneKey = newKey();
    assertTrue(store.complete(doneKey, claimNew(doneKey).leaseToken(), "done", RETENTION));

    assertEquals(1, store.expireLeases());
    Claim takeover = store.claim(crashedKey, PAYLOAD, LEASE);

    assertEquals(Claim.Status.NEW, takeover.status());
    assertTrue(takeover.takeover());
    assertFalse(store.complete(crashedKey, crashed.leaseToken(), "late outcome", RETENTION));
    assertEquals(Claim.Status.COMPLETED, store.claim(doneKey, PAYLOAD, LEASE).status());
    assertEquals("done", store.claim(doneKey, PAYLOAD, LEASE).record().outcome());
    assertEquals(1, store.expireLeases(), "only the new holder's live lease is left to end");
  }

  @Test
  void aRetryableFailureLetsTheNextClaimGoAhead() {
    IdempotencyKey key = newKey();
    Claim first = claimNew(key);
    assertTrue(store.fail(key, first.leaseToken(), true, "503 from NetSuite", RETENTION));

    Claim retry = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.NEW, retry.status());
    assertNotNull(retry.leaseToken());
    assertNotEquals(first.leaseToken(), retry.leaseToken());
    assertEquals(Claim.Status.IN_PROGRESS, store.claim(key, PAYLOAD, LEASE).status());
    assertTrue(store.complete(key, retry.leaseToken(), "ok on retry", RETENTION));
  }

  @Test
  void aPermanentFailureIsReplayedAsTheOutcome() {
    IdempotencyKey key = newKey();
    Claim first = claimNew(key);
    assertTrue(store.fail(key, first.leaseToken(), false, "400 invalid tax class", RETENTION));

    Claim repeat = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.COMPLETED, repeat.status());
    assertEquals(IdempotencyRecord.State.FAILED, repeat.record().state());
    assertFalse(repeat.record().retryable());
    assertEquals("400 invalid tax class", repeat.record().outcome());
  }

  @Test
  void afterRetentionAnEntryIsGoneAndTheKeyStartsAfresh() {
    IdempotencyKey expiring = newKey();
    IdempotencyKey kept = newKey();
    assertTrue(store.complete(expiring, claimNew(expiring).leaseToken(), "old", RETENTION));
    assertTrue(
        store.complete(kept, claimNew(kept).leaseToken(), "kept", RETENTION.plus(RETENTION)));

    clock.advance(RETENTION.minusMillis(1));
    assertTrue(store.find(expiring).isPresent(), "kept until retention passes");
    assertEquals(0, store.purgeExpired());

    clock.advance(Duration.ofMillis(2));
    assertEquals(Optional.empty(), store.find(expiring));
    assertEquals(1, store.purgeExpired());
    assertEquals(0, store.purgeExpired());
    assertEquals("kept", store.find(kept).orElseThrow().outcome());

    Claim fresh = store.claim(expiring, OTHER_PAYLOAD, LEASE);
    assertEquals(Claim.Status.NEW, fresh.status(), "an expired key is a new key, any payload");
    assertFalse(fresh.takeover());
    assertEquals(clock.instant(), fresh.record().createdAt());
  }

  @Test
  void anExpiredEntryThatWasNotPurgedIsAlsoANewKey() {
    IdempotencyKey key = newKey();
    assertTrue(store.complete(key, claimNew(key).leaseToken(), "old", RETENTION));

    clock.advance(RETENTION.plusSeconds(1));
    Claim fresh = store.claim(key, PAYLOAD, LEASE);

    assertEquals(Claim.Status.NEW, fresh.status());
    assertNull(fresh.record().outcome(), "the expired outcome must not leak into the new entry");
  }

  @Test
  void entriesInProgressAreNeverPurged() {
    IdempotencyKey key = newKey();
    claimNew(key);

    clock.advance(RETENTION.multipliedBy(10));

    assertEquals(0, store.purgeExpired());
    assertEquals(IdempotencyRecord.State.IN_PROGRESS, store.find(key).orElseThrow().state());
  }

  @Test
  void ofEightConcurrentClaimsOfAFreshKeyExactlyOneGoesAhead() throws Exception {
    int threads = 8;
    int rounds = 200;
    pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);

    for (int round = 0; round < rounds; round++) {
      IdempotencyKey key = IdempotencyKey.of("kit-race-" + round);
      List<Future<Claim>> claims = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        claims.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return store.claim(key, PAYLOAD, LEASE);
                }));
      }
      Map<Claim.Status, Integer> counts = new EnumMap<>(Claim.Status.class);
      for (Future<Claim> f : claims) {
        counts.merge(f.get(10, TimeUnit.SECONDS).status(), 1, Integer::sum);
      }

      assertEquals(
          Map.of(Claim.Status.NEW, 1, Claim.Status.IN_PROGRESS, threads - 1),
          counts,
          "round " + round);
    }
  }
}
