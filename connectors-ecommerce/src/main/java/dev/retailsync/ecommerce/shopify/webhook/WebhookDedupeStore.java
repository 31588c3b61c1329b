package dev.retailsync.ecommerce.shopify.webhook;

import java.time.Instant;

/**
 * Remembers the webhook ids the intake has taken, for at least Shopify's retry window (eight
 * retries over four hours), so a retried or doubly-subscribed delivery is recognised. The default
 * is {@link InMemoryWebhookDedupeStore}; a host with several instances behind one endpoint plugs in
 * a shared store (a database table keyed by the id with an expiry column).
 *
 * <p>Implementations must be thread-safe and {@link #claim} atomic.
 */
public interface WebhookDedupeStore {

  /**
   * Claims a webhook id unless a live claim exists.
   *
   * @param webhookId the delivery id
   * @param now the current time
   * @param expiresAt until when the claim holds
   * @return {@code true} if the id was not claimed (or its claim had expired) and now is
   */
  boolean claim(String webhookId, Instant now, Instant expiresAt);

  /**
   * Releases a claim, so a redelivery is taken again; the intake calls it when the sink could not
   * queue the event.
   *
   * @param webhookId the delivery id
   */
  void release(String webhookId);
}
