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
import dev.retailsync.api.model.Discount;
import dev.retailsync.api.model.Gender;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceDelivery;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.LoyaltyMembership;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Measure;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderLineStatus;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.Payment;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Price;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnDisposition;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnReason;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.model.ServiceCase;
import dev.retailsync.api.model.ServicePreferences;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentEvent;
import dev.retailsync.api.model.ShipmentEventType;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.model.TaxExemption;
import dev.retailsync.api.model.TaxLine;
import dev.retailsync.api.model.VariantOption;
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

  static Product product() {
    return Product.builder()
        .sku("TSHIRT-NAVY-M")
        .gtin("4006381333931")
        .name("Organic T-Shirt Navy M")
        .description("Organic cotton crew-neck T-shirt, 180 g/m2.")
        .unitOfMeasure("EA")
        .addVariantOption(VariantOption.of("Colour", "Navy"))
        .addVariantOption(VariantOption.of("Size", "M"))
        .parentSku("TSHIRT")
        .status(ProductStatus.ACTIVE)
        .brand("Northwind")
        .category("apparel/shirts")
        .weight(Measure.of("0.180", "KG"))
        .taxClass("STANDARD")
        .putExtension("season__c", "SS27")
        .build();
  }

  static Price price() {
    return Price.builder()
        .sku("TSHIRT-NAVY-M")
        .priceList("RETAIL-EUR")
        .unitPrice(Money.of("19.99", "EUR"))
        .minQuantity(new BigDecimal("10"))
        .validFrom(T0)
        .validTo(Instant.parse("2027-01-01T00:00:00Z"))
        .customerGroup("WHOLESALE")
        .putExtension("priceSource", "SAP")
        .build();
  }

  static InventoryPosition inventoryPosition() {
    return InventoryPosition.builder()
        .sku("COFFEE-BEANS")
        .location("WH-BER-01")
        .onHand(new BigDecimal("120.500"))
        .reserved(new BigDecimal("118.25"))
        .available(new BigDecimal("-2.75"))
        .safetyStock(new BigDecimal("5"))
        .unitOfMeasure("KG")
        .asOf(T0)
        .putExtension("bin", "A-07-3")
        .build();
  }

  static Order order() {
    return Order.builder()
        .orderNumber("#1042")
        .channel("shopify")
        .status(OrderStatus.PAYMENT_AUTHORIZED)
        .accountNumber("C-000123")
        .customerEmail("jane.doe@example.com")
        .orderedAt(T0)
        .currency("EUR")
        .addLine(
            new OrderLine(
                1,
                "TSHIRT-NAVY-M",
                "Organic T-Shirt Navy M",
                new BigDecimal("2"),
                Money.of("19.99", "EUR"),
                List.of(new Discount("WINTER10", "10 % off apparel", Money.of("4.00", "EUR"))),
                List.of(
                    new TaxLine(
                        "VAT19", "MwSt. 19 %", new BigDecimal("0.19"), Money.of("6.84", "EUR"))),
                Money.of("35.98", "EUR"),
                OrderLineStatus.RESERVED))
        .addLine(
            new OrderLine(
                2,
                "COFFEE-BEANS",
                "Espresso beans, loose",
                new BigDecimal("0.75"),
                Money.of("24.00", "EUR"),
                List.of(),
                List.of(
                    new TaxLine(
                        "VAT7", "MwSt. 7 %", new BigDecimal("0.07"), Money.of("1.26", "EUR"))),
                Money.of("18.00", "EUR"),
                OrderLineStatus.BACKORDERED))
        .addPayment(
            new Payment(
                "card", Money.of("63.02", "EUR"), PaymentStatus.AUTHORIZED, "pi_3PzXyZ2eZvKYlo2C"))
        .addTax(
            new TaxLine(
                "VAT19", "MwSt. 19 % (shipping)", new BigDecimal("0.19"), Money.of("0.94", "EUR")))
        .addDiscount(new Discount("FREESHIP", "Free shipping", Money.of("4.95", "EUR")))
        .totals(
            new OrderTotals(
                Money.of("53.98", "EUR"),
                Money.of("8.95", "EUR"),
                Money.of("9.04", "EUR"),
                Money.of("4.95", "EUR"),
                Money.of("63.02", "EUR")))
        .shippingAddress(address())
        .billingAddress(address())
        .erpOrderNumber("SO-2026-004711")
        .purchaseOrderNumber("PO-7781")
        .putExtension("giftWrap__c", true)
        .build();
  }

  static Shipment shipment() {
    return Shipment.builder()
        .shipmentNumber("DN-80001234")
        .orderNumber("#1042")
        .carrier("DHL")
        .service("EXPRESS")
        .trackingNumber("00340434161094015902")
        .trackingUrl("https://www.dhl.de/track?piececode=00340434161094015902")
        .shipFrom("WH-BER-01")
        .shipTo(address())
        .addLine(new ShipmentLine(1, "TSHIRT-NAVY-M", new BigDecimal("2")))
        .addLine(new ShipmentLine(2, "COFFEE-BEANS", new BigDecimal("0.75")))
        .addEvent(new ShipmentEvent(ShipmentEventType.SHIPPED, T0, "WH-BER-01", "Handed over"))
        .addEvent(
            new ShipmentEvent(
                ShipmentEventType.DELIVERED,
                Instant.parse("2026-11-26T14:02:00Z"),
                "Parcel station 112",
                "Delivered to parcel station"))
        .shippedAt(T0)
        .deliveredAt(Instant.parse("2026-11-26T14:02:00Z"))
        .status(ShipmentStatus.DELIVERED)
        .putExtension("packages", 1)
        .build();
  }

  static Invoice invoice() {
    return Invoice.builder()
        .invoiceNumber("INV-2026-000815")
        .orderNumber("#1042")
        .accountNumber("C-000123")
        .issuedOn(LocalDate.parse("2026-11-26"))
        .dueOn(LocalDate.parse("2026-12-26"))
        .status(InvoiceStatus.PARTIALLY_PAID)
        .currency("EUR")
        .addLine(
            new InvoiceLine(
                1,
                1,
                "TSHIRT-NAVY-M",
                "Organic T-Shirt Navy M",
                new BigDecimal("2"),
                Money.of("17.99", "EUR"),
                List.of(
                    new TaxLine(
                        "VAT19", "MwSt. 19 %", new BigDecimal("0.19"), Money.of("6.84", "EUR"))),
                Money.of("35.98", "EUR")))
        .addTax(new TaxLine("VAT19", "MwSt. 19 %", new BigDecimal("0.19"), Money.of("6.84", "EUR")))
        .totals(
            new InvoiceTotals(
                Money.of("35.98", "EUR"),
                Money.of("6.84", "EUR"),
                Money.of("42.82", "EUR"),
                Money.of("20", "EUR"),
                Money.of("22.82", "EUR")))
        .addPayment(
            new Payment(
                "bank-transfer", Money.of("20.00", "EUR"), PaymentStatus.CAPTURED, "BT-5512"))
        .putExtension("dunningLevel", 0)
        .build();
  }

  static ReturnRequest returnRequest() {
    return ReturnRequest.builder()
        .rmaNumber("RMA-000311")
        .orderNumber("#1042")
        .accountNumber("C-000123")
        .status(ReturnStatus.INSPECTED)
        .requestedAt(T0)
        .addLine(
            new ReturnLine(
                1,
                "TSHIRT-NAVY-M",
                new BigDecimal("1"),
                ReturnReason.DEFECTIVE,
                "Seam came apart after the first wash",
                ReturnDisposition.SCRAP))
        .refundStatus(RefundStatus.PENDING)
        .refundAmount(Money.of("17.99", "EUR"))
        .putExtension("returnLabel", "DHL-RETOURE")
        .build();
  }

  /** Every sample, keyed by entity type, in the order of {@link EntityType#values()}. */
  static Map<EntityType<?>, CanonicalEntity> all() {
    Map<EntityType<?>, CanonicalEntity> all = new LinkedHashMap<>();
    all.put(EntityType.ACCOUNT, account());
    all.put(EntityType.PARTY, party());
    all.put(EntityType.CONTACT, contact());
    all.put(EntityType.SERVICE_CASE, serviceCase());
    all.put(EntityType.PRODUCT, product());
    all.put(EntityType.PRICE, price());
    all.put(EntityType.INVENTORY_POSITION, inventoryPosition());
    all.put(EntityType.ORDER, order());
    all.put(EntityType.SHIPMENT, shipment());
    all.put(EntityType.INVOICE, invoice());
    all.put(EntityType.RETURN_REQUEST, returnRequest());
    return all;
  }
}
