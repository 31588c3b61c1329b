package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A customer's exemption from sales tax or VAT, as the ERP or tax engine records it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param certificateNumber the exemption certificate's number, never blank
 * @param reason the reason code or text, such as {@code "RESALE"}, or {@code null}
 * @param validUntil the last day the certificate is valid, or {@code null} when open-ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxExemption(
    @Size(max = 64) String certificateNumber,
    @Size(max = 128) String reason,
    LocalDate validUntil) {

  // Checks the components; see the class documentation for the rules.
  public TaxExemption {
    Checks.requiredText("TaxExemption", "certificateNumber", certificateNumber);
    Checks.optionalText("TaxExemption", "reason", reason);
  }
}
