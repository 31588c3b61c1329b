package dev.retailsync.ecommerce.shopify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionMonitorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URI = "https://host.example/webhooks/shopify";

  /** Answers the two documents the way the Admin API does, over an in-memory list. */
  private static final class FakeAdmin implements GraphQlCall {
    final List<ObjectNode> subs = new ArrayList<>();
    final List<JsonNode> creates = new ArrayList<>();
    int pageSize = 1;
    String userError;

    @Override
    public JsonNode execute(String document, JsonNode variables) {
      ObjectNode data = JSON.createObjectNode();
      if (document.equals(WebhookSubscriptions.LIST_QUERY)) {
        int from = variables.path("cursor").isNull() ? 0 : variables.path("cursor").asInt();
        ObjectNode conn = data.putObject("webhookSubscriptions");
        ArrayNode nodes = conn.putArray("nodes");
        for (int i = from; i < Math.min(subs.size(), from + pageSize); i++) {
          nodes.add(subs.get(i));
        }
        boolean more = from + pageSize < subs.size();
        conn.putObject("pageInfo")
            .put("hasNextPage", more)
            .put("endCursor", more ? String.valueOf(from + pageSize) : null);
      } else if (document.equals(WebhookSubscriptions.CREATE_MUTATION)) {
        creates.add(variables);
        ObjectNode payload = data.putObject("webhookSubscriptionCreate");
        ArrayNode errors = payload.putArray("userErrors");
        if (userError != null) {
          errors
              .addObject()
              .put("message", userError)
              .putArray("field")
              .add("webhookSubscription")
              .add("uri");
          payload.putNull("webhookSubscription");
        } else {
          ObjectNode s = sub(subs.size() + 100, variables.path("topic").asText(), URI);
          subs.add(s);
          payload.set("webhookSubscription", s);
        }
      } else {
        throw new AssertionError("unexpected document " + document);
      }
      return data;
    }

    static ObjectNode sub(int id, String topic, String uri) {
      return JSON.createObjectNode()
          .put("id", "gid://shopify/WebhookSubscription/" + id)
          .put("topic", topic)
          .put("uri", uri);
    }
  }

  @Test
  void missingSubscriptionIsRecreatedAndTheGapRunsFromTheLastHealthySighting() {
    TestClock clock = new TestClock(Instant.parse("2026-10-01T00:00:00Z"));
    FakeAdmin admin = new FakeAdmin();
    admin.subs.add(FakeAdmin.sub(1, "ORDERS_UPDATED", URI));
    admin.subs.add(FakeAdmin.sub(2, "FULFILLMENTS_CREATE", URI));
    admin.subs.add(FakeAdmin.sub(3, "INVENTORY_LEVELS_UPDATE", "https://elsewhere.example/"));
    List<SubscriptionGap> gaps = new ArrayList<>();
    SubscriptionMonitor monitor =
        SubscriptionMonitor.builder()
            .subscriptions(WebhookSubscriptions.overGraphQl(admin))
            .uri(URI)
            .addTopics("orders/updated", "fulfillments/create", "inventory_levels/update")
            .clock(clock)
            .onGap(gaps::add)
            .build();

    clock.advance(Duration.ofMinutes(5));
    SubscriptionReport first = monitor.check();
    // inventory_levels/update points elsewhere: ours is missing since monitoring started.
    assertEquals(List.of("fulfillments/create", "orders/updated"), first.healthy());
    assertEquals(1, first.recreated().size());
    SubscriptionGap g0 = first.recreated().get(0);
    assertEquals("inventory_levels/update", g0.topic());
    assertEquals(Instant.parse("2026-10-01T00:00:00Z"), g0.from());
    assertEquals(Instant.parse("2026-10-01T00:05:00Z"), g0.to());
    assertEquals("INVENTORY_LEVELS_UPDATE", admin.creates.get(0).path("topic").asText());
    assertEquals(URI, admin.creates.get(0).path("webhookSubscription").path("uri").asText());

    // Shopify deletes the failing orders/updated subscription; a delivery was taken at 00:20.
    clock.advance(Duration.ofMinutes(15));
    monitor.onVerdict(
        new WebhookVerdict(WebhookVerdict.Status.ACCEPTED, "orders/updated", "w", "ok"),
        clock.instant());
    admin.subs.remove(0);
    clock.advance(Duration.ofMinutes(40));
    SubscriptionReport second = monitor.check();
    assertEquals(1, second.recreated().size());
    SubscriptionGap g1 = second.recreated().get(0);
    assertEquals("orders/updated", g1.topic());
    assertEquals(Instant.parse("2026-10-01T00:20:00Z"), g1.from());
    assertEquals(Instant.parse("2026-10-01T01:00:00Z"), g1.to());
    assertTrue(g1.subscriptionId().startsWith("gid://shopify/WebhookSubscription/"));
    assertEquals(
        "updated_at:>='2026-10-01T00:19:59Z' AND updated_at:<='2026-10-01T01:00:01Z'",
        g1.searchQuery());
    assertEquals(List.of(g0, g1), gaps);

    clock.advance(Duration.ofMinutes(5));
    assertTrue(monitor.check().allHealthy());
  }

  @Test
  void failedRecreationIsReportedAndTriedAgainWithTheGapStillOpen() {
    TestClock clock = new TestClock(Instant.parse("2026-10-01T00:00:00Z"));
    FakeAdmin admin = new FakeAdmin();
    admin.userError = "Address for this topic has already been taken";
    SubscriptionMonitor monitor =
        SubscriptionMonitor.builder()
            .subscriptions(WebhookSubscriptions.overGraphQl(admin))
            .uri(URI)
            .addTopics("refunds/create")
            .clock(clock)
            .build();
    clock.advance(Duration.ofMinutes(5));
    SubscriptionReport r = monitor.check();
    assertTrue(r.failed().get("refunds/create").contains("already been taken"));
    admin.userError = null;
    clock.advance(Duration.ofMinutes(5));
    SubscriptionGap gap = monitor.check().recreated().get(0);
    assertEquals(Instant.parse("2026-10-01T00:00:00Z"), gap.from());
  }

  @Test
  void scheduledChecksSurviveAFailingCallAndKeepReporting() {
    TestClock clock = new TestClock(Instant.parse("2026-10-01T00:00:00Z"));
    FakeAdmin admin = new FakeAdmin();
    boolean[] down = {true};
    GraphQlCall flaky =
        (doc, vars) -> {
          if (down[0]) {
            throw new IllegalStateException("Shopify unreachable");
          }
          return admin.execute(doc, vars);
        };
    List<Runnable> scheduled = new ArrayList<>();
    List<Duration> delays = new ArrayList<>();
    dev.retailsync.core.engine.SyncScheduler scheduler =
        new dev.retailsync.core.engine.SyncScheduler() {
          @Override
          public void sleep(Duration duration) {
            throw new AssertionError("the monitor never sleeps");
          }

          @Override
          public java.util.concurrent.Future<?> scheduleWithFixedDelay(
              Runnable task, Duration initialDelay, Duration delay) {
            scheduled.add(task);
            delays.add(delay);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
          }
        };
    List<SubscriptionReport> reports = new ArrayList<>();
    SubscriptionMonitor.builder()
        .subscriptions(WebhookSubscriptions.overGraphQl(flaky))
        .uri(URI)
        .addTopics("orders/updated")
        .clock(clock)
        .build()
        .start(scheduler, Duration.ofMinutes(5), reports::add);
    assertEquals(List.of(Duration.ofMinutes(5)), delays);
    scheduled.get(0).run();
    assertTrue(reports.isEmpty());
    down[0] = false;
    scheduled.get(0).run();
    assertEquals("orders/updated", reports.get(0).recreated().get(0).topic());
  }

  @Test
  void createUserErrorsBecomeAValidationExceptionNamingTheField() {
    FakeAdmin admin = new FakeAdmin();
    admin.userError = "Address is invalid";
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> WebhookSubscriptions.overGraphQl(admin).create("orders/create", URI));
    assertEquals("webhookSubscription.uri", e.errors().get(0).path());
  }

  @Test
  void topicsConvertBetweenRestAndGraphQlForms() {
    assertEquals("ORDERS_UPDATED", WebhookSubscription.graphQlTopic("orders/updated"));
    assertEquals("orders/updated", WebhookSubscription.restTopic("ORDERS_UPDATED"));
    assertEquals(
        "inventory_levels/update", WebhookSubscription.restTopic("INVENTORY_LEVELS_UPDATE"));
    assertEquals(
        "orders/partially_fulfilled", WebhookSubscription.restTopic("ORDERS_PARTIALLY_FULFILLED"));
    assertEquals(
        "topic",
        assertThrows(
                ValidationException.class,
                () ->
                    SubscriptionMonitor.builder()
                        .subscriptions(WebhookSubscriptions.overGraphQl(new FakeAdmin()))
                        .uri(URI)
                        .addTopics("ORDERS_UPDATED")
                        .build())
            .errors()
            .get(0)
            .path());
  }
}
