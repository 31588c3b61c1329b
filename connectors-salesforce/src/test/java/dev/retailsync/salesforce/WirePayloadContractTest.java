package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The connector against payloads typed from Salesforce's documentation (files under {@code
 * src/test/resources/wire}), served by a replaying interceptor: not our fake's idea of the wire
 * format, but the documented one.
 */
class WirePayloadContractTest {
  private static final String HOST = "https://acme.my.salesforce.com";
  private static final String TOKEN = HOST + "/services/oauth2/token";
  private static final String LIMITS = "api-usage=25/15000";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  /** Answers requests by method and path pattern, each rule as often as asked; records them. */
  static final class Replay implements Interceptor {
    private record Rule(
        String method, Pattern path, int status, String type, List<String> bodies) {}

    private final List<Rule> rules = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final java.util.Map<Rule, Integer> served = new java.util.HashMap<>();

    /** Serves the files in turn (the last one again once they run out). */
    Replay on(String method, String pathRegex, int status, String... files) {
      List<String> texts = new ArrayList<>();
      for (String f : files) {
        texts.add(resource(f));
      }
      String type =
          files[0].endsWith(".csv")
              ? "text/csv; charset=UTF-8"
              : files[0].endsWith(".html") ? "text/html" : "application/json;charset=UTF-8";
      rules.add(new Rule(method, Pattern.compile(pathRegex), status, type, texts));
      return this;
    }

    Replay onEmpty(String method, String pathRegex, int status) {
      rules.add(new Rule(method, Pattern.compile(pathRegex), status, "text/plain", List.of("")));
      return this;
    }

    @Override
    public synchronized Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      requests.add(request);
      Buffer b = new Buffer();
      if (request.body() != null) {
        request.body().writeTo(b);
      }
      bodies.add(b.readUtf8());
      for (Rule r : rules) {
        if (r.method.equals(request.method())
            && r.path.matcher(request.url().encodedPath()).matches()) {
          int n = served.merge(r, 1, Integer::sum) - 1;
          String body = r.bodies.get(Math.min(n, r.bodies.size() - 1));
          return new Response.Builder()
              .request(request)
              .protocol(Protocol.HTTP_1_1)
              .code(r.status)
              .message("recorded")
              .header("Sforce-Limit-Info", LIMITS)
              .body(ResponseBody.create(body, MediaType.get(r.type)))
              .build();
        }
      }
      throw new AssertionError("no recorded answer for " + request.method() + " " + request.url());
    }

