package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an invoice. Every amount is in the invoice's currency, which {@link Invoice} checks.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param lineNumber the line's number within the invoice, 1 or more, never {@code null}
 * @param orderLineNumber the order line invoiced, or {@code null}
 * @param sku the invoiced product's SKU, or {@code null} for charges such as freight
 * @param description the line's description, or {@code null}
 * @param quantity the invoiced quantity, zero or more, never {@code null}
 * @param unitPrice the price of one unit, or {@code null}
 * @param taxes the taxes on this line; never {@code null}
 * @param lineTotal the line's total before tax, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceLine(
    @NotNull @Positive Integer lineNumber,
    @Positive Integer orderLineNumber,
    @Size(max = 64) String sku,
    @Size(max = 255) String description,
    @NotNull @PositiveOrZero BigDecimal quantity,
    @Valid Money unitPrice,
    List<@Valid TaxLine> taxes,
    @Valid Money lineTotal) {

  // Checks the components; see the class documentation for the rules.
  public InvoiceLine {
    Checks.required("InvoiceLine", "lineNumber", lineNumber);
    Quantities.lineNumber("InvoiceLine", "lineNumber", lineNumber);
    Quantities.lineNumber("InvoiceLine", "orderLineNumber", orderLineNumber);
    Checks.optionalText("InvoiceLine", "sku", sku);
    Checks.optionalText("InvoiceLine", "description", description);
    quantity = Quantities.required("InvoiceLine", "quantity", quantity);
    taxes = Checks.list("InvoiceLine", "taxes", taxes);
  }
}
