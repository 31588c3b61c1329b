package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Set;
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
 * Tryton payloads as the reference note records them from a real 6.0.29 server, parsed by the
 * connector's client, codec, error mapping and account mapping, without a server.
 */
class TrytonWirePayloadContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode wire(String name) throws IOException {
    try (InputStream in =
        TrytonWirePayloadContractTest.class.getResourceAsStream("/wire/tryton/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** Answers scripted bodies in order and keeps the requests. */
  private static final class Scripted implements Interceptor {
    final Deque<Object[]> answers = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();

    Scripted answer(int code, String body) {
      answers.add(new Object[] {code, body});
      return this;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Buffer b = new Buffer();
      chain.request().body().writeTo(b);
      requests.add(chain.request());
      bodies.add(b.readUtf8());
      Object[] a = answers.removeFirst();
      return new Response.Builder()
          .request(chain.request())
          .protocol(Protocol.HTTP_1_1)
          .code((Integer) a[0])
          .message("x")
          .body(ResponseBody.create((String) a[1], MediaType.get("application/json")))
          .build();
    }
  }

  private static TrytonRpc rpc(Scripted s) {
    return new TrytonRpc(
        new OkHttpClient.Builder().addInterceptor(s).build(),
        HttpUrl.get("http://127.0.0.1:8000/"),
        "retail",
        "admin",
        "admin-secret",
        TenantGate.unshared("contract", 2),
        Clock.systemUTC());
  }

  @Test
  void loginThenModelCallsCarryTheSessionHeaderAndTheUsersContext() throws Exception {
    Scripted s =
        new Scripted()
            .answer(200, wire("login.json").toString())
            .answer(200, wire("preferences.json").toString())
            .answer(200, "{\"id\":3,\"result\":[5]}");
    JsonNode result =
        rpc(s)
            .model(
                "party.party",
                "search",
                java.util.Arrays.asList(List.of(List.of("code", "=", "5")), 0, null, null));
    assertEquals("[5]", result.toString());

    JsonNode login = JSON.readTree(s.bodies.get(0));
    assertEquals(Set.of("id", "method", "params"), fieldNames(login), "exactly three keys");
    assertEquals("common.db.login", login.path("method").asText());
    assertEquals(
        "[\"admin\",{\"password\":\"admin-secret\"},\"en\"]", login.path("params").toString());
    assertEquals("/retail/", s.requests.get(0).url().encodedPath(), "database calls go to /<db>/");

    String expected =
        "Session "
            + Base64.getEncoder()
                .encodeToString(
                    "admin:1:173d8fb29b959389f5c7fadaaeb29d9e4cba2cfecef526676c54913987f61e92"
                        .getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, s.requests.get(2).header("Authorization"));
    assertEquals("application/json", s.requests.get(2).header("Accept"));
    assertTrue(s.requests.get(2).body().contentLength() > 0, "a Content-Length, never chunked");

    JsonNode call = JSON.readTree(s.bodies.get(2));
    assertEquals(Set.of("id", "method", "params"), fieldNames(call));
    assertEquals("model.party.party.search", call.path("method").asText());
    JsonNode context = call.path("params").get(call.path("params").size() - 1);
    assertEquals(
        JSON.readTree("{\"company\":1,\"employee\":1,\"language\":\"en\"}"),
        context,
        "the context from get_preferences ends every model call");
  }

  @Test
  void anExpiredSessionLogsInOnceAgain() throws Exception {
    Scripted s =
        new Scripted()
            .answer(200, wire("login.json").toString())
            .answer(200, wire("preferences.json").toString())
            .answer(401, "")
            .answer(200, wire("login.json").toString())
            .answer(200, wire("preferences.json").toString())
            .answer(200, "{\"id\":9,\"result\":3}");
    assertEquals(3, rpc(s).model("party.party", "search_count", List.of(List.of())).asInt());
    assertEquals(
        2,
        s.bodies.stream().filter(b -> b.contains("common.db.login")).count(),
        "one new login, then the call again");
  }

  @Test
  void aWrongPasswordIsAnAuthenticationErrorThatIsNotRetried() {
    Scripted s = new Scripted().answer(401, "<html>Unauthorized</html>");
    TrytonCallException e =
        assertThrows(
            TrytonCallException.class,
            () -> rpc(s).model("party.party", "search_count", List.of(List.of())));
    assertEquals(ErpErrorKind.AUTHENTICATION, e.error().kind());
    assertInstanceOf(AuthenticationException.class, e.error().toException(ErrorContext.none()));
    assertEquals(1, s.bodies.size(), "no second attempt with the same bad password");
  }

  @Test
  void tooManyLoginsIsThrottledWithItsWait() {
    Scripted s = new Scripted().answer(429, "<html>Too Many Requests</html>");
    TrytonCallException e =
        assertThrows(TrytonCallException.class, () -> rpc(s).server("common.server.version"));
    assertEquals(ErpErrorKind.THROTTLED, e.error().kind());
    assertTrue(e.error().retryable());
    assertInstanceOf(RateLimitException.class, e.error().toException(ErrorContext.none()));
  }

  @Test
  void errorShapesMapIntoTheSharedTaxonomy() throws Exception {
    for (JsonNode c : wire("errors.json")) {
      TrytonErrors.Failure f = TrytonErrors.fromRpcError(c.path("body").path("error"));
      ErpError e = f.error();
      String name = c.path("case").asText();
      assertEquals(ErpErrorKind.valueOf(c.path("kind").asText()), e.kind(), name);
      assertEquals(c.path("retryable").asBoolean(), e.retryable(), name);
      assertEquals(TrytonCodec.text(c.path("field")), e.fieldPath(), name);
      assertEquals(TrytonCodec.text(c.path("warning")), f.warningName(), name);
      assertTrue(!e.message().contains("/srv/tryton"), name + " must not leak server paths");
    }
  }

  @Test
  void aPartyReadWithItsAddressesAndEmailMapsToAnAccount() throws Exception {
    JsonNode row = wire("party-read.json").path("result").get(0);
    Account a = TrytonAccountMapping.defaults().toCanonical(row, "USD");
    assertEquals("Acme Retail GmbH 1795627873", a.name());
    assertEquals("5", a.accountNumber());
    assertEquals(AccountStatus.ACTIVE, a.status());
    assertEquals(
        PostalAddress.builder()
            .lines(List.of("Hauptstr. 1"))
            .locality("Berlin")
            .postalCode("10115")
            .country("DE")
            .build(),
        a.billing().address(),
        "the only address is the billing address when none is flagged");
    assertEquals("ap@acme.example", a.billing().email());
    assertNull(a.shipping(), "no address is flagged for delivery");
    assertEquals("Direct", a.paymentTerms());
    assertEquals(Money.of("50", "USD"), a.credit().limit());
    assertEquals(
        "p5:1795627875,a5:1795627875,c2:1795627875", TrytonParties.version(row).toString());
    assertEquals(
        java.util.Map.of(
            "party.party,5", "1795627875",
            "party.address,5", "1795627875",
            "party.contact_mechanism,2", "1795627875"),
        TrytonParties.timestampContext(TrytonParties.version(row)));
  }

  @Test
  void productQuantitiesAreFloatsAndPricesDecimals() throws Exception {
    JsonNode rows = wire("product-search-read.json").path("result");
    assertEquals(
        0,
        TrytonCodec.decimal(rows.get(1).path("list_price"))
            .compareTo(new java.math.BigDecimal("25.5")));
    assertEquals(50.0, rows.get(1).path("quantity").asDouble());
    assertTrue(TrytonCodec.bool(rows.get(0).path("salable")));
  }

  @Test
  void retryAfterOnA503IsKept() {
    ErpError e = TrytonErrors.fromHttpStatus(503, Duration.ofSeconds(30));
    assertEquals(ErpErrorKind.TRANSIENT, e.kind());
    assertEquals(Duration.ofSeconds(30), e.retryAfter());
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> s = new java.util.TreeSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
