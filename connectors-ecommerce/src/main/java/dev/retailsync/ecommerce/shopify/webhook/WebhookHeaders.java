package dev.retailsync.ecommerce.shopify.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery headers Shopify sends with a webhook, in both families: the classic {@code
 * X-Shopify-*} names and the newer Events names without the {@code X-} prefix ({@code shopify-*}).
 * Names are matched case-insensitively (HTTP/2 lower-cases them).
 *
 * <p>A lookup of the request's headers; servlet hosts pass {@code request::getHeader}, others
 * {@link #of(Map)}.
 */
@FunctionalInterface
public interface WebhookHeaders {

  /** {@code X-Shopify-Hmac-Sha256}: base64 HMAC-SHA256 of the raw body. */
  String HMAC = "X-Shopify-Hmac-Sha256";

  /** {@code X-Shopify-Topic}, such as {@code orders/updated}. */
  String TOPIC = "X-Shopify-Topic";

  /** {@code X-Shopify-Shop-Domain}: {@code {shop}.myshopify.com}. */
  String SHOP_DOMAIN = "X-Shopify-Shop-Domain";

  /** {@code X-Shopify-API-Version}: the version the payload was serialised with. */
  String API_VERSION = "X-Shopify-API-Version";

  /** {@code X-Shopify-Webhook-Id}: unique per delivery, the same on its retries; the dedupe key. */
  String WEBHOOK_ID = "X-Shopify-Webhook-Id";

  /** {@code X-Shopify-Event-Id}: shared by every delivery one merchant action caused. */
  String EVENT_ID = "X-Shopify-Event-Id";

  /** {@code X-Shopify-Triggered-At}: when Shopify triggered the delivery. */
  String TRIGGERED_AT = "X-Shopify-Triggered-At";

  /** {@code X-Shopify-Name}: the optional subscription name. */
  String NAME = "X-Shopify-Name";

  /** {@code shopify-resource-id}: the resource an Events delivery is about (Events family only). */
  String EVENTS_RESOURCE_ID = "shopify-resource-id";

  /**
   * Returns a header's value.
   *
   * @param name the header's name, matched case-insensitively
   * @return the value, or {@code null} when the request does not carry it
   */
  String get(String name);

  /**
   * Returns a header in either family: {@code X-Shopify-Topic} or {@code shopify-topic}.
   *
   * @param classicName the {@code X-Shopify-*} name
   * @return the value of the classic header, else of its Events twin, else {@code null}
   */
  default String either(String classicName) {
    String v = get(classicName);
    if (v == null && classicName.regionMatches(true, 0, "X-", 0, 2)) {
      v = get(classicName.substring(2).toLowerCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * Returns a lookup over a map of headers, matching names case-insensitively.
   *
   * @param headers the headers; a copy is taken
   * @return the lookup
   */
  static WebhookHeaders of(Map<String, String> headers) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (k, v) -> {
          if (k != null) {
            copy.put(k, v);
          }
        });
    return copy::get;
  }
}
