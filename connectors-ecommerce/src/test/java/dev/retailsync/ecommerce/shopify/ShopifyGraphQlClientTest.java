package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShopifyGraphQlClientTest {
  private static final String CUSTOMERS =
      "query($first: Int!, $after: String) { customers(first: $first, after: $after) {"
          + " pageInfo { hasNextPage endCursor } nodes { id firstName defaultEmailAddress {"
          + " emailAddress } } } }";
  private static final String CREATE =
      "mutation($input: CustomerSetInput!) { customerSet(input: $input) { customer { id }"
          + " userErrors { code field message } } }";

  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);
  private final List<String> events = new ArrayList<>();

  private ShopifyGraphQlClient client() {
    shop.acceptToken("shpat_test");
    return ShopifyGraphQlClient.builder()
        .http(shop.client())
        .baseUrl(FakeShopify.BASE_URL)
        .tokens(ShopifyTokens.staticToken("shpat_test", clock))
        .clock(clock)
        .sleeper(clock.sleeper())
        .random(new Random(1))
        .listener(
            new ShopifyListener() {
              @Override
              public void versionFellForward(String requested, String served) {
                events.add("version " + requested + "->" + served);
              }

              @Override
              public void deprecated(String reason) {
                events.add("deprecated " + reason);
              }

              @Override
              public void retrying(int attempt, String reason, Duration wait) {
                events.add("retry " + attempt + " " + reason);
              }
            })
        .build();
  }

  private void seed(int n) {
    for (int i = 0; i < n; i++) {
      shop.putCustomer(
          ShopifyGraphQlClient.JSON
              .createObjectNode()
              .put("firstName", "C" + i)
              .set(
                  "defaultEmailAddress",
                  ShopifyGraphQlClient.JSON
                      .createObjectNode()
                      .put("emailAddress", "c" + i + "@example.com")));
    }
  }

  @Test
  void queriesThePinnedEndpointWithTheAccessTokenHeaderAndPagesByCursor() {
    seed(5);
    ShopifyGraphQlClient c = client();
    List<String> names = new ArrayList<>();
    String after = null;
    do {
      java.util.HashMap<String, Object> vars = new java.util.HashMap<>();
      vars.put("first", 2);
      vars.put("after", after);
      GraphQlResponse r = c.execute(GraphQlRequest.query(CUSTOMERS, vars));
      r.field("customers").path("nodes").forEach(n -> names.add(n.path("firstName").asText()));
      after =
          r.field("customers").path("pageInfo").path("hasNextPage").asBoolean()
              ? r.field("customers").path("pageInfo").path("endCursor").asText()
              : null;
      assertEquals(2 + 2 * 2, r.requestedCost().orElseThrow());
    } while (after != null);
    assertEquals(List.of("C0", "C1", "C2", "C3", "C4"), names);
    FakeShopify.Recorded first = shop.requests().get(0);
    assertEquals("/admin/api/2026-04/graphql.json", first.path());
    assertEquals("shpat_test", first.headers().get("X-Shopify-Access-Token"));
    assertEquals(3, shop.requests().size());
    assertFalse(c.fellForward());
  }

  @Test
  void throttledTwoHundredIsRetriedAfterTheDeficitOverTheRestoreRate() {
    seed(1);
    shop.costBucket(100, 10);
    shop.drainBucketTo(0);
    ShopifyGraphQlClient c = client();
    GraphQlResponse r = c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 10)));
    assertEquals(1, r.field("customers").path("nodes").size());
    assertEquals(1, shop.throttledCount());
    // requested 2 + 10 * 2 = 22 points with 0 available at 10 points/s: 2.2 s, plus <= 10 % jitter
    Duration wait = clock.sleeps().get(0);
    assertTrue(wait.compareTo(Duration.ofMillis(2200)) >= 0, wait.toString());
    assertTrue(wait.compareTo(Duration.ofMillis(2420)) <= 0, wait.toString());
    assertEquals(List.of("retry 1 THROTTLED"), events);
  }

  @Test
  void onceTheBucketIsKnownRequestsWaitBeforeSendingInsteadOfBeingThrottled() {
    seed(3);
    shop.costBucket(50, 5);
    ShopifyGraphQlClient c = client();
    for (int i = 0; i < 20; i++) {
      c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 10)));
    }
    assertEquals(0, shop.throttledCount());
    assertEquals(20, shop.requests().size());
    // Each request reserves its requested 22 points but is charged its actual 2 + 3 x 2 = 8 (the
    // rest is refunded): 20 x 8 from a 50-point bucket restoring 5/s needs (160 - 50) / 5 = 22 s,
    // plus the last request's 14 reserved points (2.8 s).
    assertTrue(clock.slept().compareTo(Duration.ofSeconds(22)) >= 0, clock.slept().toString());
    assertTrue(clock.slept().compareTo(Duration.ofSeconds(28)) <= 0, clock.slept().toString());
    assertEquals(160, shop.pointsCharged());
    assertEquals(440, shop.pointsRequested());
  }

  @Test
  void queryOverTheSingleQueryMaximumIsRefusedBeforeSending() {
    ShopifyGraphQlClient c = client();
    String heavy =
        "query { customers(first: 250) { nodes { id addressesV2(first: 10) { nodes { city } } }"
            + " } }";
    ValidationException e =
        assertThrows(ValidationException.class, () -> c.execute(GraphQlRequest.query(heavy, null)));
    assertTrue(e.getMessage().contains("requestedQueryCost"), e.getMessage());
    assertTrue(e.getMessage().contains("3252"), e.getMessage());
    assertTrue(
        shop.requests().stream().noneMatch(r -> r.fields().contains("customers")),
        "only the one-point budget probe went out: " + shop.requests());
  }

  @Test
  void retryAfterInFractionalSecondsIsHonouredAndAnHourIsCapped() {
    seed(1);
    ShopifyGraphQlClient c = client();
    shop.failNext(429, "2.5");
    c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    Duration first = clock.sleeps().get(0);
    assertTrue(first.compareTo(Duration.ofMillis(2500)) >= 0, first.toString());
    assertTrue(first.compareTo(Duration.ofMillis(2750)) <= 0, first.toString());
    shop.failNext(429, "3600");
    c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    Duration capped = clock.sleeps().get(1);
    assertTrue(capped.compareTo(Duration.ofSeconds(30)) >= 0, capped.toString());
    assertTrue(capped.compareTo(Duration.ofSeconds(33)) <= 0, capped.toString());
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    seed(1);
    ShopifyGraphQlClient c = client();
    shop.failNext(503, "Thu, 01 Oct 2026 10:00:04 GMT");
    c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    Duration wait = clock.sleeps().get(0);
    assertTrue(wait.compareTo(Duration.ofSeconds(4)) >= 0, wait.toString());
    assertTrue(wait.compareTo(Duration.ofMillis(4400)) <= 0, wait.toString());
  }

  @Test
  void mutationWithoutKeyIsNotSentTwiceAfterATimeoutAndEndsOutcomeUnknown() {
    ShopifyGraphQlClient c = client();
    shop.timeoutAfterApplyingNext();
    RemoteSystemException e =
        assertThrows(
            RemoteSystemException.class,
            () ->
                c.execute(
                    GraphQlRequest.mutation(
                        CREATE, Map.of("input", Map.of("email", "new@example.com")))));
    assertEquals(ShopifyGraphQlException.OUTCOME_UNKNOWN, e.errorCode().orElseThrow());
    assertTrue(e.isRetryable());
    assertEquals(1, shop.requests().size());
    assertEquals(1, shop.customers().size(), "the shop applied it once");
  }

  @Test
  void mutationWithoutKeyGetting503IsOutcomeUnknownButA429IsRetried() {
    ShopifyGraphQlClient c = client();
    shop.failNext(503, null);
    RemoteSystemException e =
        assertThrows(
            RemoteSystemException.class,
            () ->
                c.execute(
                    GraphQlRequest.mutation(CREATE, Map.of("input", Map.of("firstName", "A")))));
    assertEquals(ShopifyGraphQlException.OUTCOME_UNKNOWN, e.errorCode().orElseThrow());
    shop.failNext(429, "1");
    c.execute(GraphQlRequest.mutation(CREATE, Map.of("input", Map.of("firstName", "B"))));
    assertEquals(1, shop.customers().size());
    assertEquals(3, shop.requests().size());
  }

  @Test
  void queriesAreRetriedAfter5xxAndTimeouts() {
    seed(1);
    ShopifyGraphQlClient c = client();
    shop.failNext(502, null);
    shop.timeoutNext();
    GraphQlResponse r = c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    assertEquals(1, r.field("customers").path("nodes").size());
    assertEquals(List.of("retry 1 HTTP 502", "retry 2 timeout"), events);
    assertEquals(3, shop.requests().size());
  }

  @Test
  void topLevelErrorsAreTypedAndNotRetried() {
    ShopifyGraphQlClient c = client();
    ShopifyGraphQlException e =
        assertThrows(
            ShopifyGraphQlException.class,
            () -> c.execute(GraphQlRequest.query("{ noSuchField { id } }", null)));
    assertEquals("undefinedField", e.errors().get(0).code());
    assertFalse(e.isRetryable());
    assertEquals(1, shop.requests().size());
  }

  @Test
  void aServerThatFellForwardIsReported() {
    seed(1);
    shop.serveVersion("2026-07");
    shop.deprecationReason("https://shopify.dev/changelog/x");
    ShopifyGraphQlClient c = client();
    c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1)));
    assertTrue(c.fellForward());
    assertEquals("2026-07", c.servedApiVersion());
    assertEquals(1, events.stream().filter(e -> e.startsWith("version")).count());
    assertTrue(events.contains("version 2026-04->2026-07"));
    assertTrue(events.contains("deprecated https://shopify.dev/changelog/x"));
  }

  @Test
  void aRevokedStaticTokenFailsWithAuthenticationError() {
    seed(1);
    ShopifyGraphQlClient c = client();
    shop.revokeTokens();
    assertThrows(
        AuthenticationException.class,
        () -> c.execute(GraphQlRequest.query(CUSTOMERS, Map.of("first", 1))));
    assertEquals(2, shop.requests().size(), "one retry with a fresh token, then fail");
  }

  @Test
  void idempotentMutationMustCarryItsKeyInTheDirective() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphQlRequest.idempotentMutation(CREATE, Map.of(), "k1"));
    assertTrue(e.getMessage().contains("@idempotent(key: \"k1\")"));
  }

  @Test
  void toStringShowsNeitherTokenNorVariables() {
    ShopifyGraphQlClient c = client();
    GraphQlRequest r =
        GraphQlRequest.mutation(CREATE, Map.of("input", Map.of("email", "ada@example.com")));
    assertFalse(r.toString().contains("ada@example.com"));
    assertFalse(c.toString().contains("shpat_test"));
    assertFalse(ShopifyTokens.staticToken("shpat_secret", clock).toString().contains("shpat"));
  }
}
