package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The connector's requests and its reading of Vendure's answers, with answers typed from the
 * reference note (resources {@code wire/vendure}) served by an interceptor in place of the server.
 */
class VendureWireContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Deque<String> answers = new ArrayDeque<>();
  private final List<JsonNode> requests = new ArrayList<>();

  private VendureConnector connector() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Buffer b = new Buffer();
                  chain.request().body().writeTo(b);
                  requests.add(JSON.readTree(b.readUtf8()));
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(
                          ResponseBody.create(
                              answers.removeFirst(), MediaType.get("application/json")))
                      .build();
                })
            .build();
    return VendureConnector.builder()
        .adminApiUrl("http://127.0.0.1:1/admin-api")
        .apiKey("k:s")
        .http(http)
        .build();
  }

  /** The A.44 order before its fulfilment: no fulfilments yet. */
  private static String unfulfilledOrder() throws IOException {
    JsonNode n = VendureOrderMappingTest.wire("order-a44.json");
    ObjectNode o = (ObjectNode) n.path("data").path("orders").path("items").path(0);
    o.put("state", "PaymentSettled");
    ((ArrayNode) o.path("fulfillments")).removeAll();
    return n.toString();
  }

  private static Shipment shipment(ShipmentStatus status) {
    return Shipment.builder()
        .shipmentNumber("WH-1")
        .orderNumber("19655923J6E74BV7")
        .carrier("DHL")
        .service("Express")
        .trackingNumber("JD014600003828")
        .addLine(new ShipmentLine(null, "TSHIRT-M-BLK", BigDecimal.valueOf(3)))
        .status(status)
        .build();
  }

  @Test
  void aShippedShipmentIsOneFulfilmentWithTheManualHandlerThenATransition() throws IOException {
    answers.add(unfulfilledOrder());
    answers.add(VendureOrderMappingTest.wire("fulfil-a37.json").toString());
    answers.add(VendureOrderMappingTest.wire("transition-a39.json").toString());
    WriteOutcome o =
        connector()
            .writer(EntityType.SHIPMENT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k", shipment(ShipmentStatus.SHIPPED))))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
    assertEquals("19655923J6E74BV7/1", o.externalId().id());
    assertEquals(3, requests.size());
    assertEquals(
        "19655923J6E74BV7",
        requests
            .get(0)
            .path("variables")
            .path("options")
            .path("filter")
            .path("code")
            .path("eq")
            .asText());
    JsonNode input = requests.get(1).path("variables").path("input");
    assertEquals(
        JSON.readTree(
            "{\"lines\":[{\"orderLineId\":\"1\",\"quantity\":3}],\"handler\":{\"code\":"
                + "\"manual-fulfillment\",\"arguments\":[{\"name\":\"method\",\"value\":\"DHL"
                + " Express\"},{\"name\":\"trackingCode\",\"value\":\"JD014600003828\"}]}}"),
        input);
    String mutation = requests.get(1).path("query").asText();
    assertTrue(mutation.contains("... on ErrorResult"), "always the ErrorResult fragment");
    assertEquals(
        JSON.readTree("{\"id\":\"1\",\"state\":\"Shipped\"}"), requests.get(2).path("variables"));
    assertTrue(requests.get(2).path("query").asText().contains("... on ErrorResult"));
  }

  @Test
  void anErrorResultIsARejectionNamingTheField() throws IOException {
    answers.add(unfulfilledOrder());
    answers.add(VendureOrderMappingTest.wire("fulfil-a38.json").toString());
    WriteOutcome o =
        connector()
            .writer(EntityType.SHIPMENT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k", shipment(ShipmentStatus.SHIPPED))))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("ITEMS_ALREADY_FULFILLED_ERROR", o.errorCode());
    assertEquals("lines", o.errors().get(0).path());
    assertTrue(o.message().contains("already part of a Fulfillment"), o.message());
  }

  @Test
  void aShipmentAlreadyOnTheOrderIsUnchangedWithoutAMutation() throws IOException {
    answers.add(VendureOrderMappingTest.wire("order-a44.json").toString());
    WriteOutcome o =
        connector()
            .writer(EntityType.SHIPMENT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k", shipment(ShipmentStatus.DELIVERED))))
            .get(0);
    assertEquals(WriteOutcome.Status.UNCHANGED, o.status(), o.toString());
    assertEquals(1, requests.size(), "no mutation");
  }

  @Test
  void variantStockLevelsArePositionsPerLocation() throws IOException {
    answers.add(VendureOrderMappingTest.wire("variant-a22.json").toString());
    List<RemoteRecord<InventoryPosition>> r =
        connector()
            .reader(EntityType.INVENTORY_POSITION)
            .orElseThrow()
            .read(List.of("TSHIRT-M-BLK@2", "TSHIRT-M-BLK@1"));
    assertEquals(2, r.size());
    assertEquals("TSHIRT-M-BLK@2", r.get(0).id().id());
    assertEquals(0, BigDecimal.valueOf(7).compareTo(r.get(0).entity().onHand()));
    assertEquals(0, BigDecimal.valueOf(50).compareTo(r.get(1).entity().onHand()));
    assertEquals("50/0", r.get(1).version());
    assertEquals(
        JSON.readTree("{\"sku\":{\"in\":[\"TSHIRT-M-BLK\"]}}"),
        requests.get(0).path("variables").path("options").path("filter"));
  }
}
