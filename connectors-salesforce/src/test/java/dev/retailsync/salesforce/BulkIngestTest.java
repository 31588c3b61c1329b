package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
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
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The Bulk API 2.0 rung: job lifecycle, unordered results matched by key, failed jobs. */
class BulkIngestTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
  private final List<Duration> waits = new ArrayList<>();

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
        .pollSleeper(waits::add)
        .clock(clock)
        .build();
  }

  private static List<WriteRequest<Account>> batch(int n) {
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(
          WriteRequest.of(
              "key-" + i,
              Account.builder()
                  .accountNumber("B-" + i)
                  .name("Bulk, \"quoted\" " + i)
                  .customerType(CustomerType.BUSINESS)
                  .status(AccountStatus.ACTIVE)
                  .build()));
    }
    return batch;
  }

  private long calls(String fragment) {
    return fake.requests().stream().filter(r -> r.contains(fragment)).count();
  }

  @Test
  void aLargeBatchGoesThroughOneJobAndEveryRecordGetsItsOutcomeByKey() {
    fake.lockRecord("B-7", 1);
    RecordWriter<Account> writer =
        connector(SalesforceConnector.WriteRung.AUTO).writer(EntityType.ACCOUNT).orElseThrow();
    List<WriteOutcome> out = writer.upsert(batch(2500));

    assertEquals(1, fake.bulkJobs().size());
    assertEquals(0, calls("/composite/sobjects"), "no Collections calls above the threshold");
    assertEquals(2500, out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals("key-" + i, out.get(i).key());
    }
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, out.get(7).status());
    assertEquals("UNABLE_TO_LOCK_ROW", out.get(7).errorCode());
    assertEquals(2500, fake.records("Account").size() + 1);
    assertEquals("Bulk, \"quoted\" 3", fake.records("Account").get(3).get("Name").asText());
    // create, upload, close, 3 polls, successful and failed results
    assertEquals(8, calls("/jobs/ingest"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
  }

  @Test
  void aJobThatFailsLeavesItsUnprocessedRecordsRetryable() {
    fake.failNextBulkJobAfter(3);
    List<WriteOutcome> out =
        connector(SalesforceConnector.WriteRung.BULK)
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(batch(5));
    assertEquals(
        List.of(
            WriteOutcome.Status.CREATED,
            WriteOutcome.Status.CREATED,
            WriteOutcome.Status.CREATED,
            WriteOutcome.Status.RETRYABLE_FAILURE,
            WriteOutcome.Status.RETRYABLE_FAILURE),
        out.stream().map(WriteOutcome::status).toList());
    assertEquals("UNPROCESSED", out.get(4).errorCode());
    assertTrue(out.get(4).message().contains("Failed"), out.get(4).message());
    assertEquals(1, calls("/unprocessedrecords/"));
  }

  @Test
  void theRungCanBeForced() {
    connector(SalesforceConnector.WriteRung.COLLECTIONS)
        .writer(EntityType.ACCOUNT)
        .orElseThrow()
        .upsert(batch(200));
    assertEquals(0, fake.bulkJobs().size());
    connector(SalesforceConnector.WriteRung.BULK)
        .writer(EntityType.ACCOUNT)
        .orElseThrow()
        .upsert(batch(3));
    assertEquals(1, fake.bulkJobs().size());
    assertEquals(
        WriteOutcome.Status.UPDATED,
        connector(SalesforceConnector.WriteRung.BULK)
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(batch(1))
            .get(0)
            .status());
  }

  @Test
  void largeBodiesGoGzippedAndHeadersOfTheOptionsAreSent() {
    SalesforceConnector sf =
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
            .writeRung(SalesforceConnector.WriteRung.COLLECTIONS)
            .gzipRequestsAbove(1024)
            .autoAssign("FALSE")
            .duplicateRules("allowSave=true")
            .clientName("acme-sync")
            .clock(clock)
            .build();
    List<WriteOutcome> out = sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch(50));
    assertTrue(out.stream().allMatch(WriteOutcome::isSuccess));
    java.util.Map<String, String> h = fake.requestHeaders().get(fake.requestHeaders().size() - 1);
    assertEquals("gzip", h.get("Content-Encoding"));
    assertEquals("FALSE", h.get("Sforce-Auto-Assign"));
    assertEquals("allowSave=true", h.get("Sforce-Duplicate-Rule-Header"));
    assertEquals("client=acme-sync", h.get("Sforce-Call-Options"));
    assertEquals(50, fake.records("Account").size());
  }
}
