package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
 * The connector against payloads typed from NetSuite's documentation (files under {@code
 * src/test/resources/wire/netsuite}), served by a replaying interceptor: the documented wire
 * format, not the fake's idea of it.
 */
class WirePayloadContractTest {
  private static final String HOST = "https://1234567.suitetalk.api.netsuite.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestClock clock = new TestClock(Instant.parse("2026-01-15T10:00:00Z"));

  /** Answers requests by method, path pattern and body condition, in turn; records them. */
  static final class Replay implements Interceptor {
    private record Rule(
        String method, Pattern path, Predicate<String> body, int status, List<String> texts) {}

    private final List<Rule> rules = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final java.util.Map<Rule, Integer> served = new java.util.HashMap<>();

    Replay on(String method, String path, int status, String... files) {
      return on(method, path, b -> true, status, files);
    }

    Replay on(String method, String path, Predicate<String> body, int status, String... files) {
      List<String> texts = new ArrayList<>();
      for (String f : files) {
        texts.add(f.startsWith("{") || f.isEmpty() ? f : resource(f));
      }
      rules.add(new Rule(method, Pattern.compile(path), body, status, texts));
      return this;
    }

    @Override
    public synchronized Response intercept(Chain chain) throws IOException {
      Request r = chain.request();
      String body = "";
      if (r.body() != null) {
        Buffer b = new Buffer();
        r.body().writeTo(b);
        body = b.readString(StandardCharsets.UTF_8);
      }
      requests.add(r);
      bodies.add(body);
      for (Rule rule : rules) {
        if (rule.method.equals(r.method())
            && rule.path.matcher(r.url().encodedPath()).matches()
            && rule.body.test(body)) {
          int n = served.merge(rule, 1, Integer::sum) - 1;
          String text = rule.texts.get(Math.min(n, rule.texts.size() - 1));
          Response.Builder out =
              new Response.Builder()
                  .request(r)
                  .protocol(Protocol.HTTP_1_1)
                  .code(rule.status)
                  .message("replayed")
                  .header("X-N-OperationId", "op-" + requests.size())
                  .body(ResponseBody.create(text, MediaType.get("application/json")));
          if (rule.status == 204) {
            out.header("Location", HOST + "/services/rest/record/v1/salesOrder/2001");
          }
          return out.build();
        }
      }
      throw new AssertionError("unexpected request " + r.method() + " " + r.url());
    }

    List<Request> requests() {
      return requests;
    }

    List<String> bodies() {
      return bodies;
    }
  }

