package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Consumers to Person Accounts and back, beside business accounts on the same object. */
class PersonAccountMappingTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
  private final SalesforceConnector sf =
      SalesforceConnector.builder()
          .http(fake.client())
          .tokenProvider(
              OAuthTokenProvider.builder(
                      fake.client(),
                      HttpUrl.get(FakeSalesforce.TOKEN_URL),
                      OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                  .clock(clock)
                  .build())
          .instanceUrl(FakeSalesforce.INSTANCE_URL)
          .mapping(
              PersonAccountMapping.withExternalId("ERP_Customer_Id__c")
                  .recordTypeId("012000000000PAAAA0"))
          .customFields(EntityType.PARTY, "Loyalty_Tier__pc")
          .clock(clock)
          .build();

  private static Party consumer(String family) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName(null, "Grace", null, family, null))
        .birthDate(LocalDate.of(1985, 12, 9))
        .contactPoints(List.of(ContactPoint.of(ContactPointType.EMAIL, "grace@example.com")))
        .addresses(
            List.of(
                new PartyAddress(
                    AddressUse.HOME,
                    PostalAddress.builder()
                        .lines(List.of("1 High Street", "Flat 2"))
                        .locality("Leeds")
                        .postalCode("LS1 1AA")
                        .country("GB")
                        .build(),
                    true)))
        .marketingConsent(
            new MarketingConsent(ConsentState.DENIED, null, null, null, null, "checkout"))
        .putExtension("Loyalty_Tier__pc", "GOLD")
        .build();
  }

  @Test
  void aConsumerBecomesAPersonAccountAndOnlyPersonAccountsComeBackAsParties() {
    sf.writer(EntityType.ACCOUNT)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "C-1",
                    Account.builder()
                        .accountNumber("C-1")
                        .name("Acme Retail")
                        .customerType(CustomerType.BUSINESS)
                        .status(AccountStatus.ACTIVE)
                        .build())));
    List<WriteOutcome> out =
        sf.writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("P-9", consumer("Hopper")),
                    WriteRequest.of("P-10", consumer(null))));

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("name.family", out.get(1).errors().get(0).path());
    var stored =
        fake.records("Account").stream()
            .filter(r -> r.path("ERP_Customer_Id__c").asText().equals("P-9"))
            .findFirst()
            .orElseThrow();
    assertFalse(stored.has("Name") && !stored.get("Name").asText().equals("Grace Hopper"));
    assertEquals("012000000000PAAAA0", stored.get("RecordTypeId").asText());
    assertEquals("1 High Street\nFlat 2", stored.get("PersonMailingStreet").asText());
    assertTrue(stored.get("PersonHasOptedOutOfEmail").asBoolean());

    ChangePage<Party> page =
        sf.changeFeed(EntityType.PARTY).orElseThrow().poll(Cursor.beginning(), 10);
    assertEquals(1, page.changes().size(), "the business account is not a party");
    Party back = page.changes().get(0).entity();
    assertEquals("Hopper", back.name().family());
    assertEquals(LocalDate.of(1985, 12, 9), back.birthDate());
    assertEquals("Leeds", back.addresses().get(0).address().locality());
    assertEquals(ConsentState.DENIED, back.marketingConsent().email());
    assertEquals("GOLD", back.extensions().get("Loyalty_Tier__pc"));
  }

  @Test
  void anOrganisationIsRejectedNamingTheKind() {
    Party org = Party.builder().kind(PartyKind.ORGANIZATION).organisationName("Acme").build();
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                PersonAccountMapping.withExternalId("ERP_Customer_Id__c")
                    .toSalesforce(org, java.util.Set.of()));
    assertEquals("kind", e.errors().get(0).path());
    assertThrows(
        ValidationException.class,
        () -> PersonAccountMapping.withExternalId("ERP_Customer_Id__c").recordTypeId("001abc"));
  }
}
