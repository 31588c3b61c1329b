package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities are kept in one canonical form, so a change of scale alone is never a change. */
class QuantityTest {

  @ParameterizedTest
  @CsvSource({"2, 2.000", "2.5, 2.50", "100, 1E+2", "0, 0.000", "0.125, 0.1250"})
  void equalQuantitiesAreEqualWhateverTheirScale(String a, String b) {
    assertEquals(
        OrderLine.of(1, "SKU-1", new BigDecimal(a), Money.of("1.00", "EUR")),
        OrderLine.of(1, "SKU-1", new BigDecimal(b), Money.of("1.00", "EUR")));
  }

  @ParameterizedTest
  @CsvSource({"1E+2, 100", "2.000, 2", "0.1250, 0.125"})
  void canonicalFormHasNoTrailingZerosAndNoExponent(String in, String expected) {
    assertEquals(
        expected, new ShipmentLine(1, "SKU-1", new BigDecimal(in)).quantity().toPlainString());
  }

  @ParameterizedTest
  @CsvSource({"-1", "-0.001"})
  void negativeQuantitiesAreRejectedNamingTheComponent(String q) {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> OrderLine.of(1, "SKU-1", new BigDecimal(q), Money.of("1.00", "EUR")));
    assertEquals("quantity", e.errors().get(0).path());
  }
}