  static String resource(String name) {
    try (InputStream in =
        WirePayloadContractTest.class.getResourceAsStream("/wire/netsuite/" + name)) {
      if (in == null) {
        throw new AssertionError("missing wire file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private NetSuiteConnector connector(Replay replay) {
    return NetSuiteConnector.builder()
        .baseUrl(HOST)
        .http(new OkHttpClient.Builder().addInterceptor(replay).build())
        .credentials(Fixtures.credentials())
        .clock(clock)
        .sleeper(clock::advance)
        .gate(TenantGate.unshared("wire", 5))
        .throttleRetries(0, Duration.ofSeconds(2))
        .build();
  }

  private static Replay withToken() {
    return new Replay()
        .on("POST", "/services/rest/auth/oauth2/v1/token", 200, "token-client-credentials.json");
  }

  @Test
  void tokenResponseWithStringExpiryIsUsedAsBearerAndTheAssertionIsWellFormed() throws Exception {
    Replay replay =
        withToken().on("GET", "/services/rest/record/v1/customer/107", 200, "record-customer.json");
    NetSuiteConnector ns = connector(replay);

    List<RemoteRecord<Account>> read =
        ns.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("107"));

    assertEquals(1, read.size());
    Request tokenCall = replay.requests().get(0);
    assertEquals("application/x-www-form-urlencoded", tokenCall.body().contentType().toString());
    String form = replay.bodies().get(0);
    assertTrue(form.contains("grant_type=client_credentials"), form);
    assertTrue(
        form.contains(
            "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"),
        form);
    String assertion = form.substring(form.indexOf("client_assertion=") + 17).split("&")[0];
    String[] parts = assertion.split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("PS256", header.path("alg").asText(), "NetSuite refuses RS256 assertions");
    assertEquals(Fixtures.CERTIFICATE_ID, header.path("kid").asText());
    assertEquals("JWT", header.path("typ").asText());
    assertEquals(Fixtures.CLIENT_ID, claims.path("iss").asText());
    assertEquals("rest_webservices", claims.path("scope").asText());
    assertEquals(HOST + "/services/rest/auth/oauth2/v1/token", claims.path("aud").asText());
    assertTrue(claims.path("exp").asLong() - claims.path("iat").asLong() <= 3600);
    assertEquals(
        "Bearer eyJraWQiOiJjLjEyMzQ1NjcuMjAyNi0xMS0yNSIsInR5cCI6IkpXVCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiIzOzEyIn0.c2lnbmF0dXJl",
        replay.requests().get(1).header("Authorization"));
    assertEquals("true", replay.requests().get(1).url().queryParameter("expandSubResources"));

    // A second read within the hour reuses the token: "expires_in": "3600" was understood.
    clock.advance(Duration.ofMinutes(30));
    ns.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("107"));
    assertEquals(
        1,
        replay.requests().stream().filter(r -> r.url().encodedPath().endsWith("/token")).count());
  }

  @Test
  void customerRecordMapsToTheCanonicalAccount() {
    Replay replay =
        withToken().on("GET", "/services/rest/record/v1/customer/107", 200, "record-customer.json");
    RemoteRecord<Account> r =
        connector(replay).reader(EntityType.ACCOUNT).orElseThrow().read(List.of("107")).get(0);
    Account a = r.entity();
    assertEquals("SF-0015g00000ABCDE", a.accountNumber());
    assertEquals("Acme Retail GmbH", a.name());
    assertEquals(AccountStatus.ACTIVE, a.status());
    assertEquals("EUR", a.currency());
    assertEquals("2", a.paymentTerms());
    assertEquals(0, new BigDecimal("25000.00").compareTo(a.credit().limit().amount()));
    assertEquals("EUR", a.credit().limit().currency());
    assertEquals(CreditStatus.APPROVED, a.credit().status());
    assertEquals("ap@acme.example", a.billing().email());
    assertEquals("Berlin", a.billing().address().locality());
    assertEquals("DE", a.shipping().address().country());
    assertEquals("GOLD", a.extensions().get("custentity_loyalty_tier"));
    assertEquals("lm:2026-01-15T09:30:00Z", r.version());
    assertEquals("netsuite:107", r.id().toString());
  }

  @Test
  void salesOrderReadResolvesCustomerAndItemToTheirExternalIds() {
    Replay replay =
        withToken()
            .on("GET", "/services/rest/record/v1/salesOrder/2001", 200, "record-sales-order.json")
            .on(
                "POST",
                "/services/rest/query/v1/suiteql",
                b -> b.contains("FROM customer"),
                200,
                "{\"links\":[],\"count\":1,\"hasMore\":false,\"offset\":0,\"totalResults\":1,"
                    + "\"items\":[{\"links\":[],\"id\":\"107\",\"externalid\":\"SF-0015g00000ABCDE\"}]}")
            .on(
                "POST",
                "/services/rest/query/v1/suiteql",
                b -> b.contains("FROM item"),
                200,
                "{\"links\":[],\"count\":1,\"hasMore\":false,\"offset\":0,\"totalResults\":1,"
                    + "\"items\":[{\"links\":[],\"id\":\"98\",\"externalid\":\"SKU-98\"}]}");
    Order o =
        connector(replay)
            .reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of("2001"))
            .get(0)
            .entity();
    assertEquals("SHOP-100045", o.orderNumber());
    assertEquals("SO1045", o.erpOrderNumber());
    assertEquals("SF-0015g00000ABCDE", o.accountNumber());
    assertEquals("PO-7781", o.purchaseOrderNumber());
    assertEquals(
        OrderStatus.PARTIALLY_SHIPPED, o.status(), "E Pending Billing/Partially Fulfilled");
    assertEquals("USD", o.currency());
    OrderLine line = o.lines().get(0);
    assertEquals("SKU-98", line.sku());
    assertEquals(0, new BigDecimal("2").compareTo(line.quantity()));
    assertEquals(0, new BigDecimal("19.99").compareTo(line.unitPrice().amount()));
    assertEquals(0, new BigDecimal("39.98").compareTo(o.totals().grandTotal().amount()));
  }

