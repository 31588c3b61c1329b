package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class BusinessCentralConnectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BcFixture bc = new BcFixture();
  private final BusinessCentralConnector connector = bc.connector();
  private final RecordWriter<Account> writer = connector.writer(EntityType.ACCOUNT).orElseThrow();

  private WriteOutcome write(WriteRequest<Account> request) {
    return writer.upsert(List.of(request)).get(0);
  }

  @Test
  void staleEtagUpdateEndsAsConflictCarryingTheCurrentVersion() {
    WriteOutcome created = write(WriteRequest.of("C-1", BcFixture.account("C-1", "Adatum")));
    String seen = created.version();
    assertTrue(seen.startsWith("W/\""), "the version is the @odata.etag: " + seen);
    bc.fake.changeRemotely("customers", created.externalId().id(), Map.of("displayName", "Other"));
    String current =
        bc.fake.record("customers", created.externalId().id()).path("@odata.etag").asText();
    assertNotEquals(seen, current);

    Account edited = BcFixture.account("C-1", "Adatum Corporation");
    WriteOutcome outcome =
        write(WriteRequest.of("C-1", edited, created.externalId(), seen, Set.of(), null));

    assertEquals(WriteOutcome.Status.REJECTED, outcome.status(), outcome.toString());
    assertEquals("Request_EntityChanged", outcome.errorCode());
    assertEquals(current, outcome.version(), "the conflict carries the server's current version");
    assertEquals(
        "Other",
        bc.fake.record("customers", created.externalId().id()).path("displayName").asText());
    FakeBusinessCentral.Recorded patch = lastInner("PATCH");
    assertEquals(
        seen, patch.header("If-Match"), "compare-and-set sends the version the caller saw");
  }

  @Test
  void everyUpdateSendsIfMatchAndOnlyTheChangedFields() {
    WriteOutcome created = write(WriteRequest.of("C-2", BcFixture.account("C-2", "Fabrikam")));
    WriteOutcome again = write(WriteRequest.of("C-2", BcFixture.account("C-2", "Fabrikam")));
    assertEquals(WriteOutcome.Status.UNCHANGED, again.status());
    assertEquals(created.version(), again.version());

    WriteOutcome updated = write(WriteRequest.of("C-2", BcFixture.account("C-2", "Fabrikam Inc.")));

    assertEquals(WriteOutcome.Status.UPDATED, updated.status());
    FakeBusinessCentral.Recorded patch = lastInner("PATCH");
    assertEquals(created.version(), patch.header("If-Match"));
    assertEquals("{\"displayName\":\"Fabrikam Inc.\"}", patch.body());
    assertNotEquals(created.version(), updated.version());
  }

  @Test
  void missingIfMatchAndStaleIfMatchAreToldApart() throws Exception {
    WriteOutcome created = write(WriteRequest.of("C-3", BcFixture.account("C-3", "Contoso")));
    String url =
        "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies("
            + FakeBusinessCentral.COMPANY_ID
            + ")/customers("
            + created.externalId().id()
            + ")";
    String token = token();
    Response missing = patch(url, token, null);
    Response stale = patch(url, token, "W/\"JzQ0O3N0YWxlOyc=\"");

    ErpError noTag = BcErrors.parse(missing.code(), missing.body().string(), null);
    ErpError staleTag = BcErrors.parse(stale.code(), stale.body().string(), null);
    assertEquals(400, noTag.httpStatus());
    assertEquals("BadRequest_InvalidToken", noTag.code());
    assertEquals(ErpErrorKind.VALIDATION, noTag.kind());
    assertEquals("If-Match", noTag.fieldPath());
    assertEquals(409, staleTag.httpStatus());
    assertEquals(ErpErrorKind.CONFLICT, staleTag.kind());
    assertFalse(staleTag.retryable());
    assertTrue(noTag.correlationId() != null && staleTag.correlationId() != null);
  }

  private String token() throws Exception {
    try (Response r =
        bc.http
            .newCall(
                new Request.Builder()
                    .url("https://login.microsoftonline.com/contoso/oauth2/v2.0/token")
                    .post(
                        new okhttp3.FormBody.Builder()
                            .add("grant_type", "client_credentials")
                            .add("client_id", "app-id")
                            .add("client_secret", "s3cr3t-value")
                            .add("scope", BusinessCentralConnector.DEFAULT_SCOPE)
                            .build())
                    .build())
            .execute()) {
      return JSON.readTree(r.body().string()).path("access_token").asText();
    }
  }

  private Response patch(String url, String token, String ifMatch) throws Exception {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token)
            .patch(
                RequestBody.create("{\"displayName\":\"X\"}", MediaType.get("application/json")));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return bc.http.newCall(b.build()).execute();
  }

  @Test
  void aBatchGetsOneOutcomePerRecordInTwoCalls() {
    write(WriteRequest.of("seed", BcFixture.account("C-10", "Existing")));
    bc.fake.clearRequests();
    bc.fake.nullBatchIds(true);
    List<WriteRequest<Account>> batch =
        List.of(
            WriteRequest.of("new", BcFixture.account("C-11", "New one")),
            WriteRequest.of("same", BcFixture.account("C-10", "Existing")),
            WriteRequest.of(
                "yen", BcFixture.account("C-12", "Yen").toBuilder().currency("JPY").build()),
            WriteRequest.of("long", BcFixture.account("C-13", "N".repeat(101))),
            WriteRequest.of("moved", BcFixture.account("C-10", "Existing, moved")));

    List<WriteOutcome> out = writer.upsert(batch);

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.UNCHANGED, out.get(1).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(2).status());
    assertEquals("Application_FieldValidationException", out.get(2).errorCode());
    assertTrue(out.get(2).message().contains("JPY"), out.get(2).message());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(3).status());
    assertEquals("name", out.get(3).errors().get(0).path(), "the mapping names the field");
    assertEquals(WriteOutcome.Status.REJECTED, out.get(4).status());
    assertEquals("DUPLICATE_KEY", out.get(4).errorCode());
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(batch.get(i).key(), out.get(i).key());
    }
    assertEquals(2, bc.fake.apiCalls(), "one look-up and one $batch: " + bc.fake.requests());
    assertEquals(2, bc.fake.records("customers").size());
  }

  @Test
  void throttlingWithoutRetryAfterBacksOffExponentiallyOnTheInjectedSleeper() {
    bc.fake.throttleNext(3);

    WriteOutcome out = write(WriteRequest.of("T-1", BcFixture.account("T-1", "Throttled")));

    assertEquals(WriteOutcome.Status.CREATED, out.status());
    assertEquals(3, bc.sleeps.size(), "three 429s, three waits: " + bc.sleeps);
    // 2 s, 4 s, 8 s steps, each jittered into its upper half.
    long[][] bounds = {{1000, 2000}, {2000, 4000}, {4000, 8000}};
    for (int i = 0; i < 3; i++) {
      long ms = bc.sleeps.get(i).toMillis();
      assertTrue(ms >= bounds[i][0] && ms <= bounds[i][1], "wait " + i + " was " + ms + " ms");
    }
  }

  @Test
  void retryAfterIsHonouredOn429And503() {
    bc.fake.throttleNext(1, Duration.ofSeconds(7));
    bc.fake.unavailableNext(1, Duration.ofSeconds(11));

    WriteOutcome out = write(WriteRequest.of("T-2", BcFixture.account("T-2", "Waits")));

    assertEquals(WriteOutcome.Status.CREATED, out.status());
    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(11)), bc.sleeps);
  }

  @Test
  void throttlingBeyondTheAttemptsIsARetryableRateLimitWithItsWait() {
    BusinessCentralConnector limited = bc.builder().maxAttempts(2).build();
    bc.fake.throttleNext(2, Duration.ofSeconds(30));

    SyncException e =
        assertThrows(
            SyncException.class,
            () ->
                limited
                    .writer(EntityType.ACCOUNT)
                    .orElseThrow()
                    .upsert(List.of(WriteRequest.of("T-3", BcFixture.account("T-3", "Busy")))));

    assertTrue(e instanceof RateLimitException, e.toString());
    assertTrue(e.isRetryable());
    assertEquals(Duration.ofSeconds(30), ((RateLimitException) e).retryAfter().orElseThrow());
    assertEquals(List.of(Duration.ofSeconds(30)), bc.sleeps);
    assertTrue(bc.fake.records("customers").isEmpty());
  }

  @Test
  void aServerErrorOnTheBatchIsRetryableAndTheRetryCreatesOnce() {
    bc.fake.timeoutAfterApplyingNext("POST");
    WriteOutcome first = write(WriteRequest.of("T-4", BcFixture.account("T-4", "Timeout")));
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.status(), first.toString());

    WriteOutcome retry = write(WriteRequest.of("T-4", BcFixture.account("T-4", "Timeout")));

    assertTrue(retry.isSuccess(), retry.toString());
    assertEquals(1, bc.fake.records("customers").size());
  }

  @Test
  void anExpiredTokenIsReplacedOnceAndTheCallSucceeds() {
    write(WriteRequest.of("A-1", BcFixture.account("A-1", "First")));
    assertEquals(1, bc.fake.tokenRequests());
    bc.fake.expireTokens();

    WriteOutcome out = write(WriteRequest.of("A-2", BcFixture.account("A-2", "Second")));

    assertEquals(WriteOutcome.Status.CREATED, out.status());
    assertEquals(2, bc.fake.tokenRequests());
    FakeBusinessCentral.Recorded tokenCall =
        bc.fake.requests().stream()
            .filter(r -> r.path().endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/token"))
            .findFirst()
            .orElseThrow();
    assertTrue(tokenCall.body().contains("grant_type=client_credentials"));
    assertTrue(
        tokenCall
            .body()
            .contains("scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default"));
  }

  @Test
  void eightThreadsNeverExceedFiveCallsInFlightAndLoseNothing() throws Exception {
    bc.fake.concurrencyLimit(5);
    BusinessCentralConnector shared = bc.builder().gate(TenantGate.unshared("bc-8", 5)).build();
    RecordWriter<Account> w = shared.writer(EntityType.ACCOUNT).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<WriteOutcome>>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                List<WriteOutcome> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                  String n = "P" + thread + "-" + i;
                  all.addAll(
                      w.upsert(List.of(WriteRequest.of(n, BcFixture.account(n, "Shop " + n)))));
                }
                return all;
              }));
    }
    int created = 0;
    for (Future<List<WriteOutcome>> f : futures) {
      for (WriteOutcome o : f.get()) {
        assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
        created++;
      }
    }
    pool.shutdown();
    assertEquals(40, created);
    assertEquals(40, bc.fake.records("customers").size());
    assertTrue(shared.gate().peakInFlight() <= 5, "gate peak " + shared.gate().peakInFlight());
    assertTrue(bc.fake.peakInFlight() <= 5, "fake peak " + bc.fake.peakInFlight());
    assertTrue(bc.sleeps.isEmpty(), "no 429 reached the connector: " + bc.sleeps);
  }

  @Test
  void theReaderReturnsTheVersionAndLastModifiedAndSkipsIdsThatAreNotGuids() {
    WriteOutcome created = write(WriteRequest.of("R-1", BcFixture.account("R-1", "Read me")));

    List<RemoteRecord<Account>> read =
        connector
            .reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of(created.externalId().id(), "not-a-guid"));

    assertEquals(1, read.size());
    assertEquals(created.version(), read.get(0).version());
    assertEquals(bc.clock.instant(), read.get(0).lastModified());
    assertEquals("Read me", read.get(0).entity().name());
    assertEquals("US", read.get(0).entity().billing().address().country());
  }

  @Test
  void toStringAndErrorsCarryNoSecret() {
    assertFalse(connector.toString().contains("s3cr3t"), connector.toString());
    BcFixture other = new BcFixture();
    other.fake.credentials("app-id", "another-secret");
    BusinessCentralConnector wrong = other.connector();
    SyncException e =
        assertThrows(
            SyncException.class,
            () ->
                wrong
                    .writer(EntityType.ACCOUNT)
                    .orElseThrow()
                    .upsert(List.of(WriteRequest.of("X", BcFixture.account("X-1", "X")))));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
  }

  @Test
  void aSecretCloseToExpiryIsReported() {
    BusinessCentralConnector expiring =
        bc.builder().secretExpiresAt(bc.clock.instant().plus(Duration.ofDays(10))).build();
    assertTrue(expiring.credentialWarning().orElseThrow().contains("Entra client secret"));
    assertTrue(connector.credentialWarning().isEmpty());
  }

  @Test
  void connectorsOfOnePrincipalShareOneGateSizedFromBusinessCentralsLimit() {
    BusinessCentralConnector a = bc.builder().gate(null).build();
    BusinessCentralConnector b = bc.builder().gate(null).build();
    BusinessCentralConnector other =
        bc.builder().gate(null).clientCredentials("another-app", "s3cr3t-value").build();

    assertTrue(a.gate() == b.gate(), "one gate per principal and environment");
    assertFalse(a.gate() == other.gate(), "another service principal has its own limit");
    assertEquals(5, a.gate().permits());
  }

  @Test
  void anAtomicBatchIsRolledBackWhenOneRecordFails() {
    BusinessCentralConnector atomic = bc.builder().atomicBatches(true).build();
    List<WriteOutcome> out =
        atomic
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("ok", BcFixture.account("AT-1", "Fine")),
                    WriteRequest.of(
                        "bad",
                        BcFixture.account("AT-2", "Yen").toBuilder().currency("JPY").build())));

    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, out.get(0).status(), out.get(0).toString());
    assertTrue(out.get(0).message().contains("'bad'"), out.get(0).message());
    assertTrue(bc.fake.records("customers").isEmpty(), "Isolation: snapshot rolled the batch back");
    FakeBusinessCentral.Recorded batch =
        bc.fake.requests().stream()
            .filter(
                r ->
                    r.path().endsWith("/$batch")
                        && r.method().equals("POST")
                        && r.body().contains("POST"))
            .findFirst()
            .orElseThrow();
    assertEquals("snapshot", batch.header("Isolation"));
  }

  @Test
  void aRecordNamedByIdIsUpdatedEvenWhenItsKeyChanged() {
    WriteOutcome created = write(WriteRequest.of("I-1", BcFixture.account("I-1", "Item shop")));
    bc.fake.changeRemotely("customers", created.externalId().id(), Map.of("number", "I-1-OLD"));
    bc.fake.clearRequests();

    WriteOutcome out =
        write(
            WriteRequest.of(
                "I-1",
                BcFixture.account("I-1", "Item shop, renamed"),
                created.externalId(),
                null,
                Set.of(),
                null));

    assertEquals(WriteOutcome.Status.REJECTED, out.status(), "the API refuses a number change");
    assertEquals(1, bc.fake.records("customers").size(), "no second customer under the new key");
    assertEquals(
        created.externalId().id(),
        lastInner("PATCH").path().replaceAll(".*customers\\((.*)\\)", "$1"));
  }

  @Test
  void aReadThatTimesOutOrMeetsAGatewayErrorIsRetriedButACreateIsNot() {
    bc.fake.timeoutAfterApplyingNext("GET");
    bc.fake.failNext(502, null, null, null);

    WriteOutcome out = write(WriteRequest.of("G-1", BcFixture.account("G-1", "Gateway")));

    assertEquals(WriteOutcome.Status.CREATED, out.status());
    assertEquals(2, bc.sleeps.size(), "the look-up was tried three times: " + bc.sleeps);

    bc.fake.failNext("POST", 504, null, null, null);
    bc.sleeps.clear();
    WriteOutcome unknown = write(WriteRequest.of("G-2", BcFixture.account("G-2", "Unknown fate")));
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, unknown.status(), unknown.toString());
    assertTrue(bc.sleeps.isEmpty(), "a create whose fate is unknown is not retried blindly");
    assertEquals(1, bc.fake.records("customers").size());
  }

  private FakeBusinessCentral.Recorded lastInner(String method) {
    FakeBusinessCentral.Recorded last = null;
    for (FakeBusinessCentral.Recorded r : bc.fake.requests()) {
      if (r.inBatch() && r.method().equals(method)) {
        last = r;
      }
    }
    assertTrue(last != null, "no " + method + " in " + bc.fake.requests());
    return last;
  }
}
