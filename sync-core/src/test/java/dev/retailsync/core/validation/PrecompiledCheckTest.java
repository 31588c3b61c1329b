package dev.retailsync.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.InvoiceDelivery;
import dev.retailsync.api.model.LoyaltyMembership;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The precompiled checks only ever let a value skip Hibernate Validator when it is valid: the
 * validator reports exactly what Hibernate Validator alone reports, on valid and invalid entities.
 */
class PrecompiledCheckTest {
  private final CanonicalValidator fast = CanonicalValidator.create();
  private final CanonicalValidator reference = CanonicalValidator.hibernateOnly();

  record Mail(@Email String value) {}

  record Counted(@Min(3) int count) {}

  private static PostalAddress address(String country, String postalCode) {
    return PostalAddress.builder()
        .lines("1 Main Street")
        .locality("Springfield")
        .postalCode(postalCode)
        .country(country)
        .build();
  }

  private static Account.Builder account() {
    PostalAddress a = address("US", "12345");
    return Account.builder()
        .accountNumber("C-100001")
        .name("Customer 1")
        .customerType(CustomerType.CONSUMER)
        .status(AccountStatus.ACTIVE)
        .credit(
            new CreditTerms(
                CreditStatus.values()[0], Money.of("500", "EUR"), Money.of("12.50", "EUR")))
        .paymentTerms("PREPAID")
        .currency("EUR")
        .billing(new BillingProfile(a, "customer1@example.com", InvoiceDelivery.EMAIL, false))
        .shipping(new ShippingProfile(a, "DHL", "STANDARD", null))
        .loyalty(new LoyaltyMembership("CLUB", "LM-1", "GOLD", 10L, LocalDate.of(2020, 1, 1)))
        .putExtension("segment__c", "S1");
  }

  private static Order order(String description, int lineNumber) {
    return Order.builder()
        .orderNumber("#1042")
        .status(OrderStatus.CAPTURED)
        .currency("EUR")
        .customerEmail("jane@example.com")
        .addLine(
            new OrderLine(
                lineNumber,
                "TSHIRT-NAVY-M",
                description,
                BigDecimal.ONE,
                Money.of("19.99", "EUR"),
                List.of(),
                List.of(),
                null,
                null))
        .build();
  }

