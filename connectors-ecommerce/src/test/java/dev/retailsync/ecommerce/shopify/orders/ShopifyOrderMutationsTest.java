package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnDisposition;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShopifyOrderMutationsTest {
  private static final Pattern KEY = Pattern.compile("@idempotent\\(key: \"([0-9a-f-]{36})\"\\)");
  private final ShopifyOrderMutations mutations =
      ShopifyOrderMutations.builder().carrierName("dhl", "DHL Express").build();

  private static JsonNode orderNode() {
    return Wire.json("graphql/order.response.json").path("data").path("order");
  }

  private static ShopifyOrderRef order() {
    return ShopifyOrderRef.fromGraphQl(orderNode());
  }

  private static List<ShopifyOrderRef.FulfillmentOrder> fulfillmentOrders() {
    return ShopifyOrderRef.fulfillmentOrders(
        Wire.json("graphql/fulfillment-orders.response.json").path("data"));
  }

  private static Shipment.Builder shipment(ShipmentLine... lines) {
    return Shipment.builder()
        .shipmentNumber("SH-5001")
        .orderNumber("#1042")
        .carrier("dhl")
        .trackingNumber("00340434161094042557")
        .trackingUrl("https://www.dhl.com/track?id=00340434161094042557")
        .status(ShipmentStatus.SHIPPED)
        .lines(List.of(lines));
  }

  @Test
  void erpShipmentBecomesFulfillmentCreateAgainstTheOpenFulfilmentOrderWithTracking() {
    GraphQlRequest r =
        mutations.fulfillmentCreate(
            shipment(new ShipmentLine(2, "CAP-GRY", BigDecimal.ONE)).build(), fulfillmentOrders());
    assertTrue(r.document().contains("fulfillmentCreate(fulfillment: $fulfillment"));
    assertFalse(r.document().contains("fulfillmentCreateV2"));
    JsonNode f = r.variables().path("fulfillment");
    assertEquals("00340434161094042557", f.path("trackingInfo").path("number").asText());
    assertEquals("DHL Express", f.path("trackingInfo").path("company").asText());
    assertTrue(f.path("trackingInfo").path("url").asText().startsWith("https://www.dhl.com/"));
    assertFalse(f.path("notifyCustomer").asBoolean());
    JsonNode byFo = f.path("lineItemsByFulfillmentOrder");
    assertEquals(1, byFo.size());
    assertEquals(
        "gid://shopify/FulfillmentOrder/7702", byFo.get(0).path("fulfillmentOrderId").asText());
    JsonNode items = byFo.get(0).path("fulfillmentOrderLineItems");
    assertEquals("gid://shopify/FulfillmentOrderLineItem/8812", items.get(0).path("id").asText());
    assertEquals(1, items.get(0).path("quantity").asInt());
  }

  @Test
  void shipmentForMoreThanRemainsIsRefusedNamingTheLine() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                mutations.fulfillmentCreate(
                    shipment(new ShipmentLine(null, "CAP-GRY", new BigDecimal("2"))).build(),
                    fulfillmentOrders()));
    assertEquals("lines[0].quantity", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("only 1 of SKU CAP-GRY"));
    // A SKU whose only fulfilment order is closed has nothing left either.
    ValidationException closed =
        assertThrows(
            ValidationException.class,
            () ->
                mutations.fulfillmentCreate(
                    shipment(new ShipmentLine(1, "TEE-BLK-M", BigDecimal.ONE)).build(),
                    fulfillmentOrders()));
    assertEquals("lines[0].quantity", closed.errors().get(0).path());
  }

  @Test
  void shipmentSpanningTwoLocationsIsRefusedWithHowToFixIt() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                mutations.fulfillmentCreate(
                    shipment(
                            new ShipmentLine(null, "CAP-GRY", BigDecimal.ONE),
                            new ShipmentLine(null, "SCARF-RED", BigDecimal.ONE))
                        .build(),
                    fulfillmentOrders()));
    assertEquals("lines", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("split the shipment"));
  }

  @Test
  void fractionalQuantityAndCancelledShipmentAreRefused() {
    assertEquals(
        "lines[0].quantity",
        assertThrows(
                ValidationException.class,
                () ->
                    mutations.fulfillmentCreate(
                        shipment(new ShipmentLine(null, "CAP-GRY", new BigDecimal("0.5"))).build(),
                        fulfillmentOrders()))
            .errors()
            .get(0)
            .path());
    assertEquals(
        "status",
        assertThrows(
                ValidationException.class,
                () ->
                    mutations.fulfillmentCreate(
                        shipment().status(ShipmentStatus.CANCELLED).build(), fulfillmentOrders()))
            .errors()
            .get(0)
            .path());
  }

  private static Invoice creditMemo(String number, String total) {
    return Invoice.builder()
        .invoiceNumber(number)
        .orderNumber("#1042")
        .status(InvoiceStatus.OPEN)
        .currency("EUR")
        .lines(
            List.of(
                new InvoiceLine(
                    1,
                    2,
                    "CAP-GRY",
                    "Wool cap - Grey",
                    BigDecimal.ONE,
                    Money.of("-35.00", "EUR"),
                    List.of(),
                    Money.of("-35.00", "EUR")),
                new InvoiceLine(
                    2,
                    null,
                    null,
                    "Goodwill",
                    BigDecimal.ONE,
                    null,
                    List.of(),
                    Money.of("-6.65", "EUR"))))
        .totals(new InvoiceTotals(null, null, Money.of(total, "EUR"), null, null))
        .build();
  }

  @Test
  void creditMemoBecomesRefundCreateWithAStableIdempotencyKey() {
    GraphQlRequest r = mutations.refundCreate(creditMemo("CM-1001", "-41.65"), order());
    Matcher m = KEY.matcher(r.document());
    assertTrue(m.find(), r.document());
    String key = m.group(1);
    assertEquals(
        ShopifyOrderMutations.refundKey("gid://shopify/Order/5531567751224", "credit-memo:CM-1001"),
        key);
    // The same credit memo after a restart carries the same key; another one does not.
    GraphQlRequest again = mutations.refundCreate(creditMemo("CM-1001", "-41.65"), order());
    assertEquals(r.document(), again.document());
    assertNotEquals(
        r.document(), mutations.refundCreate(creditMemo("CM-1002", "-41.65"), order()).document());

    JsonNode input = r.variables().path("input");
    assertEquals("gid://shopify/Order/5531567751224", input.path("orderId").asText());
    ArrayNode items = (ArrayNode) input.path("refundLineItems");
    assertEquals(1, items.size(), "the goodwill line names no order line: money only");
    assertEquals("gid://shopify/LineItem/13722222222222", items.get(0).path("lineItemId").asText());
    assertEquals(1, items.get(0).path("quantity").asInt());
    assertEquals("NO_RESTOCK", items.get(0).path("restockType").asText());
    JsonNode tx = input.path("transactions").get(0);
    assertEquals("REFUND", tx.path("kind").asText());
    assertEquals("gid://shopify/OrderTransaction/8801", tx.path("parentId").asText());
    assertEquals("shopify_payments", tx.path("gateway").asText());
    assertEquals("41.65", tx.path("amount").asText());
  }

  @Test
  void positiveInvoiceForeignCurrencyAndTooLargeCreditAreRefused() {
    ValidationException positive =
        assertThrows(
            ValidationException.class,
            () -> mutations.refundCreate(creditMemo("INV-1", "41.65"), order()));
    assertEquals("totals.total", positive.errors().get(0).path());

    Invoice usd =
        creditMemo("CM-2", "-41.65").toBuilder()
            .currency("USD")
            .lines(List.of())
            .totals(new InvoiceTotals(null, null, Money.of("-41.65", "USD"), null, null))
            .build();
    assertEquals(
        "currency",
        assertThrows(ValidationException.class, () -> mutations.refundCreate(usd, order()))
            .errors()
            .get(0)
            .path());

    ValidationException tooMuch =
        assertThrows(
            ValidationException.class,
            () -> mutations.refundCreate(creditMemo("CM-3", "-500.00"), order()));
    assertEquals("totals.total", tooMuch.errors().get(0).path());
    assertTrue(tooMuch.getMessage().contains("captured"));
  }

  @Test
  void creditMemoLineForAnUnknownOrderLineIsNamed() {
    Invoice bad =
        creditMemo("CM-4", "-10.00").toBuilder()
            .lines(
                List.of(
                    new InvoiceLine(
                        1,
                        9,
                        "NOPE",
                        null,
                        BigDecimal.ONE,
                        null,
                        List.of(),
                        Money.of("-10.00", "EUR"))))
            .build();
    ValidationException e =
        assertThrows(ValidationException.class, () -> mutations.refundCreate(bad, order()));
    assertEquals("lines[0].orderLineNumber", e.errors().get(0).path());
  }

  @Test
  void refundedReturnBecomesRefundCreateRestockingWhereConfigured() {
    ReturnRequest ret =
        ReturnRequest.builder()
            .rmaNumber("RMA-77")
            .orderNumber("#1042")
            .status(ReturnStatus.REFUNDED)
            .refundStatus(RefundStatus.REFUNDED)
            .refundAmount(Money.of("25.00", "EUR"))
            .lines(
                List.of(
                    new ReturnLine(
                        null, "TEE-BLK-M", BigDecimal.ONE, null, null, ReturnDisposition.RESTOCK)))
            .build();
    ShopifyOrderMutations restocking =
        ShopifyOrderMutations.builder().restockLocationId("gid://shopify/Location/501").build();
    GraphQlRequest r = restocking.refundCreate(ret, order());
    JsonNode item = r.variables().path("input").path("refundLineItems").get(0);
    assertEquals("gid://shopify/LineItem/13711111111111", item.path("lineItemId").asText());
    assertEquals("RETURN", item.path("restockType").asText());
    assertEquals("gid://shopify/Location/501", item.path("locationId").asText());
    assertEquals(
        "25.00", r.variables().path("input").path("transactions").get(0).path("amount").asText());
    assertTrue(
        r.document()
            .contains(
                ShopifyOrderMutations.refundKey(
                    "gid://shopify/Order/5531567751224", "return:RMA-77")));
    assertEquals(
        "NO_RESTOCK",
        mutations
            .refundCreate(ret, order())
            .variables()
            .path("input")
            .path("refundLineItems")
            .get(0)
            .path("restockType")
            .asText());
  }

  private static Order erpOrder() {
    return Order.builder()
        .orderNumber("#1042")
        .status(OrderStatus.SHIPPED)
        .currency("EUR")
        .erpOrderNumber("SO-20999")
        .build();
  }

  @Test
  void erpStatusAsTags() {
    GraphQlRequest r = mutations.tagsAdd("gid://shopify/Order/5531567751224", erpOrder());
    assertTrue(r.document().contains("tagsAdd(id: $id, tags: $tags)"));
    assertEquals(
        List.of("erp-status:shipped", "erp-order:SO-20999"),
        Wire.JSON.convertValue(
            r.variables().path("tags"),
            Wire.JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
    Order comma = erpOrder().toBuilder().erpOrderNumber("SO-1,2").build();
    assertEquals(
        "erpOrderNumber",
        assertThrows(ValidationException.class, () -> mutations.tagsAdd("gid://x", comma))
            .errors()
            .get(0)
            .path());
  }

  @Test
  void erpStatusAsMetafieldsIsReadBackByTheOrderMapping() {
    GraphQlRequest r = mutations.metafieldsSet("gid://shopify/Order/5531567751224", erpOrder());
    assertTrue(r.document().contains("metafieldsSet(metafields: $metafields)"));
    JsonNode mfs = r.variables().path("metafields");
    assertEquals("gid://shopify/Order/5531567751224", mfs.get(0).path("ownerId").asText());
    assertEquals("retail_sync", mfs.get(0).path("namespace").asText());
    assertEquals("erp_status", mfs.get(0).path("key").asText());
    assertEquals("SHIPPED", mfs.get(0).path("value").asText());
    assertEquals("single_line_text_field", mfs.get(1).path("type").asText());
    // Shopify stores them; the next read of the order carries them back.
    ObjectNode order = (ObjectNode) orderNode();
    ArrayNode nodes = order.putObject("metafields").putArray("nodes");
    mfs.forEach(
        m ->
            nodes
                .addObject()
                .put("namespace", m.path("namespace").asText())
                .put("key", m.path("key").asText())
                .put("type", m.path("type").asText())
                .put("value", m.path("value").asText()));
    Order read = ShopifyOrderMapping.ofDefaults().fromGraphQl(order);
    assertEquals("SO-20999", read.erpOrderNumber());
    assertFalse(read.extensions().containsKey("retail_sync.erp_status"));
  }

  @Test
  void requestToStringShowsNoVariables() {
    GraphQlRequest r = mutations.refundCreate(creditMemo("CM-1001", "-41.65"), order());
    assertFalse(r.toString().contains("5531567751224"));
    assertTrue(r.toString().contains("RefundCreate"));
  }
}
