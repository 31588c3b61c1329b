package dev.retailsync.core.engine;

import dev.retailsync.core.resilience.RateLimitSettings;
import dev.retailsync.core.resilience.RemoteBudget;
import java.time.Duration;
import java.time.Instant;

/**
 * A rate limiter fed by the remote system's own budget. Failsafe's limiter has a fixed rate and
 * reads {@code System.nanoTime}; this one changes its pace with every budget report and reads the
 * engine's clock, so tests drive it with a fake clock.
 *
 * <p>Per call it grants a start time: no earlier than the ceiling of calls per second allows, and,
 * once the remote budget (minus the host's reserve) falls below half of the window's budget, paced
 * so that what is left lasts until the window resets; with nothing left but the reserve, the next
 * call waits for the reset. Thread-safe.
 */
final class AdaptiveRateLimiter {
  private final double maxCallsPerSecond;
  private final double reserve;
  private Instant nextFree = Instant.MIN;
  private Instant budgetNext = Instant.MIN;
  private RemoteBudget budget;
  private long usedSinceReport;

  AdaptiveRateLimiter(RateLimitSettings settings) {
    this.maxCallsPerSecond = settings.maxCallsPerSecond();
    this.reserve = settings.reserve();
  }

  synchronized void onBudget(RemoteBudget report) {
    this.budget = report;
    this.usedSinceReport = 0;
  }

  /** Reserves a call: returns how long to wait before making it. */
  synchronized Duration reserve(Instant now) {
    Instant at = now;
    if (Double.isFinite(maxCallsPerSecond)) {
      Instant t = later(now, nextFree);
      nextFree = t.plusNanos((long) (1_000_000_000L / maxCallsPerSecond));
      at = t;
    }
    if (budget != null) {
      if (!at.isBefore(budget.resetsAt())) {
        budget = null;
      } else {
        long keep = (long) Math.ceil(reserve * budget.limit());
        long usable = budget.remaining() - keep - usedSinceReport;
        if (usable <= 0) {
          at = budget.resetsAt();
          budget = null;
        } else if (usable * 2 < budget.limit()) {
          long interval = Duration.between(at, budget.resetsAt()).toNanos() / usable;
          Instant t = later(at, budgetNext);
          budgetNext = t.plusNanos(interval);
          at = t;
        }
        usedSinceReport++;
      }
    }
    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
