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
}
