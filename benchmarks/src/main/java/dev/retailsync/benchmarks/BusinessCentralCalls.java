package dev.retailsync.benchmarks;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.businesscentral.BusinessCentralConnector;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Business Central API calls spent to upsert customers against the in-process fake, which counts
 * every HTTP call to the API (token calls and the inner requests of a {@code $batch} are not
 * calls): through the connector (per 100 records, one {@code $batch} of look-ups by number and one
 * {@code $batch} of creates and updates), beside a client that sends one {@code POST customers} per
 * record and skips the look-up altogether (the cheapest a one-call-per-record client can be, and
 * only correct when every customer is new), and the same batch again unchanged (the look-ups find
 * every record already holding the values, so nothing is written).
 */
final class BusinessCentralCalls {
  private BusinessCentralCalls() {}

  static void addRows(Results results, int customers) {
    List<Account> accounts = JsonBenchmark.accounts(customers, new Random(42));
    Clock clock = Clock.systemUTC();

    FakeBusinessCentral fake = new FakeBusinessCentral(clock);
    BusinessCentralConnector bc = connector(fake, clock);
    upsertAll(bc, accounts);
    check(fake, customers);
    results.add(
        row(customers, "retail-sync, Business Central connector ($batch of 100)", fake.apiCalls()));

    fake.clearRequests();
    upsertAll(bc, accounts);
    Map<String, Object> again =
        row(
            customers,
            "retail-sync, Business Central connector, same batch again",
            fake.apiCalls());
    again.put("case", "upsert " + String.format("%,d", customers) + " customers again, unchanged");
    results.add(again);

    FakeBusinessCentral naiveFake = new FakeBusinessCentral(clock);
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(naiveFake).build();
    String token = token(http);
    String url =
        "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0/companies("
            + FakeBusinessCentral.COMPANY_ID
            + ")/customers";
    for (Account a : accounts) {
      String body =
          "{\"number\":\""
              + a.accountNumber()
              + "\",\"displayName\":\""
              + a.name()
              + "\",\"currencyCode\":\"\"}";
      Request request =
          new Request.Builder()
              .url(url)
              .header("Authorization", "Bearer " + token)
              .post(RequestBody.create(body, MediaType.get("application/json")))
              .build();
      try (Response r = http.newCall(request).execute()) {
        if (r.code() != 201) {
          throw new IllegalStateException("one-call create failed: HTTP " + r.code());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    check(naiveFake, customers);
    results.add(
        row(customers, "one call per record (POST customers, no look-up)", naiveFake.apiCalls()));
  }

  private static BusinessCentralConnector connector(FakeBusinessCentral fake, Clock clock) {
    return BusinessCentralConnector.builder()
        .http(new OkHttpClient.Builder().addInterceptor(fake).build())
        .tenant("contoso")
        .clientCredentials("app-id", "secret")
        .companyId(FakeBusinessCentral.COMPANY_ID)
        .localCurrency("EUR")
        .gate(TenantGate.unshared("bc-benchmark", 5))
        .sleeper(d -> {})
        .clock(clock)
        .build();
  }

  private static void upsertAll(BusinessCentralConnector bc, List<Account> accounts) {
    RecordWriter<Account> writer = bc.writer(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < accounts.size(); i += writer.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(accounts.size(), i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      for (WriteOutcome o : writer.upsert(batch)) {
        if (!o.isSuccess()) {
          throw new IllegalStateException("upsert failed: " + o);
        }
      }
    }
  }

  private static String token(OkHttpClient http) {
    Request request =
        new Request.Builder()
            .url("https://login.microsoftonline.com/contoso/oauth2/v2.0/token")
            .post(
                new okhttp3.FormBody.Builder()
                    .add("grant_type", "client_credentials")
                    .add("client_id", "app-id")
                    .add("client_secret", "secret")
                    .add("scope", BusinessCentralConnector.DEFAULT_SCOPE)
                    .build())
            .build();
    try (Response r = http.newCall(request).execute()) {
      String body = r.body() == null ? "" : r.body().string();
      int at = body.indexOf("\"access_token\":\"") + 16;
      return body.substring(at, body.indexOf('"', at));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void check(FakeBusinessCentral fake, int customers) {
    int held = fake.records("customers").size();
    if (held != customers) {
      throw new IllegalStateException("the fake holds " + held + " customers, not " + customers);
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
