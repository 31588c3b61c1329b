package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Discount;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderLineStatus;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.Payment;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnDisposition;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnReason;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.model.TaxLine;
import dev.retailsync.ecommerce.shopify.webhook.WebhookIntake;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSignature;
import dev.retailsync.ecommerce.shopify.webhook.WebhookVerdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook intake and the mappings against payloads typed from Shopify's documentation (see
 * src/test/resources/wire/shopify/README.md).
 */
class WirePayloadContractTest {
  private final List<Change<?>> changes = new ArrayList<>();
  private final WebhookIntake intake =
      WebhookIntake.builder()
          .signature(WebhookSignature.of(Wire.SECRET))
          .sink(ShopifyWebhookChanges.of(changes::add))
          .build();

  private static Money usd(String a) {
    return Money.of(a, "USD");
  }

  private static Money eur(String a) {
    return Money.of(a, "EUR");
  }

  private Change<?> deliver(String name) {
    Map<String, String> headers = Wire.headers("webhook/" + name + ".headers.properties");
    byte[] body = Wire.bytes("webhook/" + name + ".body.json");
    WebhookVerdict v = intake.receive(headers, body);
    assertEquals(WebhookVerdict.Status.ACCEPTED, v.status(), v.detail());
    return changes.get(changes.size() - 1);
  }

  @Test
  void ordersCreateWebhookBecomesACreatedOrder() {
    Change<?> c = deliver("orders-create");
    assertEquals(EntityType.ORDER, c.entityType());
    assertEquals(ChangeType.CREATED, c.type());
    assertEquals("shopify:gid://shopify/Order/820982911946154508", c.source().toString());
    assertEquals(Instant.parse("2026-10-01T13:15:04Z"), c.sourceTimestamp());
    Order o = (Order) c.entity();
    assertEquals("#9999", o.orderNumber());
    assertEquals("shopify", o.channel());
    assertEquals(OrderStatus.CAPTURED, o.status());
    assertEquals("jon@example.com", o.customerEmail());
    assertEquals(Instant.parse("2026-10-01T13:15:03Z"), o.orderedAt());
    assertEquals("USD", o.currency());
    assertEquals("PO-4471", o.purchaseOrderNumber());
    assertEquals(
        new OrderLine(
            1,
            "IPOD2008PINK",
            "IPod Nano - 8GB",
            BigDecimal.ONE,
            usd("199.00"),
            List.of(new Discount("WELCOME20", null, usd("10.00"))),
            List.of(new TaxLine(null, "State tax", new BigDecimal("0.1"), usd("18.90"))),
            usd("189.00"),
            OrderLineStatus.OPEN),
        o.lines().get(0));
    assertEquals("IPOD2008BLACK", o.lines().get(1).sku());
    assertEquals(
        List.of(new TaxLine(null, "Shipping tax", new BigDecimal("0.2"), usd("2.00"))), o.taxes());
    assertEquals(
        new OrderTotals(usd("378.00"), usd("20.00"), usd("38.24"), usd("10.00"), usd("426.24")),
        o.totals());
    assertEquals(
        PostalAddress.builder()
            .lines("123 Shipping Street")
            .locality("Shippington")
            .region("KY")
            .postalCode("40003")
            .country("US")
            .build(),
        o.shippingAddress());
    assertEquals("Billtown", o.billingAddress().locality());
    assertEquals(
        "gid://shopify/Customer/115310627314723954", o.extensions().get("shopifyCustomerId"));
    assertTrue(o.payments().isEmpty(), "order webhooks carry no transactions");
  }

  @Test
  void ordersUpdatedWebhookCarriesFulfilmentProgressAndMetafields() {
    Change<?> c = deliver("orders-updated");
    assertEquals(ChangeType.UPDATED, c.type());
    Order o = (Order) c.entity();
    assertEquals(OrderStatus.PARTIALLY_SHIPPED, o.status());
    assertEquals(OrderLineStatus.SHIPPED, o.lines().get(0).status());
    assertEquals(OrderLineStatus.OPEN, o.lines().get(1).status());
    assertEquals("SO-77812", o.erpOrderNumber());
    assertEquals(Boolean.TRUE, o.extensions().get("custom.gift_wrap"));
    assertEquals(Instant.parse("2026-10-01T15:42:10Z"), c.sourceTimestamp());
  }

