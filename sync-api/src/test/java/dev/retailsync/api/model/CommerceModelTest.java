package dev.retailsync.api.model;

import static dev.retailsync.api.model.OrderTest.pathOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inventory, shipments, invoices and returns, and the field catalogues of every entity. */
class CommerceModelTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");

  static InventoryPosition.Builder stock() {
    return InventoryPosition.builder()
        .sku("COFFEE-BEANS")
        .location("WH-BER-01")
        .onHand(new BigDecimal("10"))
        .reserved(new BigDecimal("12.5"))
        .available(new BigDecimal("-2.5"))
        .safetyStock(BigDecimal.ZERO)
        .unitOfMeasure("KG")
        .asOf(T0);
  }

  @Test
  void availableMayBeNegativeButOtherQuantitiesMayNot() {
    assertEquals(new BigDecimal("-2.5"), stock().build().available());
    assertEquals("onHand", pathOf(() -> stock().onHand(new BigDecimal("-1")).build()));
    assertEquals("reserved", pathOf(() -> stock().reserved(new BigDecimal("-0.001")).build()));
    assertEquals("safetyStock", pathOf(() -> stock().safetyStock(new BigDecimal("-1")).build()));
    assertEquals("asOf", pathOf(() -> stock().asOf(null).build()));
    assertEquals("location", pathOf(() -> stock().location(null).build()));
    InventoryPosition p = stock().build();
    assertEquals(p, p.toBuilder().build());
  }

  static Shipment.Builder shipment() {
    return Shipment.builder()
        .shipmentNumber("DN-1")
        .orderNumber("#1042")
        .carrier("DHL")
        .trackingUrl("https://www.dhl.de/track?piececode=1")
        .shipTo(
            PostalAddress.builder()
                .lines("Hauptstraße 5")
                .locality("Berlin")
                .postalCode("10115")
                .country("DE")
                .build())
        .addLine(new ShipmentLine(1, "TSHIRT-NAVY-M", new BigDecimal("2")))
        .addEvent(new ShipmentEvent(ShipmentEventType.SHIPPED, T0, "WH-BER-01", null))
        .shippedAt(T0)
        .status(ShipmentStatus.SHIPPED);
  }

  @Test
  void shipmentRules() {
    assertEquals("shipmentNumber", pathOf(() -> shipment().shipmentNumber(null).build()));
    assertEquals("status", pathOf(() -> shipment().status(null).build()));
    assertEquals("deliveredAt", pathOf(() -> shipment().deliveredAt(T0.minusSeconds(1)).build()));
    assertEquals("trackingUrl", pathOf(() -> shipment().trackingUrl("ftp://x").build()));
    assertEquals("quantity", pathOf(() -> new ShipmentLine(1, "A", new BigDecimal("-1"))));
    assertEquals(
        "occurredAt", pathOf(() -> new ShipmentEvent(ShipmentEventType.PICKED, null, null, null)));
    Shipment s = shipment().build();
    assertEquals(s, s.toBuilder().build());
    String text = s.toString();
    assertFalse(
        text.contains("Hauptstraße") || text.contains("Berlin") || text.contains("10115"), text);
  }

  static Invoice.Builder invoice() {
    return Invoice.builder()
        .invoiceNumber("INV-1")
        .issuedOn(LocalDate.parse("2026-11-26"))
        .dueOn(LocalDate.parse("2026-12-26"))
        .status(InvoiceStatus.OPEN)
        .currency("EUR")
        .addLine(
            new InvoiceLine(
                1, 1, "A", null, BigDecimal.ONE, Money.of("10", "EUR"), List.of(), null))
        .totals(
            new InvoiceTotals(
                Money.of("10", "EUR"),
                Money.of("1.90", "EUR"),
                Money.of("11.90", "EUR"),
                Money.zero("EUR"),
                Money.of("11.90", "EUR")));
  }

  @Test
  void invoiceRules() {
    assertEquals("dueOn", pathOf(() -> invoice().dueOn(LocalDate.parse("2026-11-25")).build()));
    assertEquals(
        LocalDate.parse("2026-11-26"),
        invoice().dueOn(LocalDate.parse("2026-11-26")).build().dueOn());
    assertEquals(
        "totals.amountDue.currency",
        pathOf(
            () ->
                invoice()
                    .totals(new InvoiceTotals(null, null, null, null, Money.of("1", "USD")))
                    .build()));
    assertEquals(
        "payments[0].amount.currency",
        pathOf(
            () ->
                invoice()
                    .addPayment(
                        new Payment("card", Money.of("1", "USD"), PaymentStatus.CAPTURED, null))
                    .build()));
    assertEquals("invoiceNumber", pathOf(() -> invoice().invoiceNumber(null).build()));
    Invoice i = invoice().build();
    assertEquals(i, i.toBuilder().build());
  }

  @Test
  void returnRules() {
    ReturnRequest.Builder rma =
        ReturnRequest.builder()
            .rmaNumber("RMA-1")
            .status(ReturnStatus.REQUESTED)
            .addLine(
                new ReturnLine(
                    1,
                    "A",
                    BigDecimal.ONE,
                    ReturnReason.OTHER,
                    "Jane Doe changed her mind",
                    ReturnDisposition.PENDING_INSPECTION))
            .refundStatus(RefundStatus.NONE);
    assertEquals("rmaNumber", pathOf(() -> rma.build().toBuilder().rmaNumber(null).build()));
    ReturnRequest r = rma.build();
    assertEquals(
        "refundAmount", pathOf(() -> r.toBuilder().refundAmount(Money.of("-1", "EUR")).build()));
    assertEquals(
        "quantity",
        pathOf(() -> new ReturnLine(null, "A", new BigDecimal("-2"), null, null, null)));
    assertEquals(r, r.toBuilder().build());
    assertFalse(r.toString().contains("Jane"), r.toString());
    assertFalse(r.lines().get(0).toString().contains("Jane"), r.lines().get(0).toString());
  }

  @Test
  void everyCatalogueConstantIsAFieldOfItsEntity() throws IllegalAccessException {
    for (EntityType<?> type : EntityType.values()) {
      Class<?> fields = null;
      for (Class<?> nested : type.javaType().getDeclaredClasses()) {
        if (nested.getSimpleName().equals("Fields")) {
          fields = nested;
        }
      }
      assertTrue(fields != null, type + " has no Fields catalogue");
      int count = 0;
      for (Field f : fields.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == FieldPath.class) {
          FieldPath path = (FieldPath) f.get(null);
          assertTrue(type.hasField(path), type + ".Fields." + f.getName() + " = " + path);
          count++;
        }
      }
      int components = type.javaType().getRecordComponents().length - 1;
      assertTrue(count >= components, type + " catalogue misses components");
    }
  }
}
