package dev.retailsync.core.json;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CaseOrigin;
import dev.retailsync.api.model.CasePriority;
import dev.retailsync.api.model.CaseStatus;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.ContactChannel;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.ContactPointUsage;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Gender;
import dev.retailsync.api.model.InvoiceDelivery;
import dev.retailsync.api.model.LoyaltyMembership;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ServiceCase;
import dev.retailsync.api.model.ServicePreferences;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.model.TaxExemption;
import dev.retailsync.api.model.WebLogin;
import dev.retailsync.api.model.WebLoginState;
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
          "DE123456789",
          "+49 151 2345678",
          "jane.work@example.com",
          "1985-04-12",
          "FEMALE",
          "janedoe77",
          "Marie",
          "parcel never arrived");

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

  static MarketingConsent consent() {
    return new MarketingConsent(
        ConsentState.GRANTED,
        ConsentState.DENIED,
        ConsentState.UNKNOWN,
        ConsentState.PENDING,
        T0,
        "checkout");
  }

  static List<ContactPoint> contactPoints() {
    return List.of(
        ContactPoint.builder()
            .type(ContactPointType.EMAIL)
            .value("jane.doe@example.com")
            .usage(ContactPointUsage.HOME)
            .primary(true)
            .verified(true)
            .verifiedAt(T0)
            .consent(ConsentState.GRANTED)
            .build(),
        ContactPoint.builder()
            .type(ContactPointType.MOBILE)
            .value("+49 151 2345678")
            .usage(ContactPointUsage.HOME)
            .primary(true)
            .verified(false)
            .consent(ConsentState.DENIED)
            .build(),
        ContactPoint.builder()
            .type(ContactPointType.PHONE)
            .value("+4930123456")
            .usage(ContactPointUsage.WORK)
            .primary(false)
            .build());
  }

  static Party party() {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName("Dr.", "Jane", "Marie", "Doe", "Jr."))
        .birthDate(LocalDate.parse("1985-04-12"))
        .gender(Gender.FEMALE)
        .taxId("DE123456789")
        .contactPoints(contactPoints())
        .addresses(
            new PartyAddress(AddressUse.HOME, address(), true),
            new PartyAddress(AddressUse.SHIPPING, address(), false))
        .marketingConsent(consent())
        .loyalty(
            new LoyaltyMembership(
                "CLUB", "LM-778899", "GOLD", 12500L, LocalDate.parse("2021-03-01")))
        .preferredLanguage("de-DE")
        .webLogin(
            new WebLogin(
                "jane.doe@example.com",
                "janedoe77",
                WebLoginState.ENABLED,
                true,
                Instant.parse("2021-03-01T08:00:00Z"),
                T0))
        .servicePreferences(
            new ServicePreferences(ContactChannel.EMAIL, "de", "Europe/Berlin", false))
        .putExtension("segment__c", "VIP")
        .putExtension("lifetimeValue", new BigDecimal("10234.50"))
        .build();
  }

  /** An organisation, which the person sample cannot show: its name and legal form. */
  static Party organisation() {
    return Party.builder()
        .kind(PartyKind.ORGANIZATION)
        .organisationName("Acme Handels GmbH")
        .legalForm("GmbH")
        .taxId("DE999999999")
        .contactPoints(ContactPoint.of(ContactPointType.FAX, "+49 (30) 555-01.99"))
        .addresses(PartyAddress.of(AddressUse.BILLING, address()))
        .preferredLanguage("en-GB")
        .build();
  }

  static Contact contact() {
    return Contact.builder()
        .name(new PersonName("Ms", "Jane", "Marie", "Doe", "PhD"))
        .jobTitle("Head of Purchasing")
        .department("Purchasing")
        .role("BUYER")
        .accountNumber("C-000456")
        .contactPoints(
            ContactPoint.builder()
                .type(ContactPointType.EMAIL)
                .value("jane.work@example.com")
                .usage(ContactPointUsage.WORK)
                .primary(true)
                .verified(true)
                .verifiedAt(T0)
                .consent(ConsentState.GRANTED)
                .build(),
            ContactPoint.builder()
                .type(ContactPointType.MOBILE)
                .value("+49 151 2345678")
                .usage(ContactPointUsage.WORK)
                .build())
        .marketingConsent(consent())
        .primary(true)
        .putExtension("buyingCommittee__c", true)
        .build();
  }

  static ServiceCase serviceCase() {
    return ServiceCase.builder()
        .caseNumber("00001042")
        .subject("Jane Doe: parcel never arrived")
        .description(
            "Customer Jane Doe, Hauptstraße 5, 10115 Berlin, says the parcel never arrived.")
        .status(CaseStatus.RESOLVED)
        .priority(CasePriority.HIGH)
        .origin(CaseOrigin.EMAIL)
        .category("DELIVERY")
        .accountNumber("C-000123")
        .contactReference("003xx000004TmiQAAS")
        .orderNumber("SO-2026-000789")
        .openedAt(Instant.parse("2026-11-20T09:00:00Z"))
        .closedAt(T0)
        .putExtension("slaBreached__c", false)
        .build();
  }

  /** Every sample, keyed by entity type, in the order of {@link EntityType#values()}. */
  static Map<EntityType<?>, CanonicalEntity> all() {
    Map<EntityType<?>, CanonicalEntity> all = new LinkedHashMap<>();
    all.put(EntityType.ACCOUNT, account());
    all.put(EntityType.PARTY, party());
    all.put(EntityType.CONTACT, contact());
    all.put(EntityType.SERVICE_CASE, serviceCase());
    return all;
  }
}
