package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.ecommerce.shopify.webhook.WebhookEvent;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSink;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A {@link WebhookSink} that maps each delivery to a canonical {@link Change} and hands it on, such
 * as to {@code SyncEngine::accept}:
 *
 * <table>
 *   <caption>Topics</caption>
 *   <tr><th>topic</th><th>change</th></tr>
 *   <tr><td>{@code orders/create}</td><td>{@code Order}, {@code CREATED}</td></tr>
 *   <tr><td>{@code orders/updated}, {@code orders/paid}, {@code orders/cancelled},
 *       {@code orders/fulfilled}, {@code orders/partially_fulfilled}, {@code orders/edited}</td>
 *       <td>{@code Order}, {@code UPDATED}</td></tr>
 *   <tr><td>{@code orders/delete}</td><td>{@code Order}, {@code DELETED}</td></tr>
 *   <tr><td>{@code fulfillments/create}, {@code fulfillments/update}</td>
 *       <td>{@code Shipment}, {@code CREATED} / {@code UPDATED}</td></tr>
 *   <tr><td>{@code refunds/create}</td><td>{@code ReturnRequest}, {@code CREATED}</td></tr>
 *   <tr><td>{@code customers/create}, {@code customers/update}</td>
 *       <td>{@code Party}, {@code CREATED} / {@code UPDATED}</td></tr>
 * </table>
 *
 * <p>Each change's source is {@code shopify:<admin_graphql_api_id>}, its source timestamp the
 * payload's {@code updated_at} (else the trigger time), its source version the {@code updated_at}
 * text, and its idempotency key a name-based UUID of the webhook id, so a delivery the intake let
 * through twice (an evicted dedupe entry) is still recognised by the engine. A topic outside the
 * table, or a payload that cannot be mapped, throws a {@link MappingException} (not retryable): the
 * intake answers {@code REJECTED}, acknowledged, and the host dead-letters it.
 *
 * <p>Thread-safe when the mappings and the target are.
 */
public final class ShopifyWebhookChanges implements WebhookSink {
  private final ShopifyOrderMapping orders;
  private final ShopifyShipmentMapping shipments;
  private final ShopifyReturnMapping returns;
  private final ShopifyCustomerWebhookMapping customers;
  private final Consumer<Change<?>> target;

  private ShopifyWebhookChanges(
      ShopifyOrderMapping orders,
      ShopifyShipmentMapping shipments,
      ShopifyReturnMapping returns,
      ShopifyCustomerWebhookMapping customers,
      Consumer<Change<?>> target) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.shipments = Objects.requireNonNull(shipments, "shipments");
    this.returns = Objects.requireNonNull(returns, "returns");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.target = Objects.requireNonNull(target, "target");
  }

  /**
   * Returns a sink with the default mappings.
   *
   * @param target where changes go, such as {@code engine::accept}
   * @return the sink
   */
  public static ShopifyWebhookChanges of(Consumer<Change<?>> target) {
    return of(
        ShopifyOrderMapping.ofDefaults(),
        ShopifyShipmentMapping.ofDefaults(),
        ShopifyReturnMapping.ofDefaults(),
        ShopifyCustomerWebhookMapping.ofDefaults(),
        target);
  }

  /**
   * Returns a sink with the given mappings.
   *
   * @param orders the order mapping
   * @param shipments the fulfilment mapping
   * @param returns the refund mapping
   * @param customers the customer mapping
   * @param target where changes go
   * @return the sink
   */
  public static ShopifyWebhookChanges of(
      ShopifyOrderMapping orders,
      ShopifyShipmentMapping shipments,
      ShopifyReturnMapping returns,
      ShopifyCustomerWebhookMapping customers,
      Consumer<Change<?>> target) {
    return new ShopifyWebhookChanges(orders, shipments, returns, customers, target);
  }

  @Override
  public void accept(WebhookEvent event) {
    target.accept(toChange(event));
  }

  /**
   * Maps a delivery to its change.
   *
   * @param event the delivery
   * @return the change
   * @throws MappingException when the topic is not mapped or the payload cannot be
   */
  public Change<?> toChange(WebhookEvent event) {
    JsonNode p = event.payload();
    String topic = event.topic();
    return switch (topic) {
      case "orders/create" ->
          change(EntityType.ORDER, ChangeType.CREATED, event, orders.fromWebhook(p));
      case "orders/updated",
          "orders/paid",
          "orders/cancelled",
          "orders/fulfilled",
          "orders/partially_fulfilled",
          "orders/edited" ->
          change(EntityType.ORDER, ChangeType.UPDATED, event, orders.fromWebhook(p));
      case "orders/delete" -> change(EntityType.ORDER, ChangeType.DELETED, event, null);
      case "fulfillments/create" ->
          change(EntityType.SHIPMENT, ChangeType.CREATED, event, shipments.fromWebhook(p));
      case "fulfillments/update" ->
          change(EntityType.SHIPMENT, ChangeType.UPDATED, event, shipments.fromWebhook(p));
      case "refunds/create" ->
          change(
              EntityType.RETURN_REQUEST, ChangeType.CREATED, event, returns.refundFromWebhook(p));
      case "customers/create" ->
          change(EntityType.PARTY, ChangeType.CREATED, event, customers.fromWebhook(p));
      case "customers/update" ->
          change(EntityType.PARTY, ChangeType.UPDATED, event, customers.fromWebhook(p));
      default ->
          throw new MappingException(
              "topic",
              "the webhook topic "
                  + topic
                  + " is not mapped to a canonical change; unsubscribe it or put a sink of your"
                  + " own in front",
              null);
    };
  }

  private static <T extends CanonicalEntity> Change<T> change(
      EntityType<T> type, ChangeType kind, WebhookEvent e, T entity) {
    String id = e.resourceId();
    if (id == null) {
      String numeric = e.payload().path("id").asText(null);
      if (numeric == null) {
        throw new MappingException(
            "id", "the payload has neither admin_graphql_api_id nor id", null);
      }
      id = "gid://shopify/" + resourceType(e.topic()) + "/" + numeric;
    }
    return Change.builder(type)
        .type(kind)
        .source(ExternalId.of(SystemId.SHOPIFY, id))
        .entity(entity)
        .sourceTimestamp(e.version() != null ? e.version() : e.triggeredAt())
        .sourceVersion(e.version() == null ? null : e.version().toString())
        .idempotencyKey(
            IdempotencyKey.of(
                UUID.nameUUIDFromBytes(
                    ("shopify-webhook:" + e.webhookId())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
  }

  private static String resourceType(String topic) {
    String resource = topic.substring(0, topic.indexOf('/'));
    return switch (resource) {
      case "orders" -> "Order";
      case "fulfillments" -> "Fulfillment";
      case "refunds" -> "Refund";
      case "customers" -> "Customer";
      default -> resource;
    };
  }

  @Override
  public String toString() {
    return "ShopifyWebhookChanges[" + orders + "]";
  }
}
