package dev.retailsync.benchmarks;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.s4hana.S4HanaConnector;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * SAP S/4HANA calls spent to upsert canonical customers against the in-process fake, which counts
 * every HTTP request (CSRF fetches, look-ups, {@code $batch} and single writes): through the
 * connector (a look-up by search term per 50 records, one {@code $batch} of 100 records in one
 * changeset, a CSRF fetch before every batch by default or once per lane when tokens are reused),
 * beside a client that posts one business partner per call (one CSRF fetch, then a deep-insert POST
 * per record, with no look-up, so it is not even idempotent).
 */
final class S4HanaCalls {
  private static final String USER = "COMM_USER";
  private static final String PASSWORD = "bench-pass";

  private S4HanaCalls() {}

  static void addRows(Results results, int customers) {
    List<Account> accounts = JsonBenchmark.accounts(customers, new Random(42));
    Clock clock = Clock.systemUTC();

    FakeS4Hana fake = new FakeS4Hana(clock, USER, PASSWORD);
    upsert(connector(fake, clock, true), accounts);
    results.add(
        row(
            customers,
            "retail-sync, S/4HANA $batch (token fetched before every batch)",
            fake.requests().size()));

    FakeS4Hana reuse = new FakeS4Hana(clock, USER, PASSWORD);
    upsert(connector(reuse, clock, false), accounts);
    results.add(
        row(
            customers,
            "retail-sync, S/4HANA $batch (token reused per lane)",
            reuse.requests().size()));

    FakeS4Hana naive = new FakeS4Hana(clock, USER, PASSWORD);
    onePerCall(naive, accounts);
    results.add(
        row(customers, "one call per record (POST A_BusinessPartner)", naive.requests().size()));
  }

  private static S4HanaConnector connector(FakeS4Hana fake, Clock clock, boolean fetchEveryBatch) {
    return S4HanaConnector.builder()
        .http(fake.client())
        .baseUrl(FakeS4Hana.BASE_URL)
        .basicAuth(USER, PASSWORD)
        .clock(clock)
        .gate(TenantGate.unshared("s4hana-bench", 4))
        .fetchTokenBeforeEveryBatch(fetchEveryBatch)
        .build();
  }

  private static void upsert(S4HanaConnector sap, List<Account> accounts) {
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < accounts.size(); i += writer.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(accounts.size(), i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      for (WriteOutcome o : writer.upsert(batch)) {
        if (!o.isSuccess()) {
          throw new IllegalStateException("customer not written: " + o);
        }
      }
    }
  }

  private static void onePerCall(FakeS4Hana fake, List<Account> accounts) {
    OkHttpClient http = fake.client();
    String auth = Credentials.basic(USER, PASSWORD);
    String root = FakeS4Hana.BASE_URL + "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(root)
                    .header("Authorization", auth)
                    .header("x-csrf-token", "Fetch")
                    .build())
            .execute()) {
      String token = r.header("x-csrf-token");
      List<String> cookies = new ArrayList<>();
      for (String c : r.headers("Set-Cookie")) {
        cookies.add(c.split(";", 2)[0]);
      }
      for (Account a : accounts) {
        String body =
            "{\"BusinessPartnerCategory\":\"2\",\"OrganizationBPName1\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(a.name())
                + ",\"SearchTerm1\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(a.accountNumber())
                + "}";
        try (Response w =
            http.newCall(
                    new Request.Builder()
                        .url(root + "A_BusinessPartner")
                        .header("Authorization", auth)
                        .header("x-csrf-token", token)
                        .header("Cookie", String.join("; ", cookies))
                        .post(RequestBody.create(body, MediaType.get("application/json")))
                        .build())
                .execute()) {
          if (w.code() >= 300) {
            throw new IllegalStateException("naive create failed: " + w.code());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> row(int n, String engine, long calls) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", "upsert " + String.format("%,d", n) + " customers");
    row.put("engine", engine);
    row.put("calls", calls);
    row.put("records_per_call", calls == 0 ? 0.0 : (double) n / calls);
    return row;
  }
}
