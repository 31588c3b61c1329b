package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;

/**
 * The totals of an order as the source computed them. They are carried, not recomputed: channels
 * and ERPs round differently, and the source's figures are the ones the customer saw. Every amount
 * is in the order's currency.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param subtotal the sum of the line totals before order-level discounts, tax and shipping, or
 *     {@code null}
 * @param discountTotal the sum of all discounts, or {@code null}
 * @param taxTotal the sum of all taxes, or {@code null}
 * @param shippingTotal the shipping charges, or {@code null}
 * @param grandTotal what the customer pays, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderTotals(
    @Valid Money subtotal,
    @Valid Money discountTotal,
    @Valid Money taxTotal,
    @Valid Money shippingTotal,
    @Valid Money grandTotal) {}
