package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.ValidationException;
import jakarta.validation.Valid;

/**
 * An account's credit standing: its status, its limit and its current open balance. The ERP usually
 * owns all three; they are volatile financial controls and are never cached long.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param status the credit status, or {@code null} when unknown
 * @param limit the credit limit, zero or more, or {@code null} when none is set
 * @param balance the open balance on account, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditTerms(CreditStatus status, @Valid Money limit, @Valid Money balance) {

  // Checks the components; see the class documentation for the rules.
  public CreditTerms {
    if (limit != null && limit.isNegative()) {
      throw ValidationException.of("CreditTerms", "limit", limit, "must not be negative");
    }
    if (limit != null && balance != null && !limit.currency().equals(balance.currency())) {
      throw ValidationException.of(
          "CreditTerms",
          "balance.currency",
          balance.currency(),
          "must be the limit's currency " + limit.currency());
    }
  }

  /**
   * Returns credit terms.
   *
   * @param status the status
   * @param limit the limit, or {@code null}
   * @return the terms, with no balance
   */
  public static CreditTerms of(CreditStatus status, Money limit) {
    return new CreditTerms(status, limit, null);
  }
}
