package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void amountsAreKeptInTheCanonicalScale() {
    assertEquals(new BigDecimal("12.50"), Money.of("12.5", "EUR").amount());
    assertEquals(new BigDecimal("12.50"), Money.of("12.500", "EUR").amount());
    assertEquals(new BigDecimal("0.12345"), Money.of("0.12345", "EUR").amount());
    assertEquals(new BigDecimal("100"), Money.of("100.0", "JPY").amount());
    assertEquals("12.50 EUR", Money.of(new BigDecimal("12.5"), "EUR").toString());
  }

  @Test
  void equalAmountsAreEqualWhateverTheirWrittenScale() {
    Money a = Money.of("12.5", "EUR");
    Money b = Money.of(new BigDecimal("12.5000"), "EUR");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(Money.of("12.5", "USD")));
    assertEquals(0, a.compareTo(b));
  }

  @Test
  void arithmeticIsExact() {
    Money price = Money.of("19.99", "EUR");
    assertEquals(Money.of("39.98", "EUR"), price.plus(price));
    assertEquals(Money.of("15.99", "EUR"), price.minus(Money.of("4", "EUR")));
    assertEquals(Money.of("14.9925", "EUR"), price.times(new BigDecimal("0.75")));
    assertEquals(Money.of("-19.99", "EUR"), price.negate());
    assertTrue(price.negate().isNegative());
    assertTrue(price.minus(price).isZero());
    assertTrue(Money.zero("EUR").isZero());
    assertTrue(price.compareTo(Money.of("20", "EUR")) < 0);
  }

  @Test
  void roundingIsHalfEvenToTheMinorUnit() {
    assertEquals(Money.of("0.12", "EUR"), Money.of("0.125", "EUR").rounded());
    assertEquals(Money.of("0.14", "EUR"), Money.of("0.135", "EUR").rounded());
    assertEquals(Money.of("2.34", "EUR"), Money.of("2.345", "EUR").rounded());
    assertEquals(Money.of("-2.34", "EUR"), Money.of("-2.345", "EUR").rounded());
    assertEquals(Money.of("14.99", "EUR"), Money.of("14.9925", "EUR").rounded());
    assertEquals(Money.of("2", "JPY"), Money.of("2.5", "JPY").rounded());
  }

  @Test
  void crossCurrencyArithmeticFailsNamingTheCurrency() {
    Money eur = Money.of("1", "EUR");
    Money usd = Money.of("1", "USD");
    ValidationException plus = assertThrows(ValidationException.class, () -> eur.plus(usd));
    assertEquals("currency", plus.errors().get(0).path());
    assertEquals("USD", plus.errors().get(0).rejectedValue());
    ValidationException minus = assertThrows(ValidationException.class, () -> eur.minus(usd));
    assertEquals("currency", minus.errors().get(0).path());
    ValidationException compare = assertThrows(ValidationException.class, () -> eur.compareTo(usd));
    assertEquals("currency", compare.errors().get(0).path());
    assertTrue(compare.getMessage().contains("EUR"), compare.getMessage());
  }

  @Test
  void unknownCurrencyCodesAreRejected() {
    for (String code : new String[] {"XYZ", "eur", "EURO", ""}) {
      ValidationException e = assertThrows(ValidationException.class, () -> Money.of("1", code));
      FieldError error = e.errors().get(0);
      assertEquals("currency", error.path());
      assertEquals(code, error.rejectedValue());
    }
    ValidationException missing =
        assertThrows(ValidationException.class, () -> Money.of("1", (String) null));
    assertEquals("currency", missing.errors().get(0).path());
  }

  @Test
  void malformedOrMissingAmountsAreRejected() {
    assertEquals(
        "amount",
        assertThrows(ValidationException.class, () -> Money.of("12,50", "EUR"))
            .errors()
            .get(0)
            .path());
    assertEquals(
        "amount",
        assertThrows(ValidationException.class, () -> Money.of((BigDecimal) null, "EUR"))
            .errors()
            .get(0)
            .path());
  }
}
