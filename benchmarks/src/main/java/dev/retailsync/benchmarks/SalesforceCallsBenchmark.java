package dev.retailsync.benchmarks;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.golden.GoldenRecords;
import dev.retailsync.core.golden.MergeResult;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.golden.PlannedWrite;
import dev.retailsync.core.golden.WritePlanner;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.state.InMemoryGoldenRecordStore;
import dev.retailsync.core.state.InMemoryReviewQueue;
import dev.retailsync.core.state.InMemoryWriteFingerprintStore;
import dev.retailsync.salesforce.SalesforceConnector;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code benchmarks/run salesforce-calls [RECORDS]}: Salesforce API calls spent to upsert accounts
 * (default 10,000) against the in-process fake, which counts every REST call as the org would:
 * through the connector's sObject Collections rung, beside a one-record-per-call client (the
 * single-record upsert resource), and the calls spent when the same batch arrives again unchanged
 * (the merge finds no effective change, so nothing is planned or sent).
 */
final class SalesforceCallsBenchmark {
  private SalesforceCallsBenchmark() {}

  static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    List<Account> accounts = JsonBenchmark.accounts(n, new Random(42));
    Clock clock = Clock.systemUTC();
    Results results = new Results("salesforce-calls");

    FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    SalesforceConnector sf = connector(fake, clock);
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < n; i += writer.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      writer.upsert(batch);
    }
    results.add(row(n, "retail-sync Salesforce connector (sObject Collections)", fake.apiUsed()));

    FakeSalesforce bulkOrg = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    SalesforceConnector bulk =
        SalesforceConnector.builder()
            .http(bulkOrg.client())
            .tokenProvider(
                OAuthTokenProvider.builder(
                        bulkOrg.client(),
                        HttpUrl.get(FakeSalesforce.TOKEN_URL),
                        OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                    .clock(clock)
                    .build())
            .instanceUrl(FakeSalesforce.INSTANCE_URL)
            .writeRung(SalesforceConnector.WriteRung.BULK)
            .pollSleeper(d -> {})
            .budgetReserve(0)
            .clock(clock)
            .build();
    RecordWriter<Account> bulkWriter = bulk.writer(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < n; i += bulkWriter.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + bulkWriter.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      bulkWriter.upsert(batch);
    }
    long polls =
        bulkOrg.requests().stream().filter(r -> r.matches("GET .*/jobs/ingest/[^/]+")).count();
    Map<String, Object> bulkRow =
        row(n, "retail-sync Salesforce connector (Bulk API 2.0)", bulkOrg.apiUsed() - polls);
    bulkRow.put("polls", polls);
    results.add(bulkRow);

    FakeSalesforce naiveOrg = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    naive(naiveOrg, accounts);
    results.add(
        row(
            n,
            "one record per call (PATCH /sobjects/Account/{extId}/{value})",
            naiveOrg.apiUsed()));

    // The same records again, through merge and planning: nothing changed, nothing is sent.
    FakeSalesforce unchangedOrg = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    SalesforceConnector sf2 = connector(unchangedOrg, clock);
    long calls = unchangedTwice(accounts, sf2, unchangedOrg, clock);
    results.add(row(n, "retail-sync, same batch again unchanged (merge + plan)", calls));
    orders(results, clock);
    results.publish();
  }

  /**
   * 1,000 orders of 5 lines through Composite, beside what a client spends writing the order and
   * then each line with its own call.
   */
  private static void orders(Results results, Clock clock) {
    int orders = 1_000;
    int lines = 5;
    String pricebook = "01sFK0000000001AAA";
    FakeSalesforce org = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    org.put("Account", Map.of("Name", "Acme", "ERP_Customer_Id__c", "C-1"));
    for (int i = 1; i <= lines; i++) {
      org.put(
          "PricebookEntry",
          Map.of("Pricebook2Id", pricebook, "ProductCode", "SKU-" + i, "IsActive", true));
    }
    SalesforceConnector sf =
        SalesforceConnector.builder()
            .http(org.client())
            .tokenProvider(
                OAuthTokenProvider.builder(
                        org.client(),
                        HttpUrl.get(FakeSalesforce.TOKEN_URL),
                        OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                    .clock(clock)
                    .build())
            .instanceUrl(FakeSalesforce.INSTANCE_URL)
            .mapping(
                dev.retailsync.salesforce.OrderMapping.of(
                    "ERP_Order_Id__c",
                    "ERP_Order_Line_Id__c",
                    "ERP_Customer_Id__c",
                    pricebook,
                    "EUR"))
            .budgetReserve(0)
            .clock(clock)
            .build();
    RecordWriter<dev.retailsync.api.model.Order> writer = sf.writer(EntityType.ORDER).orElseThrow();
    List<WriteRequest<dev.retailsync.api.model.Order>> batch = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      List<dev.retailsync.api.model.OrderLine> ls = new ArrayList<>();
      for (int i = 1; i <= lines; i++) {
        ls.add(
            dev.retailsync.api.model.OrderLine.of(
                i,
                "SKU-" + i,
                java.math.BigDecimal.ONE,
                dev.retailsync.api.model.Money.of("9.90", "EUR")));
      }
      batch.add(
          WriteRequest.of(
              "SO-" + o,
              dev.retailsync.api.model.Order.builder()
                  .orderNumber("SO-" + o)
                  .status(dev.retailsync.api.model.OrderStatus.ACCEPTED)
                  .accountNumber("C-1")
                  .orderedAt(java.time.Instant.parse("2026-11-24T10:00:00Z"))
                  .currency("EUR")
                  .lines(ls)
                  .build()));
      if (batch.size() == writer.maxBatchSize() || o == orders - 1) {
        writer
            .upsert(batch)
            .forEach(
                out -> {
                  if (out.status() != dev.retailsync.api.spi.WriteOutcome.Status.CREATED) {
                    throw new IllegalStateException("order not written: " + out);
                  }
                });
        batch = new ArrayList<>();
      }
    }
    String what = "upsert " + orders + " orders of " + lines + " lines";
    Map<String, Object> ours =
        row(
            orders,
            "retail-sync Salesforce connector (Composite, one call per order)",
            org.apiUsed());
    ours.put("case", what);
    results.add(ours);
    // A client that writes the order, then each line, spends 1 + lines calls per order by
    // construction (the lookups of price book entries not counted).
    Map<String, Object> naive =
        row(orders, "one record per call (order, then each line)", (long) orders * (1 + lines));
    naive.put("case", what);
    results.add(naive);
  }

  private static SalesforceConnector connector(FakeSalesforce fake, Clock clock) {
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
        .writeRung(SalesforceConnector.WriteRung.COLLECTIONS)
        .budgetReserve(0)
        .clock(clock)
        .build();
  }

  private static void naive(FakeSalesforce org, List<Account> accounts) {
    OkHttpClient http = org.client();
    String token;
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(FakeSalesforce.TOKEN_URL)
                    .post(
                        new okhttp3.FormBody.Builder()
                            .add("grant_type", "client_credentials")
                            .add("client_id", "3MVG9")
                            .add("client_secret", "s3cr3t")
                            .build())
                    .build())
            .execute()) {
      token =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(r.body().string())
              .get("access_token")
              .asText();
      for (Account a : accounts) {
        String body =
            "{\"Name\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(a.name()) + "}";
        try (Response w =
            http.newCall(
                    new Request.Builder()
                        .url(
                            FakeSalesforce.INSTANCE_URL
                                + "/services/data/v66.0/sobjects/Account/ERP_Customer_Id__c/"
                                + a.accountNumber())
                        .header("Authorization", "Bearer " + token)
                        .patch(RequestBody.create(body, MediaType.get("application/json")))
                        .build())
                .execute()) {
          if (w.code() >= 300) {
            throw new IllegalStateException("naive upsert failed: " + w.code());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long unchangedTwice(
      List<Account> accounts, SalesforceConnector sf, FakeSalesforce org, Clock clock) {
    SystemId erp = SystemId.of("erp");
    Merger merger =
        Merger.builder()
            .policy(OwnershipPolicy.builder(EntityType.ACCOUNT).build())
            .clock(clock)
            .build();
    GoldenRecords golden =
        GoldenRecords.builder()
            .merger(merger)
            .store(new InMemoryGoldenRecordStore())
            .reviewQueue(new InMemoryReviewQueue())
            .fingerprints(new InMemoryWriteFingerprintStore())
            .clock(clock)
            .build();
    WritePlanner planner =
        WritePlanner.builder(merger).subscribeAll(EntityType.ACCOUNT, sf.system()).build();
    RecordWriter<Account> writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    long before = 0;
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        before = org.apiUsed();
      }
      List<WriteRequest<Account>> pending = new ArrayList<>();
      for (int i = 0; i < accounts.size(); i++) {
        Account a = accounts.get(i);
        MergeResult<Account> r =
            golden.apply(
                CanonicalId.of("c-" + i),
                Change.builder(EntityType.ACCOUNT)
                    .type(ChangeType.UPSERTED)
                    .source(ExternalId.of(erp, a.accountNumber()))
                    .entity(a)
                    .sourceTimestamp(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(pass))
                    .build());
        for (PlannedWrite<Account> w : planner.plan(r)) {
          pending.add(WriteRequest.of("k" + i, w.entity()));
        }
        if (pending.size() == writer.maxBatchSize()) {
          writer.upsert(pending);
          pending = new ArrayList<>();
        }
      }
      if (!pending.isEmpty()) {
        writer.upsert(pending);
      }
    }
    return org.apiUsed() - before;
  }

  private static Map<String, Object> row(int n, String engine, long calls) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", "upsert " + n + " accounts");
    row.put("engine", engine);
    row.put("calls", calls);
    row.put("records_per_call", calls == 0 ? 0.0 : (double) n / calls);
    return row;
  }
}
