package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders, the order feed and fulfilments against the real Vendure server, with orders placed by
 * {@link VendureTestShop}.
 */
@RealVendure
class VendureOrdersIT {
  private VendureTestServer server;
  private VendureTestShop shop;
  private VendureConnector vendure;

  @BeforeEach
  void connect(VendureTestServer s) {
    server = s;
    shop = VendureTestShop.of(s);
    vendure = VendureConnector.builder().adminApiUrl(s.adminApiUrl()).apiKey(s.apiKey()).build();
  }

  private static Shipment shipment(
      String number, String order, String tracking, ShipmentStatus status, ShipmentLine... lines) {
    return Shipment.builder()
        .shipmentNumber(number)
        .orderNumber(order)
        .carrier("DHL")
        .trackingNumber(tracking)
        .lines(List.of(lines))
        .status(status)
        .build();
  }

  private static ShipmentLine line(String sku, int qty) {
    return new ShipmentLine(null, sku, BigDecimal.valueOf(qty));
  }

  private WriteOutcome write(Shipment s) {
    return vendure
        .writer(EntityType.SHIPMENT)
        .orElseThrow()
        .upsert(List.of(WriteRequest.of("k-" + s.shipmentNumber(), s)))
        .get(0);
  }

  private static List<Change<Order>> drain(ChangeFeed<Order> feed, Cursor[] cursor) {
    List<Change<Order>> all = new ArrayList<>();
    ChangePage<Order> page;
    do {
      page = feed.poll(cursor[0], 2);
      all.addAll(page.changes());
      cursor[0] = page.next();
    } while (page.hasMore());
    return all;
  }

  @Test
  void aPlacedOrderReadsAsACanonicalOrderWithExactMoney() {
    assertTrue(
        shop.skus().containsAll(List.of("TSHIRT-M-BLK", "COFFEE-1KG")), shop.skus().toString());
    Map<String, Integer> want = new LinkedHashMap<>();
    want.put("TSHIRT-M-BLK", 3);
    want.put("COFFEE-1KG", 1);
    String code = shop.placeOrder("ada.orders@example.com", want);

    RemoteRecord<Order> r = vendure.readOrders(List.of(code, "NO-SUCH-CODE")).get(0);
    assertEquals(1, vendure.readOrders(List.of(code, "NO-SUCH-CODE")).size());
    Order o = r.entity();
    assertEquals(code, o.orderNumber());
    assertEquals(code, r.id().id());
    assertEquals("vendure", o.channel());
    assertEquals(OrderStatus.CAPTURED, o.status());
    assertEquals("PaymentSettled", o.extensions().get("vendureState"));
    assertEquals("ada.orders@example.com", o.customerEmail());
    assertEquals("USD", o.currency());
    assertNotNull(o.orderedAt());
    assertEquals(2, o.lines().size());
    OrderLine shirts = o.lines().get(0);
    assertEquals(1, shirts.lineNumber());
    assertEquals("TSHIRT-M-BLK", shirts.sku());
    assertEquals(0, BigDecimal.valueOf(3).compareTo(shirts.quantity()));
    assertEquals(Money.of("19.99", "USD"), shirts.unitPrice());
    // Vendure rounds tax per line: 3 x 23.99 would be 71.97, the line says 71.96 (A.44)
    assertEquals(Money.of("71.96", "USD"), shirts.lineTotal());
    assertEquals(Money.of("11.99", "USD"), shirts.taxes().get(0).amount());
    assertEquals(0, new BigDecimal("0.2").compareTo(shirts.taxes().get(0).rate()));
    OrderLine coffee = o.lines().get(1);
    assertEquals("COFFEE-1KG", coffee.sku());
    assertEquals(Money.of("24.50", "USD"), coffee.unitPrice());
    assertEquals(Money.of("26.95", "USD"), coffee.lineTotal());
    // 71.96 + 26.95 + 5.00 shipping
    assertEquals(Money.of("103.91", "USD"), o.totals().grandTotal());
    assertEquals(Money.of("5.00", "USD"), o.totals().shippingTotal());
    assertEquals(Money.of("84.47", "USD"), o.totals().subtotal());
    assertEquals(Money.of("14.44", "USD"), o.totals().taxTotal());
    assertEquals(1, o.payments().size());
    assertEquals(PaymentStatus.CAPTURED, o.payments().get(0).status());
    assertEquals(o.totals().grandTotal(), o.payments().get(0).amount());
    assertEquals("standard-payment", o.payments().get(0).method());
    assertTrue(o.payments().get(0).reference().startsWith("TEST-"));
    assertEquals("London", o.shippingAddress().locality());
    assertEquals("GB", o.billingAddress().country());
    assertEquals(r, vendure.reader(EntityType.ORDER).orElseThrow().read(List.of(code)).get(0));
  }

