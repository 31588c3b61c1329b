package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Set;

/**
 * An exact amount of money in one ISO-4217 currency. There is no {@code double} anywhere: the
 * amount is a {@link BigDecimal}, and in JSON it is written as a string ({@code {"amount": "12.50",
 * "currency": "EUR"}}) so that no consumer parses it into binary floating point.
 *
 * <p>Amounts are kept in a canonical scale so that equal values are equal: at least the currency's
 * minor-unit digits, more only when the amount needs them ({@code 12.5 EUR} becomes {@code 12.50},
 * {@code 0.12345 EUR} stays as it is). Arithmetic across currencies fails with a {@link
 * ValidationException}; nothing converts currencies implicitly.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param amount the amount, never {@code null}; may be negative (refunds, credits)
 * @param currency the ISO-4217 code in upper case, such as {@code "EUR"}
 */
public record Money(
    @NotNull @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    @NotNull String currency)
    implements Comparable<Money> {

  private static final Set<String> ISO_CODES = isoCodes();

  // Checks the components; see the class documentation for the rules.
  public Money {
    Checks.required("Money", "amount", amount);
    currency = checkCurrency("Money", "currency", currency);
    amount = canonicalScale(amount, Currency.getInstance(currency));
  }

  /**
   * Returns an amount of money.
   *
   * @param amount the amount as a decimal string, such as {@code "12.50"}
   * @param currency the ISO-4217 code, such as {@code "EUR"}
   * @return the money
   * @throws ValidationException if the amount is not a decimal number or the currency is unknown
   */
  public static Money of(String amount, String currency) {
    if (amount == null || amount.isBlank()) {
      throw ValidationException.of("Money", "amount", amount, "is required");
    }
    try {
      return new Money(new BigDecimal(amount.trim()), currency);
    } catch (NumberFormatException e) {
      throw ValidationException.of(
          "Money", "amount", amount, "is not a decimal number (write it like '12.50')");
    }
  }

  /**
   * Returns an amount of money.
   *
   * @param amount the amount
   * @param currency the ISO-4217 code, such as {@code "EUR"}
   * @return the money
   * @throws ValidationException if the amount is missing or the currency is unknown
   */
  public static Money of(BigDecimal amount, String currency) {
    return new Money(amount, currency);
  }

  /**
   * Returns zero in a currency.
   *
   * @param currency the ISO-4217 code
   * @return zero
   * @throws ValidationException if the currency is unknown
   */
  public static Money zero(String currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * Checks an ISO-4217 currency code, for components that carry a currency code on their own.
   *
   * @param subject the type being built, for the error message
   * @param path the component, for the error message
   * @param code the code
   * @return the code
   * @throws ValidationException if the code is missing or not an ISO-4217 code
   */
  public static String checkCurrency(String subject, String path, String code) {
    if (code == null || !ISO_CODES.contains(code)) {
      throw ValidationException.of(
          subject,
          path,
          code,
          "is not an ISO-4217 currency code; use an upper-case three-letter code such as EUR,"
              + " USD or GBP");
    }
    return code;
  }

  /**
   * Returns the currency as a JDK {@link Currency}.
   *
   * @return the currency
   */
  @JsonIgnore
  public Currency currencyUnit() {
    return Currency.getInstance(currency);
  }

  /**
   * Adds another amount in the same currency.
   *
   * @param other the amount to add
   * @return the sum
   * @throws ValidationException if the currencies differ
   */
  public Money plus(Money other) {
    sameCurrency(other, "plus");
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * Subtracts another amount in the same currency.
   *
   * @param other the amount to subtract
   * @return the difference
   * @throws ValidationException if the currencies differ
   */
  public Money minus(Money other) {
    sameCurrency(other, "minus");
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * Multiplies by a quantity, exactly (a unit price times a quantity).
   *
   * @param factor the factor
   * @return the product, not rounded
   */
  public Money times(BigDecimal factor) {
    Checks.required("Money", "factor", factor);
    return new Money(amount.multiply(factor), currency);
  }

  /**
   * Rounds to the currency's minor units, half-even (banker's rounding).
   *
   * @return the rounded amount
   */
  public Money rounded() {
    int digits = Math.max(currencyUnit().getDefaultFractionDigits(), 0);
    return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
  }

  /**
   * Returns the amount with the opposite sign.
   *
   * @return the negated amount
   */
  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  /**
   * Tells whether the amount is zero.
   *
   * @return {@code true} for zero
   */
  @JsonIgnore
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * Tells whether the amount is below zero.
   *
   * @return {@code true} for negative amounts
   */
  @JsonIgnore
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /**
   * Compares two amounts in the same currency.
   *
   * @param other the other amount
   * @return a negative number, zero or a positive number as this amount is less than, equal to or
   *     greater than the other
   * @throws ValidationException if the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    sameCurrency(other, "compareTo");
    return amount.compareTo(other.amount);
  }

  /**
   * Renders the amount as {@code 12.50 EUR}.
   *
   * @return the rendered amount
   */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }

  private void sameCurrency(Money other, String op) {
    Checks.required("Money", "other", other);
    if (!currency.equals(other.currency)) {
      throw ValidationException.of(
          "Money",
          "currency",
          other.currency,
          "cannot "
              + op
              + " amounts in different currencies ("
              + currency
              + " and "
              + other.currency
              + "); convert explicitly first");
    }
  }

  private static BigDecimal canonicalScale(BigDecimal amount, Currency currency) {
    int minor = Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal stripped = amount.stripTrailingZeros();
    int scale = Math.max(minor, stripped.scale());
    return stripped.setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static Set<String> isoCodes() {
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (Currency c : Currency.getAvailableCurrencies()) {
      codes.add(c.getCurrencyCode());
    }
    return Set.copyOf(codes);
  }
}