    private static String resource(String name) {
      try (InputStream in = WirePayloadContractTest.class.getResourceAsStream("/wire/" + name)) {
        if (in == null) {
          throw new AssertionError("missing wire payload " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SalesforceConnector connector(Replay replay, SalesforceConnector.WriteRung rung) {
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(replay).build();
    return SalesforceConnector.builder()
        .http(http)
        .tokenProvider(
            OAuthTokenProvider.builder(
                    http,
                    HttpUrl.get(TOKEN),
                    OAuthGrant.clientCredentials("3MVG9recorded", "s3cr3t", null))
                .clock(clock)
                .build())
        .instanceUrl(HOST)
        .writeRung(rung)
        .pollSleeper(d -> {})
        .clock(clock)
        .build();
  }

  private static Account account(String number, String name) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .build();
  }

  @Test
  void theDocumentedTokenAndQueryPagesAreFollowedToTheLastPage() {
    Replay replay =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on("GET", "/services/data/v66.0/query/?", 200, "query-page-1.json")
            .on(
                "GET",
                "/services/data/v66.0/query/01gRO0000016PIAYA2-2000",
                200,
                "query-page-2.json");
    SalesforceConnector sf = connector(replay, SalesforceConnector.WriteRung.AUTO);

    List<RemoteRecord<Contact>> read =
        sf.reader(EntityType.CONTACT)
            .orElseThrow()
            .read(List.of("003RO0000035WQgYAM", "003RO0000035WQhYAM", "003RO0000035WQiYAM"));

    assertEquals(3, read.size(), "both pages");
    Contact jo = read.get(0).entity();
    assertEquals("C-1001", jo.accountNumber(), "parent fields come back nested");
    assertEquals(ConsentState.DENIED, jo.marketingConsent().email());
    assertNull(read.get(1).entity().accountNumber(), "a null lookup is JSON null");
    assertEquals(ConsentState.DENIED, read.get(1).entity().marketingConsent().phone());
    assertEquals("2026-11-24T09:15:02.000+0000", read.get(0).version());
    assertEquals(Instant.parse("2026-11-24T09:15:02Z"), read.get(0).lastModified());
    Request second = replay.requests.get(replay.requests.size() - 1);
    assertEquals("/services/data/v66.0/query/01gRO0000016PIAYA2-2000", second.url().encodedPath());
    assertEquals("Bearer 00D5g000004XXXX!AQ4AQHrecorded", second.header("Authorization"));
    String soql = replay.requests.get(1).url().queryParameter("q");
    assertTrue(soql.contains("Account.ERP_Customer_Id__c"), soql);
    assertTrue(soql.contains("'003RO0000035WQgYAM'"), soql);
  }

  @Test
  void aCollectionsResultWithMixedSuccessGivesOneOutcomePerRecord() {
    Replay replay =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on(
                "PATCH",
                "/services/data/v66.0/composite/sobjects/Account/ERP_Customer_Id__c",
                200,
                "collections-upsert-mixed.json");
    SalesforceConnector sf = connector(replay, SalesforceConnector.WriteRung.COLLECTIONS);
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      batch.add(WriteRequest.of("k" + i, account("C-100" + i, "Account " + i)));
    }

    List<WriteOutcome> out = sf.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch);

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals("001RO00000AbCdEYAV", out.get(0).externalId().id());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("REQUIRED_FIELD_MISSING", out.get(1).errorCode());
    assertEquals("Name", out.get(1).errors().get(0).path());
    assertEquals(WriteOutcome.Status.UPDATED, out.get(2).status());
    assertEquals(
        WriteOutcome.Status.RETRYABLE_FAILURE, out.get(3).status(), "UNABLE_TO_LOCK_ROW in a 200");
    assertEquals(WriteOutcome.Status.REJECTED, out.get(4).status());
    assertEquals("AccountNumber", out.get(4).errors().get(0).path());
    assertEquals(
        List.of("k1", "k2", "k3", "k4", "k5"), out.stream().map(WriteOutcome::key).toList());
    String sent = replay.bodies.get(replay.bodies.size() - 1);
    assertTrue(sent.contains("\"allOrNone\":false"), sent);
    assertTrue(sent.contains("\"attributes\":{\"type\":\"Account\"}"), sent);
  }

  @Test
  void bulkResultCsvsInAnyOrderAreMatchedByTheExternalId() {
    Replay replay =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on("POST", "/services/data/v66.0/jobs/ingest/?", 200, "bulk-job-created.json")
            .onEmpty("PUT", "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/batches/?", 201)
            .on(
                "PATCH",
                "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/?",
                200,
                "bulk-job-upload-complete.json")
            .on(
                "GET",
                "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/?",
                200,
                "bulk-job-upload-complete.json",
                "bulk-job-complete.json")
            .on(
                "GET",
                "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/successfulResults/?",
                200,
                "bulk-successful.csv")
            .on(
                "GET",
                "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/failedResults/?",
                200,
                "bulk-failed.csv")
            .on(
                "GET",
                "/services/data/v66.0/jobs/ingest/7505fEXAMPLE4C2AAM/unprocessedrecords/?",
                200,
                "bulk-unprocessed.csv");
    SalesforceConnector sf = connector(replay, SalesforceConnector.WriteRung.BULK);

    List<WriteOutcome> out =
        sf.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("a", account("C-1001", "Acme Retail")),
                    WriteRequest.of("b", account("C-1002", "Beta")),
                    WriteRequest.of("c", account("C-1003", "Gamma Stores"))));

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals("001RO00000AbCdJYAV", out.get(0).externalId().id());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("REQUIRED_FIELD_MISSING", out.get(1).errorCode());
    assertEquals(WriteOutcome.Status.UPDATED, out.get(2).status());
    assertEquals("001RO00000AbCdKYAV", out.get(2).externalId().id());
    String csv =
        replay.bodies.get(replay.requests.stream().map(Request::method).toList().indexOf("PUT"));
    assertTrue(csv.startsWith("\"ERP_Customer_Id__c\",\"Name\""), csv);
    assertFalse(csv.contains("attributes"), csv);
  }

  @Test
  void documentedErrorBodiesBecomeTypedErrors() {
    Replay expired =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on("GET", "/services/data/v66.0/query/?", 401, "error-invalid-session.json");
    AuthenticationException auth = readFails(AuthenticationException.class, expired);
    assertTrue(auth.getMessage().contains("INVALID_SESSION_ID"), auth.getMessage());
    assertFalse(auth.getMessage().contains("AQ4AQHrecorded"), "no token in the message");
    assertEquals(
        2,
        expired.requests.stream().filter(r -> r.url().encodedPath().contains("/query")).count(),
        "re-authenticated and replayed once, then stopped");

    Replay limited =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on("GET", "/services/data/v66.0/query/?", 403, "error-request-limit.json");
    RateLimitException rate = readFails(RateLimitException.class, limited);
    assertFalse(rate.isRetryable(), "the daily cap stops; it is not retried");

    Replay maintenance =
        new Replay()
            .on("POST", "/services/oauth2/token", 200, "token-client-credentials.json")
            .on("GET", "/services/data/v66.0/query/?", 503, "error-maintenance.html");
    RemoteSystemException down = readFails(RemoteSystemException.class, maintenance);
    assertTrue(down.isRetryable(), "an HTML maintenance page is transient");

    Replay refused =
        new Replay().on("POST", "/services/oauth2/token", 400, "token-invalid-grant.json");
    AuthenticationException grant = readFails(AuthenticationException.class, refused);
    assertTrue(grant.getMessage().contains("invalid_grant"), grant.getMessage());
    assertFalse(grant.getMessage().contains("s3cr3t"), "no secret in the message");
  }

  /** Reads one contact through the replay and returns the error it must end in. */
  private <E extends Throwable> E readFails(Class<E> type, Replay replay) {
    return assertThrows(
        type,
        () ->
            connector(replay, SalesforceConnector.WriteRung.AUTO)
                .reader(EntityType.CONTACT)
                .orElseThrow()
                .read(List.of("003RO0000035WQgYAM")));
  }
}
