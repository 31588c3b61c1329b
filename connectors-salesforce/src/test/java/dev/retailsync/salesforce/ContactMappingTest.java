package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Contacts to Salesforce Contacts, linked to their account by the account's external id. */
class ContactMappingTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");

  private SalesforceConnector connector(SalesforceConnector.WriteRung rung) {
    return SalesforceConnector.builder()
        .http(fake.client())
        .tokenProvider(
            OAuthTokenProvider.builder(
                    fake.client(),
                    HttpUrl.get(FakeSalesforce.TOKEN_URL),
                    OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                .clock(clock)
                .build())
        .instanceUrl(FakeSalesforce.INSTANCE_URL)
        .writeRung(rung)
        .pollSleeper(d -> {})
        .clock(clock)
        .build();
  }

  private static Contact buyer(String family, String accountNumber) {
    return Contact.builder()
        .name(new PersonName("Ms.", "Ada", null, family, null))
        .jobTitle("Head of Purchasing")
        .department("Purchasing")
        .accountNumber(accountNumber)
        .contactPoints(
            List.of(
                ContactPoint.of(ContactPointType.EMAIL, "ada@example.com"),
                ContactPoint.of(ContactPointType.MOBILE, "+447700900123")))
        .marketingConsent(
            new MarketingConsent(
                ConsentState.DENIED, null, ConsentState.GRANTED, null, null, "web"))
        .build();
  }

  private void seedAccount(SalesforceConnector sf) {
    Account acme =
        Account.builder()
            .accountNumber("C-1")
            .name("Acme Retail")
            .customerType(dev.retailsync.api.model.CustomerType.BUSINESS)
            .status(AccountStatus.ACTIVE)
            .build();
    sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(WriteRequest.of("C-1", acme)));
  }

  @Test
  void contactsUpsertByTheRequestKeyLinkToTheirAccountAndComeBackThroughTheFeed() {
    SalesforceConnector sf = connector(SalesforceConnector.WriteRung.COLLECTIONS);
    seedAccount(sf);
    List<WriteOutcome> out =
        sf.writer(EntityType.CONTACT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("CT-1", buyer("Lovelace", "C-1")),
                    WriteRequest.of("CT-2", buyer("Byron", "C-404")),
                    WriteRequest.of(
                        "CT-3",
                        Contact.builder()
                            .name(new PersonName(null, "Ada", null, null, null))
                            .build())));

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("INVALID_FIELD", out.get(1).errorCode());
    assertTrue(out.get(1).message().contains("C-404"), out.get(1).message());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(2).status());
    assertEquals("name.family", out.get(2).errors().get(0).path());

    var stored = fake.records("Contact").get(0);
    assertEquals("CT-1", stored.get("ERP_Contact_Id__c").asText());
    assertEquals(
        fake.records("Account").get(0).get("Id").asText(), stored.get("AccountId").asText());
    assertTrue(stored.get("HasOptedOutOfEmail").asBoolean());
    assertEquals("+447700900123", stored.get("MobilePhone").asText());

    Contact back =
        sf
            .changeFeed(EntityType.CONTACT)
            .orElseThrow()
            .poll(Cursor.beginning(), 10)
            .changes()
            .stream()
            .filter(c -> c.type() != dev.retailsync.api.ChangeType.DELETED)
            .findFirst()
            .orElseThrow()
            .entity();
    assertEquals("C-1", back.accountNumber());
    assertEquals("Lovelace", back.name().family());
    assertEquals(ConsentState.DENIED, back.marketingConsent().email());
    assertEquals(
        ConsentState.UNKNOWN,
        back.marketingConsent().phone(),
        "DoNotCall=false is no evidence of consent");
    assertEquals(2, back.contactPoints().size());
  }

  @Test
  void bulkWritesTheAccountReferenceAsADottedColumn() {
    SalesforceConnector sf = connector(SalesforceConnector.WriteRung.BULK);
    seedAccount(sf);
    List<WriteRequest<Contact>> batch = new ArrayList<>();
    batch.add(WriteRequest.of("CT-1", buyer("Lovelace", "C-1")));
    batch.add(WriteRequest.of("CT-2", buyer("Byron", "C-404")));
    List<WriteOutcome> out = sf.writer(EntityType.CONTACT).orElseThrow().upsert(batch);

    assertEquals("CT-1", out.get(0).key());
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("INVALID_FIELD", out.get(1).errorCode());
    assertEquals(
        fake.records("Account").get(0).get("Id").asText(),
        fake.records("Contact").get(0).get("AccountId").asText());
  }
}
