package dev.retailsync.api.model;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import java.math.BigDecimal;

/** Checks shared by the commerce types: quantities, line numbers and same-currency amounts. */
final class Quantities {
  private Quantities() {}

  /** Parses a decimal string, naming the component when it is not one. */
  static BigDecimal parse(String subject, String path, String value) {
    Checks.requiredText(subject, path, value);
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw ValidationException.of(
          subject, path, value, "is not a decimal number (write it like '2.5')");
    }
  }

  /** Requires a quantity of zero or more. */
  static BigDecimal required(String subject, String path, BigDecimal value) {
    Checks.required(subject, path, value);
    return Checks.nonNegative(subject, path, value);
  }

  /** Allows {@code null}, otherwise requires a line number of one or more. */
  static Integer lineNumber(String subject, String path, Integer value) {
    if (value != null && value < 1) {
      throw ValidationException.of(subject, path, value, "must be 1 or more");
    }
    return value;
  }

  /** Allows {@code null}, otherwise requires an amount of zero or more. */
  static Money nonNegative(String subject, String path, Money value) {
    if (value != null && value.isNegative()) {
      throw ValidationException.of(subject, path, value, "must not be negative");
    }
    return value;
  }

  /** Allows {@code null}, otherwise requires the amount to be in the given currency. */
  static void sameCurrency(String subject, String currency, String path, Money value) {
    if (value != null && !value.currency().equals(currency)) {
      throw ValidationException.of(
          subject,
          path + ".currency",
          value.currency(),
          "must be the " + subject.toLowerCase(java.util.Locale.ROOT) + "'s currency " + currency);
    }
  }
}