  @Test
  void suiteQlPagesAreFollowedByIdKeysetWithPreferTransient() {
    Replay replay =
        withToken()
            .on(
                "POST",
                "/services/rest/query/v1/suiteql",
                200,
                "suiteql-page-1.json",
                "suiteql-page-2.json")
            .on("GET", "/services/rest/record/v1/customer/\\d+", 200, "record-customer.json");
    NetSuiteConnector ns = connector(replay);
    var feed = ns.changeFeed(EntityType.ACCOUNT).orElseThrow();

    ChangePage<Account> first = feed.poll(Cursor.beginning(), 2);
    assertEquals(2, first.changes().size());
    assertTrue(first.hasMore());
    ChangePage<Account> second = feed.poll(first.next(), 2);
    assertEquals(1, second.changes().size());
    assertFalse(second.hasMore());

    List<Request> queries =
        replay.requests().stream().filter(r -> r.url().encodedPath().endsWith("/suiteql")).toList();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < replay.requests().size(); i++) {
      if (replay.requests().get(i).url().encodedPath().endsWith("/suiteql")) {
        bodies.add(replay.bodies().get(i));
      }
    }
    assertEquals(2, queries.size());
    for (Request q : queries) {
      assertEquals("transient", q.header("Prefer"));
      assertEquals("2", q.url().queryParameter("limit"));
      assertEquals("0", q.url().queryParameter("offset"), "keyset paging, never offset paging");
    }
    assertTrue(bodies.get(0).contains("WHERE id > 0"), bodies.get(0));
    assertTrue(bodies.get(0).contains("ORDER BY id ASC"), bodies.get(0));
    assertTrue(bodies.get(1).contains("WHERE id > 108"), "the second page starts after id 108");
    assertEquals(Instant.parse("2026-01-15T09:31:12Z"), first.changes().get(1).sourceTimestamp());
    assertNotNull(second.next());
  }

  @Test
  void invalidContentErrorRejectsTheOrderNamingTheLineField() {
    Replay replay =
        withToken()
            .on(
                "POST",
                "/services/rest/query/v1/suiteql",
                200,
                "{\"links\":[],\"count\":0,\"hasMore\":false,\"offset\":0,\"totalResults\":0,\"items\":[]}")
            .on(
                "PUT",
                "/services/rest/record/v1/salesOrder/eid:SHOP-100045",
                400,
                "error-invalid-content.json");
    Order order =
        Order.builder()
            .orderNumber("SHOP-100045")
            .status(OrderStatus.ACCEPTED)
            .accountNumber("SF-0015g00000ABCDE")
            .currency("USD")
            .addLine(OrderLine.of(1, "SKU-9999", BigDecimal.ONE, null))
            .build();
    WriteOutcome o =
        connector(replay)
            .writer(EntityType.ORDER)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("SHOP-100045", order)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("INVALID_CONTENT", o.errorCode());
    assertEquals("item.items[0].item", o.errors().get(0).path());
    assertTrue(o.message().contains("op-"), "the X-N-OperationId is kept for support: " + o);
    String put = replay.bodies().get(replay.bodies().size() - 1);
    assertTrue(put.contains("\"orderStatus\":\"B\""), put);
    assertTrue(put.contains("{\"externalId\":\"SKU-9999\"}"), put);
    assertTrue(
        replay
            .requests()
            .get(replay.requests().size() - 1)
            .url()
            .toString()
            .endsWith("?replace=item"));
  }

  @Test
  void invalidLoginTwiceIsAnAuthenticationError() {
    Replay replay =
        withToken()
            .on("GET", "/services/rest/record/v1/customer/107", 401, "error-invalid-login.json");
    var reader = connector(replay).reader(EntityType.ACCOUNT).orElseThrow();
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> reader.read(List.of("107")));
    assertTrue(e.getMessage().contains("INVALID_LOGIN"), e.getMessage());
    assertFalse(e.isRetryable());
    // The bearer interceptor fetched a fresh token once and replayed the call once.
    assertEquals(
        2,
        replay.requests().stream().filter(r -> r.url().encodedPath().endsWith("/token")).count());
  }

  @Test
  void concurrencyLimitIsRetryableWithAWaitNeverARejection() {
    Replay replay =
        withToken()
            .on("POST", "/services/rest/query/v1/suiteql", 429, "error-concurrency-limit.json");
    WriteOutcome o =
        connector(replay)
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("C-1", Fixtures.account("C-1"))))
            .get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, o.status());
    assertEquals("CONCURRENCY_LIMIT_EXCEEDED", o.errorCode());
    assertEquals(Duration.ofSeconds(2), o.retryAfter());
    assertInstanceOf(String.class, o.message());
  }
}