  @Test
  void fulfillmentsCreateWebhookBecomesAShipment() {
    Change<?> c = deliver("fulfillments-create");
    assertEquals(EntityType.SHIPMENT, c.entityType());
    assertEquals("shopify:gid://shopify/Fulfillment/123456", c.source().toString());
    Shipment s = (Shipment) c.entity();
    assertEquals("#9999.1", s.shipmentNumber());
    assertEquals("#9999", s.orderNumber());
    assertEquals("UPS", s.carrier());
    assertEquals("1Z2345", s.trackingNumber());
    assertTrue(s.trackingUrl().startsWith("https://www.ups.com/"));
    assertEquals(ShipmentStatus.IN_TRANSIT, s.status());
    assertEquals(List.of(new ShipmentLine(null, "IPOD2008PINK", BigDecimal.ONE)), s.lines());
    assertEquals(Instant.parse("2026-10-02T14:04:11Z"), s.shippedAt());
  }

  @Test
  void refundsCreateWebhookBecomesARefundedReturnRequest() {
    Change<?> c = deliver("refunds-create");
    assertEquals(EntityType.RETURN_REQUEST, c.entityType());
    ReturnRequest r = (ReturnRequest) c.entity();
    assertEquals("refund-929361464", r.rmaNumber());
    assertEquals(ReturnStatus.REFUNDED, r.status());
    assertEquals(RefundStatus.REFUNDED, r.refundStatus());
    assertEquals(usd("206.34"), r.refundAmount());
    assertEquals(Instant.parse("2026-10-03T12:30:00Z"), r.requestedAt());
    assertEquals(
        List.of(
            new ReturnLine(
                null, "IPOD2008BLACK", BigDecimal.ONE, null, null, ReturnDisposition.RESTOCK)),
        r.lines());
    assertEquals("gid://shopify/Order/820982911946154508", r.extensions().get("shopifyOrderId"));
  }

  @Test
  void customersUpdateWebhookCarriesMarketingConsent() {
    Change<?> c = deliver("customers-update");
    assertEquals(EntityType.PARTY, c.entityType());
    Party p = (Party) c.entity();
    assertEquals("Bob", p.name().given());
    assertEquals("Biller", p.name().family());
    assertEquals(ConsentState.GRANTED, p.marketingConsent().email());
    assertEquals(ConsentState.DENIED, p.marketingConsent().sms());
    assertEquals(Instant.parse("2026-10-04T20:20:30Z"), p.marketingConsent().updatedAt());
    assertEquals("shopify", p.marketingConsent().source());
    assertEquals(ContactPointType.EMAIL, p.contactPoints().get(0).type());
    assertEquals("+16135550123", p.contactPoints().get(1).value());
    assertEquals("CA", p.addresses().get(0).address().country());
  }

  @Test
  void aRecordedDeliveryWithOneByteChangedIsRefused() {
    Map<String, String> headers = Wire.headers("webhook/orders-create.headers.properties");
    byte[] body = Wire.bytes("webhook/orders-create.body.json");
    body[body.length / 2] ^= 0x20;
    assertEquals(WebhookVerdict.Status.BAD_SIGNATURE, intake.receive(headers, body).status());
    assertTrue(changes.isEmpty());
  }

  private static JsonNode order() {
    return Wire.json("graphql/order.response.json").path("data").path("order");
  }

  @Test
  void graphQlOrderMapsWithLinesPaymentsTotalsAndMetafields() {
    Order o = ShopifyOrderMapping.ofDefaults().fromGraphQl(order());
    assertEquals("#1042", o.orderNumber());
    assertEquals(OrderStatus.PARTIALLY_SHIPPED, o.status());
    assertEquals("EUR", o.currency());
    assertEquals(Instant.parse("2026-10-05T08:01:00Z"), o.orderedAt());
    assertEquals(
        new OrderLine(
            1,
            "TEE-BLK-M",
            "Organic tee - Black / M",
            new BigDecimal("2"),
            eur("25.00"),
            List.of(new Discount("AUTUMN10", null, eur("5.00"))),
            List.of(new TaxLine(null, "MwSt", new BigDecimal("0.19"), eur("8.55"))),
            eur("45.00"),
            OrderLineStatus.SHIPPED),
        o.lines().get(0));
    assertEquals(OrderLineStatus.OPEN, o.lines().get(1).status());
    assertEquals(OrderLineStatus.CANCELLED, o.lines().get(2).status());
    assertEquals(
        List.of(
            new Payment(
                "shopify_payments",
                eur("113.05"),
                PaymentStatus.CAPTURED,
                "gid://shopify/OrderTransaction/8801"),
            new Payment(
                "shopify_payments",
                eur("12.00"),
                PaymentStatus.REFUNDED,
                "gid://shopify/OrderTransaction/8802")),
        o.payments());
    assertEquals(
        List.of(new TaxLine(null, "MwSt", new BigDecimal("0.19"), eur("0.93"))), o.taxes());
    assertEquals(
        new OrderTotals(eur("80.00"), eur("10.00"), eur("16.15"), eur("4.90"), eur("101.05")),
        o.totals());
    assertEquals(List.of("Hauptstraße 5", "2. OG"), o.shippingAddress().lines());
    assertEquals("DE", o.shippingAddress().country());
    assertEquals("SO-20417", o.erpOrderNumber());
    assertEquals("Happy birthday", o.extensions().get("custom.gift_message"));
    assertEquals(new BigDecimal("120"), o.extensions().get("custom.loyalty_points"));
    assertNull(o.extensions().get("retail_sync.erp_order_number"));
  }

