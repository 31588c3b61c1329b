package dev.retailsync.api.model;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A physical measure, such as a weight: an exact decimal value and its unit code ({@code "KG"},
 * {@code "G"}, {@code "LB"}). No unit conversion happens here.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the value, zero or more, never {@code null}
 * @param unit the unit code, such as {@code "KG"}, never blank
 */
public record Measure(
    @NotNull @PositiveOrZero BigDecimal value, @NotBlank @Size(max = 16) String unit) {

  // Checks the components; see the class documentation for the rules.
  public Measure {
    Checks.required("Measure", "value", value);
    value = Checks.nonNegative("Measure", "value", value);
    Checks.requiredText("Measure", "unit", unit);
  }

  /**
   * Returns a measure.
   *
   * @param value the value as a decimal string, such as {@code "0.35"}
   * @param unit the unit code
   * @return the measure
   * @throws ValidationException if the value is not a decimal number or is negative, or the unit is
   *     missing
   */
  public static Measure of(String value, String unit) {
    return new Measure(Quantities.parse("Measure", "value", value), unit);
  }
}
