package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMutations;
import dev.retailsync.ecommerce.shopify.webhook.GraphQlCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order side wired into the connector, against the fake shop. */
class ShopifyOrdersTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  private ShopifyConnector.Builder builder() {
    shop.acceptToken("shpat_test");
    return ShopifyConnector.builder()
        .http(shop.client())
        .baseUrl(FakeShopify.BASE_URL)
        .tokens(ShopifyTokens.staticToken("shpat_test", clock))
        .clock(clock)
        .sleeper(clock.sleeper())
        .random(new Random(5))
        .feedOverlap(Duration.ofSeconds(30));
  }

  private ShopifyConnector connector() {
    return builder().orderFeedSince(Instant.parse("2026-09-01T00:00:00Z")).build();
  }

  /** A paid order in the Admin GraphQL shape, with one line per SKU. */
  static ObjectNode order(String email, Object... skuAndQuantity) {
    ObjectNode o = ShopifyGraphQlClient.JSON.createObjectNode();
    o.put("email", email).put("currencyCode", "EUR").put("displayFinancialStatus", "PAID");
    money(o, "currentSubtotalPriceSet", "10.00");
    money(o, "currentTotalTaxSet", "0.00");
    money(o, "currentTotalDiscountsSet", "0.00");
    money(o, "totalShippingPriceSet", "0.00");
    money(o, "currentTotalPriceSet", "10.00");
    ArrayNode lines = o.putObject("lineItems").putArray("nodes");
    for (int i = 0; i < skuAndQuantity.length; i += 2) {
      ObjectNode l = lines.addObject();
      l.put("sku", (String) skuAndQuantity[i])
          .put("name", "Item " + skuAndQuantity[i])
          .put("quantity", (Integer) skuAndQuantity[i + 1]);
      money(l, "originalUnitPriceSet", "5.00");
      money(l, "discountedTotalSet", "5.00");
      l.putArray("taxLines");
      l.putArray("discountAllocations");
    }
    return o;
  }

  private static void money(ObjectNode n, String field, String amount) {
    n.putObject(field).putObject("shopMoney").put("amount", amount).put("currencyCode", "EUR");
  }

  private static Shipment shipment(String number, String order, String tracking, Object... lines) {
    List<ShipmentLine> l = new ArrayList<>();
    for (int i = 0; i < lines.length; i += 2) {
      l.add(new ShipmentLine(null, (String) lines[i], new BigDecimal((Integer) lines[i + 1])));
    }
    return Shipment.builder()
        .shipmentNumber(number)
        .orderNumber(order)
        .carrier("DHL")
        .trackingNumber(tracking)
        .status(ShipmentStatus.SHIPPED)
        .lines(l)
        .build();
  }

  private static WriteOutcome write(RecordWriter<Shipment> w, Shipment s) {
    return w.upsert(List.of(WriteRequest.of(s.shipmentNumber(), s))).get(0);
  }

  @Test
  void theConnectorOffersOrdersAndShipments() {
    ShopifyConnector c = connector();
    assertTrue(c.entityTypes().containsAll(Set.of(EntityType.ORDER, EntityType.SHIPMENT)));
    assertTrue(c.reader(EntityType.ORDER).isPresent());
    assertTrue(c.changeFeed(EntityType.ORDER).isPresent());
    assertTrue(c.writer(EntityType.SHIPMENT).isPresent());
    assertTrue(c.operation(ShopifyOrders.class).isPresent());
    assertTrue(
        c.operation(dev.retailsync.ecommerce.shopify.webhook.WebhookSubscriptions.class)
            .isPresent());
  }

  @Test
  void readerReturnsTheOrderWithEveryLineEvenBeyondTheFirstPage() {
    Object[] skus = new Object[70];
    for (int i = 0; i < 35; i++) {
      skus[2 * i] = "SKU-" + i;
      skus[2 * i + 1] = 1;
    }
    ObjectNode stored = shop.putOrder(order("ada@example.com", skus), null);
    var read =
        connector()
            .reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of(stored.get("legacyResourceId").asText()));
    assertEquals(1, read.size());
    Order o = read.get(0).entity();
    assertEquals(35, o.lines().size(), "30 lines from ORDER, 5 more from ORDER_LINE_ITEMS");
    assertEquals("SKU-34", o.lines().get(34).sku());
    assertEquals(stored.get("name").asText(), o.orderNumber());
    assertEquals(stored.get("id").asText(), read.get(0).id().id());
    long lineQueries =
        shop.requests().stream().filter(r -> r.document().contains("OrderLineItems")).count();
    assertEquals(1, lineQueries);
  }

  @Test
  void feedDeliversNewOrdersOnceAndAnEditAsAnUpdate() {
    ShopifyConnector c = connector();
    ObjectNode first = shop.putOrder(order("a@example.com", "TEE", 2), null);
    clock.advance(Duration.ofSeconds(5));
    shop.putOrder(order("b@example.com", "CAP", 1, "TEE", 1), null);
    var feed = c.changeFeed(EntityType.ORDER).orElseThrow();

    ChangePage<Order> page = feed.poll(Cursor.beginning(), 10);
    assertEquals(2, page.changes().size());
    assertEquals(ChangeType.CREATED, page.changes().get(0).type());
    assertEquals(2, page.changes().get(1).entity().lines().size());
    assertTrue(
        shop.requests().stream()
            .anyMatch(r -> r.variables().path("q").asText().startsWith("updated_at:>='2026-09-01")),
        "the first poll starts at orderFeedSince");

    ChangePage<Order> again = feed.poll(page.next(), 10);
    assertEquals(0, again.changes().size(), "the overlap window re-reads, the cursor dedupes");

    clock.advance(Duration.ofSeconds(10));
    shop.updateOrder(
        first.get("id").asText(),
        ShopifyGraphQlClient.JSON.createObjectNode().put("poNumber", "PO-77"));
    ChangePage<Order> edit = feed.poll(again.next(), 10);
    assertEquals(1, edit.changes().size());
    Change<Order> change = edit.changes().get(0);
    assertEquals(ChangeType.UPDATED, change.type());
    assertEquals("PO-77", change.entity().purchaseOrderNumber());
    assertEquals(first.get("id").asText(), change.source().id());
  }

  @Test
  void anOrderTheMappingCannotReadIsARejectionOfThePage() {
    ShopifyConnector c = connector();
    shop.putOrder(order("a@example.com", "TEE", 2), null);
    clock.advance(Duration.ofSeconds(5));
    ObjectNode odd = order("b@example.com", "CAP", 1);
    odd.put("displayFinancialStatus", "SOMETHING_NEW");
    String gid = shop.putOrder(odd, null).get("id").asText();
    clock.advance(Duration.ofSeconds(5));
    shop.putOrder(order("c@example.com", "TEE", 1), null);
    var feed = c.changeFeed(EntityType.ORDER).orElseThrow();

    ChangePage<Order> page = feed.poll(Cursor.beginning(), 10);

    assertEquals(2, page.changes().size());
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals(ExternalId.of(SystemId.SHOPIFY, gid), r.source());
    assertEquals(List.of("status"), r.paths());
    assertTrue(r.errors().get(0).message().contains("financialStatus"), r.errors().toString());
    assertFalse(r.toString().contains("b@example.com"), r.toString());
    assertEquals(0, feed.poll(page.next(), 10).rejected().size(), "rejected once, not per poll");
  }

  @Test
  void feedPagesByMaxChangesWithoutLosingOrders() {
    for (int i = 0; i < 6; i++) {
      shop.putOrder(order("c" + i + "@example.com", "TEE", 1), null);
      clock.advance(Duration.ofSeconds(1));
    }
    var feed = connector().changeFeed(EntityType.ORDER).orElseThrow();
    List<String> ids = new ArrayList<>();
    Cursor cursor = Cursor.beginning();
    for (int round = 0; round < 10; round++) {
      ChangePage<Order> p = feed.poll(cursor, 4);
      p.changes().forEach(ch -> ids.add(ch.source().id()));
      cursor = p.next();
      if (!p.hasMore()) {
        break;
      }
    }
    assertEquals(6, ids.size(), ids.toString());
    assertEquals(6, Set.copyOf(ids).size());
  }

  @Test
  void feedWithoutReadAllOrdersBeforeTheWindowIsAConfigurationError() {
    shop.putOrder(order("a@example.com", "TEE", 1), null);
    var allHistory = builder().build().changeFeed(EntityType.ORDER).orElseThrow();
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> allHistory.poll(Cursor.beginning(), 5));
    assertTrue(e.getMessage().contains("read_all_orders"), e.getMessage());

    shop.accessScopes(Set.of("read_all_orders"));
    assertEquals(1, allHistory.poll(Cursor.beginning(), 5).changes().size());
  }

  @Test
  void shipmentBecomesOneFulfilmentWithTrackingAndARepeatIsUnchanged() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 2, "CAP", 1), null);
    String orderId = o.get("id").asText();
    RecordWriter<Shipment> writer = connector().writer(EntityType.SHIPMENT).orElseThrow();

    Shipment s = shipment("SH-1", o.get("legacyResourceId").asText(), "1Z999", "TEE", 2, "CAP", 1);
    WriteOutcome created = write(writer, s);
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    List<ObjectNode> fulfillments = shop.fulfillments(orderId);
    assertEquals(1, fulfillments.size());
    assertEquals(fulfillments.get(0).get("id").asText(), created.externalId().id());
    assertEquals("1Z999", fulfillments.get(0).path("trackingInfo").get(0).path("number").asText());
    assertEquals("DHL", fulfillments.get(0).path("trackingInfo").get(0).path("company").asText());
    assertEquals(3, quantity(fulfillments.get(0)));
    assertTrue(
        shop.requests().stream()
            .anyMatch(
                r ->
                    r.document().contains("fulfillmentCreate(")
                        && !r.document().contains("CreateV2")));

    WriteOutcome repeat = write(writer, s);
    assertEquals(WriteOutcome.Status.UNCHANGED, repeat.status(), repeat.toString());
    assertEquals(created.externalId(), repeat.externalId());
    assertEquals(1, shop.fulfillments(orderId).size(), "not fulfilled twice");
    assertEquals(1, shop.mutationsApplied().get("fulfillmentCreate"));
    assertEquals(
        "FULFILLED", shop.orders().get(0).path("displayFulfillmentStatus").asText(), "closed");
  }

  private static int quantity(JsonNode fulfillment) {
    int q = 0;
    for (JsonNode l : fulfillment.path("fulfillmentLineItems").path("nodes")) {
      q += l.path("quantity").asInt();
    }
    return q;
  }

  @Test
  void partialShipmentsFulfilWhatRemainsAndTooManyUnitsAreRejectedNamingTheLine() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 3), null);
    String orderId = o.get("id").asText();
    RecordWriter<Shipment> writer = connector().writer(EntityType.SHIPMENT).orElseThrow();

    assertEquals(
        WriteOutcome.Status.CREATED,
        write(writer, shipment("SH-1", orderId, "T-1", "TEE", 2)).status());
    WriteOutcome tooMany = write(writer, shipment("SH-2", orderId, "T-2", "TEE", 2));
    assertEquals(WriteOutcome.Status.REJECTED, tooMany.status(), tooMany.toString());
    assertEquals("lines[0].quantity", tooMany.errors().get(0).path());
    assertTrue(tooMany.message().contains("only 1 of SKU TEE"), tooMany.message());
    assertEquals(
        WriteOutcome.Status.CREATED,
        write(writer, shipment("SH-3", orderId, "T-3", "TEE", 1)).status());
    assertEquals(2, shop.fulfillments(orderId).size());
  }

  @Test
  void withoutTrackingAShipmentWhoseLinesAreFulfilledIsUnchanged() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 1), null);
    String orderId = o.get("id").asText();
    RecordWriter<Shipment> writer = connector().writer(EntityType.SHIPMENT).orElseThrow();
    Shipment s = shipment("SH-9", orderId, null, "TEE", 1);
    assertEquals(WriteOutcome.Status.CREATED, write(writer, s).status());
    assertEquals(WriteOutcome.Status.UNCHANGED, write(writer, s).status());
    assertEquals(1, shop.fulfillments(orderId).size());
  }

  @Test
  void aLostAnswerIsRetryableAndTheRetryFindsTheFulfilmentInsteadOfFulfillingTwice() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 1), null);
    String orderId = o.get("id").asText();
    RecordWriter<Shipment> writer = connector().writer(EntityType.SHIPMENT).orElseThrow();
    Shipment s = shipment("SH-1", orderId, "1Z-LOST", "TEE", 1);

    shop.timeoutAfterApplyingNextMutation();
    WriteOutcome lost = write(writer, s);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, lost.status(), lost.toString());
    assertEquals(ShopifyGraphQlException.OUTCOME_UNKNOWN, lost.errorCode());
    assertEquals(1, shop.fulfillments(orderId).size(), "the shop did apply it");

    WriteOutcome retry = write(writer, s);
    assertEquals(WriteOutcome.Status.UNCHANGED, retry.status(), retry.toString());
    assertEquals(1, shop.fulfillments(orderId).size());
  }

  @Test
  void unknownOrMissingOrdersAreRejectedNamingOrderNumber() {
    RecordWriter<Shipment> writer = connector().writer(EntityType.SHIPMENT).orElseThrow();
    WriteOutcome unknown = write(writer, shipment("SH-1", "999999", "T", "TEE", 1));
    assertEquals(WriteOutcome.Status.REJECTED, unknown.status());
    assertEquals("orderNumber", unknown.errors().get(0).path());
    assertEquals("ORDER_NOT_FOUND", unknown.errorCode());

    WriteOutcome none = write(writer, shipment("SH-2", null, "T", "TEE", 1));
    assertEquals(WriteOutcome.Status.REJECTED, none.status());
    assertEquals("orderNumber", none.errors().get(0).path());

    WriteOutcome wrongType =
        write(writer, shipment("SH-3", "gid://shopify/Customer/5", "T", "TEE", 1));
    assertEquals(WriteOutcome.Status.REJECTED, wrongType.status());
    assertTrue(wrongType.message().contains("not a Order id"), wrongType.message());
  }

  @Test
  void fakeAnswersOverFulfilmentWithUserErrorsThroughTheClientCall() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 1), null);
    JsonNode fo = o.path("fulfillmentOrders").path("nodes").get(0);
    ObjectNode vars = ShopifyGraphQlClient.JSON.createObjectNode();
    ObjectNode f = vars.putObject("fulfillment");
    ObjectNode group = f.putArray("lineItemsByFulfillmentOrder").addObject();
    group.put("fulfillmentOrderId", fo.get("id").asText());
    group
        .putArray("fulfillmentOrderLineItems")
        .addObject()
        .put("id", fo.path("lineItems").path("nodes").get(0).get("id").asText())
        .put("quantity", 5);
    vars.putNull("message");
    GraphQlCall call = connector().orders().graphQlCall();
    JsonNode data =
        call.execute(
            dev.retailsync.ecommerce.shopify.orders.ShopifyOrderDocuments.FULFILLMENT_CREATE, vars);
    ValidationException e =
        assertThrows(ValidationException.class, () -> ShopifyOrderMutations.fulfillmentId(data));
    assertEquals("fulfillment.lineItemsByFulfillmentOrder", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("Invalid fulfillment order line item quantity requested"));
    assertTrue(shop.fulfillments(o.get("id").asText()).isEmpty());
  }

  @Test
  void theClientCallWaitsForTheCostBucketInsteadOfBeingThrottled() {
    ObjectNode o = shop.putOrder(order("a@example.com", "TEE", 1), null);
    ShopifyConnector c = connector();
    GraphQlCall call = c.orders().graphQlCall();
    ObjectNode vars = ShopifyGraphQlClient.JSON.createObjectNode().put("id", o.get("id").asText());
    String doc = dev.retailsync.ecommerce.shopify.orders.ShopifyOrderDocuments.FULFILLMENT_ORDERS;
    call.execute(doc, vars); // learns the bucket
    shop.drainBucketTo(0);
    int throttledBefore = shop.throttledCount();
    JsonNode data = call.execute(doc, vars);
    assertEquals(o.get("id").asText(), data.path("order").path("id").asText());
    assertFalse(clock.sleeps().isEmpty(), "waited for the bucket to refill");
    assertTrue(shop.throttledCount() - throttledBefore <= 1, "at most one THROTTLED answer");
  }

  @Test
  void theClientCallRetriesAnIdempotentMutationAfterALostAnswerAndTheShopAppliesItOnce() {
    String location = shop.addLocation("Main");
    String variant = shop.addProduct("Tee", "TEE").get(0);
    String item = shop.inventoryItemOf(variant);
    GraphQlCall call = connector().orders().graphQlCall();
    String doc =
        "mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {\n"
            + "  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {\n"
            + "    inventoryAdjustmentGroup { id }\n"
            + "    userErrors { field message code }\n"
            + "  }\n"
            + "}";
    ObjectNode vars = ShopifyGraphQlClient.JSON.createObjectNode().put("key", "adjust-tee-1");
    ObjectNode input = vars.putObject("input").put("reason", "correction").put("name", "available");
    input
        .putArray("changes")
        .addObject()
        .put("inventoryItemId", item)
        .put("locationId", location)
        .put("delta", 5)
        .put("changeFromQuantity", 0);

    shop.timeoutAfterApplyingNext();
    JsonNode data = call.execute(doc, vars);
    assertTrue(
        data.path("inventoryAdjustQuantities").path("userErrors").isEmpty(), data.toString());
    assertEquals(5, shop.quantity(item, location, "available"));
    assertEquals(1, shop.mutationsApplied().get("inventoryAdjustQuantities"));
    assertEquals(
        2,
        shop.requests().stream()
            .filter(r -> r.fields().contains("inventoryAdjustQuantities"))
            .count(),
        "sent twice with the same key, applied once");
  }

  @Test
  void webhookSubscriptionsAreListedAndCreatedThroughTheClient() {
    var subs =
        connector()
            .operation(dev.retailsync.ecommerce.shopify.webhook.WebhookSubscriptions.class)
            .orElseThrow();
    assertTrue(subs.list().isEmpty());
    var created = subs.create("orders/updated", "https://host.example/webhooks");
    assertEquals("orders/updated", created.topic());
    assertEquals(1, shop.webhookSubscriptions().size());
    assertEquals("ORDERS_UPDATED", shop.webhookSubscriptions().get(0).path("topic").asText());
    assertEquals(List.of(created), subs.list());
    ValidationException twice =
        assertThrows(
            ValidationException.class,
            () -> subs.create("orders/updated", "https://host.example/webhooks"));
    assertTrue(twice.getMessage().contains("already been taken"), twice.getMessage());
    assertTrue(
        shop.requests().stream().allMatch(r -> r.headers().containsKey("X-Shopify-Access-Token")),
        "every call went through the connector's client");
  }
}
