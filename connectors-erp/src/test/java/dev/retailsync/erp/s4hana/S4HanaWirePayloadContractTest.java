package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * The connector against payloads typed from SAP's documentation (files under {@code
 * src/test/resources/wire/s4hana}), served by a replaying interceptor: not our fake's idea of the
 * wire format, but the documented one.
 */
class S4HanaWirePayloadContractTest {
  private static final String HOST = "https://my-s4.example.com";
  private final Clock clock = Clock.fixed(Instant.parse("2026-08-20T10:00:00Z"), ZoneOffset.UTC);

  /** Answers requests by rule, each rule once unless it is the last for its match; records them. */
  static final class Replay implements Interceptor {
    private record Rule(
        Predicate<Request> match,
        int status,
        Map<String, List<String>> headers,
        String body,
        String type) {}

    private final List<Rule> rules = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();

    Replay on(
        String method,
        String pathRegex,
        Predicate<Request> extra,
        int status,
        Map<String, List<String>> headers,
        String file) {
      Pattern p = Pattern.compile(pathRegex);
      String type =
          file.endsWith(".txt")
              ? file.startsWith("batch") ? headers.get("Content-Type").get(0) : "text/plain"
              : "application/json;charset=utf-8";
      rules.add(
          new Rule(
              r ->
                  r.method().equals(method)
                      && p.matcher(r.url().encodedPath()).find()
                      && extra.test(r),
              status,
              headers,
              file.isEmpty() ? "" : resource(file),
              type));
      return this;
    }

