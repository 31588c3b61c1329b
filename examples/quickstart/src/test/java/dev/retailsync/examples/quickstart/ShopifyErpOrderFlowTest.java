package dev.retailsync.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A Shopify order reaches the NetSuite fake; the NetSuite shipment comes back as a fulfilment. */
class ShopifyErpOrderFlowTest {

  /** A clock that moves one second each time it is read, so every edit gets a later stamp. */
  private static final class Ticking extends Clock {
    private final AtomicLong seconds =
        new AtomicLong(Instant.parse("2026-11-25T12:00:00Z").getEpochSecond());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.incrementAndGet());
    }
  }

  @Test
  void theOrderReachesTheErpWithItsLinesAndTheShipmentComesBackAsAFulfilmentWithTracking() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ShopifyErpOrderFlow.Result r =
        ShopifyErpOrderFlow.run(new PrintStream(buf, true, StandardCharsets.UTF_8), new Ticking());
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.print(out);

    // The ERP received the order with its lines, for the web-shop customer.
    List<ObjectNode> salesOrders = r.netsuite().records("salesOrder");
    assertEquals(1, salesOrders.size(), out);
    ObjectNode so = salesOrders.get(0);
    String legacyId = r.orderId().substring(r.orderId().lastIndexOf('/') + 1);
    assertEquals(legacyId, so.path("externalId").asText(), out);
    JsonNode lines = so.path("item").path("items");
    assertEquals(2, lines.size(), so.toString());
    assertEquals(2, lines.get(0).path("quantity").asInt(), so.toString());
    assertEquals(1, lines.get(1).path("quantity").asInt(), so.toString());
    assertTrue(so.toString().contains("TEE-BLK-M") || out.contains("2 lines"), so.toString());

    // Shopify has exactly one fulfilment, with the ERP's tracking number, for every unit.
    List<ObjectNode> fulfillments = r.shop().fulfillments(r.orderId());
    assertEquals(1, fulfillments.size(), out);
    ObjectNode f = fulfillments.get(0);
    assertEquals(
        ShopifyErpOrderFlow.TRACKING_NUMBER,
        f.path("trackingInfo").path(0).path("number").asText(),
        f.toString());
    int units = 0;
    for (JsonNode l : f.path("fulfillmentLineItems").path("nodes")) {
      units += l.path("quantity").asInt();
    }
    assertEquals(3, units, f.toString());
    assertEquals(
        "FULFILLED", r.shop().orders().get(0).path("displayFulfillmentStatus").asText(), out);
    assertEquals(1, r.shop().mutationsApplied().get("fulfillmentCreate"), out);

    // Every step was printed with its outcomes.
    assertTrue(out.contains("1. shopify order"), out);
    assertTrue(out.contains("2. netsuite sales order"), out);
    assertTrue(out.contains("3. netsuite item fulfilment"), out);
    assertTrue(out.contains("tracking " + ShopifyErpOrderFlow.TRACKING_NUMBER), out);
    assertTrue(out.contains("5. shopify order is FULFILLED with 1 fulfilment(s)"), out);
    assertEquals(3, r.reports().size());
    RunReport orders = r.reports().get(0);
    assertEquals(1, orders.counts(SystemId.NETSUITE, "order").created(), orders.render());
    assertEquals(0, orders.counts(SystemId.NETSUITE, "order").rejected(), orders.render());
    RunReport shipments = r.reports().get(1);
    assertEquals(1, shipments.counts(SystemId.SHOPIFY, "shipment").created(), shipments.render());
    assertEquals(0, shipments.counts(SystemId.SHOPIFY, "shipment").rejected(), shipments.render());
  }
}