  private static Party party(LocalDate birthDate, String email) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(PersonName.of("Jane", "Doe"))
        .birthDate(birthDate)
        .contactPoints(ContactPoint.email(email), ContactPoint.of(ContactPointType.PHONE, "+1555"))
        .build();
  }

  private static Map<String, Object> cases() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid account", account().build());
    m.put("account name too long", account().name("n".repeat(256)).build());
    m.put("payment terms too long", account().paymentTerms("P".repeat(65)).build());
    m.put(
        "billing e-mail malformed",
        account()
            .billing(
                new BillingProfile(address("US", "1"), "no-at-sign", InvoiceDelivery.EMAIL, null))
            .build());
    m.put(
        "billing e-mail quoted (valid, beyond the plain subset)",
        account()
            .billing(
                new BillingProfile(
                    address("US", "1"), "\"jane doe\"@example.com", InvoiceDelivery.EMAIL, null))
            .build());
    m.put(
        "address line too long, five lines",
        account()
            .shipping(
                new ShippingProfile(
                    PostalAddress.builder().lines("a", "b", "c", "d", "x".repeat(256)).build(),
                    "DHL",
                    null,
                    null))
            .build());
    m.put(
        "postal code too long and carrier too long",
        account()
            .shipping(
                new ShippingProfile(address("US", "9".repeat(33)), "C".repeat(65), null, null))
            .build());
    m.put(
        "loyalty tier too long",
        account().loyalty(new LoyaltyMembership("CLUB", "LM-1", "T".repeat(65), 0L, null)).build());
    m.put("valid order", order("T-Shirt", 1));
    m.put("order line description too long", order("x".repeat(256), 1));
    ConstraintProbe p = ConstraintProbe.valid();
    ConstraintProbe.Address bad = new ConstraintProbe.Address("a@@b", List.of("abcd", "e", "f"));
    m.put("valid probe", p);
    m.put(
        "probe: count null, amount negative",
        new ConstraintProbe(null, new BigDecimal("-0.01"), "x", "de", null, null));
    m.put(
        "probe: count zero, label blank, code unmatched",
        new ConstraintProbe(0, null, " \t", "d1", List.of(), null));
    m.put(
        "probe: three addresses, one bad, bad main",
        new ConstraintProbe(2, BigDecimal.ONE, "y", null, List.of(p.main(), bad, p.main()), bad));
    m.put("valid party", party(LocalDate.of(1980, 5, 17), "jane@example.com"));
    m.put("party born tomorrow", party(LocalDate.now().plusDays(1), "jane@example.com"));
    m.put("party born today (left to Hibernate)", party(LocalDate.now(), "jane@example.com"));
    m.put(
        "party contact point too long",
        party(LocalDate.of(1980, 5, 17), "j".repeat(250) + "@example.com"));
    return m;
  }

  @Test
  void reportsExactlyWhatHibernateValidatorReports() {
    cases()
        .forEach(
            (name, entity) ->
                assertEquals(reference.validate(entity), fast.validate(entity), name));
  }

  @Test
  void validEntitiesSkipHibernateValidatorAndInvalidOnesDoNot() {
    List<String> skipped = new ArrayList<>();
    cases()
        .forEach(
            (name, entity) -> {
              boolean valid = reference.validate(entity).isEmpty();
              boolean passes = PrecompiledCheck.cascade(entity);
              if (passes) {
                skipped.add(name);
                assertTrue(valid, name + " passed the precompiled check but is invalid");
              }
            });
    assertEquals(List.of("valid account", "valid order", "valid probe", "valid party"), skipped);
  }

  @Test
  void everyCanonicalEntityTypeIsCompiled() {
    for (Class<?> type :
        List.of(
            ConstraintProbe.class,
            Account.class,
            Party.class,
            Order.class,
            dev.retailsync.api.model.Contact.class,
            dev.retailsync.api.model.Product.class,
            dev.retailsync.api.model.Price.class,
            dev.retailsync.api.model.InventoryPosition.class,
            dev.retailsync.api.model.Shipment.class,
            dev.retailsync.api.model.Invoice.class,
            dev.retailsync.api.model.ReturnRequest.class,
            dev.retailsync.api.model.ServiceCase.class)) {
      assertTrue(PrecompiledCheck.of(type).isPresent(), type.getSimpleName());
    }
  }

  @Test
  void everyViolationOfTheProbeIsReportedWithItsPath() {
    ConstraintProbe.Address bad = new ConstraintProbe.Address("a@@b", List.of("abcd", "e", "f"));
    ConstraintProbe probe =
        new ConstraintProbe(0, new BigDecimal("-1"), " ", "d1", List.of(bad, bad, bad), bad);
    assertEquals(
        List.of(
            "addresses",
            "addresses[0].email",
            "addresses[0].lines",
            "addresses[0].lines[0]",
            "addresses[1].email",
            "addresses[1].lines",
            "addresses[1].lines[0]",
            "addresses[2].email",
            "addresses[2].lines",
            "addresses[2].lines[0]",
            "amount",
            "code",
            "count",
            "label",
            "main.email",
            "main.lines",
            "main.lines[0]"),
        fast.validate(probe).stream().map(FieldError::path).toList());
  }

  @Test
  void aTypeWithAConstraintTheChecksDoNotImplementIsLeftToHibernateValidator() {
    assertFalse(PrecompiledCheck.of(Counted.class).isPresent());
    List<FieldError> errors = fast.validate(new Counted(2));
    assertEquals(List.of("count"), errors.stream().map(FieldError::path).toList());
    assertEquals(List.of(), fast.validate(new Counted(3)));
  }

  @Test
  void everyPlainEmailIsValidForHibernateValidator() {
    String alphabet = "aZ9.-_+@!\"é []:x";
    Random r = new Random(7);
    int plain = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(16);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      if (PrecompiledCheck.plainEmail(s)) {
        plain++;
        assertEquals(List.of(), reference.validate(new Mail(s)), s);
      }
    }
    assertTrue(plain > 1000, "too few plain addresses generated: " + plain);
    String label63 = "d".repeat(63);
    for (String s :
        List.of(
            "l".repeat(64) + "@example.com",
            "a@" + label63 + "." + label63 + "." + label63 + "." + "e".repeat(61),
            "a-b@x--y.example",
            "O'Brien+tag@Example.COM")) {
      assertTrue(PrecompiledCheck.plainEmail(s), s);
      assertEquals(List.of(), reference.validate(new Mail(s)), s);
    }
    for (String s :
        List.of(
            "l".repeat(65) + "@example.com",
            "a@" + "d".repeat(64) + ".com",
            "a@-x.com",
            "a@x-.com",
            "a..b@x.com",
            ".a@x.com",
            "a@x.com.",
            "a@",
            "@x.com")) {
      assertFalse(PrecompiledCheck.plainEmail(s), s);
    }
  }
}