    @Override
    public synchronized Response intercept(Chain chain) {
      Request request = chain.request();
      requests.add(request);
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        if (rule.match.test(request)) {
          boolean lastOfItsKind = true;
          for (int j = i + 1; j < rules.size(); j++) {
            if (rules.get(j).match.test(request)) {
              lastOfItsKind = false;
            }
          }
          if (!lastOfItsKind) {
            rules.remove(i);
          }
          Response.Builder b =
              new Response.Builder()
                  .request(request)
                  .protocol(Protocol.HTTP_1_1)
                  .code(rule.status)
                  .message("x");
          rule.headers.forEach((k, vs) -> vs.forEach(v -> b.addHeader(k, v)));
          return b.body(ResponseBody.create(rule.body, MediaType.get(rule.type))).build();
        }
      }
      throw new AssertionError("unexpected request " + request.method() + " " + request.url());
    }
  }

  static String resource(String file) {
    try (InputStream in =
        S4HanaWirePayloadContractTest.class.getResourceAsStream("/wire/s4hana/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private S4HanaConnector connector(Replay replay) {
    return S4HanaConnector.builder()
        .http(new OkHttpClient.Builder().addInterceptor(replay).build())
        .baseUrl(HOST)
        .basicAuth("COMM_USER", "pw")
        .clock(clock)
        .sleeper(d -> {})
        .gate(TenantGate.unshared("wire", 2))
        .build();
  }

  private static Predicate<Request> fetch() {
    return r -> "Fetch".equals(r.header("x-csrf-token"));
  }

  private static Predicate<Request> notFetch() {
    return r -> r.header("x-csrf-token") == null;
  }

  private static final Map<String, List<String>> CSRF_OK =
      Map.of(
          "x-csrf-token",
          List.of("4lCQ2aKxq0S7AZ1bUq6cnQ=="),
          "Set-Cookie",
          List.of(
              "SAP_SESSIONID_ER9_100=ab12cd34; path=/; secure; HttpOnly",
              "sap-XSRF_ER9_100=4lCQ2aKxq0S7AZ1bUq6cnQ%3d20260820100000; path=/sap/opu/odata/",
              "sap-usercontext=sap-client=100; path=/"));

  @Test
  void salesOrderPagesInTheVerboseEnvelopeFollowNextAndDecodeExactly() {
    Replay replay =
        new Replay()
            .on(
                "GET",
                "A_SalesOrder$",
                r -> r.url().queryParameter("$skiptoken") == null,
                200,
                Map.of(),
                "sales-order-page-1.json")
            .on(
                "GET",
                "A_SalesOrder$",
                r -> "1000".equals(r.url().queryParameter("$skiptoken")),
                200,
                Map.of(),
                "sales-order-page-2.json");
    ChangePage<Order> page =
        connector(replay).changeFeed(EntityType.ORDER).orElseThrow().poll(Cursor.beginning(), 10);

    assertEquals(2, page.changes().size());
    Order first = page.changes().get(0).entity();
    assertEquals("12345", first.erpOrderNumber());
    assertEquals("12345", first.orderNumber(), "no PurchaseOrderByCustomer: the SAP number");
    assertEquals(Money.of("39.98", "EUR"), first.totals().subtotal());
    assertEquals(Instant.parse("2026-08-12T00:00:00Z"), first.orderedAt());
    assertEquals(
        Instant.parse("2026-08-12T07:52:31.187Z"), page.changes().get(0).sourceTimestamp());
    assertEquals(
        "W/\"datetimeoffset'2026-08-19T07%3A52%3A31.1870000Z'\"",
        page.changes().get(0).sourceVersion());
    Order second = page.changes().get(1).entity();
    assertEquals("SHOP-100045", second.orderNumber());
    assertEquals(new BigDecimal("1234567890.123"), second.totals().subtotal().amount());
    assertEquals(OrderStatus.PARTIALLY_SHIPPED, second.status());
    assertEquals(
        Instant.parse("2026-08-12T08:10:02.500Z"), page.changes().get(1).sourceTimestamp());
    assertEquals("TG11", second.lines().get(0).sku(), "a plain-array to_Item is read too");
    assertEquals(new BigDecimal("2"), second.lines().get(0).quantity());
    assertTrue(
        replay
            .requests
            .get(1)
            .url()
            .toString()
            .startsWith(
                HOST + "/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$skiptoken=1000"),
        "the __next link is followed verbatim");
  }

  @Test
  void theRecordedGatewayErrorBodyIsParsedIntoTheTaxonomy() {
    ErpError e = SapErrors.parse(400, null, resource("error-batch-part.json"), clock);
    assertEquals(ErpErrorKind.VALIDATION, e.kind());
    assertEquals("ZCU/100", e.code());
    assertEquals("Service 0000000003 0000000010 niet gevonden voor operatie 0410", e.message());
    assertEquals("23F2932D54040110E005FD84A23B406E", e.correlationId());
    assertNull(e.fieldPath(), "empty propertyref and target name no field");
    var reasons = SapErrors.reasons(resource("error-batch-part.json"), "x");
    assertEquals(1, reasons.size(), "the /IWBEP/CX_MGW_BUSI_EXCEPTION wrapper is left out");
    assertTrue(reasons.get(0).message().startsWith("ZCU/100 Service"));
  }

  @Test
  void aBatchResponseWithOneFailedChangesetGivesEachRecordItsOutcome() {
    Map<String, List<String>> batchType =
        Map.of(
            "Content-Type",
            List.of(
                "multipart/mixed; boundary=batchresponse_76ef6b0a-a0e2-4f31-9f70-f5d3f73a6bef"));
    Replay replay =
        new Replay()
            .on("GET", "API_BUSINESS_PARTNER/$", fetch(), 200, CSRF_OK, "sales-order-none.json")
            .on("GET", "A_BusinessPartner$", notFetch(), 200, Map.of(), "sales-order-none.json")
            .on("POST", "\\$batch$", r -> true, 202, batchType, "batch-response-one-failed.txt");
    S4HanaConnector sap =
        S4HanaConnector.builder()
            .http(new OkHttpClient.Builder().addInterceptor(replay).build())
            .baseUrl(HOST)
            .basicAuth("COMM_USER", "pw")
            .clock(clock)
            .changesetSize(1)
            .gate(TenantGate.unshared("wire", 2))
            .build();
    List<WriteOutcome> out =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.<WriteRequest<Account>>of(
                    WriteRequest.of("W1", S4HanaConformanceTest.account("W1", "Acme Retail GmbH")),
                    WriteRequest.of("W2", S4HanaConformanceTest.account("W2", "Other"))));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.get(0).toString());
    assertEquals("17100009", out.get(0).externalId().id());
    assertEquals("W/\"datetimeoffset'2026-08-19T07%3A52%3A31.1870000Z'\"", out.get(0).version());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("ZCU/100", out.get(1).errorCode());
    assertTrue(
        out.get(1).message().contains("23F2932D54040110E005FD84A23B406E"), out.get(1).message());
    Request batch = replay.requests.get(replay.requests.size() - 1);
    assertEquals("4lCQ2aKxq0S7AZ1bUq6cnQ==", batch.header("x-csrf-token"));
    assertTrue(batch.header("Cookie").contains("SAP_SESSIONID_ER9_100=ab12cd34"));
    assertTrue(batch.header("Cookie").contains("sap-XSRF_ER9_100="));
  }

  @Test
  void theCsrfHandshakeFetchesWithGetAndReplaysOnceAfter403Required() {
    Map<String, List<String>> required = Map.of("x-csrf-token", List.of("Required"));
    Replay replay =
        new Replay()
            .on("GET", "API_SALES_ORDER_SRV/$", fetch(), 200, CSRF_OK, "sales-order-none.json")
            .on("GET", "A_SalesOrder$", notFetch(), 200, Map.of(), "sales-order-none.json")
            .on("POST", "A_SalesOrder$", r -> true, 403, required, "csrf-required.txt")
            .on("POST", "A_SalesOrder$", r -> true, 201, Map.of(), "sales-order-created.json");
    SubmissionResult r =
        connector(replay)
            .operation(OrderSubmission.class)
            .orElseThrow()
            .submit(
                Order.builder()
                    .orderNumber("SHOP-100045")
                    .status(OrderStatus.CAPTURED)
                    .accountNumber("17100001")
                    .currency("EUR")
                    .lines(List.of(OrderLine.of(1, "TG11", new BigDecimal("2"), null)))
                    .build(),
                IdempotencyKey.of("wire-1"));
    assertTrue(r.accepted(), r.toString());
    assertEquals("12347", r.number());
    List<Request> fetches = replay.requests.stream().filter(fetch()).toList();
    assertEquals(2, fetches.size(), "one fetch for the lane, one after 403 Required");
    assertEquals("GET", fetches.get(0).method(), "never HEAD: some systems refuse it");
    assertNull(
        fetches.get(1).header("Cookie"),
        "the refused token and its session are dropped together: the refetch starts a new pair");
    List<Request> posts = replay.requests.stream().filter(q -> q.method().equals("POST")).toList();
    assertEquals(2, posts.size(), "replayed once");
    assertTrue(posts.get(1).header("Cookie").contains("SAP_SESSIONID_ER9_100=ab12cd34"));
    assertEquals("4lCQ2aKxq0S7AZ1bUq6cnQ==", posts.get(1).header("x-csrf-token"));
    assertEquals(
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("COMM_USER:pw".getBytes(StandardCharsets.UTF_8)),
        posts.get(1).header("Authorization"));
  }

  @Test
  void aReturnIsLookedUpThenCreatedReferencingTheRecordedOrderItem() throws IOException {
    Replay replay =
        new Replay()
            .on("GET", "API_CUSTOMER_RETURN_SRV/$", fetch(), 200, CSRF_OK, "sales-order-none.json")
            .on("GET", "A_CustomerReturn$", notFetch(), 200, Map.of(), "sales-order-none.json")
            .on("GET", "A_SalesOrder$", notFetch(), 200, Map.of(), "sales-order-with-items.json")
            .on(
                "POST",
                "A_CustomerReturn$",
                r -> true,
                201,
                Map.of(),
                "customer-return-created.json");
    SubmissionResult r =
        connector(replay)
            .operation(ReturnAuthorization.class)
            .orElseThrow()
            .authorize(
                ReturnRequest.builder()
                    .rmaNumber("RMA-5001")
                    .orderNumber("SHOP-100045")
                    .status(ReturnStatus.REQUESTED)
                    .requestedAt(Instant.parse("2026-08-20T09:00:00Z"))
                    .addLine(new ReturnLine(1, "TG11", BigDecimal.ONE, null, null, null))
                    .build(),
                IdempotencyKey.of("wire-rma-1"));

    assertTrue(r.accepted(), r.toString());
    assertEquals("60000012", r.number());
    Request lookup = replay.requests.get(0);
    assertEquals("PurchaseOrderByCustomer eq 'RMA-5001'", lookup.url().queryParameter("$filter"));
    Request order = replay.requests.get(1);
    assertEquals("to_Item", order.url().queryParameter("$expand"));
    Request post =
        replay.requests.stream().filter(q -> q.method().equals("POST")).findFirst().orElseThrow();
    assertEquals(
        "/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn", post.url().encodedPath());
    assertEquals("4lCQ2aKxq0S7AZ1bUq6cnQ==", post.header("x-csrf-token"));
    assertTrue(post.header("Cookie").contains("SAP_SESSIONID_ER9_100=ab12cd34"));
    okio.Buffer sent = new okio.Buffer();
    post.body().writeTo(sent);
    com.fasterxml.jackson.databind.JsonNode body = ODataV2.JSON.readTree(sent.readUtf8());
    assertEquals("RMA-5001", body.path("PurchaseOrderByCustomer").asText());
    assertEquals("17100001", body.path("SoldToParty").asText(), "from the order read");
    assertEquals("/Date(1787184000000)/", body.path("CustomerReturnDate").asText());
    com.fasterxml.jackson.databind.JsonNode item = body.path("to_Item").path("results").get(0);
    assertEquals("12347", item.path("ReferenceSDDocument").asText());
    assertEquals("10", item.path("ReferenceSDDocumentItem").asText());
    assertEquals("1", item.path("RequestedQuantity").asText(), "a decimal string, as SAP wants");
  }
}
