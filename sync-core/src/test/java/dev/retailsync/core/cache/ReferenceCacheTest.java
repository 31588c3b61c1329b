package dev.retailsync.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.core.testing.FakeClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reference data with TTL and refresh; credit status never served past its short TTL. */
class ReferenceCacheTest {
  private final FakeClock clock = FakeClock.create();

  @Test
  void referenceDataIsRefreshedInTheBackgroundAndExpiresAfterItsTtl() {
    AtomicInteger loads = new AtomicInteger();
    ReferenceCache<String, String> taxCategories =
        ReferenceCache.create(
            CacheSettings.builder()
                .ttl(Duration.ofHours(1))
                .refreshAfter(Duration.ofMinutes(15))
                .build(),
            key -> key + "#" + loads.incrementAndGet(),
            clock,
            Runnable::run);

    assertEquals("STANDARD#1", taxCategories.get("STANDARD"));
    clock.advance(Duration.ofMinutes(14));
    assertEquals("STANDARD#1", taxCategories.get("STANDARD"), "fresh: served from the cache");
    clock.advance(Duration.ofMinutes(2));
    taxCategories.get("STANDARD"); // past refreshAfter: triggers the refresh
    assertEquals("STANDARD#2", taxCategories.get("STANDARD"), "refreshed");
    assertEquals(2, loads.get());
  }

  @Test
  void withoutRefreshAnEntryIsLoadedAgainAfterItsTtl() {
    AtomicInteger loads = new AtomicInteger();
    ReferenceCache<String, Integer> cache =
        ReferenceCache.create(
            CacheSettings.builder().ttl(Duration.ofMinutes(10)).refreshAfter(null).build(),
            key -> loads.incrementAndGet(),
            clock,
            Runnable::run);
    cache.get("k");
    clock.advance(Duration.ofMinutes(10));

    assertEquals(Optional.empty(), cache.getIfPresent("k"));
    assertEquals(2, cache.get("k"));
  }

  @Test
  void creditStatusIsNeverServedPastItsShortTtl() {
    CreditStatus[] erp = {CreditStatus.APPROVED};
    AtomicInteger lookups = new AtomicInteger();
    ReferenceCache<String, CreditStatus> credit =
        ReferenceCache.create(
            CacheSettings.volatileData(Duration.ofSeconds(30)),
            account -> {
              lookups.incrementAndGet();
              return erp[0];
            },
            clock,
            Runnable::run);

    assertEquals(CreditStatus.APPROVED, credit.get("B-2002"));
    erp[0] = CreditStatus.ON_HOLD;
    clock.advance(Duration.ofSeconds(29));
    assertEquals(CreditStatus.APPROVED, credit.get("B-2002"), "within the 30 s TTL");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(CreditStatus.ON_HOLD, credit.get("B-2002"), "never past it");
    assertEquals(2, lookups.get());
  }

  @Test
  void volatileDataRefusesALongTtl() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> CacheSettings.volatileData(Duration.ofMinutes(10)));
    assertEquals("ttl", e.errors().get(0).path());
  }
}
