package dev.retailsync.ecommerce.shopify.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.ecommerce.shopify.webhook.WebhookEvent;
import dev.retailsync.ecommerce.shopify.webhook.WebhookIntake;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSignature;
import dev.retailsync.ecommerce.shopify.webhook.WebhookVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeShopifyWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "fake-app-secret";

  private static ObjectNode order(long id, Instant updatedAt, int version) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
    o.put("updated_at", updatedAt.toString());
    o.put("note", "v" + version);
    return o;
  }

  /** Applies every accepted event as an upsert of the whole order: last writer wins. */
  private static final class Store {
    final Map<String, String> notes = new HashMap<>();
    final List<WebhookEvent> applied = new ArrayList<>();

    void apply(WebhookEvent e) {
      applied.add(e);
      notes.put(e.resourceId(), e.payload().path("note").asText());
    }
  }

  private static Map<String, String> runChaos(long seed, boolean eventsHeaders) {
    FakeShopifyWebhooks shopify =
        FakeShopifyWebhooks.builder()
            .secret(SECRET)
            .seed(seed)
            .maxDelay(Duration.ofMinutes(30))
            .duplicateRate(0.4)
            .eventsHeaders(eventsHeaders)
            .build();
    Store store = new Store();
    WebhookIntake intake =
        WebhookIntake.builder()
            .signature(WebhookSignature.of(SECRET))
            .clock(shopify.clock())
            .sink(store::apply)
            .build();
    shopify.receiver(FakeShopifyWebhooks.to(intake));
    Instant t = shopify.clock().instant();
    for (int v = 1; v <= 30; v++) {
      for (long id = 1; id <= 3; id++) {
        shopify.emit(v == 1 ? "orders/create" : "orders/updated", order(id, t.plusSeconds(v), v));
      }
      shopify.advance(Duration.ofSeconds(20));
    }
    shopify.deliverAll();
    List<FakeShopifyWebhooks.Attempt> attempts = shopify.attempts();
    assertTrue(attempts.stream().anyMatch(FakeShopifyWebhooks.Attempt::duplicate));
    assertTrue(attempts.size() > 90);
    return store.notes;
  }

  @Test
  void duplicatedAndReorderedWebhooksLeaveTheStateOfTheNewestEvent() {
    for (long seed = 1; seed <= 20; seed++) {
      Map<String, String> notes = runChaos(seed, seed % 2 == 0);
      assertEquals(
          Map.of(
              "gid://shopify/Order/1", "v30",
              "gid://shopify/Order/2", "v30",
              "gid://shopify/Order/3", "v30"),
          notes,
          "seed " + seed);
    }
  }

  @Test
  void withoutTheIntakesChecksTheSameRunEndsOnAnOlderState() {
    // The control: applying every delivery as it arrives loses the newest state for some seed.
    boolean someSeedLoses = false;
    for (long seed = 1; seed <= 20 && !someSeedLoses; seed++) {
      FakeShopifyWebhooks shopify =
          FakeShopifyWebhooks.builder()
              .secret(SECRET)
              .seed(seed)
              .maxDelay(Duration.ofMinutes(30))
              .duplicateRate(0.4)
              .build();
      Map<String, String> notes = new HashMap<>();
      shopify.receiver(
          (headers, body) -> {
            try {
              var n = JSON.readTree(body);
              notes.put(n.path("admin_graphql_api_id").asText(), n.path("note").asText());
            } catch (java.io.IOException e) {
              throw new AssertionError(e);
            }
            return 200;
          });
      Instant t = shopify.clock().instant();
      for (int v = 1; v <= 30; v++) {
        shopify.emit("orders/updated", order(1, t.plusSeconds(v), v));
        shopify.advance(Duration.ofSeconds(20));
      }
      shopify.deliverAll();
      someSeedLoses = !"v30".equals(notes.get("gid://shopify/Order/1"));
    }
    assertTrue(someSeedLoses);
  }

  @Test
  void sameSeedReproducesTheSameDeliveries() {
    assertEquals(attemptsFor(7), attemptsFor(7));
    assertNotEquals(attemptsFor(7), attemptsFor(8));
  }

  private static List<String> attemptsFor(long seed) {
    FakeShopifyWebhooks shopify =
        FakeShopifyWebhooks.builder()
            .secret(SECRET)
            .seed(seed)
            .maxDelay(Duration.ofMinutes(5))
            .duplicateRate(0.5)
            .receiver((h, b) -> 200)
            .build();
    for (int v = 1; v <= 10; v++) {
      shopify.emit("orders/updated", order(1, Instant.EPOCH.plusSeconds(v), v));
    }
    shopify.deliverAll();
    return shopify.attempts().stream().map(a -> a.webhookId() + "@" + a.at()).toList();
  }

  @Test
  void deliveriesCarryTheRealHeadersAndVerify() {
    List<Map<String, String>> seen = new ArrayList<>();
    FakeShopifyWebhooks shopify =
        FakeShopifyWebhooks.builder()
            .secret("test_secret_key")
            .shopDomain("acme.myshopify.com")
            .receiver(
                (h, b) -> {
                  seen.add(h);
                  return 200;
                })
            .build();
    String id = shopify.emit("orders/create", "{\"foo\": \"bar\"}");
    assertEquals(1, shopify.advance(Duration.ZERO));
    Map<String, String> h = seen.get(0);
    assertEquals("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", h.get("X-Shopify-Hmac-Sha256"));
    assertEquals("orders/create", h.get("X-Shopify-Topic"));
    assertEquals("acme.myshopify.com", h.get("X-Shopify-Shop-Domain"));
    assertEquals("2026-04", h.get("X-Shopify-API-Version"));
    assertEquals(id, h.get("X-Shopify-Webhook-Id"));
    assertTrue(h.containsKey("X-Shopify-Event-Id"));
    assertEquals("2026-10-01T00:00:00Z", h.get("X-Shopify-Triggered-At"));
  }

  @Test
  void delayedDeliveryWaitsForTheFakeClock() {
    List<Instant> at = new ArrayList<>();
    FakeShopifyWebhooks shopify =
        FakeShopifyWebhooks.builder().secret(SECRET).receiver((h, b) -> 200).build();
    shopify.receiver(
        (h, b) -> {
          at.add(shopify.clock().instant());
          return 200;
        });
    shopify.delayNext(Duration.ofMinutes(10)).emit("orders/updated", "{}");
    assertEquals(0, shopify.advance(Duration.ofMinutes(9)));
    assertEquals(1, shopify.pending());
    assertEquals(1, shopify.advance(Duration.ofMinutes(1)));
    assertEquals(List.of(Instant.parse("2026-10-01T00:10:00Z")), at);
  }

  @Test
  void failedDeliveryIsRetriedWithTheSameIdUntilTheIntakeTakesIt() {
    boolean[] down = {true};
    List<WebhookEvent> taken = new ArrayList<>();
    FakeShopifyWebhooks shopify = FakeShopifyWebhooks.builder().secret(SECRET).build();
    WebhookIntake intake =
        WebhookIntake.builder()
            .signature(WebhookSignature.of(SECRET))
            .clock(shopify.clock())
            .sink(
                e -> {
                  if (down[0]) {
                    throw new IllegalStateException("queue full");
                  }
                  taken.add(e);
                })
            .build();
    shopify.receiver(FakeShopifyWebhooks.to(intake));
    String id = shopify.emit("orders/updated", order(1, Instant.EPOCH, 1));
    shopify.advance(Duration.ofSeconds(35)); // first delivery at 0 s, first retry at 10 s
    down[0] = false;
    shopify.deliverAll();
    List<FakeShopifyWebhooks.Attempt> attempts = shopify.attempts();
    assertEquals(
        List.of(503, 503, 200),
        attempts.stream().map(FakeShopifyWebhooks.Attempt::status).toList());
    assertTrue(attempts.stream().allMatch(a -> a.webhookId().equals(id)));
    assertEquals(1, taken.size());
  }

  @Test
  void aDeliveryNeverAcknowledgedStopsAfterEightRetriesWithinFourHours() {
    FakeShopifyWebhooks shopify =
        FakeShopifyWebhooks.builder().secret(SECRET).receiver((h, b) -> 500).build();
    shopify.emit("orders/updated", "{}");
    shopify.deliverAll();
    List<FakeShopifyWebhooks.Attempt> attempts = shopify.attempts();
    assertEquals(9, attempts.size());
    Duration span = Duration.between(attempts.get(0).at(), attempts.get(8).at());
    assertTrue(span.compareTo(Duration.ofHours(4)) <= 0, span.toString());
    assertEquals(WebhookVerdict.Status.UNAVAILABLE.httpStatus(), 503);
  }
}
