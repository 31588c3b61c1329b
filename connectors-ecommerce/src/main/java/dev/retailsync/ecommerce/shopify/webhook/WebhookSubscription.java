package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ValidationException;
import java.util.Locale;

/**
 * One webhook subscription of the shop, as {@code webhookSubscriptions} lists it.
 *
 * @param id the subscription's id ({@code gid://shopify/WebhookSubscription/...}), or {@code null}
 *     before it exists
 * @param topic the topic in REST form, such as {@code orders/updated}
 * @param uri where Shopify delivers: an HTTPS URL, a {@code pubsub://} URI or an EventBridge ARN
 */
public record WebhookSubscription(String id, String topic, String uri) {

  // Checks the components; see the class documentation for the rules.
  public WebhookSubscription {
    if (topic == null || !topic.matches("[a-z_]+/[a-z_]+")) {
      throw ValidationException.of(
          "WebhookSubscription",
          "topic",
          topic,
          "must be a topic in REST form, such as orders/updated or customers/update");
    }
    if (uri == null || uri.isBlank()) {
      throw ValidationException.of("WebhookSubscription", "uri", uri, "is required");
    }
  }

  /**
   * Returns the topic as the GraphQL {@code WebhookSubscriptionTopic} enum names it.
   *
   * @return such as {@code ORDERS_UPDATED}
   */
  public String graphQlTopic() {
    return graphQlTopic(topic);
  }

  /**
   * Converts a REST topic to the GraphQL enum: {@code orders/updated} to {@code ORDERS_UPDATED}.
   *
   * @param topic the REST topic
   * @return the enum name
   */
  public static String graphQlTopic(String topic) {
    return topic.replace('/', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Converts a GraphQL topic enum to the REST form: {@code ORDERS_UPDATED} to {@code
   * orders/updated}. The first underscore separates resource and action, except for the resources
   * whose names contain one, which Shopify spells with an underscore in REST too.
   *
   * @param graphQlTopic the enum name
   * @return the REST topic
   */
  public static String restTopic(String graphQlTopic) {
    String t = graphQlTopic.toLowerCase(Locale.ROOT);
    for (String resource : MULTI_WORD_RESOURCES) {
      if (t.startsWith(resource + "_")) {
        return resource + "/" + t.substring(resource.length() + 1);
      }
    }
    int i = t.indexOf('_');
    return i < 0 ? t : t.substring(0, i) + "/" + t.substring(i + 1);
  }

  private static final String[] MULTI_WORD_RESOURCES = {
    "fulfillment_orders",
    "fulfillment_events",
    "inventory_levels",
    "inventory_items",
    "bulk_operations",
    "reverse_fulfillment_orders",
    "draft_orders",
    "order_transactions",
    "customer_groups",
    "customer_payment_methods",
    "selling_plan_groups",
    "subscription_contracts",
    "subscription_billing_attempts",
    "payment_terms",
    "tender_transactions",
    "product_listings",
    "app_subscriptions"
  };
}
