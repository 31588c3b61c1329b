package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShopifyOrderMappingTest {

  private static ObjectNode graphQlOrder() {
    return (ObjectNode) Wire.json("graphql/order.response.json").path("data").path("order");
  }

  private static ObjectNode restOrder() {
    return (ObjectNode) Wire.json("webhook/orders-create.body.json");
  }

  @ParameterizedTest(name = "{0} / {1} / cancelled={2} -> {3}")
  @CsvSource({
    "PAID, UNFULFILLED, false, CAPTURED",
    "PENDING, UNFULFILLED, false, CAPTURED",
    "AUTHORIZED, UNFULFILLED, false, PAYMENT_AUTHORIZED",
    "PARTIALLY_PAID, ON_HOLD, false, CAPTURED",
    "PAID, PARTIALLY_FULFILLED, false, PARTIALLY_SHIPPED",
    "PAID, FULFILLED, false, SHIPPED",
    "PARTIALLY_REFUNDED, FULFILLED, false, SHIPPED",
    "REFUNDED, UNFULFILLED, false, CLOSED",
    "REFUNDED, RESTOCKED, false, CLOSED",
    "VOIDED, UNFULFILLED, false, CANCELLED",
    "EXPIRED, IN_PROGRESS, false, CANCELLED",
    "PAID, FULFILLED, true, CANCELLED",
  })
  void statusTable(String financial, String fulfillment, boolean cancelled, OrderStatus want) {
    ObjectNode o = graphQlOrder();
    o.put("displayFinancialStatus", financial);
    o.put("displayFulfillmentStatus", fulfillment);
    if (cancelled) {
      o.put("cancelledAt", "2026-10-07T10:00:00Z");
    }
    assertEquals(want, ShopifyOrderMapping.ofDefaults().fromGraphQl(o).status());
  }

  @ParameterizedTest(name = "REST {0} / {1} -> {2}")
  @CsvSource({
    "paid, , CAPTURED",
    "authorized, , PAYMENT_AUTHORIZED",
    "paid, partial, PARTIALLY_SHIPPED",
    "paid, fulfilled, SHIPPED",
    "refunded, restocked, CLOSED",
  })
  void restStatusTable(String financial, String fulfillment, OrderStatus want) {
    ObjectNode o = restOrder();
    o.put("financial_status", financial);
    o.put("fulfillment_status", fulfillment);
    assertEquals(want, ShopifyOrderMapping.ofDefaults().fromWebhook(o).status());
  }

  @Test
  void unknownStatusIsAMappingErrorNamingStatusAndATableEntryFixesIt() {
    ObjectNode o = graphQlOrder();
    o.put("displayFinancialStatus", "PENDING_REVIEW");
    o.put("displayFulfillmentStatus", "UNFULFILLED");
    MappingException e =
        assertThrows(MappingException.class, () -> ShopifyOrderMapping.ofDefaults().fromGraphQl(o));
    assertEquals("status", e.path());
    assertTrue(e.getMessage().contains("PENDING_REVIEW"));
    ShopifyOrderMapping fixed =
        ShopifyOrderMapping.builder()
            .financialStatus("PENDING_REVIEW", OrderStatus.CAPTURED)
            .build();
    assertEquals(OrderStatus.CAPTURED, fixed.fromGraphQl(o).status());
  }

  @Test
  void lineWithoutSkuIsAMappingErrorNamingTheLine() {
    ObjectNode o = graphQlOrder();
    ((ObjectNode) o.path("lineItems").path("nodes").get(1)).putNull("sku");
    MappingException e =
        assertThrows(MappingException.class, () -> ShopifyOrderMapping.ofDefaults().fromGraphQl(o));
    assertEquals("lines[1].sku", e.path());
  }

  @Test
  void orderWithMoreLineItemsThanFetchedIsRefusedUntilTheNextPageIsMerged() {
    ObjectNode o = graphQlOrder();
    ((ObjectNode) o.path("lineItems").path("pageInfo")).put("hasNextPage", true);
    MappingException e =
        assertThrows(MappingException.class, () -> ShopifyOrderMapping.ofDefaults().fromGraphQl(o));
    assertEquals("lines", e.path());
    assertTrue(e.getMessage().contains("ORDER_LINE_ITEMS"));

    ObjectNode page = Wire.JSON.createObjectNode();
    ObjectNode conn = page.putObject("order").putObject("lineItems");
    conn.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
    conn.putArray("nodes").add(o.path("lineItems").path("nodes").get(1).deepCopy());
    ((ObjectNode) conn.path("nodes").get(0))
        .put("sku", "CAP-RED")
        .put("id", "gid://shopify/LineItem/4");
    Order full =
        ShopifyOrderMapping.ofDefaults()
            .fromGraphQl(ShopifyOrderMapping.withMoreLineItems(o, page));
    assertEquals(4, full.lines().size());
    assertEquals("CAP-RED", full.lines().get(3).sku());
    assertEquals(4, full.lines().get(3).lineNumber());
    assertTrue(
        o.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(), "input untouched");
  }

  @Test
  void malformedAmountAndCurrencyAreNamed() {
    ObjectNode o = graphQlOrder();
    ((ObjectNode) o.path("currentTotalPriceSet").path("shopMoney")).put("amount", "12,50");
    MappingException e =
        assertThrows(MappingException.class, () -> ShopifyOrderMapping.ofDefaults().fromGraphQl(o));
    assertTrue(e.path().startsWith("totals"), e.path());
    assertTrue(e.path().contains("currentTotalPriceSet.shopMoney.amount"), e.path());

    ObjectNode r = restOrder();
    r.put("currency", "XXX1");
    MappingException c =
        assertThrows(MappingException.class, () -> ShopifyOrderMapping.ofDefaults().fromWebhook(r));
    assertEquals("currency", c.path());
  }

  @Test
  void fieldsAreOverridableOneByOneForBothShapes() {
    ShopifyOrderMapping m =
        ShopifyOrderMapping.builder()
            .override(Order.Fields.ORDER_NUMBER, s -> "SHOP-" + s.text("legacyResourceId", "id"))
            .override(Order.Fields.ACCOUNT_NUMBER, s -> s.metafield("custom", "loyalty_points"))
            .override(Order.Fields.CHANNEL, s -> "web-de")
            .metafield("custom", "gift_message", "giftMessage")
            .build();
    Order g = m.fromGraphQl(graphQlOrder());
    assertEquals("SHOP-5531567751224", g.orderNumber());
    assertEquals("120", g.accountNumber());
    assertEquals("web-de", g.channel());
    assertEquals("Happy birthday", g.extensions().get("giftMessage"));
    assertEquals(3, g.lines().size(), "fields not overridden keep their defaults");
    Order r = m.fromWebhook(restOrder());
    assertEquals("SHOP-820982911946154508", r.orderNumber());
    assertEquals(m.toString(), m.toBuilder().build().toString());
  }

  @Test
  void overrideReturningTheWrongTypeIsNamed() {
    ShopifyOrderMapping m =
        ShopifyOrderMapping.builder().override(Order.Fields.STATUS, s -> "shipped").build();
    MappingException e = assertThrows(MappingException.class, () -> m.fromGraphQl(graphQlOrder()));
    assertEquals("status", e.path());
    assertTrue(e.getMessage().contains("OrderStatus"));
  }

  @Test
  void overrideOfAFieldTheMappingDoesNotSetIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ShopifyOrderMapping.builder()
                    .override(Order.Fields.SHIPPING_ADDRESS_POSTAL_CODE, s -> "x")
                    .build());
    assertEquals("override", e.errors().get(0).path());
  }

  @Test
  void modelRuleBrokenByAnOverrideBecomesAMappingErrorNamingTheComponent() {
    ShopifyOrderMapping m =
        ShopifyOrderMapping.builder().override(Order.Fields.ORDER_NUMBER, s -> " ").build();
    MappingException e = assertThrows(MappingException.class, () -> m.fromGraphQl(graphQlOrder()));
    assertEquals("orderNumber", e.path());
  }

  @Test
  void shipmentStatusTableAndOverride() {
    ObjectNode f = (ObjectNode) Wire.json("webhook/fulfillments-create.body.json");
    for (String[] row :
        new String[][] {
          {"delivered", "DELIVERED"},
          {"out_for_delivery", "OUT_FOR_DELIVERY"},
          {"label_printed", "PACKED"},
          {"attempted_delivery", "EXCEPTION"},
          {"confirmed", "SHIPPED"}
        }) {
      f.put("shipment_status", row[0]);
      assertEquals(
          ShipmentStatus.valueOf(row[1]),
          ShopifyShipmentMapping.ofDefaults().fromWebhook(f).status());
    }
    f.putNull("shipment_status");
    assertEquals(
        ShipmentStatus.SHIPPED, ShopifyShipmentMapping.ofDefaults().fromWebhook(f).status());
    f.put("status", "cancelled");
    assertEquals(
        ShipmentStatus.CANCELLED, ShopifyShipmentMapping.ofDefaults().fromWebhook(f).status());
    f.put("status", "success");
    f.put("shipment_status", "held_at_customs");
    MappingException e =
        assertThrows(
            MappingException.class, () -> ShopifyShipmentMapping.ofDefaults().fromWebhook(f));
    assertEquals("status", e.path());
    Shipment s =
        ShopifyShipmentMapping.builder()
            .status("held_at_customs", ShipmentStatus.EXCEPTION)
            .override(Shipment.Fields.SERVICE, x -> "x")
            .build()
            .fromWebhook(f);
    assertEquals(ShipmentStatus.EXCEPTION, s.status());
  }

  @Test
  void returnOverridesAndUnknownReturnStatus() {
    JsonNode order = graphQlOrder();
    ObjectNode ret = (ObjectNode) order.path("returns").path("nodes").get(0);
    ret.put("status", "ARCHIVED");
    MappingException e =
        assertThrows(
            MappingException.class,
            () -> ShopifyReturnMapping.ofDefaults().returnsFromGraphQlOrder(order));
    assertEquals("status", e.path());
    List<ReturnRequest> r =
        ShopifyReturnMapping.builder()
            .returnStatus("ARCHIVED", dev.retailsync.api.model.ReturnStatus.CLOSED)
            .overrideReturn(ReturnRequest.Fields.ACCOUNT_NUMBER, s -> "C-1")
            .build()
            .returnsFromGraphQlOrder(order);
    assertEquals("C-1", r.get(0).accountNumber());
  }

  @Test
  void toStringsCarryNoPersonalData() {
    Order o = ShopifyOrderMapping.ofDefaults().fromWebhook(restOrder());
    assertTrue(!o.toString().contains("jon@example.com"));
    assertTrue(!ShopifySource.rest(restOrder()).toString().contains("jon@example.com"));
  }
}
