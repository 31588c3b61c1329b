package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.ShopifyBulkOperations.BulkNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
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
 * The connector against payloads typed from Shopify's documentation (files under {@code
 * src/test/resources/wire/shopify}), served in order by a replaying interceptor: the documented
 * wire format, not the fake's idea of it.
 */
class WirePayloadContractTest {
  private static final String BASE = "https://acme.myshopify.com";
  private final TestClock clock = TestClock.at("2026-10-12T10:00:00Z");

  /** Serves the queued files in order and records the GraphQL documents and variables. */
  static final class Replay implements Interceptor {
    private record Answer(int status, String body, String type) {}

    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();
    final List<JsonNode> bodies = new ArrayList<>();

    Replay then(String file) {
      return then(200, file);
    }

    Replay then(int status, String file) {
      answers.add(
          new Answer(
              status,
              resource(file),
              file.endsWith(".jsonl") ? "application/jsonl" : "application/json; charset=utf-8"));
      return this;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request r = chain.request();
      requests.add(r);
      if (r.body() != null) {
        Buffer b = new Buffer();
        r.body().writeTo(b);
        bodies.add(ShopifyGraphQlClient.JSON.readTree(b.readUtf8()));
      } else {
        bodies.add(ShopifyGraphQlClient.JSON.nullNode());
      }
      Answer a = answers.poll();
      if (a == null) {
        throw new AssertionError("unexpected request " + r.url());
      }
      return new Response.Builder()
          .request(r)
          .protocol(Protocol.HTTP_1_1)
          .code(a.status)
          .message("replayed")
          .header("X-Shopify-API-Version", "2026-04")
          .body(ResponseBody.create(a.body, MediaType.get(a.type)))
          .build();
    }

    List<String> fields() {
      List<String> out = new ArrayList<>();
      for (JsonNode b : bodies) {
        out.add(
            b.has("query")
                ? String.join(
                    ",",
                    GraphQlDocument.parse(b.get("query").asText()).fields().stream()
                        .map(GraphQlDocument.Field::name)
                        .toList())
                : "GET");
      }
      return out;
    }
  }

