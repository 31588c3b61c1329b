package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CaseOrigin;
import dev.retailsync.api.model.CasePriority;
import dev.retailsync.api.model.CaseStatus;
import dev.retailsync.api.model.ServiceCase;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Service cases to Salesforce Cases and back, through the same writer, reader and feed. */
class CaseMappingTest {
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
          .clock(clock)
          .build();

  @Test
  void aCaseIsUpsertedWithItsAccountByExternalIdAndReadBackThroughTheFeed() {
    fake.put("Account", java.util.Map.of("Name", "Acme", "ERP_Customer_Id__c", "C-7"));
    ServiceCase c =
        ServiceCase.builder()
            .caseNumber("CS-42")
            .subject("Parcel damaged")
            .status(CaseStatus.ESCALATED)
            .priority(CasePriority.URGENT)
            .origin(CaseOrigin.WEB)
            .accountNumber("C-7")
            .build();
    List<WriteOutcome> out =
        sf.writer(EntityType.SERVICE_CASE).orElseThrow().upsert(List.of(WriteRequest.of("c1", c)));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals("Escalated", fake.records("Case").get(0).get("Status").asText());
    assertEquals("High", fake.records("Case").get(0).get("Priority").asText());
    assertEquals(
        "C-7", fake.records("Case").get(0).path("Account").path("ERP_Customer_Id__c").asText());

    ChangePage<ServiceCase> page =
        sf.changeFeed(EntityType.SERVICE_CASE).orElseThrow().poll(Cursor.beginning(), 10);
    ServiceCase back = page.changes().get(0).entity();
    assertEquals("CS-42", back.caseNumber());
    assertEquals(CaseStatus.ESCALATED, back.status());
    assertEquals(CasePriority.HIGH, back.priority(), "URGENT has no Salesforce value of its own");
    assertEquals("C-7", back.accountNumber());
    assertEquals(EntityType.SERVICE_CASE, page.changes().get(0).entityType());
  }

  @Test
  void aPicklistValueTheMappingDoesNotKnowIsAnErrorNamingTheField() {
    fake.put(
        "Case", Map.of("External_Case_Id__c", "CS-9", "Status", "Awaiting Parts", "Subject", "x"));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                sf.changeFeed(EntityType.SERVICE_CASE).orElseThrow().poll(Cursor.beginning(), 10));
    assertEquals("Status", e.errors().get(0).path());
    assertEquals("Awaiting Parts", e.errors().get(0).rejectedValue());
  }
}
