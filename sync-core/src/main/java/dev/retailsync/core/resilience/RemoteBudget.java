package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;
import java.time.Instant;

/**
 * A remote system's budget as it reported it: how many calls (or cost units) are left of how many,
 * and when the budget resets.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param remaining what is left, zero or more
 * @param limit the whole budget of the window, at least 1
 * @param resetsAt when the window resets, never {@code null}
 */
public record RemoteBudget(long remaining, long limit, Instant resetsAt) {
  // Checks the components; see the class documentation for the rules.
  public RemoteBudget {
    if (limit < 1) {
      throw ValidationException.of("RemoteBudget", "limit", limit, "must be >= 1");
    }
    if (remaining < 0 || remaining > limit) {
      throw ValidationException.of(
          "RemoteBudget", "remaining", remaining, "must be between 0 and limit " + limit);
    }
    if (resetsAt == null) {
      throw ValidationException.of("RemoteBudget", "resetsAt", null, "is required");
    }
  }
}
