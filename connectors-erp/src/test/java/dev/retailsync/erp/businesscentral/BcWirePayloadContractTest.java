package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The connector against payloads typed from Microsoft's documentation (as the reference note quotes
 * them) under {@code src/test/resources/wire/bc}: the Entra token response and error, the companies
 * and customers collections with {@code @odata.nextLink}, sales order, shipment and invoice bodies,
 * {@code $batch} responses (Microsoft's example with {@code "id": null}), and the {@code
 * error.code} families.
 */
class BcWirePayloadContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BcMappingContext USD = new BcMappingContext("USD");

  static String wire(String name) {
    try (InputStream in = BcWirePayloadContractTest.class.getResourceAsStream("/wire/bc/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no recorded payload " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return JSON.readTree(wire(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves recorded payloads by request, and keeps the requests. */
  static final class Replay implements Interceptor {
    private record Rule(Predicate<Request> when, int status, String file) {}

    final List<Rule> rules = new ArrayList<>();
    final List<Request> received = new ArrayList<>();

    Replay on(Predicate<Request> when, int status, String file) {
      rules.add(new Rule(when, status, file));
      return this;
    }

    @Override
    public Response intercept(Chain chain) {
      Request r = chain.request();
      received.add(r);
      for (Rule rule : rules) {
        if (rule.when().test(r)) {
          return new Response.Builder()
              .request(r)
              .protocol(Protocol.HTTP_1_1)
              .code(rule.status())
              .message("recorded")
              .body(ResponseBody.create(wire(rule.file()), MediaType.get("application/json")))
              .build();
        }
      }
      throw new AssertionError("no recorded payload for " + r.method() + " " + r.url());
    }
  }

  private static BusinessCentralConnector against(Replay replay) {
    return BusinessCentralConnector.builder()
        .http(new OkHttpClient.Builder().addInterceptor(replay).build())
        .tenant("contoso")
        .clientCredentials("app-id", "secret-value")
        .companyName("CRONUS USA, Inc.")
        .gate(TenantGate.unshared("bc-contract", 5))
        .random(new Random(1))
        .sleeper(d -> {})
        .build();
  }

  @Test
  void tokenCompaniesAndACustomersPageWithANextLinkAreRead() {
    Replay replay =
        new Replay()
            .on(
                r -> r.url().encodedPath().equals("/contoso/oauth2/v2.0/token"),
                200,
                "token-response.json")
            .on(r -> r.url().encodedPath().endsWith("/api/v2.0/companies"), 200, "companies.json")
            .on(r -> r.url().queryParameter("$skiptoken") != null, 200, "customers-page-2.json")
            .on(r -> r.url().encodedPath().endsWith("/customers"), 200, "customers-page.json");
    BusinessCentralConnector connector = against(replay);

    List<RemoteRecord<Account>> read =
        connector
            .reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of("4b4f31f0-1c3b-ee11-bdf4-6045bdc89d67"));

    assertEquals(1, read.size());
    RemoteRecord<Account> r = read.get(0);
    assertEquals(
        "W/\"JzQ0O0VnQUFBQUo3QlRFQU1BQXdBREFBTUFBQUFBQT0xOzI0MjkwMTgzMjQ3NzE2MDsn\"", r.version());
    assertEquals(Instant.parse("2026-08-19T07:52:31.187Z"), r.lastModified());
    assertEquals("Adatum Corporation", r.entity().name());
    assertEquals("10000", r.entity().accountNumber());
    assertEquals("US", r.entity().billing().address().country());
    assertEquals(CreditStatus.APPROVED, r.entity().credit().status());
    assertEquals(Money.of("0", "USD"), r.entity().credit().limit());
    Request first = replay.received.get(0);
    assertEquals(
        "https://login.microsoftonline.com/contoso/oauth2/v2.0/token", first.url().toString());
    Request companies = replay.received.get(1);
    assertEquals("name eq 'CRONUS USA, Inc.'", companies.url().queryParameter("$filter"));
    assertTrue(
        companies.header("Authorization").startsWith("Bearer eyJ0eXAiOiJKV1Qi"),
        "the recorded access_token is used");
    Request customers = replay.received.get(2);
    assertEquals(
        "/v2.0/contoso/production/api/v2.0/companies(bb6d48b6-c7b2-4a38-9a93-ad5506407f12)/customers",
        customers.url().encodedPath());
    assertEquals(
        "id eq 4b4f31f0-1c3b-ee11-bdf4-6045bdc89d67", customers.url().queryParameter("$filter"));
    assertEquals(4, replay.received.size(), "the nextLink was followed");
  }

  @Test
  void aRefusedClientSecretIsAnAuthenticationErrorWithoutTheSecret() {
    Replay replay =
        new Replay()
            .on(
                r -> r.url().encodedPath().endsWith("/token"),
                401,
                "token-error-invalid-client.json");
    BusinessCentralConnector connector = against(replay);
    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () ->
                connector
                    .reader(EntityType.ACCOUNT)
                    .orElseThrow()
                    .read(List.of("4b4f31f0-1c3b-ee11-bdf4-6045bdc89d67")));
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-value"));
  }

  @ParameterizedTest
  @CsvSource({
    "error-dialog.json, 400, VALIDATION, false, Application_DialogException, 328e0d00-87f0-41c3-9d44-4cad01037865",
    "error-entity-changed.json, 409, CONFLICT, false, Request_EntityChanged, e8b1c3a2-5d4f-4b6e-9a7c-1f2e3d4c5b6a",
    "error-invalid-token.json, 400, VALIDATION, false, BadRequest_InvalidToken, 0d5c9e8b-7a6f-4e3d-8c2b-1a0f9e8d7c6b",
    "error-unauthorized.json, 401, AUTHENTICATION, false, Authentication_InvalidCredentials, 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
    "error-record-not-found.json, 404, NOT_FOUND, false, Internal_RecordNotFound, 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    "error-same-key.json, 400, CONFLICT, true, Internal_EntityWithSameKeyExists, 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
  })
  void errorBodiesAreClassifiedWithTheCorrelationIdPulledOut(
      String file,
      int status,
      ErpErrorKind kind,
      boolean retryable,
      String code,
      String correlation) {
    ErpError e = BcErrors.parse(status, wire(file), null);
    assertEquals(kind, e.kind());
    assertEquals(retryable, e.retryable());
    assertEquals(code, e.code());
    assertEquals(correlation, e.correlationId());
    assertFalse(e.message().contains("CorrelationId"), e.message());
  }

  @ParameterizedTest
  @CsvSource({
    "429, THROTTLED, true",
    "503, TRANSIENT, true",
    "502, TRANSIENT, true",
    "504, TRANSIENT, true"
  })
  void statusesWithoutABodyAreClassifiedByStatus(int status, ErpErrorKind kind, boolean retryable) {
    ErpError e = BcErrors.parse(status, "<html>Service Unavailable</html>", Duration.ofSeconds(5));
    assertEquals(kind, e.kind());
    assertEquals(retryable, e.retryable());
    assertEquals(Duration.ofSeconds(5), e.retryAfter());
  }

  @Test
  void microsoftsBatchExampleWithNullIdsIsMatchedByPosition() {
    List<ObjectNode> requests = requests("1", "2", "3");
    List<BusinessCentralConnector.BatchAnswer> answers =
        BusinessCentralConnector.answers(
            json("batch-response.json"), requests, java.time.Clock.systemUTC());

    assertEquals(List.of(200, 204, 400), answers.stream().map(a -> a.status()).toList());
    assertEquals("Touring Bicycle v2", answers.get(0).body().path("displayName").asText());
    ErpError third = BcErrors.parse(400, answers.get(2).body(), null);
    assertEquals(ErpErrorKind.VALIDATION, third.kind());
    assertEquals("Unknown", third.code());
    assertEquals("x", third.correlationId());
    assertTrue(third.message().startsWith("'Invalid Type' is not an option"));
  }

  @Test
  void batchResponsesWithIdsAreMatchedByIdWhateverTheirOrder() {
    List<BusinessCentralConnector.BatchAnswer> answers =
        BusinessCentralConnector.answers(
            json("batch-response-out-of-order.json"),
            requests("1", "2", "3"),
            java.time.Clock.systemUTC());

    assertEquals(201, answers.get(0).status());
    assertEquals("10010", answers.get(0).body().path("number").asText());
    assertEquals(409, answers.get(1).status());
    assertEquals(429, answers.get(2).status());
    assertEquals(Duration.ofSeconds(12), answers.get(2).retryAfter());
    assertNull(
        BusinessCentralConnector.answers(
            json("batch-response.json"), requests("1", "2"), java.time.Clock.systemUTC()));
  }

  private static List<ObjectNode> requests(String... ids) {
    List<ObjectNode> out = new ArrayList<>();
    for (String id : ids) {
      out.add(JSON.createObjectNode().put("id", id));
    }
    return out;
  }

  @Test
  void aSalesOrderWithLinesMapsToTheCanonicalOrder() {
    Order o = SalesOrderMapping.defaults().fromBc(json("sales-order.json"), USD);

    assertEquals("SHOP-100045", o.orderNumber());
    assertEquals("S-ORD101001", o.erpOrderNumber());
    assertEquals("10000", o.accountNumber());
    assertEquals("EUR", o.currency());
    assertEquals(OrderStatus.PARTIALLY_SHIPPED, o.status(), "Open with a shipped quantity");
    assertEquals(1, o.lines().size(), "the comment line is not an order line");
    assertEquals("1996-S", o.lines().get(0).sku());
    assertEquals(Money.of("19.99", "EUR"), o.lines().get(0).unitPrice());
    assertEquals(List.of("10 Harbour Road", "Dock 4"), o.shippingAddress().lines());
    assertEquals("31401", o.shippingAddress().postalCode());
    assertEquals("31772", o.billingAddress().postalCode());
    assertEquals(Money.of("42.38", "EUR"), o.totals().grandTotal());
    assertEquals(Instant.parse("2026-08-19T00:00:00Z"), o.orderedAt());
  }

  @Test
  void aPostedShipmentAndAnInvoiceMapToTheirCanonicalDocuments() {
    Shipment s = ShipmentMapping.defaults().fromBc(json("sales-shipment.json"), USD);
    assertEquals("S-SHPT102001", s.shipmentNumber());
    assertEquals("SHOP-100045", s.orderNumber());
    assertEquals("S-ORD101001", s.extensions().get("erpOrderNumber"));
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals("EXW", s.service());
    assertEquals(Instant.parse("2026-08-20T00:00:00Z"), s.shippedAt());
    assertEquals(new BigDecimal("1"), s.lines().get(0).quantity());

    Invoice i = InvoiceMapping.defaults().fromBc(json("sales-invoice.json"), USD);
    assertEquals("S-INV103001", i.invoiceNumber());
    assertEquals("SHOP-100045", i.orderNumber());
    assertEquals(InvoiceStatus.OPEN, i.status());
    assertEquals("USD", i.currency(), "an empty currencyCode is the local currency");
    assertEquals(Money.of("42.38", "USD"), i.totals().total());
    assertEquals(Money.of("21.19", "USD"), i.totals().amountDue());
    assertEquals(Money.of("21.19", "USD"), i.totals().amountPaid());
    assertEquals(java.time.LocalDate.parse("2026-09-20"), i.dueOn());
  }
}