  @Test
  void theFeedDeliversPaymentsAndFulfilmentsThatLeaveUpdatedAtAloneOnceAndResumesAfterARestart()
      throws IOException {
    ChangeFeed<Order> feed = vendure.changeFeed(EntityType.ORDER).orElseThrow();
    Cursor[] cursor = {Cursor.beginning()};
    String first = shop.placeOrder("feed.one@example.com", Map.of("TSHIRT-S-BLK", 2));
    String second = shop.placeOrder("feed.two@example.com", Map.of("SHOE-42", 1));
    String third = shop.placeOrder("feed.three@example.com", Map.of("TSHIRT-L-BLK", 1));
    List<Change<Order>> initial = drain(feed, cursor);
    assertEquals(
        List.of(first, second, third),
        initial.stream()
            .map(c -> c.entity().orderNumber())
            .filter(Set.of(first, second, third)::contains)
            .toList(),
        "three orders, in the order they were placed, over pages of 2 (other tests' orders too)");
    assertTrue(drain(feed, cursor).isEmpty(), "nothing changed: nothing repeated");

    String updatedAt = updatedAt(first);
    assertEquals(
        WriteOutcome.Status.CREATED,
        write(shipment("S-F1", first, "TRK-F1", ShipmentStatus.SHIPPED, line("TSHIRT-S-BLK", 2)))
            .status());
    assertEquals(updatedAt, updatedAt(first), "Vendure left Order.updatedAt alone (§9.1)");

    // a restart: a new connector and feed with the stored cursor string
    VendureConnector restarted =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .apiKey(server.apiKey())
            .build();
    Cursor[] stored = {Cursor.of(cursor[0].value())};
    List<Change<Order>> after = drain(restarted.changeFeed(EntityType.ORDER).orElseThrow(), stored);
    assertEquals(1, after.size(), after.toString());
    assertEquals(first, after.get(0).entity().orderNumber());
    assertEquals(OrderStatus.SHIPPED, after.get(0).entity().status());
    assertTrue(drain(restarted.changeFeed(EntityType.ORDER).orElseThrow(), stored).isEmpty());

    // a refund (a payment change) is delivered too, with the payment refunded
    shop.admin(
        "mutation R($i: RefundOrderInput!) { refundOrder(input: $i) { __typename ... on Refund {"
            + " id } ... on ErrorResult { errorCode message } } }",
        Map.of(
            "i",
            Map.of(
                "paymentId",
                paymentId(second),
                "amount",
                paymentAmount(second),
                "shipping",
                0,
                "adjustment",
                0,
                "reason",
                "test")));
    List<Change<Order>> refunded = drain(feed, stored);
    assertEquals(List.of(second), refunded.stream().map(c -> c.entity().orderNumber()).toList());
    assertEquals(PaymentStatus.REFUNDED, refunded.get(0).entity().payments().get(0).status());
  }

  @Test
  void theFeedHandsOverOnlyTheConfiguredStates() {
    VendureConnector paidOnly =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .apiKey(server.apiKey())
            .orderFeedStates(Set.of("Shipped"))
            .build();
    String code = shop.placeOrder("states@example.com", Map.of("TSHIRT-M-WHT", 1));
    Cursor[] cursor = {Cursor.beginning()};
    ChangeFeed<Order> feed = paidOnly.changeFeed(EntityType.ORDER).orElseThrow();
    assertTrue(
        drain(feed, cursor).stream().noneMatch(c -> c.entity().orderNumber().equals(code)),
        "PaymentSettled is not among the states");
    write(shipment("S-ST", code, "TRK-ST", ShipmentStatus.SHIPPED, line("TSHIRT-M-WHT", 1)));
    List<Change<Order>> now = drain(feed, cursor);
    assertEquals(List.of(code), now.stream().map(c -> c.entity().orderNumber()).toList());
  }

