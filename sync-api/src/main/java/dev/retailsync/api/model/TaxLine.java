package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * One tax charged on an order, an order line or an invoice: its code or name, its rate and the
 * amount.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param code the tax code, such as {@code "VAT19"} or a jurisdiction code, or {@code null}
 * @param name the tax's display name, such as {@code "MwSt. 19 %"}, or {@code null}
 * @param rate the rate as a decimal fraction ({@code 0.19} for 19 %), zero or more, or {@code null}
 *     when the source gives only the amount
 * @param amount the tax amount, never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxLine(
    @Size(max = 64) String code,
    @Size(max = 255) String name,
    @PositiveOrZero BigDecimal rate,
    @NotNull @Valid Money amount) {

  // Checks the components; see the class documentation for the rules.
  public TaxLine {
    Checks.optionalText("TaxLine", "code", code);
    Checks.optionalText("TaxLine", "name", name);
    rate = Checks.nonNegative("TaxLine", "rate", rate);
    Checks.required("TaxLine", "amount", amount);
  }
}
