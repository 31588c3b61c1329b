package dev.retailsync.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.netsuite.NetSuiteConnector;
import dev.retailsync.erp.netsuite.NetSuiteCredentials;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * NetSuite API calls spent to upsert customers (10,000 in the {@code erp-calls} run) against the
 * in-process fake, which counts every request: through the connector (one {@code PUT
 * .../customer/eid:} per record, since SuiteTalk REST has no bulk write, plus one SuiteQL query per
 * 1,000 records before and after to learn created-or-updated and the versions), beside a client
 * that sends the same upsert one call per record, and a client that looks each record up before
 * creating or updating it (what an ERP without native upsert forces).
 */
final class NetSuiteCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NetSuiteCalls() {}

  static void addRows(Results results, int customers) {
    List<Account> accounts = JsonBenchmark.accounts(customers, new Random(42));
    Clock clock = Clock.systemUTC();
    KeyPair keys = keys();
    NetSuiteCredentials credentials =
        NetSuiteCredentials.builder()
            .clientId("bench-client")
            .certificateId("bench-kid")
            .privateKey(keys.getPrivate())
            .build();

    FakeNetSuite fake =
        new FakeNetSuite(clock).expectClient("bench-client", "bench-kid", keys.getPublic());
    NetSuiteConnector ns =
        NetSuiteConnector.builder()
            .baseUrl(FakeNetSuite.BASE_URL)
            .http(fake.client())
            .credentials(credentials)
            .clock(clock)
            .gate(TenantGate.unshared("bench", 5))
            .build();
    RecordWriter<Account> writer = ns.writer(EntityType.ACCOUNT).orElseThrow();
    int failed = 0;
    for (int i = 0; i < customers; i += writer.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(customers, i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      for (WriteOutcome o : writer.upsert(batch)) {
        failed += o.isSuccess() ? 0 : 1;
      }
    }
    Map<String, Object> connector =
        row(
            customers,
            "retail-sync, NetSuite connector (PUT eid: + SuiteQL lookups)",
            apiCalls(fake));
    connector.put("not_written", failed);
    results.add(connector);

    FakeNetSuite plain = new FakeNetSuite(clock);
    results.add(
        row(
            customers,
            "one call per record (PUT customer/eid:)",
            onePerRecord(plain, accounts, credentials, false)));

    FakeNetSuite lookup = new FakeNetSuite(clock);
    results.add(
        row(
            customers,
            "one record at a time, look up then create or update (GET eid:, POST or PATCH)",
            onePerRecord(lookup, accounts, credentials, true)));
  }

  private static long apiCalls(FakeNetSuite fake) {
    return fake.requests().stream().filter(r -> !r.contains("/oauth2/")).count();
  }

  /** A client without the connector: one token, then one (or two) calls per record. */
  private static long onePerRecord(
      FakeNetSuite fake, List<Account> accounts, NetSuiteCredentials credentials, boolean lookUp) {
    OkHttpClient http = fake.client();
    String token;
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(FakeNetSuite.TOKEN_URL)
                    .post(
                        new FormBody.Builder()
                            .add("grant_type", "client_credentials")
                            .add(
                                "client_assertion_type",
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                            .add(
                                "client_assertion",
                                credentials.assertion(Clock.systemUTC(), FakeNetSuite.TOKEN_URL))
                            .build())
                    .build())
            .execute()) {
      token = JSON.readTree(r.body().string()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String base = FakeNetSuite.BASE_URL + "/services/rest/record/v1/customer/";
    for (Account a : accounts) {
      ObjectNode body = JSON.createObjectNode();
      body.put("companyName", a.name());
      body.put("email", a.billing().email());
      RequestBody json = RequestBody.create(body.toString(), MediaType.get("application/json"));
      Request request;
      if (!lookUp) {
        request = new Request.Builder().url(base + "eid:" + a.accountNumber()).put(json).build();
      } else {
        boolean exists;
        try (Response r =
            http.newCall(
                    new Request.Builder()
                        .url(base + "eid:" + a.accountNumber())
                        .header("Authorization", "Bearer " + token)
                        .get()
                        .build())
                .execute()) {
          exists = r.code() == 200;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (!exists) {
          body.put("externalId", a.accountNumber());
        }
        request =
            exists
                ? new Request.Builder().url(base + "eid:" + a.accountNumber()).patch(json).build()
                : new Request.Builder()
                    .url(base.substring(0, base.length() - 1))
                    .post(RequestBody.create(body.toString(), MediaType.get("application/json")))
                    .build();
      }
      try (Response r =
          http.newCall(request.newBuilder().header("Authorization", "Bearer " + token).build())
              .execute()) {
        if (r.code() != 204) {
          throw new IllegalStateException("the fake refused a write: HTTP " + r.code());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return apiCalls(fake);
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048); // the fake does not check the size; NetSuite itself wants 3072+
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
