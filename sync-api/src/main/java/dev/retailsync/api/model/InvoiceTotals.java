package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;

/**
 * The totals of an invoice as the issuing system computed them. Every amount is in the invoice's
 * currency; a credit note's amounts may be negative.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param subtotal the sum of the line totals before tax, or {@code null}
 * @param taxTotal the sum of all taxes, or {@code null}
 * @param total the invoiced amount, tax included, or {@code null}
 * @param amountPaid what has been paid so far, or {@code null}
 * @param amountDue what remains to be paid, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceTotals(
    @Valid Money subtotal,
    @Valid Money taxTotal,
    @Valid Money total,
    @Valid Money amountPaid,
    @Valid Money amountDue) {}
