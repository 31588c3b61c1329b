package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One discount applied to an order or an order line: a coupon or promotion code, a description and
 * the amount taken off.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param code the coupon or promotion code, or {@code null}
 * @param description what the discount is, or {@code null}
 * @param amount the amount taken off, zero or more, never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Discount(
    @Size(max = 64) String code,
    @Size(max = 255) String description,
    @NotNull @Valid Money amount) {

  // Checks the components; see the class documentation for the rules.
  public Discount {
    Checks.optionalText("Discount", "code", code);
    Checks.optionalText("Discount", "description", description);
    Checks.required("Discount", "amount", amount);
    Quantities.nonNegative("Discount", "amount", amount);
  }
}
