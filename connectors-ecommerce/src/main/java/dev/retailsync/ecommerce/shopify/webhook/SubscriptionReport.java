package dev.retailsync.ecommerce.shopify.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link SubscriptionMonitor#check()}.
 *
 * @param checkedAt when the check ran
 * @param healthy the topics whose subscription was in place
 * @param recreated the topics that were missing and were re-created, each with its gap to backfill
 * @param failed the topics that were missing and could not be re-created, with the reason; their
 *     gap stays open and the next check tries again
 */
public record SubscriptionReport(
    Instant checkedAt,
    List<String> healthy,
    List<SubscriptionGap> recreated,
    Map<String, String> failed) {

  // Defensive copies keep the report immutable.
  public SubscriptionReport {
    healthy = List.copyOf(healthy);
    recreated = List.copyOf(recreated);
    failed = Map.copyOf(failed);
  }

  /**
   * Returns whether every wanted subscription was in place.
   *
   * @return {@code true} when nothing was missing
   */
  public boolean allHealthy() {
    return recreated.isEmpty() && failed.isEmpty();
  }
}
