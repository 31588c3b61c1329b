package dev.retailsync.ecommerce.shopify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.ecommerce.shopify.webhook.WebhookVerdict.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookIntakeTest {
  private static final String SECRET = "hush-app-secret-1";
  private final TestClock clock = new TestClock(Instant.parse("2026-10-01T12:00:00Z"));
  private final List<WebhookEvent> queued = new ArrayList<>();

  private WebhookIntake.Builder intake() {
    return WebhookIntake.builder()
        .signature(WebhookSignature.of(SECRET))
        .clock(clock)
        .sink(queued::add);
  }

  private static byte[] order(long id, String updatedAt, String note) {
    return ("{\"id\":"
            + id
            + ",\"admin_graphql_api_id\":\"gid://shopify/Order/"
            + id
            + "\",\"updated_at\":\""
            + updatedAt
            + "\",\"note\":\""
            + note
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(String webhookId, byte[] body, String secret) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Shopify-Topic", "orders/updated");
    h.put("X-Shopify-Hmac-Sha256", WebhookSignature.of(secret).sign(body));
    h.put("X-Shopify-Shop-Domain", "acme.myshopify.com");
    h.put("X-Shopify-API-Version", "2026-04");
    h.put("X-Shopify-Webhook-Id", webhookId);
    h.put("X-Shopify-Event-Id", "ev-" + webhookId);
    h.put("X-Shopify-Triggered-At", "2026-10-01T11:59:59.123Z");
    return h;
  }

  @Test
  void signedDeliveryIsAcceptedAndHandedOnWithItsIdentifiers() {
    WebhookIntake in = intake().build();
    byte[] body = order(1, "2026-10-01T08:00:00-04:00", "a");
    WebhookVerdict v = in.receive(headers("w-1", body, SECRET), body);
    assertEquals(Status.ACCEPTED, v.status());
    assertEquals(200, v.httpStatus());
    WebhookEvent e = queued.get(0);
    assertEquals("orders/updated", e.topic());
    assertEquals("w-1", e.webhookId());
    assertEquals("ev-w-1", e.eventId());
    assertEquals("acme.myshopify.com", e.shopDomain());
    assertEquals("2026-04", e.apiVersion());
    assertEquals("gid://shopify/Order/1", e.resourceId());
    assertEquals(Instant.parse("2026-10-01T12:00:00Z"), e.version());
    assertEquals(Instant.parse("2026-10-01T11:59:59.123Z"), e.triggeredAt());
    assertEquals("a", e.payload().path("note").asText());
  }

  @Test
  void lowerCaseEventsHeaderFamilyIsAccepted() {
    WebhookIntake in = intake().build();
    byte[] body =
        "{\"id\":5,\"updated_at\":\"2026-10-01T08:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("shopify-topic", "customers/update");
    h.put("shopify-hmac-sha256", WebhookSignature.of(SECRET).sign(body));
    h.put("shopify-webhook-id", "evt-1");
    h.put("shopify-event-id", "e-1");
    h.put("shopify-resource-id", "gid://shopify/Customer/5");
    h.put("shopify-triggered-at", "2026-10-01T08:00:01Z");
    WebhookVerdict v = in.receive(h, body);
    assertEquals(Status.ACCEPTED, v.status(), v.detail());
    assertEquals("gid://shopify/Customer/5", queued.get(0).resourceId());
    assertEquals("customers/update", queued.get(0).topic());
  }

  @Test
  void headerNamesMatchWhateverTheirCase() {
    WebhookIntake in = intake().build();
    byte[] body = order(1, "2026-10-01T08:00:00Z", "a");
    Map<String, String> lower = new LinkedHashMap<>();
    headers("w-9", body, SECRET).forEach((k, v) -> lower.put(k.toLowerCase(), v));
    assertEquals(Status.ACCEPTED, in.receive(lower, body).status());
  }

  @Test
  void badOrMissingSignatureIs401AndNothingIsQueued() {
    WebhookIntake in = intake().build();
    byte[] body = order(1, "2026-10-01T08:00:00Z", "a");
    WebhookVerdict wrong = in.receive(headers("w-1", body, "other-secret"), body);
    assertEquals(Status.BAD_SIGNATURE, wrong.status());
    assertEquals(401, wrong.httpStatus());
    Map<String, String> none = headers("w-2", body, SECRET);
    none.remove("X-Shopify-Hmac-Sha256");
    assertEquals(Status.BAD_SIGNATURE, in.receive(none, body).status());
    byte[] tampered = order(1, "2026-10-01T08:00:00Z", "b");
    assertEquals(Status.BAD_SIGNATURE, in.receive(headers("w-3", body, SECRET), tampered).status());
    assertTrue(queued.isEmpty());
  }

  @Test
  void eachMissingRequiredHeaderMakesTheDeliveryMalformed() {
    for (String header :
        List.of(
            "X-Shopify-Topic",
            "X-Shopify-Webhook-Id",
            "X-Shopify-Shop-Domain",
            "X-Shopify-API-Version")) {
      WebhookIntake in = intake().build();
      byte[] body = order(1, "2026-10-01T08:00:00Z", "a");
      Map<String, String> h = headers("w-1", body, SECRET);
      h.remove(header);
      WebhookVerdict v = in.receive(h, body);
      assertEquals(Status.MALFORMED, v.status(), header);
      assertEquals(400, v.httpStatus());
      assertTrue(v.detail().contains(header), v.detail());
    }
    assertTrue(queued.isEmpty());
  }

  @Test
  void signedBodyThatIsNotAJsonObjectOrHasABadTimestampIsMalformed() {
    WebhookIntake in = intake().build();
    for (String text : List.of("not json", "[1,2]", "{\"updated_at\":\"yesterday\"}")) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      assertEquals(
          Status.MALFORMED, in.receive(headers("w-" + text, body, SECRET), body).status(), text);
    }
    assertTrue(queued.isEmpty());
  }

  @Test
  void retriedDeliveryIsADuplicateWithinTheWindowAndNewAfterIt() {
    WebhookIntake in = intake().dedupeWindow(Duration.ofHours(4)).build();
    byte[] body = order(1, "2026-10-01T08:00:00Z", "a");
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", body, SECRET), body).status());
    clock.advance(Duration.ofHours(3).plusMinutes(59));
    WebhookVerdict dup = in.receive(headers("w-1", body, SECRET), body);
    assertEquals(Status.DUPLICATE, dup.status());
    assertEquals(200, dup.httpStatus());
    assertEquals(1, queued.size());
    clock.advance(Duration.ofMinutes(2));
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", body, SECRET), body).status());
  }

  @Test
  void olderVersionOfAResourceIsStaleAndEqualOrNewerIsTaken() {
    WebhookIntake in = intake().build();
    byte[] newer = order(1, "2026-10-01T10:00:00Z", "newer");
    byte[] older = order(1, "2026-10-01T09:00:00Z", "older");
    byte[] same = order(1, "2026-10-01T06:00:00-04:00", "same instant");
    byte[] otherOrder = order(2, "2026-10-01T01:00:00Z", "other");
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", newer, SECRET), newer).status());
    WebhookVerdict stale = in.receive(headers("w-2", older, SECRET), older);
    assertEquals(Status.STALE, stale.status());
    assertEquals(200, stale.httpStatus());
    assertEquals(Status.ACCEPTED, in.receive(headers("w-3", same, SECRET), same).status());
    assertEquals(
        Status.ACCEPTED, in.receive(headers("w-4", otherOrder, SECRET), otherOrder).status());
    assertEquals(
        List.of("newer", "same instant", "other"),
        queued.stream().map(e -> e.payload().path("note").asText()).toList());
  }

  @Test
  void payloadWithoutUpdatedAtIsNeverStale() {
    WebhookIntake in = intake().build();
    byte[] newer = order(1, "2026-10-01T10:00:00Z", "newer");
    byte[] delete = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    in.receive(headers("w-1", newer, SECRET), newer);
    assertEquals(Status.ACCEPTED, in.receive(headers("w-2", delete, SECRET), delete).status());
  }

  @Test
  void sinkThatCannotQueueGives503AndTheRedeliveryIsTaken() {
    List<WebhookEvent> taken = new ArrayList<>();
    boolean[] full = {true};
    WebhookIntake in =
        intake()
            .sink(
                e -> {
                  if (full[0]) {
                    throw new IllegalStateException("queue full");
                  }
                  taken.add(e);
                })
            .build();
    byte[] body = order(1, "2026-10-01T10:00:00Z", "a");
    WebhookVerdict v = in.receive(headers("w-1", body, SECRET), body);
    assertEquals(Status.UNAVAILABLE, v.status());
    assertEquals(503, v.httpStatus());
    assertFalse(v.acknowledged());
    full[0] = false;
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", body, SECRET), body).status());
    assertEquals(1, taken.size());
  }

  @Test
  void unavailableSinkDoesNotAdvanceTheVersionSoTheOlderRetryIsNotStale() {
    boolean[] full = {false};
    WebhookIntake in =
        intake()
            .sink(
                e -> {
                  if (full[0]) {
                    throw new SyncException("store down", null, ErrorContext.none(), true);
                  }
                  queued.add(e);
                })
            .build();
    byte[] older = order(1, "2026-10-01T09:00:00Z", "older");
    byte[] newer = order(1, "2026-10-01T10:00:00Z", "newer");
    full[0] = true;
    assertEquals(Status.UNAVAILABLE, in.receive(headers("w-2", newer, SECRET), newer).status());
    full[0] = false;
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", older, SECRET), older).status());
    assertEquals(Status.ACCEPTED, in.receive(headers("w-2", newer, SECRET), newer).status());
  }

  @Test
  void fullQueueAnswers503AtOnceAndTheRedeliveryIsTakenOnceThereIsRoom() {
    java.util.concurrent.ArrayBlockingQueue<WebhookEvent> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(1);
    WebhookIntake in = intake().sink(WebhookSink.offerTo(queue)).build();
    byte[] a = order(1, "2026-10-01T10:00:00Z", "a");
    byte[] b = order(2, "2026-10-01T10:00:00Z", "b");
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", a, SECRET), a).status());
    WebhookVerdict full = in.receive(headers("w-2", b, SECRET), b);
    assertEquals(Status.UNAVAILABLE, full.status());
    assertTrue(full.detail().contains("queue is full"), full.detail());
    assertEquals("w-1", queue.poll().webhookId());
    assertEquals(Status.ACCEPTED, in.receive(headers("w-2", b, SECRET), b).status());
    assertEquals("w-2", queue.poll().webhookId());
  }

  @Test
  void payloadTheSinkCanNeverTakeIsRejectedButAcknowledged() {
    WebhookIntake in =
        intake()
            .sink(
                e -> {
                  throw new ValidationException(
                      "Shopify order", List.of(dev.retailsync.api.FieldError.redacted("x", "bad")));
                })
            .build();
    byte[] body = order(1, "2026-10-01T10:00:00Z", "a");
    WebhookVerdict v = in.receive(headers("w-1", body, SECRET), body);
    assertEquals(Status.REJECTED, v.status());
    assertTrue(v.acknowledged());
    assertEquals(Status.DUPLICATE, in.receive(headers("w-1", body, SECRET), body).status());
  }

  @Test
  void rotationAcceptsDeliveriesSignedWithEitherSecret() {
    WebhookIntake in = intake().signature(WebhookSignature.rotating("new-secret", SECRET)).build();
    byte[] a = order(1, "2026-10-01T10:00:00Z", "a");
    byte[] b = order(2, "2026-10-01T10:00:00Z", "b");
    assertEquals(Status.ACCEPTED, in.receive(headers("w-1", a, SECRET), a).status());
    assertEquals(Status.ACCEPTED, in.receive(headers("w-2", b, "new-secret"), b).status());
  }

  @Test
  void builderNamesWhatIsMissingOrTooShort() {
    assertEquals(
        "signature",
        assertThrows(ValidationException.class, () -> WebhookIntake.builder().sink(e -> {}).build())
            .errors()
            .get(0)
            .path());
    assertEquals(
        "dedupeWindow",
        assertThrows(
                ValidationException.class, () -> intake().dedupeWindow(Duration.ofHours(1)).build())
            .errors()
            .get(0)
            .path());
  }

  @Test
  void logsAndToStringNeverCarryTheSecretTheSignatureOrTheBody() {
    WebhookIntake in = intake().build();
    byte[] body = order(1, "2026-10-01T10:00:00Z", "customer-secret-note");
    Map<String, String> good = headers("w-1", body, SECRET);
    Map<String, String> bad = headers("w-2", body, "wrong-secret");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      in.receive(good, body);
      in.receive(bad, body);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("w-2"), "the refused delivery is logged by id: " + log);
    assertFalse(log.contains(SECRET));
    assertFalse(log.contains(good.get("X-Shopify-Hmac-Sha256")));
    assertFalse(log.contains(bad.get("X-Shopify-Hmac-Sha256")));
    assertFalse(log.contains("customer-secret-note"));
    assertFalse(in.toString().contains(SECRET));
    assertFalse(queued.get(0).toString().contains("customer-secret-note"));
  }

  @Test
  void boundedDedupeStoreEvictsTheOldestClaim() {
    InMemoryWebhookDedupeStore store = InMemoryWebhookDedupeStore.withMaxEntries(2);
    Instant now = clock.instant();
    Instant later = now.plus(Duration.ofHours(4));
    assertTrue(store.claim("a", now, later));
    assertTrue(store.claim("b", now, later));
    assertTrue(store.claim("c", now, later));
    assertEquals(2, store.size());
    assertEquals(1, store.evicted());
    assertFalse(store.claim("c", now, later));
    assertTrue(store.claim("a", now, later));
  }

  @Test
  void boundedVersionStoreForgetsTheLeastRecentlyUsedResource() {
    InMemoryResourceVersionStore store = InMemoryResourceVersionStore.withMaxEntries(2);
    Instant t = clock.instant();
    store.advance("r1", t);
    store.advance("r2", t);
    store.version("r1");
    store.advance("r3", t);
    assertNull(store.version("r2"));
    assertEquals(t, store.version("r1"));
    store.advance("r1", t.minusSeconds(5));
    assertEquals(t, store.version("r1"));
  }
}
