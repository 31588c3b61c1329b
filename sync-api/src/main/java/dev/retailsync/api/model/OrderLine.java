package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an order: what was ordered, how much, at which price, with its discounts and taxes.
 * Every amount is in the order's currency, which {@link Order} checks.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param lineNumber the line's number within the order, 1 or more, never {@code null}
 * @param sku the ordered product's SKU, never blank
 * @param description the line's description as the customer saw it, or {@code null}
 * @param quantity the ordered quantity in the product's unit of measure, zero or more, never {@code
 *     null}
 * @param unitPrice the price of one unit before discounts, or {@code null}
 * @param discounts the discounts on this line; never {@code null}
 * @param taxes the taxes on this line; never {@code null}
 * @param lineTotal the line's total as the source computed it, or {@code null}
 * @param status the line's fulfilment status, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(
    @NotNull @Positive Integer lineNumber,
    @NotBlank @Size(max = 64) String sku,
    @Size(max = 255) String description,
    @NotNull @PositiveOrZero BigDecimal quantity,
    @Valid Money unitPrice,
    List<@Valid Discount> discounts,
    List<@Valid TaxLine> taxes,
    @Valid Money lineTotal,
    OrderLineStatus status) {

  // Checks the components; see the class documentation for the rules.
  public OrderLine {
    Checks.required("OrderLine", "lineNumber", lineNumber);
    Quantities.lineNumber("OrderLine", "lineNumber", lineNumber);
    Checks.requiredText("OrderLine", "sku", sku);
    Checks.optionalText("OrderLine", "description", description);
    quantity = Quantities.required("OrderLine", "quantity", quantity);
    Quantities.nonNegative("OrderLine", "unitPrice", unitPrice);
    discounts = Checks.list("OrderLine", "discounts", discounts);
    taxes = Checks.list("OrderLine", "taxes", taxes);
  }

  /**
   * Returns a line with only its number, SKU, quantity and unit price.
   *
   * @param lineNumber the line number
   * @param sku the SKU
   * @param quantity the quantity
   * @param unitPrice the unit price
   * @return the line
   * @throws ValidationException naming the component if one is missing or out of range
   */
  public static OrderLine of(int lineNumber, String sku, BigDecimal quantity, Money unitPrice) {
    return new OrderLine(
        lineNumber, sku, null, quantity, unitPrice, List.of(), List.of(), null, null);
  }
}