  private static String resource(String file) {
    try (InputStream in =
        WirePayloadContractTest.class.getResourceAsStream("/wire/shopify/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ShopifyConnector connector(Replay replay) {
    return ShopifyConnector.builder()
        .http(new OkHttpClient.Builder().addInterceptor(replay).build())
        .shop("acme")
        .tokens(ShopifyTokens.staticToken("shpat_documented", clock))
        .clock(clock)
        .sleeper(clock.sleeper())
        .random(new Random(5))
        .putLocation("WH-1", "gid://shopify/Location/124656943")
        .build();
  }

  @Test
  void throttledTwoHundredThenACustomerPage() {
    Replay replay = new Replay().then("throttled.json").then("customers-page.json");
    ShopifyConnector c = connector(replay);
    // Seed the bucket as if a previous response had been read, so no probe goes first.
    c.client().costBucket().update(new ThrottleStatus(2000, 2000, 100), clock.instant());
    List<Party> parties = new ArrayList<>();
    c.customers()
        .changeFeed()
        .poll(Cursor.beginning(), 10)
        .changes()
        .forEach(ch -> parties.add(ch.entity()));
    assertEquals(1, parties.size());
    Party ada = parties.get(0);
    assertEquals("Lovelace", ada.name().family());
    assertEquals(ConsentState.GRANTED, ada.marketingConsent().email());
    assertEquals(ConsentState.UNKNOWN, ada.marketingConsent().sms());
    assertEquals("GB", ada.addresses().get(0).address().country());
    // (752 requested - 143 available) / 100 per second = 6.09 s, plus at most 10 % jitter
    Duration wait = clock.sleeps().get(0);
    assertTrue(wait.compareTo(Duration.ofMillis(6090)) >= 0, wait.toString());
    assertTrue(wait.compareTo(Duration.ofMillis(6700)) <= 0, wait.toString());
    assertEquals(BASE + "/admin/api/2026-04/graphql.json", replay.requests.get(0).url().toString());
    assertEquals("shpat_documented", replay.requests.get(0).header("X-Shopify-Access-Token"));
    assertEquals("application/json", replay.requests.get(0).body().contentType().toString());
  }

  @Test
  void staleChangeFromQuantityIsReReadAndReAppliedWithANewKey() {
    Replay replay =
        new Replay()
            .then("shop.json")
            .then("inventory-levels-5.json")
            .then("inventory-set-stale.json")
            .then("inventory-levels-3.json")
            .then("inventory-set-ok.json");
    WriteOutcome o =
        connector(replay)
            .inventory()
            .writer()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "abc",
                        InventoryPosition.builder()
                            .sku("ABC-1")
                            .location("WH-1")
                            .available(new BigDecimal("12"))
                            .asOf(clock.instant())
                            .build())))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, o.status());
    assertEquals("12", o.version());
    assertEquals(
        "gid://shopify/InventoryItem/30322695@gid://shopify/Location/124656943",
        o.externalId().id());
    assertEquals(
        List.of(
            "shop",
            "inventoryItems",
            "inventorySetQuantities",
            "inventoryItems",
            "inventorySetQuantities"),
        replay.fields());
    JsonNode first = replay.bodies.get(2);
    JsonNode second = replay.bodies.get(4);
    assertEquals(5, first.at("/variables/input/quantities/0/changeFromQuantity").asInt());
    assertEquals(3, second.at("/variables/input/quantities/0/changeFromQuantity").asInt());
    assertEquals("available", second.at("/variables/input/name").asText());
    assertEquals("sku:'ABC-1'", replay.bodies.get(1).at("/variables/query").asText());
    assertFalse(key(first).equals(key(second)));
  }

  @Test
  void customerSetTypedUserErrorIsARejectionNamingTheField() throws IOException {
    Replay replay =
        new Replay().then("shop.json").then("customers-empty.json").then("customer-set-taken.json");
    Party p =
        ShopifyCustomerMapping.toParty(
            ShopifyGraphQlClient.JSON
                .readTree(resource("customers-page.json"))
                .at("/data/customers/nodes/0"));
    WriteOutcome o =
        connector(replay).customers().writer().upsert(List.of(WriteRequest.of("k", p))).get(0);
    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("TAKEN", o.errorCode());
    assertEquals("contactPoints", o.errors().get(0).path());
    JsonNode set = replay.bodies.get(2);
    assertEquals("ada@example.com", set.at("/variables/k0/email").asText());
    assertEquals("12 St James's Square", set.at("/variables/i0/addresses/0/address1").asText());
  }

  @Test
  void bulkJsonlChildrenAreRelinkedThroughParentId() {
    Replay replay =
        new Replay()
            .then("bulk-run.json")
            .then("bulk-running.json")
            .then("bulk-completed.json")
            .then("bulk-orders.jsonl");
    List<BulkNode> orders = new ArrayList<>();
    long n =
        connector(replay)
            .bulk()
            .run(
                "{ orders(query: \"updated_at:>'2026-10-01'\") { edges { node { id name updatedAt"
                    + " lineItems { edges { node { id sku quantity } } } } } } }",
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                orders::add);
    assertEquals(2, n);
    assertEquals("#1001", orders.get(0).node().path("name").asText());
    assertEquals(
        List.of("SKU-1", "SKU-2"),
        orders.get(0).children("LineItem").stream()
            .map(l -> l.node().path("sku").asText())
            .toList());
    assertEquals(5, orders.get(1).children().get(0).node().path("quantity").asInt());
    Request download = replay.requests.get(3);
    assertEquals("storage.googleapis.com", download.url().host());
    assertEquals(null, download.header("X-Shopify-Access-Token"), "no token to the storage host");
  }

  @Test
  void invalidTokenIsAnAuthenticationError() {
    Replay replay = new Replay().then(401, "error-401.json").then(401, "error-401.json");
    ShopifyConnector c = connector(replay);
    assertThrows(
        AuthenticationException.class,
        () -> c.client().execute(GraphQlRequest.query("{ shop { id } }", null)));
  }

  @Test
  void accessDeniedIsATypedErrorWithAdvice() {
    Replay replay = new Replay().then("access-denied.json");
    ShopifyGraphQlException e =
        assertThrows(
            ShopifyGraphQlException.class,
            () ->
                connector(replay)
                    .client()
                    .execute(GraphQlRequest.query("{ orders(first: 5) { nodes { id } } }", null)));
    assertEquals("ACCESS_DENIED", e.errors().get(0).code());
    assertEquals(List.of("orders"), e.errors().get(0).path());
    assertTrue(e.getMessage().contains("scope"), e.getMessage());
  }

  private static String key(JsonNode body) {
    return String.valueOf(
        GraphQlDocument.parse(body.get("query").asText())
            .fields()
            .get(0)
            .directiveArgument("idempotent", "key", null));
  }
}
