package dev.retailsync.erp.businesscentral;

import dev.retailsync.api.model.Money;
import java.util.Objects;

/**
 * What a mapping needs to know about the Business Central company it maps for: its local currency
 * (LCY), since Business Central leaves {@code currencyCode} empty on records in the local currency.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param localCurrency the company's local currency, an ISO-4217 code such as {@code USD}
 */
public record BcMappingContext(String localCurrency) {

  // Checks the components.
  public BcMappingContext {
    Objects.requireNonNull(localCurrency, "localCurrency");
    Money.checkCurrency("BusinessCentralConnector", "localCurrency", localCurrency);
  }

  /**
   * Returns the currency a Business Central {@code currencyCode} stands for: the local currency
   * when it is empty.
   *
   * @param currencyCode the code as Business Central sent it, possibly empty or {@code null}
   * @return the ISO code
   */
  public String currencyOf(String currencyCode) {
    return currencyCode == null || currencyCode.isBlank() ? localCurrency : currencyCode;
  }

  /**
   * Returns the {@code currencyCode} to send for a currency: empty for the local currency, which
   * Business Central does not accept as a currency code.
   *
   * @param currency the ISO code, or {@code null}
   * @return the code to send
   */
  public String codeFor(String currency) {
    return currency == null || currency.equals(localCurrency) ? "" : currency;
  }
}
