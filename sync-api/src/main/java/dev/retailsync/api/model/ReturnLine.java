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
 * One item of a return request: what comes back, how much, why, and what happens to it.
 *
 * <p>Instances are immutable and thread-safe. The reason text is the customer's own words and may
 * hold personal data: {@code toString()} redacts it.
 *
 * @param orderLineNumber the order line returned, 1 or more, or {@code null}
 * @param sku the returned product's SKU, never blank
 * @param quantity the returned quantity, zero or more, never {@code null}
 * @param reason why it is returned, or {@code null} when not given
 * @param reasonText the customer's explanation, or {@code null}
 * @param disposition what happens to the item, or {@code null} when not decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnLine(
    @Positive Integer orderLineNumber,
    @NotBlank @Size(max = 64) String sku,
    @NotNull @PositiveOrZero BigDecimal quantity,
    ReturnReason reason,
    @Size(max = 1000) String reasonText,
    ReturnDisposition disposition) {

  // Checks the components; see the class documentation for the rules.
  public ReturnLine {
    Quantities.lineNumber("ReturnLine", "orderLineNumber", orderLineNumber);
    Checks.requiredText("ReturnLine", "sku", sku);
    quantity = Quantities.required("ReturnLine", "quantity", quantity);
    Checks.optionalText("ReturnLine", "reasonText", reasonText);
  }

  /**
   * Shows everything but the reason text.
   *
   * @return a rendering without the customer's words
   */
  @Override
  public String toString() {
    return "ReturnLine[orderLineNumber="
        + orderLineNumber
        + ", sku="
        + sku
        + ", quantity="
        + quantity
        + ", reason="
        + reason
        + ", reasonText="
        + (reasonText == null ? "null" : "<redacted>")
        + ", disposition="
        + disposition
        + "]";
  }
}
