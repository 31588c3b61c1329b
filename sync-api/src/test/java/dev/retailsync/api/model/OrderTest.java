package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final PostalAddress HOME =
      PostalAddress.builder()
          .lines("Hauptstraße 5")
          .locality("Berlin")
          .postalCode("10115")
          .country("DE")
          .build();

  static OrderLine line(int number, String sku, String quantity, Money unitPrice) {
    return OrderLine.of(number, sku, new BigDecimal(quantity), unitPrice);
  }

  static Order.Builder order() {
    return Order.builder()
        .orderNumber("#1042")
        .channel("shopify")
        .status(OrderStatus.CAPTURED)
        .customerEmail("jane.doe@example.com")
        .orderedAt(Instant.parse("2026-11-25T10:15:30Z"))
        .currency("EUR")
        .addLine(line(1, "TSHIRT-NAVY-M", "2", Money.of("19.99", "EUR")))
        .addLine(line(2, "COFFEE-BEANS", "0.75", Money.of("24", "EUR")))
        .addPayment(new Payment("card", Money.of("57.98", "EUR"), PaymentStatus.AUTHORIZED, "pi_1"))
        .totals(new OrderTotals(null, null, null, null, Money.of("57.98", "EUR")))
        .shippingAddress(HOME)
        .billingAddress(HOME);
  }

  @Test
  void builderErrorsNameTheMissingComponent() {
    assertEquals("orderNumber", pathOf(() -> order().orderNumber(null).build()));
    assertEquals("status", pathOf(() -> order().status(null).build()));
    assertEquals("currency", pathOf(() -> order().currency(null).build()));
    assertEquals("currency", pathOf(() -> order().currency("EURO").build()));
    assertEquals("sku", pathOf(() -> line(1, " ", "1", null)));
    assertEquals(
        "lineNumber",
        pathOf(
            () ->
                new OrderLine(
                    null, "A", null, BigDecimal.ONE, null, List.of(), List.of(), null, null)));
  }

  @Test
  void aNegativeQuantityIsRejectedNamingThePath() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> line(1, "TSHIRT-NAVY-M", "-1", Money.of("1", "EUR")));
    FieldError error = e.errors().get(0);
    assertEquals("quantity", error.path());
    assertEquals("-1", error.rejectedValue());
    assertTrue(e.getMessage().startsWith("Invalid OrderLine"), e.getMessage());
    assertEquals("lineNumber", pathOf(() -> line(0, "A", "1", null)));
  }

  @Test
  void anAmountInAnotherCurrencyIsRejectedNamingItsPath() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                order()
                    .lines(
                        List.of(
                            line(1, "A", "1", Money.of("10", "EUR")),
                            line(2, "B", "1", Money.of("10", "USD"))))
                    .build());
    assertEquals("lines[1].unitPrice.currency", e.errors().get(0).path());
    assertEquals("USD", e.errors().get(0).rejectedValue());
    assertTrue(e.getMessage().contains("EUR"), e.getMessage());

    assertEquals(
        "totals.grandTotal.currency",
        pathOf(
            () ->
                order()
                    .totals(new OrderTotals(null, null, null, null, Money.of("1", "GBP")))
                    .build()));
    assertEquals(
        "payments[0].amount.currency",
        pathOf(
            () ->
                order()
                    .payments(
                        List.of(
                            new Payment(
                                "card", Money.of("1", "CHF"), PaymentStatus.CAPTURED, null)))
                    .build()));
    assertEquals(
        "lines[0].taxes[0].amount.currency",
        pathOf(
            () ->
                order()
                    .lines(
                        List.of(
                            new OrderLine(
                                1,
                                "A",
                                null,
                                BigDecimal.ONE,
                                Money.of("1", "EUR"),
                                List.of(),
                                List.of(
                                    new TaxLine(
                                        "VAT", null, new BigDecimal("0.19"), Money.of("1", "USD"))),
                                null,
                                null)))
                    .build()));
    assertEquals(
        "discounts[0].amount.currency",
        pathOf(() -> order().addDiscount(new Discount("X", null, Money.of("1", "USD"))).build()));
  }

  @Test
  void lineNumbersMustBeDistinct() {
    assertEquals(
        "lines[2].lineNumber",
        pathOf(() -> order().addLine(line(2, "C", "1", Money.of("1", "EUR"))).build()));
  }

  @Test
  void aNullListElementIsNamedWithItsIndex() {
    List<OrderLine> lines = new java.util.ArrayList<>();
    lines.add(line(1, "A", "1", null));
    lines.add(null);
    assertEquals("lines[1]", pathOf(() -> order().lines(lines).build()));
  }

  @Test
  void toStringRedactsPersonalData() {
    String text = order().build().toString();
    assertTrue(text.contains("#1042"), text);
    assertTrue(text.contains("CAPTURED"), text);
    for (String secret : List.of("jane.doe@example.com", "Hauptstraße", "Berlin", "10115")) {
      assertFalse(text.contains(secret), () -> "toString() reveals " + secret + ": " + text);
    }
  }

  @Test
  void aBlankEmailIsRejectedWithoutEchoingIt() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> order().customerEmail(" ").build());
    assertEquals("customerEmail", e.errors().get(0).path());
    assertNull(e.errors().get(0).rejectedValue());
  }

  @Test
  void toBuilderRoundTripsAndTheOrderIsImmutable() {
    Order o = order().putExtension("giftWrap__c", true).build();
    Order copy = o.toBuilder().build();
    assertEquals(o, copy);
    assertEquals(o.hashCode(), copy.hashCode());
    Order.Builder b = o.toBuilder().addLine(line(3, "C", "1", Money.of("1", "EUR")));
    assertEquals(2, o.lines().size());
    assertEquals(3, b.build().lines().size());
    assertThrows(UnsupportedOperationException.class, () -> o.lines().clear());
    assertThrows(UnsupportedOperationException.class, () -> o.extensions().put("x", 1));
    assertEquals(EntityType.ORDER, o.entityType());
  }

  @Test
  void extensionsMayNotShadowCanonicalProperties() {
    assertEquals("extensions.lines", pathOf(() -> order().putExtension("lines", 1).build()));
  }

  @Test
  void theCatalogueNamesNestedPaths() {
    assertEquals("totals.grandTotal", Order.Fields.TOTALS_GRAND_TOTAL.value());
    assertEquals("shippingAddress", Order.Fields.SHIPPING_ADDRESS.value());
    assertEquals("lines", Order.Fields.LINES.value());
    assertEquals("status", Order.Fields.STATUS.value());
    assertTrue(EntityType.ORDER.hasField(Order.Fields.SHIPPING_ADDRESS_COUNTRY));
  }

  @Test
  void theStatusesAreExactlyTheLifecycle() {
    assertEquals(
        List.of(
            "CAPTURED",
            "ACCEPTED",
            "PAYMENT_AUTHORIZED",
            "RESERVED",
            "BACKORDERED",
            "PARTIALLY_SHIPPED",
            "SHIPPED",
            "INVOICED",
            "CANCELLED",
            "CLOSED"),
        java.util.Arrays.stream(OrderStatus.values()).map(Enum::name).toList());
  }

  static String pathOf(org.junit.jupiter.api.function.Executable build) {
    return assertThrows(ValidationException.class, build).errors().get(0).path();
  }
}
