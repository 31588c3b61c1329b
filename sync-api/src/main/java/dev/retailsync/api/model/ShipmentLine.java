package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What one shipment carries of one order line.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param orderLineNumber the order line shipped, 1 or more, or {@code null} when the source does
 *     not link lines
 * @param sku the shipped product's SKU, never blank
 * @param quantity the shipped quantity, zero or more, never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentLine(
    @Positive Integer orderLineNumber,
    @NotBlank @Size(max = 64) String sku,
    @NotNull @PositiveOrZero BigDecimal quantity) {

  // Checks the components; see the class documentation for the rules.
  public ShipmentLine {
    Quantities.lineNumber("ShipmentLine", "orderLineNumber", orderLineNumber);
    Checks.requiredText("ShipmentLine", "sku", sku);
    quantity = Quantities.required("ShipmentLine", "quantity", quantity);
  }
}
