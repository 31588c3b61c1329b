package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The connector against the in-process fake of the Salesforce REST API. */
class SalesforceConnectorTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");

  private SalesforceConnector connector(double reserve) {
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
        .budgetReserve(reserve)
        .clientName("retail-sync-test")
        .clock(clock)
        .build();
  }

  private static Account account(String number, String name) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .shipping(
            ShippingProfile.of(
                PostalAddress.builder()
                    .lines("Hauptstraße 5", "Hof 2")
                    .locality("Berlin")
                    .postalCode("10115")
                    .country("DE")
                    .build()))
        .putExtension("Loyalty_Tier__c", "GOLD")
        .build();
  }

  private static List<WriteRequest<Account>> batch(int n, String prefix) {
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(WriteRequest.of("k" + i, account("C-" + i, prefix + i)));
    }
    return batch;
  }

  private long upsertCalls() {
    return fake.requests().stream().filter(r -> r.startsWith("PATCH")).count();
  }

  @Test
  void upsertsThroughCollectionsTwoHundredAtATimeWithOneOutcomePerRecord() {
    SalesforceConnector sf = connector(0.2);
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    List<WriteOutcome> first = new ArrayList<>();
    List<WriteRequest<Account>> all = batch(450, "Acme ");
    for (int i = 0; i < all.size(); i += writer.maxBatchSize()) {
      first.addAll(writer.upsert(all.subList(i, Math.min(all.size(), i + writer.maxBatchSize()))));
    }
    assertEquals(450, first.size());
    assertEquals(3, upsertCalls());
    assertTrue(first.stream().allMatch(o -> o.status() == WriteOutcome.Status.CREATED));
    assertEquals("k449", first.get(449).key());

    ObjectNode stored = fake.records("Account").get(0);
    assertEquals("C-0", stored.get("ERP_Customer_Id__c").asText());
    assertEquals("Acme 0", stored.get("Name").asText());
    assertEquals("Hauptstraße 5\nHof 2", stored.get("ShippingStreet").asText());
    assertEquals("GOLD", stored.get("Loyalty_Tier__c").asText());

    List<WriteOutcome> again = writer.upsert(batch(3, "Acme renamed "));
    assertTrue(again.stream().allMatch(o -> o.status() == WriteOutcome.Status.UPDATED));
    assertEquals(450, fake.records("Account").size(), "upsert by external id never duplicates");
    assertTrue(sf.budget().orElseThrow().used() >= 4);
  }

  @Test
  void partialFailuresAreClassifiedPerRecordByTheirStatusCode() {
    SalesforceConnector sf = connector(0.2);
    fake.lockRecord("C-1", 1);
    List<WriteRequest<Account>> batch = new ArrayList<>(batch(3, "Acme "));
    batch.add(WriteRequest.of("dup", account("C-0", "Acme twin")));
    batch.add(
        WriteRequest.of(
            "no-number",
            Account.builder()
                .name("No number")
                .customerType(CustomerType.BUSINESS)
                .status(AccountStatus.ACTIVE)
                .build()));
    List<WriteOutcome> out = sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch);

    assertEquals(
        List.of("k0", "k1", "k2", "dup", "no-number"),
        out.stream().map(WriteOutcome::key).toList());
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, out.get(1).status());
    assertEquals("UNABLE_TO_LOCK_ROW", out.get(1).errorCode());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(3).status());
    assertEquals("DUPLICATE_EXTERNAL_ID", out.get(3).errorCode());
    assertEquals("ERP_Customer_Id__c", out.get(3).errors().get(0).path());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(4).status());
    assertEquals("accountNumber", out.get(4).errors().get(0).path());
    assertEquals(1, upsertCalls(), "the unmappable record costs no call");

    // The locked record succeeds on retry.
    assertEquals(
        WriteOutcome.Status.CREATED,
        sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(batch.get(1))).get(0).status());
  }

  @Test
  void writesStopBeforeTheReserveOfTheDailyAllocation() {
    SalesforceConnector sf = connector(0.2);
    fake.apiUsage(79_990, 100_000);
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    writer.upsert(batch(1, "A"));
    fake.apiUsage(80_000, 100_000);
    writer.upsert(batch(1, "B")); // learns the new figure from this response
    long calls = upsertCalls();
    RateLimitException e =
        assertThrows(RateLimitException.class, () -> writer.upsert(batch(1, "C")));
    assertFalse(e.isRetryable());
    assertTrue(e.getMessage().contains("20% is kept in reserve"), e.getMessage());
    assertEquals(calls, upsertCalls(), "no call is spent once the reserve is reached");
  }

  @Test
  void requestLimitExceededTellsTheDailyCapFromConcurrency() {
    SalesforceConnector sf = connector(0.2);
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    fake.failNext(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    assertFalse(
        assertThrows(RateLimitException.class, () -> writer.upsert(batch(1, "A"))).isRetryable());
    fake.failNext(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
    RateLimitException c =
        assertThrows(RateLimitException.class, () -> writer.upsert(batch(1, "A")));
    assertTrue(c.isRetryable());
    fake.failNext(503, "SERVER_UNAVAILABLE", "Server unavailable");
    assertTrue(
        assertThrows(RemoteSystemException.class, () -> writer.upsert(batch(1, "A")))
            .isRetryable());
  }

  @Test
  void anExpiredSessionIsRenewedOnceAndTheCallReplayed() {
    SalesforceConnector sf = connector(0.2);
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    writer.upsert(batch(1, "A"));
    fake.expireSessions();
    assertEquals(WriteOutcome.Status.UPDATED, writer.upsert(batch(1, "B")).get(0).status());
    assertEquals(
        2, fake.requests().stream().filter(r -> r.endsWith("/services/oauth2/token")).count());
  }

  @Test
  void aSessionRefusedTwiceIsAnAuthenticationErrorNotALoop() {
    SalesforceConnector sf =
        SalesforceConnector.builder()
            .http(fake.client())
            .tokenProvider(
                new dev.retailsync.core.http.TokenProvider() {
                  @Override
                  public dev.retailsync.core.http.OAuthToken token() {
                    return new dev.retailsync.core.http.OAuthToken(
                        "00Dstale!x", "Bearer", Instant.EPOCH, null, null, Map.of());
                  }

                  @Override
                  public void invalidate(dev.retailsync.core.http.OAuthToken rejected) {}
                })
            .instanceUrl(FakeSalesforce.INSTANCE_URL)
            .build();
    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch(1, "A")));
    assertTrue(e.getMessage().contains("INVALID_SESSION_ID"), e.getMessage());
    assertFalse(e.getMessage().contains("00Dstale"), "no token in messages");
    assertEquals(2, upsertCalls());
  }

  @Test
  void readsByIdFollowingQueryPages() {
    SalesforceConnector sf = connector(0.2);
    fake.pageSize(2);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          fake.put(
                  "Account",
                  Map.of(
                      "Name", "Shop " + i, "ERP_Customer_Id__c", "C-" + i, "BillingCity", "Wien"))
              .get("Id")
              .asText());
    }
    var read = sf.reader(EntityType.ACCOUNT).orElseThrow().read(ids);
    assertEquals(5, read.size());
    assertEquals("C-3", read.get(3).entity().accountNumber());
    assertEquals("Wien", read.get(3).entity().billing().address().locality());
    assertTrue(
        fake.requests().stream().anyMatch(r -> r.contains("/query/01g")),
        "followed nextRecordsUrl");
  }

  @Test
  void theChangeFeedResumesFromItsCursorAndDeliversEachChangeOnce() {
    SalesforceConnector sf = connector(0.2);
    ChangeFeed<Account> feed = sf.changeFeed(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < 3; i++) {
      fake.put("Account", Map.of("Name", "A" + i, "ERP_Customer_Id__c", "C-" + i));
      now.set(now.get().plusSeconds(1));
    }
    ChangePage<Account> p1 = feed.poll(Cursor.beginning(), 2);
    assertEquals(List.of("A0", "A1"), p1.changes().stream().map(c -> c.entity().name()).toList());
    assertTrue(p1.hasMore());
    ChangePage<Account> p2 = feed.poll(p1.next(), 2);
    assertEquals(List.of("A2"), p2.changes().stream().map(c -> c.entity().name()).toList());
    ChangePage<Account> p3 = feed.poll(p2.next(), 2);
    assertEquals(List.of(), p3.changes(), "nothing is delivered twice inside the overlap window");

    now.set(now.get().plusSeconds(5));
    fake.put("Account", Map.of("Name", "A3", "ERP_Customer_Id__c", "C-3"));
    ChangePage<Account> p4 = feed.poll(Cursor.of(p3.next().value()), 10);
    assertEquals(List.of("A3"), p4.changes().stream().map(c -> c.entity().name()).toList());
    assertEquals(AccountStatus.PROVISIONAL, p4.changes().get(0).entity().status());
    assertTrue(p4.changes().get(0).source().id().startsWith("001"));
  }

  @Test
  void theFeedTellsARecordCreatedByAnUpsertFromOneChangedLater() {
    SalesforceConnector sf = connector(0.2);
    ChangeFeed<Account> feed = sf.changeFeed(EntityType.ACCOUNT).orElseThrow();
    List<WriteOutcome> written =
        sf.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("k1", account("C-7", "Upserted"))));
    assertEquals(WriteOutcome.Status.CREATED, written.get(0).status());
    ChangePage<Account> created = feed.poll(Cursor.beginning(), 10);
    assertEquals(
        List.of(ChangeType.CREATED), created.changes().stream().map(c -> c.type()).toList());

    now.set(now.get().plusSeconds(5));
    fake.update("Account", written.get(0).externalId().id(), Map.of("Name", "Renamed"));
    ChangePage<Account> updated = feed.poll(created.next(), 10);
    assertEquals(
        List.of(ChangeType.UPDATED), updated.changes().stream().map(c -> c.type()).toList());
  }

  @Test
  void aChangeCommittedLateWithAnOlderStampIsStillDelivered() {
    SalesforceConnector sf = connector(0.2);
    ChangeFeed<Account> feed = sf.changeFeed(EntityType.ACCOUNT).orElseThrow();
    fake.put("Account", Map.of("Name", "B1", "ERP_Customer_Id__c", "C-1"));
    Instant t1 = now.get();
    now.set(t1.plusSeconds(10));
    fake.put("Account", Map.of("Name", "B2", "ERP_Customer_Id__c", "C-2"));
    ChangePage<Account> p1 = feed.poll(Cursor.beginning(), 10);
    assertEquals(2, p1.changes().size());
    // A transaction that stamped its row at t1+5s becomes visible only now.
    now.set(t1.plusSeconds(5));
    fake.put("Account", Map.of("Name", "late", "ERP_Customer_Id__c", "C-9"));
    now.set(t1.plusSeconds(20));
    ChangePage<Account> p2 = feed.poll(p1.next(), 10);
    assertEquals(List.of("late"), p2.changes().stream().map(c -> c.entity().name()).toList());
    assertEquals(
        Duration.ofSeconds(5), Duration.between(t1, p2.changes().get(0).sourceTimestamp()));
  }

  @Test
  void deletionsReachTheFeedAsDeletedChangesOnce() {
    SalesforceConnector sf = connector(0.2);
    ChangeFeed<Account> feed = sf.changeFeed(EntityType.ACCOUNT).orElseThrow();
    String id =
        fake.put("Account", Map.of("Name", "Gone", "ERP_Customer_Id__c", "C-G")).get("Id").asText();
    ChangePage<Account> p1 = feed.poll(Cursor.beginning(), 10);
    assertEquals(1, p1.changes().size());
    now.set(now.get().plusSeconds(30));
    fake.delete("Account", id);
    now.set(now.get().plusSeconds(30));
    ChangePage<Account> p2 = feed.poll(p1.next(), 10);
    assertEquals(1, p2.changes().size());
    assertEquals(dev.retailsync.api.ChangeType.DELETED, p2.changes().get(0).type());
    assertEquals(id, p2.changes().get(0).source().id());
    now.set(now.get().plusSeconds(30));
    assertEquals(List.of(), feed.poll(p2.next(), 10).changes(), "a deletion is delivered once");
  }
}
