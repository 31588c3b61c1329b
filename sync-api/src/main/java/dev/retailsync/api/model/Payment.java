package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One payment against an order or an invoice.
 *
 * <p>Instances are immutable and thread-safe. No card data is ever held here: the reference is the
 * payment provider's transaction id.
 *
 * @param method the payment method code, such as {@code "card"}, {@code "paypal"} or {@code
 *     "invoice"}, or {@code null}
 * @param amount the amount, zero or more, never {@code null}
 * @param status the payment's state, never {@code null}
 * @param reference the payment provider's transaction or authorisation id, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payment(
    @Size(max = 64) String method,
    @NotNull @Valid Money amount,
    @NotNull PaymentStatus status,
    @Size(max = 255) String reference) {

  // Checks the components; see the class documentation for the rules.
  public Payment {
    Checks.optionalText("Payment", "method", method);
    Checks.required("Payment", "amount", amount);
    Quantities.nonNegative("Payment", "amount", amount);
    Checks.required("Payment", "status", status);
    Checks.optionalText("Payment", "reference", reference);
  }
}
