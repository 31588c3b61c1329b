package dev.retailsync.ecommerce.shopify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A verified, de-duplicated webhook delivery handed to the host's {@link WebhookSink}.
 *
 * <p>Immutable and thread-safe: {@link #payload()} returns a copy. {@code toString()} shows the
 * delivery's identifiers only, never the body (it holds personal data).
 *
 * @param topic the topic, such as {@code orders/updated}
 * @param webhookId the delivery id ({@code X-Shopify-Webhook-Id}), the dedupe key
 * @param eventId the merchant action's id ({@code X-Shopify-Event-Id}), or {@code null}
 * @param shopDomain the shop, such as {@code acme.myshopify.com}, or {@code null} (Events family)
 * @param apiVersion the API version the payload was serialised with, or {@code null}
 * @param triggeredAt when Shopify triggered the delivery, or {@code null}
 * @param resourceId the resource's GraphQL id ({@code admin_graphql_api_id}, such as {@code
 *     gid://shopify/Order/820982911946154508}), or {@code null} when the payload has none
 * @param version the resource's {@code updated_at} in the payload, or {@code null}
 * @param receivedAt when the intake received the delivery
 * @param payload the parsed body (REST-shaped JSON: snake_case, numeric {@code id})
 */
public record WebhookEvent(
    String topic,
    String webhookId,
    String eventId,
    String shopDomain,
    String apiVersion,
    Instant triggeredAt,
    String resourceId,
    Instant version,
    Instant receivedAt,
    JsonNode payload) {

  // Keeps the event immutable: the sink gets its own copy of the tree.
  public WebhookEvent {
    payload = payload == null ? null : payload.deepCopy();
  }

  /**
   * Returns a copy of the parsed body.
   *
   * @return the payload
   */
  @Override
  public JsonNode payload() {
    return payload == null ? null : payload.deepCopy();
  }

  /**
   * Shows the identifiers; the body holds personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "WebhookEvent[topic="
        + topic
        + ", webhookId="
        + webhookId
        + ", eventId="
        + eventId
        + ", shopDomain="
        + shopDomain
        + ", resourceId="
        + resourceId
        + ", version="
        + version
        + ", <payload redacted>]";
  }
}
