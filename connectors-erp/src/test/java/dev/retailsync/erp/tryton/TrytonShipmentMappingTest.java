package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Customer shipments as read from a real Tryton 6.0.29 server, mapped without a server. */
class TrytonShipmentMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode wire(String name) throws IOException {
    try (InputStream in =
        TrytonShipmentMappingTest.class.getResourceAsStream("/wire/tryton/" + name)) {
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "draft, CREATED",
    "waiting, CREATED",
    "assigned, CREATED",
    "picked, PICKED",
    "packed, PACKED",
    "done, SHIPPED",
    "cancelled, CANCELLED"
  })
  void everyShipmentStateOfTryton60HasAStatus(String state, ShipmentStatus status) {
    assertEquals(status, TrytonShipmentMapping.status(state));
  }

  @Test
  void anUnknownStateIsAMappingErrorNamingIt() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> TrytonShipmentMapping.status("shipped"));
    assertEquals("state", e.errors().get(0).path());
  }

  @Test
  void aDoneShipmentFromTheServerMapsWithItsSaleReferenceLinesAndTracking() throws IOException {
    JsonNode row = wire("shipment-out-search-read.json").path("result").get(0);
    JsonNode lines = wire("sale-line-origins.json").path("result");
    assertEquals(Set.of("sale.line,1", "sale.line,2"), TrytonShipmentMapping.origins(List.of(row)));
    // What TrytonDocumentFeed.orderNumbers makes of the sale.line answer.
    Map<String, String> orders =
        Map.of(
            "sale.line," + lines.get(0).path("id").asText(),
            lines.get(0).path("sale.").path("reference").asText(),
            "sale.line," + lines.get(1).path("id").asText(),
            lines.get(1).path("sale.").path("reference").asText());

    Shipment s = TrytonShipmentMapping.toShipment(row, orders, "reference");
    assertEquals("1", s.shipmentNumber());
    assertEquals("WEB-WIRE-1", s.orderNumber());
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals("1Z999AA10123456784", s.trackingNumber());
    assertEquals("WH", s.shipFrom());
    assertEquals(Instant.parse("2026-11-25T00:00:00Z"), s.shippedAt());
    assertEquals(
        PostalAddress.builder()
            .lines("5 Wire St")
            .locality("Springfield")
            .postalCode("49007")
            .country("US")
            .build(),
        s.shipTo());
    assertEquals(
        List.of(
            new ShipmentLine(null, "SKU-001", new BigDecimal("2")),
            new ShipmentLine(null, "SKU-002", new BigDecimal("1"))),
        s.lines(),
        "moves in id order; float quantities as exact decimals");
    assertEquals(Map.of(), s.extensions());
  }

  @Test
  void anotherTrackingFieldCancelledMovesAndSeveralSales() throws IOException {
    ObjectNode row = (ObjectNode) wire("shipment-out-search-read.json").path("result").get(0);
    row.put("state", "packed");
    row.put("tracking_number", "TRK-9");
    ((ObjectNode) row.path("outgoing_moves.").get(0)).put("state", "cancelled");
    Shipment s =
        TrytonShipmentMapping.toShipment(
            row, Map.of("sale.line,1", "WEB-A", "sale.line,2", "WEB-B"), "tracking_number");
    assertEquals("TRK-9", s.trackingNumber());
    assertEquals(ShipmentStatus.PACKED, s.status());
    assertNull(s.shippedAt(), "only a done shipment has shipped");
    assertEquals(List.of(new ShipmentLine(null, "SKU-001", new BigDecimal("2"))), s.lines());
    assertEquals("WEB-A", s.orderNumber(), "the first sale, by move id");
    assertEquals("WEB-A,WEB-B", s.extensions().get("trytonSaleReferences"));
    assertEquals(
        List.of("number", "state"), TrytonShipmentMapping.fields("tracking_number").subList(0, 2));
    assertEquals(true, TrytonShipmentMapping.fields("tracking_number").contains("tracking_number"));
  }
}
