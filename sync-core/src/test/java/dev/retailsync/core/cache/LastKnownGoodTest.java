package dev.retailsync.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.core.testing.FakeClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cached availability served, marked stale, while the inventory source is down. */
class LastKnownGoodTest {
  private final FakeClock clock = FakeClock.create();
  private RuntimeException down;
  private BigDecimal level = BigDecimal.TEN;

  private final LastKnownGood<String, BigDecimal> availability =
      LastKnownGood.create(
          sku -> {
            if (down != null) {
              throw down;
            }
            return level;
          },
          Duration.ofMinutes(5),
          clock);

  @Test
  void theLastKnownLevelIsServedStaleWhileTheSourceIsDown() {
    Instant t0 = clock.instant();
    assertEquals(new Served<>(BigDecimal.TEN, t0, false), availability.get("SKU-1"));

    down = new RemoteSystemException("HTTP 503", 503, null, null, ErrorContext.none(), true);
    clock.advance(Duration.ofMinutes(4));
    assertEquals(new Served<>(BigDecimal.TEN, t0, true), availability.get("SKU-1"));

    clock.advance(Duration.ofMinutes(1));
    assertSame(down, assertThrows(RemoteSystemException.class, () -> availability.get("SKU-1")));
  }

  @Test
  void aFreshAnswerReplacesTheKnownOne() {
    availability.get("SKU-1");
    level = BigDecimal.ONE;
    clock.advance(Duration.ofMinutes(1));
    assertEquals(BigDecimal.ONE, availability.get("SKU-1").value());
  }

  @Test
  void aNonRetryableFailureIsNeverHidden() {
    availability.get("SKU-1");
    down = new RemoteSystemException("HTTP 400", 400, "BAD", null, ErrorContext.none(), false);
    assertThrows(RemoteSystemException.class, () -> availability.get("SKU-1"));
  }

  @Test
  void nothingKnownMeansTheFailureIsThrown() {
    down = new RemoteSystemException("timeout", 0, "TIMEOUT", null, ErrorContext.none(), true);
    assertThrows(RemoteSystemException.class, () -> availability.get("SKU-2"));
  }

  @Test
  void anAvailabilityLookupKeepsAnsweringWithTheLastKnownPositionsWhileTheSourceIsDown() {
    Instant readAt = clock.instant();
    dev.retailsync.api.spi.AvailabilityLookup live =
        (skus, location) -> {
          if (down != null) {
            throw down;
          }
          return java.util.List.of(
              dev.retailsync.api.model.InventoryPosition.builder()
                  .sku(skus.get(0))
                  .location(location)
                  .available(level)
                  .asOf(clock.instant())
                  .build());
        };
    dev.retailsync.api.spi.AvailabilityLookup withFallback =
        LastKnownGood.availability(live, Duration.ofMinutes(5), clock);
    withFallback.availability(java.util.List.of("SKU-1"), "STORE-1");

    clock.advance(Duration.ofMinutes(2));
    down = new RemoteSystemException("ERP down", 503, null, null, ErrorContext.none(), true);
    var stale = withFallback.availability(java.util.List.of("SKU-1"), "STORE-1");
    assertEquals(readAt, stale.get(0).asOf(), "served positions keep the time they were read");
    clock.advance(Duration.ofMinutes(4));
    assertThrows(
        RemoteSystemException.class,
        () -> withFallback.availability(java.util.List.of("SKU-1"), "STORE-1"));
  }
}
