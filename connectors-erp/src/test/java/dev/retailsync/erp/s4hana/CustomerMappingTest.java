package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The customer mapping: field by field, through the fake and back. */
class CustomerMappingTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  private final FakeS4Hana fake = new FakeS4Hana(clock, "U", "P");

  private S4HanaConnector connector(CustomerMapping m) {
    return S4HanaConnector.builder()
        .http(fake.client())
        .baseUrl(FakeS4Hana.BASE_URL)
        .basicAuth("U", "P")
        .clock(clock)
        .gate(TenantGate.unshared("m", 2))
        .customers(m)
        .build();
  }

  @Test
  void aConsumerIsAPersonSplitAtTheLastSpaceAndReadBackWhole() {
    S4HanaConnector sap = connector(CustomerMapping.defaults());
    Account a =
        Account.builder()
            .accountNumber("SF-1")
            .name("Anna Maria Schmidt")
            .customerType(CustomerType.CONSUMER)
            .status(AccountStatus.ON_HOLD)
            .build();
    WriteOutcome o =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k", a)))
            .get(0);
    var bp = fake.record("A_BusinessPartner", o.externalId().id()).orElseThrow();
    assertEquals("1", bp.path("BusinessPartnerCategory").asText());
    assertEquals("Anna Maria", bp.path("FirstName").asText());
    assertEquals("Schmidt", bp.path("LastName").asText());
    assertTrue(bp.path("BusinessPartnerIsBlocked").asBoolean());
    assertEquals(
        "FLCU01",
        fake.records("A_BusinessPartnerRole").get(0).path("BusinessPartnerRole").asText());
    Account read =
        sap.reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of(o.externalId().id()))
            .get(0)
            .entity();
    assertEquals("Anna Maria Schmidt", read.name());
    assertEquals(AccountStatus.ON_HOLD, read.status());
    assertEquals(CustomerType.CONSUMER, read.customerType());
  }

  @Test
  void renamedKeyExtensionAndSalesAreaFieldsRoundTrip() {
    CustomerMapping m =
        CustomerMapping.defaults()
            .keyField("SearchTerm2", 20)
            .extensionField("YY1_LoyaltyTier_bus")
            .salesArea("1710", "10", "00")
            .taxType("DE0");
    S4HanaConnector sap = connector(m);
    Account a =
        S4HanaConformanceTest.account("SF-2", "Acme GmbH").toBuilder()
            .taxId("DE123456789")
            .currency("EUR")
            .paymentTerms("0001")
            .extensions(Map.of("YY1_LoyaltyTier_bus", "GOLD"))
            .build();
    WriteOutcome o =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k", a)))
            .get(0);
    var bp = fake.record("A_BusinessPartner", o.externalId().id()).orElseThrow();
    assertEquals("SF-2", bp.path("SearchTerm2").asText());
    assertEquals("GOLD", bp.path("YY1_LoyaltyTier_bus").asText());
    assertEquals(
        "DE0", fake.records("A_BusinessPartnerTaxNumber").get(0).path("BPTaxType").asText());
    Account read =
        sap.reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of(o.externalId().id()))
            .get(0)
            .entity();
    assertEquals("SF-2", read.accountNumber());
    assertEquals("DE123456789", read.taxId());
    assertEquals("EUR", read.currency());
    assertEquals("0001", read.paymentTerms());
    assertEquals("GOLD", read.extensions().get("YY1_LoyaltyTier_bus"));

    // A limited write sends only its fields: the payment terms change, the name does not.
    Account changed = a.toBuilder().name("Renamed GmbH").paymentTerms("0004").build();
    WriteOutcome u =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "k", changed, null, null, Set.of(Account.Fields.PAYMENT_TERMS), null)))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, u.status(), u.toString());
    assertEquals(
        "0004", fake.records("A_CustomerSalesArea").get(0).path("CustomerPaymentTerms").asText());
    assertEquals(
        "Acme GmbH",
        fake.record("A_BusinessPartner", o.externalId().id())
            .orElseThrow()
            .path("OrganizationBPName1")
            .asText());
  }

  @Test
  void aCustomerTypeChangeIsRefusedNamingTheField() {
    S4HanaConnector sap = connector(CustomerMapping.defaults());
    Account a = S4HanaConformanceTest.account("SF-3", "Acme GmbH");
    sap.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(WriteRequest.of("k", a)));
    WriteOutcome o =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "k", a.toBuilder().customerType(CustomerType.CONSUMER).build())))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("customerType", o.errors().get(0).path());
  }

  @Test
  void badSettingsAreRefusedNamingTheArgument() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> CustomerMapping.defaults().rename("Name", "has space"));
    assertTrue(e.getMessage().contains("sapName"), e.getMessage());
  }
}