  @Test
  void aShipmentBecomesAFulfilmentOnceAndMovesOnToDelivered() {
    Map<String, Integer> items = new LinkedHashMap<>();
    items.put("TSHIRT-M-BLK", 3);
    items.put("SHOE-43", 1);
    String code = shop.placeOrder("ship@example.com", items);
    WriteOutcome created =
        write(
            shipment(
                "S-1",
                code,
                "JD014600003828",
                ShipmentStatus.SHIPPED,
                line("TSHIRT-M-BLK", 2),
                line("SHOE-43", 1)));
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    assertTrue(created.externalId().id().startsWith(code + "/"), created.toString());

    WriteOutcome again =
        write(
            shipment(
                "S-1",
                code,
                "JD014600003828",
                ShipmentStatus.SHIPPED,
                line("TSHIRT-M-BLK", 2),
                line("SHOE-43", 1)));
    assertEquals(WriteOutcome.Status.UNCHANGED, again.status(), again.toString());
    assertEquals(created.externalId(), again.externalId());

    List<RemoteRecord<Shipment>> shipments = vendure.shipmentsOf(code);
    assertEquals(1, shipments.size());
    Shipment s = shipments.get(0).entity();
    assertEquals("JD014600003828", s.trackingNumber());
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals("DHL", s.carrier());
    assertEquals(code, s.orderNumber());
    assertEquals(
        List.of(
            new ShipmentLine(1, "TSHIRT-M-BLK", BigDecimal.valueOf(2)),
            new ShipmentLine(2, "SHOE-43", BigDecimal.ONE)),
        s.lines());
    assertEquals(
        shipments,
        vendure
            .reader(EntityType.SHIPMENT)
            .orElseThrow()
            .read(List.of(created.externalId().id(), code + "/999999")));
    assertEquals(
        OrderStatus.PARTIALLY_SHIPPED, vendure.readOrders(List.of(code)).get(0).entity().status());

    WriteOutcome delivered =
        write(
            shipment(
                "S-1",
                code,
                "JD014600003828",
                ShipmentStatus.DELIVERED,
                line("TSHIRT-M-BLK", 2),
                line("SHOE-43", 1)));
    assertEquals(WriteOutcome.Status.UPDATED, delivered.status(), delivered.toString());
    assertEquals(ShipmentStatus.DELIVERED, vendure.shipmentsOf(code).get(0).entity().status());

    // the rest of the shirts, without a tracking number: the shipment number is the code
    WriteOutcome rest =
        write(shipment("S-2", code, null, ShipmentStatus.DELIVERED, line("TSHIRT-M-BLK", 1)));
    assertEquals(WriteOutcome.Status.CREATED, rest.status(), rest.toString());
    assertEquals("S-2", vendure.shipmentsOf(code).get(1).entity().trackingNumber());
    assertEquals(OrderStatus.SHIPPED, vendure.readOrders(List.of(code)).get(0).entity().status());
    assertEquals(
        WriteOutcome.Status.UNCHANGED,
        write(shipment("S-2", code, null, ShipmentStatus.DELIVERED, line("TSHIRT-M-BLK", 1)))
            .status());
  }

