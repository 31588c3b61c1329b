package dev.retailsync.ecommerce.shopify.webhook;

import java.time.Instant;

/**
 * A window in which a topic's subscription was missing, so its deliveries may be lost: backfill the
 * topic's resources updated in {@code [from, to]} (for orders, an {@code updated_at} query or a
 * bulk export over that range).
 *
 * @param topic the REST topic, such as {@code orders/updated}
 * @param from the last time the subscription was known to be healthy (seen by a check, or a
 *     delivery taken), or when monitoring started if it never was
 * @param to when the subscription was re-created
 * @param subscriptionId the re-created subscription's id, or {@code null} when re-creating failed
 */
public record SubscriptionGap(String topic, Instant from, Instant to, String subscriptionId) {

  /**
   * Returns the Shopify search filter for the resources that may have changed during the gap, for a
   * backfill with an {@code updated_at} query or a bulk export; one second of overlap on each side,
   * since {@code updated_at} has second precision.
   *
   * @return such as {@code updated_at:>='2026-10-01T00:19:59Z' AND
   *     updated_at:<='2026-10-01T01:00:01Z'}
   */
  public String searchQuery() {
    return "updated_at:>='"
        + from.minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "' AND updated_at:<='"
        + to.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "'";
  }
}
