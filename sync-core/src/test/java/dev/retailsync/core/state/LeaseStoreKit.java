package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.spi.Cursor;
import dev.retailsync.core.testing.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LeaseStore} has, with the {@link CursorStore} that checks its leases
 * (STYLE.md rule 19): the in-memory and the JDBC stores extend this kit unchanged. Time moves on a
 * {@link FakeClock}.
 */
public abstract class LeaseStoreKit {
  private static final Duration TTL = Duration.ofSeconds(30);

  /**
   * A lease store and the cursor store whose fenced saves check it.
   *
   * @param leases the lease store
   * @param cursors the cursor store
   */
  protected record Stores(LeaseStore leases, CursorStore cursors) {}

  private FakeClock clock;
  private LeaseStore leases;
  private CursorStore cursors;

  /** Creates the kit. */
  protected LeaseStoreKit() {}

  /**
   * Returns new, empty stores on one clock.
   *
   * @param clock the clock
   * @return the stores
   */
  protected abstract Stores newStores(Clock clock);

  @BeforeEach
  void createStores() {
    clock = FakeClock.create();
    Stores s = newStores(clock);
    leases = s.leases();
    cursors = s.cursors();
  }

  @Test
  void aFreeLeaseIsAcquiredUntilItsTimeToLiveEnds() {
    Lease l = leases.acquire("accounts", "a", TTL).orElseThrow();

    assertEquals("a", l.holder());
    assertEquals(clock.instant().plus(TTL), l.expiresAt());
    assertEquals(Optional.of(l), leases.current("accounts"));
    assertTrue(leases.holds(l));
  }

  @Test
  void aHeldLeaseIsNotAcquiredByAnotherHolder() {
    leases.acquire("accounts", "a", TTL).orElseThrow();

    assertEquals(Optional.empty(), leases.acquire("accounts", "b", TTL));
    assertEquals("a", leases.current("accounts").orElseThrow().holder());
  }

  @Test
  void leasesOfOtherNamesAreSeparate() {
    leases.acquire("accounts", "a", TTL).orElseThrow();

    assertEquals("b", leases.acquire("orders", "b", TTL).orElseThrow().holder());
  }

  @Test
  void theHolderAcquiringAgainKeepsItsTokenAndExtends() {
    Lease first = leases.acquire("accounts", "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(10));

    Lease again = leases.acquire("accounts", "a", TTL).orElseThrow();

    assertEquals(first.token(), again.token());
    assertEquals(clock.instant().plus(TTL), again.expiresAt());
  }

  @Test
  void renewingExtendsAHeldLease() {
    Lease l = leases.acquire("accounts", "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    Lease renewed = leases.renew(l, TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    assertEquals(l.token(), renewed.token());
    assertTrue(leases.holds(renewed));
    assertEquals(Optional.empty(), leases.acquire("accounts", "b", TTL));
  }

  @Test
  void anotherHolderTakesOverAfterExpiryWithAHigherToken() {
    Lease old = leases.acquire("accounts", "a", TTL).orElseThrow();
    clock.advance(TTL);

    assertEquals(Optional.empty(), leases.current("accounts"));
    Lease taken = leases.acquire("accounts", "b", TTL).orElseThrow();

    assertTrue(taken.token() > old.token());
    assertFalse(leases.holds(old));
    assertEquals(Optional.empty(), leases.renew(old, TTL));
    assertFalse(leases.release(old));
    assertTrue(leases.holds(taken));
  }

  @Test
  void anExpiredLeaseCannotBeRenewed() {
    Lease l = leases.acquire("accounts", "a", TTL).orElseThrow();
    clock.advance(TTL.plusMillis(1));

    assertEquals(Optional.empty(), leases.renew(l, TTL));
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndTokensNeverRepeat() {
    Lease first = leases.acquire("accounts", "a", TTL).orElseThrow();
    assertTrue(leases.release(first));
    assertFalse(leases.holds(first));

    Lease second = leases.acquire("accounts", "b", TTL).orElseThrow();
    assertTrue(leases.release(second));
    Lease third = leases.acquire("accounts", "a", TTL).orElseThrow();

    assertTrue(first.token() < second.token() && second.token() < third.token());
  }

  @Test
  void aTimeToLiveMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> leases.acquire("x", "a", Duration.ZERO));
  }

  @Test
  void ofHoldersRacingForAFreeLeaseExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<Lease>>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String holder = "instance-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return leases.acquire("accounts", holder, TTL);
                }));
      }
      start.countDown();
      List<Lease> won = new ArrayList<>();
      for (Future<Optional<Lease>> f : results) {
        f.get().ifPresent(won::add);
      }
      assertEquals(1, won.size(), won.toString());
      assertEquals(Optional.of(won.get(0)), leases.current("accounts"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theHolderAdvancesTheCursor() {
    Lease l = leases.acquire("accounts", "a", TTL).orElseThrow();

    assertTrue(cursors.save("accounts", Cursor.of("10"), l));

    assertEquals(Optional.of(Cursor.of("10")), cursors.load("accounts"));
  }

  @Test
  void aHolderThatLostItsLeaseCannotAdvanceTheCursor() {
    Lease old = leases.acquire("accounts", "a", TTL).orElseThrow();
    assertTrue(cursors.save("accounts", Cursor.of("10"), old));
    clock.advance(TTL);
    Lease taken = leases.acquire("accounts", "b", TTL).orElseThrow();

    assertFalse(cursors.save("accounts", Cursor.of("20"), old));
    assertEquals(Optional.of(Cursor.of("10")), cursors.load("accounts"));
    assertTrue(cursors.save("accounts", Cursor.of("15"), taken));
    assertEquals(Optional.of(Cursor.of("15")), cursors.load("accounts"));
  }

  @Test
  void anExpiredOrReleasedLeaseCannotAdvanceTheCursor() {
    Lease l = leases.acquire("accounts", "a", TTL).orElseThrow();
    clock.advance(TTL);
    assertFalse(cursors.save("accounts", Cursor.of("10"), l));

    Lease again = leases.acquire("accounts", "a", TTL).orElseThrow();
    leases.release(again);
    assertFalse(cursors.save("accounts", Cursor.of("10"), again));

    assertEquals(Optional.empty(), cursors.load("accounts"));
  }

  @Test
  void aForgedOlderTokenCannotAdvanceTheCursor() {
    leases.acquire("accounts", "a", TTL).orElseThrow();
    leases.release(leases.current("accounts").orElseThrow());
    Lease now = leases.acquire("accounts", "a", TTL).orElseThrow();
    assertTrue(cursors.save("accounts", Cursor.of("10"), now));

    Lease forged = new Lease("accounts", "a", now.token() - 1, now.expiresAt());

    assertFalse(cursors.save("accounts", Cursor.of("20"), forged));
    assertEquals(Optional.of(Cursor.of("10")), cursors.load("accounts"));
  }
}