  @Test
  void badShipmentsAreRejectedOneByOneNamingTheField() {
    String code = shop.placeOrder("bad@example.com", Map.of("TSHIRT-M-BLK", 1));
    List<WriteOutcome> out =
        vendure
            .writer(EntityType.SHIPMENT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "no-order",
                        shipment(
                            "B1", "NOPE", "T1", ShipmentStatus.SHIPPED, line("TSHIRT-M-BLK", 1))),
                    WriteRequest.of(
                        "bad-sku",
                        shipment("B2", code, "T2", ShipmentStatus.SHIPPED, line("SHOE-42", 1))),
                    WriteRequest.of(
                        "too-many",
                        shipment(
                            "B3", code, "T3", ShipmentStatus.SHIPPED, line("TSHIRT-M-BLK", 2))),
                    WriteRequest.of(
                        "ok",
                        shipment(
                            "B4", code, "T4", ShipmentStatus.CREATED, line("TSHIRT-M-BLK", 1)))));
    assertEquals(WriteOutcome.Status.REJECTED, out.get(0).status());
    assertEquals("orderNumber", out.get(0).errors().get(0).path().toString());
    assertEquals("lines[0].sku", out.get(1).errors().get(0).path().toString());
    assertEquals("lines[0].quantity", out.get(2).errors().get(0).path().toString());
    assertEquals(WriteOutcome.Status.CREATED, out.get(3).status(), out.get(3).toString());
    assertEquals(ShipmentStatus.CREATED, vendure.shipmentsOf(code).get(0).entity().status());

    // the warehouse cancels it: the fulfilment is cancelled once, and the line is open again
    Shipment cancelled =
        shipment("B4", code, "T4", ShipmentStatus.CANCELLED, line("TSHIRT-M-BLK", 1));
    assertEquals(WriteOutcome.Status.UPDATED, write(cancelled).status());
    assertEquals(ShipmentStatus.CANCELLED, vendure.shipmentsOf(code).get(0).entity().status());
    assertEquals(WriteOutcome.Status.UNCHANGED, write(cancelled).status());
    WriteOutcome again =
        write(shipment("B5", code, "T5", ShipmentStatus.SHIPPED, line("TSHIRT-M-BLK", 1)));
    assertEquals(WriteOutcome.Status.CREATED, again.status(), again.toString());
  }

  private WriteOutcome setStock(String sku, int onHand) {
    return vendure
        .writer(EntityType.INVENTORY_POSITION)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "stock-" + sku + "-" + onHand,
                    InventoryPosition.builder()
                        .sku(sku)
                        .location("1")
                        .onHand(BigDecimal.valueOf(onHand))
                        .asOf(Instant.now())
                        .build())))
        .get(0);
  }

  @Test
  void vendureErrorResultsBecomeRejectionsNamingTheField() {
    // SHOE-44 is seeded without stock and used by no other test here
    assertTrue(setStock("SHOE-44", 2).isSuccess());
    String code = shop.placeOrder("stockout@example.com", Map.of("SHOE-44", 2));
    // stock on hand goes to 0 behind the order's back: Vendure refuses the fulfilment
    WriteOutcome zero = setStock("SHOE-44", 0);
    assertEquals(WriteOutcome.Status.UPDATED, zero.status(), zero.toString());
    WriteOutcome out =
        write(shipment("E1", code, "TRK-E1", ShipmentStatus.SHIPPED, line("SHOE-44", 2)));
    assertEquals(WriteOutcome.Status.REJECTED, out.status(), out.toString());
    assertEquals("INSUFFICIENT_STOCK_ON_HAND_ERROR", out.errorCode());
    assertEquals("lines", out.errors().get(0).path().toString());
    assertTrue(vendure.shipmentsOf(code).isEmpty());
  }

  @Test
  void aLostAnswerIsRetryableAndTheRetryDoesNotFulfilTwice() {
    AtomicBoolean dropNextFulfilment = new AtomicBoolean(true);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Buffer body = new Buffer();
                  if (chain.request().body() != null) {
                    chain.request().body().writeTo(body);
                  }
                  okhttp3.Response r = chain.proceed(chain.request());
                  if (body.readUtf8().contains("addFulfillmentToOrder")
                      && dropNextFulfilment.getAndSet(false)) {
                    r.close();
                    throw new IOException("connection reset (injected after the server answered)");
                  }
                  return r;
                })
            .build();
    VendureConnector flaky =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .apiKey(server.apiKey())
            .http(http)
            .build();
    String code = shop.placeOrder("lost@example.com", Map.of("TSHIRT-L-BLK", 1));
    RecordWriter<Shipment> writer = flaky.writer(EntityType.SHIPMENT).orElseThrow();
    WriteRequest<Shipment> req =
        WriteRequest.of(
            "lost",
            shipment("L1", code, "TRK-LOST", ShipmentStatus.SHIPPED, line("TSHIRT-L-BLK", 1)),
            null,
            null,
            Set.of(),
            IdempotencyKey.of("ship:" + code + ":L1"));
    WriteOutcome first = writer.upsert(List.of(req)).get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.status(), first.toString());
    WriteOutcome retry = writer.upsert(List.of(req)).get(0);
    assertTrue(retry.isSuccess(), retry.toString());
    WriteOutcome replay = writer.upsert(List.of(req)).get(0);
    assertEquals(WriteOutcome.Status.UNCHANGED, replay.status(), replay.toString());
    assertEquals(retry.externalId(), replay.externalId());
    List<RemoteRecord<Shipment>> shipments = vendure.shipmentsOf(code);
    assertEquals(1, shipments.size(), "fulfilled once");
    assertEquals(ShipmentStatus.SHIPPED, shipments.get(0).entity().status());
    assertFalse(dropNextFulfilment.get());
  }

  private static ReturnRequest refund(String rma, String order, String amount, String currency) {
    return ReturnRequest.builder()
        .rmaNumber(rma)
        .orderNumber(order)
        .status(ReturnStatus.AUTHORIZED)
        .refundStatus(RefundStatus.PENDING)
        .refundAmount(Money.of(amount, currency))
        .build();
  }

  @Test
  void refundsAreMadeOncePerRmaAndVendureRefusalsNameTheAmount() {
    // 23.99 for the shirt and 5.00 shipping
    String code = shop.placeOrder("refund@example.com", Map.of("TSHIRT-M-WHT", 1));
    RecordWriter<ReturnRequest> refunds = vendure.writer(EntityType.RETURN_REQUEST).orElseThrow();
    List<WriteOutcome> out =
        refunds.upsert(
            List.of(
                WriteRequest.of("r1", refund("RMA-1", code, "10.00", "USD")),
                WriteRequest.of("r1-again", refund("RMA-1", code, "10.00", "USD")),
                WriteRequest.of("too-much", refund("RMA-2", code, "100.00", "USD")),
                WriteRequest.of("no-order", refund("RMA-3", "NOPE", "1.00", "USD")),
                WriteRequest.of("euro", refund("RMA-4", code, "1.00", "EUR"))));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.get(0).toString());
    assertEquals("Settled", out.get(0).version());
    assertTrue(out.get(0).externalId().id().startsWith(code + "/refund/"));
    assertEquals(WriteOutcome.Status.UNCHANGED, out.get(1).status(), out.get(1).toString());
    assertEquals(out.get(0).externalId(), out.get(1).externalId());
    assertEquals("REFUND_AMOUNT_ERROR", out.get(2).errorCode(), out.get(2).toString());
    assertEquals("refundAmount", out.get(2).errors().get(0).path());
    assertTrue(out.get(2).message().contains("18.99"), out.get(2).message());
    assertEquals("orderNumber", out.get(3).errors().get(0).path());
    assertEquals("refundAmount.currency", out.get(4).errors().get(0).path());
    assertEquals(
        PaymentStatus.CAPTURED,
        vendure.readOrders(List.of(code)).get(0).entity().payments().get(0).status());

    WriteRequest<ReturnRequest> rest =
        WriteRequest.of(
            "rest",
            refund("RMA-5", code, "18.99", "USD"),
            null,
            null,
            Set.of(),
            IdempotencyKey.of("refund:" + code + ":RMA-5"));
    assertEquals(WriteOutcome.Status.CREATED, refunds.upsert(List.of(rest)).get(0).status());
    assertEquals(WriteOutcome.Status.UNCHANGED, refunds.upsert(List.of(rest)).get(0).status());
    assertEquals(
        PaymentStatus.REFUNDED,
        vendure.readOrders(List.of(code)).get(0).entity().payments().get(0).status());
  }

  private JsonNode order(String code) {
    return shop.admin(
            "query O($o: OrderListOptions) { orders(options: $o) { items { id updatedAt payments {"
                + " id amount } } } }",
            Map.of("o", Map.of("filter", Map.of("code", Map.of("eq", code)))))
        .path("orders")
        .path("items")
        .path(0);
  }

  private String updatedAt(String code) {
    return order(code).path("updatedAt").asText();
  }

  private String paymentId(String code) {
    return order(code).path("payments").path(0).path("id").asText();
  }

  private long paymentAmount(String code) {
    return order(code).path("payments").path(0).path("amount").asLong();
  }
}
