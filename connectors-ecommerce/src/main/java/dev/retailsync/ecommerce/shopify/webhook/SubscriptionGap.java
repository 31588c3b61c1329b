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
public record SubscriptionGap(String topic, Instant from, Instant to, String subscriptionId) {}
