package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * Where and how an account is billed.
 *
 * <p>Instances are immutable and thread-safe. Holds personal data: {@code toString()} redacts the
 * address and the e-mail.
 *
 * @param address the billing address, or {@code null}
 * @param email the address invoices are e-mailed to, or {@code null}
 * @param invoiceDelivery how invoices are delivered, or {@code null} when unknown
 * @param purchaseOrderRequired whether orders must carry a purchase-order number, or {@code null}
 *     when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BillingProfile(
    @Valid PostalAddress address,
    @Email @Size(max = 254) String email,
    InvoiceDelivery invoiceDelivery,
    Boolean purchaseOrderRequired) {

  // Checks the components; see the class documentation for the rules.
  public BillingProfile {
    Checks.optionalText("BillingProfile", "email", email);
  }

  /**
   * Redacts the address and e-mail.
   *
   * @return a rendering without personal data
   */
  @Override
  public String toString() {
    return "BillingProfile[address="
        + (address == null ? "null" : "<redacted>")
        + ", email="
        + (email == null ? "null" : "<redacted>")
        + ", invoiceDelivery="
        + invoiceDelivery
        + ", purchaseOrderRequired="
        + purchaseOrderRequired
        + "]";
  }
}
