package dev.retailsync.core.golden;

import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Systems, policies and records shared by the golden-record tests. */
final class Fixtures {
  private Fixtures() {}

  static final SystemId ERP = SystemId.of("erp");
  static final SystemId SF = SystemId.SALESFORCE;
  static final SystemId SHOP = SystemId.SHOPIFY;
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
  private static final AtomicInteger SEQ = new AtomicInteger();

  /** The architects' table: ERP owns commercial terms, Salesforce consent, addresses shared. */
  static OwnershipPolicy.Builder<Account> accountPolicy() {
    return OwnershipPolicy.builder(EntityType.ACCOUNT)
        .owner(Account.Fields.CREDIT, ERP)
        .owner(Account.Fields.PAYMENT_TERMS, ERP)
        .owner(Account.Fields.TAX_CLASS, ERP)
        .owner(Account.Fields.STATUS, ERP, OwnershipPolicy.Initial.ANY_SYSTEM)
        .owner(Account.Fields.MARKETING_CONSENT, SF)
        .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.newestWins());
  }

  static Merger merger(OwnershipPolicy<?> policy) {
    return Merger.builder().policy(policy).clock(CLOCK).build();
  }

  static PostalAddress address(String street, String postcode) {
    return PostalAddress.builder()
        .lines(street)
        .locality("Berlin")
        .postalCode(postcode)
        .country("DE")
        .build();
  }

  static Account.Builder account() {
    return Account.builder()
        .accountNumber("C-1")
        .name("Acme GmbH")
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE);
  }

  static Account withCredit(Account.Builder b, CreditStatus status, String limit) {
    return b.credit(CreditTerms.of(status, Money.of(limit, "EUR"))).build();
  }

  static Account withShipping(Account.Builder b, String street, String postcode) {
    return b.shipping(ShippingProfile.of(address(street, postcode))).build();
  }

  static Account withConsent(Account.Builder b, ConsentState email) {
    return b.marketingConsent(new MarketingConsent(email, null, null, null, T0, "web")).build();
  }

  static Change<Account> change(SystemId system, Account account, Instant at, FieldPath... fields) {
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, "x-" + system))
        .entity(account)
        .sourceTimestamp(at)
        .changedFields(fields)
        .correlationId(CorrelationId.of("c-" + SEQ.incrementAndGet()))
        .build();
  }
}
