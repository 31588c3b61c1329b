package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.ecommerce.shopify.webhook.WebhookIntake;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSignature;
import dev.retailsync.ecommerce.shopify.webhook.WebhookVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifyWebhookChangesTest {
  private final List<Change<?>> changes = new ArrayList<>();
  private final WebhookIntake intake =
      WebhookIntake.builder()
          .signature(WebhookSignature.of(Wire.SECRET))
          .sink(ShopifyWebhookChanges.of(changes::add))
          .build();

  private WebhookVerdict send(String topic, String webhookId, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return intake.receive(
        Map.of(
            "X-Shopify-Topic",
            topic,
            "X-Shopify-Hmac-Sha256",
            WebhookSignature.of(Wire.SECRET).sign(b),
            "X-Shopify-Shop-Domain",
            "example-shop.myshopify.com",
            "X-Shopify-API-Version",
            "2026-04",
            "X-Shopify-Webhook-Id",
            webhookId,
            "X-Shopify-Triggered-At",
            "2026-10-04T20:20:31Z"),
        b);
  }

  @Test
  void orderDeletionBecomesADeletedChangeWithTheOrdersGid() {
    assertEquals(
        WebhookVerdict.Status.ACCEPTED, send("orders/delete", "w-1", "{\"id\":1001}").status());
    Change<?> c = changes.get(0);
    assertEquals(EntityType.ORDER, c.entityType());
    assertEquals(ChangeType.DELETED, c.type());
    assertNull(c.entity());
    assertEquals("shopify:gid://shopify/Order/1001", c.source().toString());
  }

  @Test
  void unmappedTopicOrUnmappablePayloadIsRejectedButAcknowledged() {
    WebhookVerdict v = send("products/update", "w-2", "{\"id\":5}");
    assertEquals(WebhookVerdict.Status.REJECTED, v.status());
    assertEquals(200, v.httpStatus());
    assertTrue(v.detail().contains("products/update"));

    WebhookVerdict bad =
        send(
            "orders/updated",
            "w-3",
            "{\"id\":7,\"admin_graphql_api_id\":\"gid://shopify/Order/7\",\"name\":\"#7\","
                + "\"currency\":\"USD\",\"financial_status\":\"paid\",\"line_items\":[{\"id\":1,"
                + "\"quantity\":1,\"name\":\"Gift card\",\"sku\":null}]}");
    assertEquals(WebhookVerdict.Status.REJECTED, bad.status());
    assertTrue(bad.detail().contains("lines[0].sku"), bad.detail());
    assertTrue(changes.isEmpty());
  }

  @Test
  void sameDeliveryMapsToTheSameIdempotencyKey() {
    ShopifyWebhookChanges sink = ShopifyWebhookChanges.of(c -> {});
    List<Change<?>> twice = new ArrayList<>();
    WebhookIntake a =
        WebhookIntake.builder()
            .signature(WebhookSignature.of(Wire.SECRET))
            .sink(e -> twice.add(sink.toChange(e)))
            .build();
    WebhookIntake b =
        WebhookIntake.builder()
            .signature(WebhookSignature.of(Wire.SECRET))
            .sink(e -> twice.add(sink.toChange(e)))
            .build();
    byte[] body = Wire.bytes("webhook/orders-create.body.json");
    Map<String, String> headers = Wire.headers("webhook/orders-create.headers.properties");
    a.receive(headers, body);
    b.receive(headers, body);
    assertEquals(2, twice.size());
    assertEquals(twice.get(0).idempotencyKey(), twice.get(1).idempotencyKey());
  }
}
