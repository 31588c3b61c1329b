package dev.retailsync.core.json;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.InvoiceDelivery;
import dev.retailsync.api.model.LoyaltyMembership;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.model.TaxExemption;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully populated sample per canonical entity type: every component set, so that the golden
 * files pin the whole wire contract. Personal data in the samples uses the values in {@link
 * #PERSONAL_DATA}, which no {@code toString()} may show.
 */
final class Samples {
  private Samples() {}

  /** Personal data used in the samples; tests assert that no toString() reveals any of it. */
  static final List<String> PERSONAL_DATA =
      List.of(
          "Jane",
          "Doe",
          "jane.doe@example.com",
          "+4930123456",
          "Hauptstraße 5",
          "10115",
          "Berlin",
          "LM-778899",
          "Ring the bell twice",
          "DE123456789");

  static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");

  static PostalAddress address() {
    return PostalAddress.builder()
        .lines("Hauptstraße 5", "Hinterhaus")
        .locality("Berlin")
        .region("BE")
        .postalCode("10115")
        .country("DE")
        .build();
  }

  static Account account() {
    return Account.builder()
        .accountNumber("C-000123")
        .name("Jane Doe")
        .customerType(CustomerType.CONSUMER)
        .status(AccountStatus.ACTIVE)
        .credit(
            new CreditTerms(
                CreditStatus.APPROVED, Money.of("5000.00", "EUR"), Money.of("1250.5", "EUR")))
        .paymentTerms("NET30")
        .taxClass("STANDARD")
        .taxId("DE123456789")
        .taxExemption(new TaxExemption("EX-2026-001", "RESALE", LocalDate.parse("2027-12-31")))
        .priceGroup("RETAIL")
        .currency("EUR")
        .billing(
            new BillingProfile(address(), "jane.doe@example.com", InvoiceDelivery.EMAIL, false))
        .shipping(new ShippingProfile(address(), "DHL", "EXPRESS", "Ring the bell twice"))
        .loyalty(
            new LoyaltyMembership(
                "CLUB", "LM-778899", "GOLD", 12500L, LocalDate.parse("2021-03-01")))
        .marketingConsent(
            new MarketingConsent(
                ConsentState.GRANTED,
                ConsentState.DENIED,
                ConsentState.UNKNOWN,
                ConsentState.PENDING,
                T0,
                "checkout"))
        .putExtension("loyaltyTier__c", "GOLD")
        .putExtension("lifetimeValue", new BigDecimal("10234.50"))
        .build();
  }

  /** Every sample, keyed by entity type, in the order of {@link EntityType#values()}. */
  static Map<EntityType<?>, CanonicalEntity> all() {
    Map<EntityType<?>, CanonicalEntity> all = new LinkedHashMap<>();
    all.put(EntityType.ACCOUNT, account());
    return all;
  }
}
