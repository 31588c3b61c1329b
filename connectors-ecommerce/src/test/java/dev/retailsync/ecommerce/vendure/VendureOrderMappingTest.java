package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order, payment, address and fulfilment mapping on payloads typed from the reference note. */
class VendureOrderMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final VendureOrderMapping mapping = new VendureOrderMapping("web", 2, Map.of());

  static JsonNode wire(String name) throws IOException {
    try (InputStream in =
        VendureOrderMappingTest.class.getResourceAsStream("/wire/vendure/" + name)) {
      return JSON.readTree(in);
    }
  }

  static JsonNode orderA44() throws IOException {
    return wire("order-a44.json").path("data").path("orders").path("items").path(0);
  }

  @Test
  void theA44OrderMapsWithExactMoneyFromMinorUnits() throws IOException {
    Order o = mapping.toOrder(orderA44());
    assertEquals("19655923J6E74BV7", o.orderNumber());
    assertEquals("web", o.channel());
    assertEquals(OrderStatus.SHIPPED, o.status());
    assertEquals("ada.1795629185-8142@example.com", o.customerEmail());
    assertEquals(Instant.parse("2026-11-25T17:53:13.501Z"), o.orderedAt());
    assertEquals("TSHIRT-M-BLK", o.lines().get(0).sku());
    assertEquals(new BigDecimal("19.99"), o.lines().get(0).unitPrice().amount());
    // tax is rounded per line by Vendure: 71.96, not 3 x 23.99 = 71.97
    assertEquals(Money.of("71.96", "USD"), o.lines().get(0).lineTotal());
    assertEquals(Money.of("11.99", "USD"), o.lines().get(0).taxes().get(0).amount());
    assertEquals(Money.of("59.97", "USD"), o.totals().subtotal());
    assertEquals(Money.of("11.99", "USD"), o.totals().taxTotal());
    assertEquals(Money.of("5.00", "USD"), o.totals().shippingTotal());
    assertEquals(Money.of("76.96", "USD"), o.totals().grandTotal());
    assertEquals(Money.zero("USD"), o.totals().discountTotal());
    // a partial refund (10.00 of 76.96) leaves the payment captured
    assertEquals(PaymentStatus.CAPTURED, o.payments().get(0).status());
    assertEquals("PSP-1795629185-8142-1", o.payments().get(0).reference());
    assertEquals(
        new PostalAddress(List.of("12 St James Square"), "London", null, "SW1Y 4JH", "GB"),
        o.shippingAddress());
    assertEquals("1", o.extensions().get("vendureOrderId"));
    assertEquals("Delivered", o.extensions().get("vendureState"));
  }

  @Test
  void aRefundCoveringThePaymentMakesItRefunded() throws IOException {
    ObjectNode o = (ObjectNode) orderA44().deepCopy();
    ((ObjectNode) o.path("payments").path(0).path("refunds").path(0)).put("total", 7696);
    assertEquals(PaymentStatus.REFUNDED, mapping.toOrder(o).payments().get(0).status());
    ((ObjectNode) o.path("payments").path(0).path("refunds").path(0)).put("state", "Pending");
    assertEquals(PaymentStatus.CAPTURED, mapping.toOrder(o).payments().get(0).status());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 1999, 1999",
    "2, 1999, 19.99",
    "2, 5, 0.05",
    "2, -250, -2.50",
    "3, 1999, 1.999",
    "2, 9007199254740993, 90071992547409.93"
  })
  void minorUnitsBecomeExactDecimals(int precision, String minor, String expected) {
    VendureOrderMapping m = new VendureOrderMapping(null, precision, Map.of());
    Money money =
        m.money(
            JSON.getNodeFactory().numberNode(new BigDecimal(minor).toBigIntegerExact()),
            "EUR",
            "x");
    assertEquals(0, new BigDecimal(expected).compareTo(money.amount()), money.toString());
  }

  @Test
  void aNonIntegerAmountIsAMappingErrorNamingThePath() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                mapping.money(
                    JSON.getNodeFactory().numberNode(19.99), "USD", "lines[0].unitPrice"));
    assertTrue(e.getMessage().contains("lines[0].unitPrice"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "PaymentAuthorized, PAYMENT_AUTHORIZED",
    "PaymentSettled, CAPTURED",
    "PartiallyShipped, PARTIALLY_SHIPPED",
    "Shipped, SHIPPED",
    "PartiallyDelivered, PARTIALLY_SHIPPED",
    "Delivered, SHIPPED",
    "Cancelled, CANCELLED",
    "Modifying, CAPTURED"
  })
  void orderStatesMapToCanonicalStatuses(String state, OrderStatus status) {
    assertEquals(status, mapping.status(state));
  }

  @Test
  void statesCanBeOverriddenAndUnknownOnesFailNamingTheBuilderOption() {
    VendureOrderMapping m =
        new VendureOrderMapping(
            null, 2, Map.of("Delivered", OrderStatus.CLOSED, "Picked", OrderStatus.RESERVED));
    assertEquals(OrderStatus.CLOSED, m.status("Delivered"));
    assertEquals(OrderStatus.RESERVED, m.status("Picked"));
    MappingException e = assertThrows(MappingException.class, () -> mapping.status("Picked"));
    assertTrue(e.getMessage().contains("orderStatus"), e.getMessage());
    assertThrows(ValidationException.class, () -> new VendureOrderMapping(null, 7, Map.of()));
  }

  @Test
  void anEmptyOrderAddressIsNoAddress() throws IOException {
    assertNull(
        VendureOrderMapping.address(JSON.readTree("{\"fullName\":null,\"countryCode\":null}")));
    PostalAddress two =
        VendureOrderMapping.address(
            JSON.readTree(
                "{\"streetLine1\":\"Hauptstr. 1\",\"streetLine2\":\"Hinterhaus\",\"city\":\"Berlin\","
                    + "\"province\":\"BE\",\"postalCode\":\"10115\",\"countryCode\":\"DE\"}"));
    assertEquals(List.of("Hauptstr. 1", "Hinterhaus"), two.lines());
    assertEquals("BE", two.region());
  }

  @Test
  void aFulfilmentMapsToAShipmentWithLineNumbersAndSkus() throws IOException {
    JsonNode o = orderA44();
    Shipment s = VendureOrderMapping.toShipment(o, o.path("fulfillments").path(0));
    assertEquals("1", s.shipmentNumber());
    assertEquals("19655923J6E74BV7", s.orderNumber());
    assertEquals("DHL Express", s.carrier());
    assertEquals("JD014600003828", s.trackingNumber());
    assertEquals(ShipmentStatus.DELIVERED, s.status());
    assertEquals(List.of(new ShipmentLine(1, "TSHIRT-M-BLK", BigDecimal.valueOf(3))), s.lines());
  }

  private static Shipment shipment(ShipmentLine... lines) {
    return Shipment.builder()
        .shipmentNumber("S")
        .orderNumber("C")
        .lines(List.of(lines))
        .status(ShipmentStatus.SHIPPED)
        .build();
  }

  /** An order with two lines of the same SKU (ids 1 and 2) and one of another (3). */
  private static JsonNode twoLinesOfOneSku(String fulfillments) throws IOException {
    return JSON.readTree(
        "{\"code\":\"C\",\"lines\":["
            + "{\"id\":\"1\",\"quantity\":2,\"productVariant\":{\"sku\":\"A\"}},"
            + "{\"id\":\"2\",\"quantity\":3,\"productVariant\":{\"sku\":\"A\"}},"
            + "{\"id\":\"3\",\"quantity\":1,\"productVariant\":{\"sku\":\"B\"}}],"
            + "\"fulfillments\":"
            + fulfillments
            + "}");
  }

  @Test
  void shipmentLinesAreSpreadOverTheOrderLinesOfTheirSkuWithinWhatIsUnfulfilled()
      throws IOException {
    JsonNode order =
        twoLinesOfOneSku(
            "[{\"state\":\"Shipped\",\"lines\":[{\"orderLineId\":\"1\",\"quantity\":1}]},"
                + "{\"state\":\"Cancelled\",\"lines\":[{\"orderLineId\":\"2\",\"quantity\":3}]}]");
    List<Map<String, Object>> out = new ArrayList<>();
    List<FieldError> problems =
        VendureOrders.allocate(
            order, shipment(new ShipmentLine(null, "A", BigDecimal.valueOf(4))), out);
    assertEquals(List.of(), problems);
    assertEquals(
        List.of(
            Map.of("orderLineId", "1", "quantity", 1L), Map.of("orderLineId", "2", "quantity", 3L)),
        out);
  }

  @Test
  void shipmentLinesThatDoNotFitAreNamedByPath() throws IOException {
    JsonNode order = twoLinesOfOneSku("[]");
    List<FieldError> problems =
        VendureOrders.allocate(
            order,
            shipment(
                new ShipmentLine(null, "A", BigDecimal.valueOf(6)),
                new ShipmentLine(null, "Z", BigDecimal.ONE),
                new ShipmentLine(3, "A", BigDecimal.ONE),
                new ShipmentLine(null, "B", new BigDecimal("0.5")),
                new ShipmentLine(9, "B", BigDecimal.ONE)),
            new ArrayList<>());
    assertEquals(
        List.of(
            "lines[0].quantity",
            "lines[1].sku",
            "lines[2].sku",
            "lines[3].quantity",
            "lines[4].orderLineNumber"),
        problems.stream().map(p -> p.path().toString()).toList());
  }
}
