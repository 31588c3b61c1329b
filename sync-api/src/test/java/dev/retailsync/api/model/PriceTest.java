package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceTest {
  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

  static Price.Builder retail() {
    return Price.builder()
        .sku("TSHIRT-NAVY-M")
        .priceList("RETAIL-EUR")
        .unitPrice(Money.of("19.99", "EUR"))
        .minQuantity(BigDecimal.ONE)
        .validFrom(FROM)
        .validTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void missingRequiredComponentsAreNamed() {
    assertEquals(
        "sku",
        assertThrows(ValidationException.class, () -> retail().sku(null).build())
            .errors()
            .get(0)
            .path());
    assertEquals(
        "priceList",
        assertThrows(ValidationException.class, () -> retail().priceList(" ").build())
            .errors()
            .get(0)
            .path());
    assertEquals(
        "unitPrice",
        assertThrows(ValidationException.class, () -> retail().unitPrice(null).build())
            .errors()
            .get(0)
            .path());
  }

  @Test
  void validToMustBeAfterValidFrom() {
    ValidationException before =
        assertThrows(
            ValidationException.class,
            () -> retail().validTo(Instant.parse("2026-11-30T00:00:00Z")).build());
    assertEquals("validTo", before.errors().get(0).path());
    ValidationException same =
        assertThrows(ValidationException.class, () -> retail().validTo(FROM).build());
    assertEquals("validTo", same.errors().get(0).path());
    assertEquals(FROM, retail().validTo(null).build().validFrom());
  }

  @Test
  void negativePricesAndQuantitiesAreRejected() {
    assertEquals(
        "unitPrice",
        assertThrows(
                ValidationException.class, () -> retail().unitPrice(Money.of("-1", "EUR")).build())
            .errors()
            .get(0)
            .path());
    assertEquals(
        "minQuantity",
        assertThrows(
                ValidationException.class,
                () -> retail().minQuantity(new BigDecimal("-0.5")).build())
            .errors()
            .get(0)
            .path());
  }

  @Test
  void toBuilderRoundTrips() {
    Price p = retail().customerGroup("WHOLESALE").putExtension("source", "SAP").build();
    assertEquals(p, p.toBuilder().build());
  }
}