  @Test
  void graphQlFulfillmentsRefundsAndReturnsMapWithTheirOrderLineNumbers() {
    List<Shipment> shipments = ShopifyShipmentMapping.ofDefaults().fromGraphQlOrder(order());
    assertEquals(1, shipments.size());
    Shipment s = shipments.get(0);
    assertEquals("#1042-F1", s.shipmentNumber());
    assertEquals("#1042", s.orderNumber());
    assertEquals("DHL Express", s.carrier());
    assertEquals("00340434161094042557", s.trackingNumber());
    assertEquals(ShipmentStatus.IN_TRANSIT, s.status());
    assertEquals(List.of(new ShipmentLine(1, "TEE-BLK-M", new BigDecimal("2"))), s.lines());

    ShopifyReturnMapping returns = ShopifyReturnMapping.ofDefaults();
    ReturnRequest refund = returns.refundsFromGraphQlOrder(order()).get(0);
    assertEquals("refund-9901", refund.rmaNumber());
    assertEquals("#1042", refund.orderNumber());
    assertEquals(eur("12.00"), refund.refundAmount());
    assertEquals(
        List.of(
            new ReturnLine(3, "SOCK-3PK", BigDecimal.ONE, null, null, ReturnDisposition.RESTOCK)),
        refund.lines());

    ReturnRequest ret = returns.returnsFromGraphQlOrder(order()).get(0);
    assertEquals("#1042-R1", ret.rmaNumber());
    assertEquals(ReturnStatus.AUTHORIZED, ret.status());
    assertEquals(
        List.of(
            new ReturnLine(1, "TEE-BLK-M", BigDecimal.ONE, ReturnReason.OTHER, "Runs small", null)),
        ret.lines());
  }

  @Test
  void fulfillmentCreateResponsesWithAndWithoutUserErrors() {
    assertEquals(
        "gid://shopify/Fulfillment/6602",
        ShopifyOrderMutations.fulfillmentId(
            Wire.json("graphql/fulfillment-create.response.json").path("data")));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ShopifyOrderMutations.fulfillmentId(
                    Wire.json("graphql/fulfillment-create.user-errors.response.json")
                        .path("data")));
    assertEquals(
        "fulfillment.lineItemsByFulfillmentOrder.0.fulfillmentOrderLineItems.0.quantity",
        e.errors().get(0).path());
    assertTrue(e.getMessage().contains("Invalid fulfillment order line item quantity"));
  }

  @Test
  void refundCreateResponsesWithAndWithoutUserErrors() {
    assertEquals(
        "gid://shopify/Refund/9902",
        ShopifyOrderMutations.refundId(
            Wire.json("graphql/refund-create.response.json").path("data")));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ShopifyOrderMutations.refundId(
                    Wire.json("graphql/refund-create.user-errors.response.json").path("data")));
    assertEquals("transactions.0.amount", e.errors().get(0).path());
  }

  @Test
  void fulfilmentOrdersResponseIsReadWithRemainingQuantities() {
    List<ShopifyOrderRef.FulfillmentOrder> fos =
        ShopifyOrderRef.fulfillmentOrders(
            Wire.json("graphql/fulfillment-orders.response.json").path("data"));
    assertEquals(3, fos.size());
    assertEquals("CLOSED", fos.get(0).status());
    assertEquals(false, fos.get(0).fulfillable());
    assertEquals("gid://shopify/Location/502", fos.get(2).locationId());
    assertEquals(
        new ShopifyOrderRef.FulfillmentOrderLine(
            "gid://shopify/FulfillmentOrderLineItem/8812",
            "gid://shopify/LineItem/13722222222222",
            "CAP-GRY",
            1),
        fos.get(1).lines().get(0));
  }
}
