package dev.retailsync.ecommerce.shopify.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.ecommerce.shopify.GraphQlDocument;
import dev.retailsync.ecommerce.shopify.GraphQlDocument.Field;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An in-process emulation of one shop's Admin GraphQL API (version 2026-04) at the OkHttp level: no
 * sockets, usable from a plain JUnit test. Add {@link #interceptor()} to an {@code OkHttpClient}
 * (or use {@link #client()}), point the connector at {@link #BASE_URL}, seed data, run the
 * connector, and inspect the state and {@link #requests()} afterwards.
 *
 * <p>What it models, following Shopify's documentation:
 *
 * <ul>
 *   <li>Auth: {@code X-Shopify-Access-Token}; the token endpoint {@code /admin/oauth/access_token}
 *       with the client credentials grant and expiring offline tokens whose refresh token rotates
 *       (the previous one stays valid until the new one is used); 401 for unknown or expired
 *       tokens.
 *   <li>Cost: every request's cost is estimated by Shopify's rules; a leaky bucket with a restore
 *       rate answers {@code THROTTLED} inside an HTTP 200 when the request does not fit, and {@code
 *       MAX_COST_EXCEEDED} over 1,000 points; every response carries {@code extensions.cost}.
 *   <li>Customers ({@code customers}, {@code customer}, {@code nodes}, {@code customerSet}, the
 *       marketing consent mutations, {@code metafieldsSet}); locations, products, variants,
 *       inventory items and levels ({@code inventoryItems}, {@code productVariants}, {@code
 *       inventorySetQuantities}, {@code inventoryAdjustQuantities}); cursor pagination with {@code
 *       first}, {@code after} and {@code pageInfo} (at most 250 a page); search queries on {@code
 *       id}, {@code sku}, {@code email}, {@code phone} and {@code updated_at}.
 *   <li>2026-04 inventory semantics: {@code @idempotent(key:)} required; a repeated key returns the
 *       first result without applying again; the same key with other arguments is {@code
 *       IDEMPOTENCY_KEY_PARAMETER_MISMATCH}; {@code changeFromQuantity} required on every quantity
 *       and compared with the current quantity ({@code CHANGE_FROM_QUANTITY_STALE}).
 *   <li>Orders ({@link #putOrder}, {@code orders} with {@code updated_at} search and {@code
 *       UPDATED_AT} sort, {@code order}, {@code node}) with line items, fulfilment orders and
 *       fulfilments; {@code fulfillmentCreate} fulfils fulfilment order line items with tracking
 *       and answers {@code userErrors} for over-fulfilment, unknown or closed fulfilment orders and
 *       mixed locations ({@link #fulfillments(String)} shows the result).
 *   <li>Bulk operations: {@code bulkOperationRunQuery}, {@code bulkOperation(id:)} polling, and a
 *       JSONL result at a download URL with children flattened and linked by {@code __parentId}.
 *   <li>Scripted faults: {@link #failNext} (429 or 5xx, with {@code Retry-After}), {@link
 *       #timeoutNext} and {@link #timeoutAfterApplyingNext} (the shop applied the request, the
 *       client saw a timeout), a served version other than the requested one, deprecation notices.
 * </ul>
 *
 * <p>Selections are honoured field by field, so the response has the shape the query asked for.
 * Thread-safe.
 */
public final class FakeShopify {
  /** The shop's base URL. */
  public static final String BASE_URL = "https://fake-shop.myshopify.com";

  /** The token endpoint. */
  public static final String TOKEN_URL = BASE_URL + "/admin/oauth/access_token";

  private static final String BULK_HOST = "storage.fake-shopify.test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NF = JsonNodeFactory.instance;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final Set<String> REASONS =
      Set.of(
          "correction",
          "cycle_count_available",
          "cycle_count",
          "damaged",
          "movement_created",
          "movement_updated",
          "movement_received",
          "movement_canceled",
          "other",
          "promotion",
          "quality_control",
          "received",
          "reservation_created",
          "reservation_deleted",
          "reservation_updated",
          "restock",
          "safety_stock",
          "shrinkage");
  private static final Set<String> IDEMPOTENT_REQUIRED =
      Set.of("inventorySetQuantities", "inventoryAdjustQuantities");

  private final Clock clock;
  private long nextId = 1000;

  // auth
  private final Map<String, Instant> tokens = new HashMap<>();
  private String clientId;
  private String clientSecret;
  private Duration tokenLifetime = Duration.ofHours(24);
  private String refreshCurrent;
  private String refreshPrevious;
  private int tokenRequests;

  // cost
  private double bucketMax = 2000;
  private double restoreRate = 100;
  private double available = 2000;
  private Instant bucketAt;
  private long pointsCharged;
  private long requestedTotal;
  private int throttled;

  // data
  private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
  private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
  private final Map<String, ObjectNode> webhookSubscriptions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> locations = new LinkedHashMap<>();
  private final Map<String, ObjectNode> products = new LinkedHashMap<>();
  private final Map<String, ObjectNode> variants = new LinkedHashMap<>();
  private final Map<String, ObjectNode> items = new LinkedHashMap<>();
  private final TreeMap<String, Map<String, Integer>> levels = new TreeMap<>();
  private final Map<String, Stored> idempotency = new HashMap<>();
  private final Map<String, Integer> applied = new TreeMap<>();
  private final Map<String, BulkOp> bulkOps = new LinkedHashMap<>();
  private int bulkPollsUntilComplete = 1;

  // behaviour
  private final Deque<Fault> faults = new ArrayDeque<>();
  private Runnable afterQuery;
  private int concurrentNext;
  private String afterQueryField;
  private final List<Recorded> requests = new ArrayList<>();
  private String servedVersion;
  private String deprecationReason;
  private Set<String> accessScopes = Set.of();

  /**
   * Creates a fake shop with a 2,000-point bucket restoring 100 points a second.
   *
   * @param clock the clock the shop reads time from (timestamps, bucket refill, token expiry)
   */
  public FakeShopify(Clock clock) {
    this.clock = clock;
    this.bucketAt = clock.instant();
  }

  // ---------------------------------------------------------------- set-up and inspection

  /**
   * Returns the interceptor that answers every request in process.
   *
   * @return the interceptor
   */
  public Interceptor interceptor() {
    return chain -> {
      Request request = chain.request();
      Fault fault = null;
      Runnable after = null;
      if (request.url().encodedPath().endsWith("graphql.json")) {
        String text = readBody(request);
        boolean mutation = isMutation(text);
        synchronized (this) {
          Fault next = faults.peek();
          if (next != null && (!next.mutationsOnly || mutation)) {
            fault = faults.poll();
          }
          if (!mutation && afterQuery != null && topFields(text).contains(afterQueryField)) {
            after = afterQuery;
            afterQuery = null;
          }
        }
      }
      if (fault != null && fault.kind == Fault.Kind.TIMEOUT_BEFORE) {
        record(request, readBody(request));
        throw new SocketTimeoutException("timeout (scripted by FakeShopify)");
      }
      if (fault != null && fault.kind == Fault.Kind.STATUS) {
        record(request, readBody(request));
        Response.Builder b =
            new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(fault.status)
                .message("scripted")
                .body(ResponseBody.create("{\"errors\":\"scripted failure\"}", JSON_TYPE));
        if (fault.retryAfter != null) {
          b.header("Retry-After", fault.retryAfter);
        }
        return b.build();
      }
      Response response = handle(request);
      if (after != null) {
        after.run();
      }
      if (fault != null && fault.kind == Fault.Kind.TIMEOUT_AFTER) {
        response.close();
        throw new SocketTimeoutException("timeout after the shop applied it (FakeShopify)");
      }
      return response;
    };
  }

  /**
   * Returns an {@code OkHttpClient} that talks to this fake only.
   *
   * @return the client
   */
  public OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(interceptor()).build();
  }

  /**
   * Accepts a static (custom app) access token.
   *
   * @param token the token
   */
  public synchronized void acceptToken(String token) {
    tokens.put(token, Instant.MAX);
  }

  /**
   * Enables the client credentials grant for an app.
   *
   * @param id the client id
   * @param secret the client secret
   * @param lifetime how long issued tokens last (Shopify: about 24 hours)
   */
  public synchronized void clientCredentials(String id, String secret, Duration lifetime) {
    this.clientId = id;
    this.clientSecret = secret;
    this.tokenLifetime = lifetime;
  }

  /**
   * Enables expiring offline tokens for an app: the refresh-token grant with rotation.
   *
   * @param id the client id
   * @param secret the client secret
   * @param refreshToken the refresh token the app holds now
   * @param lifetime how long issued access tokens last (Shopify: 60 minutes)
   */
  public synchronized void expiringOffline(
      String id, String secret, String refreshToken, Duration lifetime) {
    clientCredentials(id, secret, lifetime);
    this.refreshCurrent = refreshToken;
    this.refreshPrevious = null;
  }

  /**
   * Returns how many token requests the token endpoint received.
   *
   * @return the count
   */
  public synchronized int tokenRequests() {
    return tokenRequests;
  }

  /**
   * Returns the refresh token the shop considers current.
   *
   * @return the token, or {@code null}
   */
  public synchronized String currentRefreshToken() {
    return refreshCurrent;
  }

  /** Revokes every access token issued so far (the next call gets a 401). */
  public synchronized void revokeTokens() {
    tokens.replaceAll((t, exp) -> Instant.MIN);
  }

  /**
   * Sizes the cost bucket and fills it.
   *
   * @param maximumAvailable the bucket's size
   * @param restoreRate the points restored per second
   */
  public synchronized void costBucket(double maximumAvailable, double restoreRate) {
    this.bucketMax = maximumAvailable;
    this.restoreRate = restoreRate;
    this.available = maximumAvailable;
    this.bucketAt = clock.instant();
  }

  /**
   * Sets the points the bucket holds now (another app of the same shop spent the rest).
   *
   * @param points the points
   */
  public synchronized void drainBucketTo(double points) {
    refill();
    this.available = points;
  }

  /**
   * Returns the points charged so far for requests that ran: their actual cost, after Shopify's
   * refund of the requested points the response did not use.
   *
   * @return the points
   */
  public synchronized long pointsCharged() {
    return pointsCharged;
  }

  /**
   * Returns the points requested so far (before refunds) by requests that ran.
   *
   * @return the points
   */
  public synchronized long pointsRequested() {
    return requestedTotal;
  }

  /**
   * Returns how many requests were answered {@code THROTTLED}.
   *
   * @return the count
   */
  public synchronized int throttledCount() {
    return throttled;
  }

  /**
   * Makes the shop answer with another version than the requested one (a fall-forward).
   *
   * @param version the version to serve, or {@code null} to serve the requested one
   */
  public synchronized void serveVersion(String version) {
    this.servedVersion = version;
  }

  /**
   * Adds {@code X-Shopify-API-Deprecated-Reason} to every response.
   *
   * @param reason the notice, or {@code null} for none
   */
  public synchronized void deprecationReason(String reason) {
    this.deprecationReason = reason;
  }

  /**
   * Sets the scopes the app was granted beyond the basic customer, inventory, product and order
   * ones, as {@code currentAppInstallation.accessScopes} reports them (such as {@code
   * read_all_orders}).
   *
   * @param scopes the scopes
   */
  public synchronized void accessScopes(Set<String> scopes) {
    this.accessScopes = Set.copyOf(scopes);
  }

  /**
   * Answers the next GraphQL request with an HTTP error, without processing it.
   *
   * @param status the status, such as 429 or 503
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   */
  public synchronized void failNext(int status, String retryAfter) {
    faults.add(new Fault(Fault.Kind.STATUS, status, retryAfter));
  }

  /** Times the next GraphQL request out before the shop receives it. */
  public synchronized void timeoutNext() {
    faults.add(new Fault(Fault.Kind.TIMEOUT_BEFORE, 0, null));
  }

  /** Applies the next GraphQL request, then lets the client time out before the answer. */
  public synchronized void timeoutAfterApplyingNext() {
    faults.add(new Fault(Fault.Kind.TIMEOUT_AFTER, 0, null));
  }

  /**
   * Applies the next mutation (queries before it pass untouched), then lets the client time out
   * before the answer.
   */
  public synchronized void timeoutAfterApplyingNextMutation() {
    Fault f = new Fault(Fault.Kind.TIMEOUT_AFTER, 0, null);
    f.mutationsOnly = true;
    faults.add(f);
  }

  /**
   * Answers the next mutation that carries an idempotency key with {@code
   * IDEMPOTENCY_CONCURRENT_REQUEST}, without applying it, as when an earlier request with the same
   * key is still running.
   */
  public synchronized void concurrentRequestNext() {
    concurrentNext++;
  }

  /**
   * Runs an action right after the next query of a top-level field is answered: another writer
   * acting between the connector's read and its write.
   *
   * @param field the query's top-level field, such as {@code inventoryItems}
   * @param action the action, such as {@code () -> fake.setQuantity(...)}
   */
  public synchronized void afterNextQuery(String field, Runnable action) {
    this.afterQueryField = field;
    this.afterQuery = action;
  }

  /**
   * Sets how many polls a bulk operation stays {@code RUNNING}; 1 by default.
   *
   * @param polls the number of polls
   */
  public synchronized void bulkPollsUntilComplete(int polls) {
    this.bulkPollsUntilComplete = polls;
  }

  /**
   * Returns the GraphQL requests received, oldest first.
   *
   * @return a copy
   */
  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /**
   * Returns how many times each mutation was applied (replays of an idempotency key and refused
   * mutations not counted).
   *
   * @return mutation name to count
   */
  public synchronized Map<String, Integer> mutationsApplied() {
    return Map.copyOf(applied);
  }

  /**
   * Adds a location.
   *
   * @param name the location's name
   * @return its GID
   */
  public synchronized String addLocation(String name) {
    long n = nextId++;
    String id = "gid://shopify/Location/" + n;
    ObjectNode l = NF.objectNode();
    l.put("id", id).put("legacyResourceId", String.valueOf(n)).put("name", name);
    l.put("isActive", true);
    locations.put(id, l);
    return id;
  }

  /**
   * Adds a product with one variant per SKU, each with its own tracked inventory item.
   *
   * @param title the product's title
   * @param skus the variants' SKUs
   * @return the variants' GIDs, in the order of the SKUs
   */
  public synchronized List<String> addProduct(String title, String... skus) {
    long pn = nextId++;
    String pid = "gid://shopify/Product/" + pn;
    ObjectNode p = NF.objectNode();
    p.put("id", pid).put("legacyResourceId", String.valueOf(pn)).put("title", title);
    p.put("handle", title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    p.put("status", "ACTIVE").put("updatedAt", now());
    products.put(pid, p);
    List<String> out = new ArrayList<>();
    for (String sku : skus) {
      long vn = nextId++;
      long in = nextId++;
      String vid = "gid://shopify/ProductVariant/" + vn;
      String iid = "gid://shopify/InventoryItem/" + in;
      ObjectNode v = NF.objectNode();
      v.put("id", vid).put("legacyResourceId", String.valueOf(vn)).put("sku", sku);
      v.put("title", sku).put("price", "10.00").put("updatedAt", now());
      v.put("productId", pid).put("inventoryItemId", iid);
      variants.put(vid, v);
      ObjectNode i = NF.objectNode();
      i.put("id", iid).put("legacyResourceId", String.valueOf(in)).put("sku", sku);
      i.put("tracked", true).put("updatedAt", now());
      i.putArray("variantIds").add(vid);
      items.put(iid, i);
      out.add(vid);
    }
    return out;
  }

  /**
   * Returns the variants with a SKU.
   *
   * @param sku the SKU
   * @return their GIDs
   */
  public synchronized List<String> variantsOf(String sku) {
    List<String> out = new ArrayList<>();
    for (ObjectNode v : variants.values()) {
      if (sku.equals(v.path("sku").asText())) {
        out.add(v.get("id").asText());
      }
    }
    return out;
  }

  /**
   * Returns the inventory item of a variant.
   *
   * @param variantId the variant's GID
   * @return the item's GID
   */
  public synchronized String inventoryItemOf(String variantId) {
    return variants.get(variantId).path("inventoryItemId").asText();
  }

  /**
   * Sets a quantity directly, as another writer (the admin, a POS) would: stocks the item at the
   * location if needed and keeps {@code on_hand = available + committed + unavailable}.
   *
   * @param inventoryItemId the item's GID
   * @param locationId the location's GID
   * @param name {@code available}, {@code committed}, {@code unavailable} or {@code incoming}
   * @param quantity the new quantity
   */
  public synchronized void setQuantity(
      String inventoryItemId, String locationId, String name, int quantity) {
    Map<String, Integer> q = levelOf(inventoryItemId, locationId);
    q.put(name, quantity);
    q.put("on_hand", q.get("available") + q.get("committed") + q.get("unavailable"));
    items.get(inventoryItemId).put("updatedAt", now());
  }

  /**
   * Returns a quantity.
   *
   * @param inventoryItemId the item's GID
   * @param locationId the location's GID
   * @param name the quantity's name, such as {@code available} or {@code on_hand}
   * @return the quantity, or {@code null} when the item is not stocked at the location
   */
  public synchronized Integer quantity(String inventoryItemId, String locationId, String name) {
    Map<String, Integer> q = levels.get(inventoryItemId + "|" + locationId);
    return q == null ? null : q.get(name);
  }

  /**
   * Adds or replaces a customer in its GraphQL shape ({@code id} is assigned when absent; {@code
   * updatedAt} and {@code createdAt} default to now).
   *
   * @param customer the customer, with fields such as {@code firstName}, {@code
   *     defaultEmailAddress}, {@code addressesV2: {nodes: [...]}}
   * @return the stored customer
   */
  public synchronized ObjectNode putCustomer(JsonNode customer) {
    ObjectNode c = customer.deepCopy();
    if (!c.hasNonNull("id")) {
      long n = nextId++;
      c.put("id", "gid://shopify/Customer/" + n).put("legacyResourceId", String.valueOf(n));
    }
    if (!c.hasNonNull("createdAt")) {
      c.put("createdAt", now());
    }
    if (!c.hasNonNull("updatedAt")) {
      c.put("updatedAt", now());
    }
    customers.put(c.get("id").asText(), c);
    return c.deepCopy();
  }

  /**
   * Returns the customers.
   *
   * @return copies, in creation order
   */
  public synchronized List<ObjectNode> customers() {
    return customers.values().stream().map(ObjectNode::deepCopy).toList();
  }

  /**
   * Returns one customer.
   *
   * @param id the GID
   * @return a copy, or {@code null}
   */
  public synchronized ObjectNode customer(String id) {
    ObjectNode c = customers.get(id);
    return c == null ? null : c.deepCopy();
  }

  /**
   * Adds an order in the Admin GraphQL shape the order documents read. The fake fills in what
   * Shopify assigns: the order's GID and {@code legacyResourceId}, a {@code name} ({@code #1001}
   * onwards) when absent, {@code createdAt}/{@code updatedAt}, each line item's GID, {@code
   * currentQuantity} and {@code unfulfilledQuantity}, an empty {@code fulfillments} list, {@code
   * displayFulfillmentStatus UNFULFILLED}, and one {@code OPEN} fulfilment order holding every line
   * at the given location (the first location, added when there is none, by default).
   *
   * @param order the order, with {@code lineItems: {nodes: [{sku, name, quantity,
   *     originalUnitPriceSet, ...}]}} and header fields such as {@code email}, {@code
   *     currencyCode}, {@code currentTotalPriceSet}
   * @param locationId the location to assign the fulfilment order to, or {@code null}
   * @return a copy of the stored order
   */
  public synchronized ObjectNode putOrder(JsonNode order, String locationId) {
    ObjectNode o = order.deepCopy();
    long n = nextId++;
    o.put("id", "gid://shopify/Order/" + n).put("legacyResourceId", String.valueOf(n));
    if (!o.hasNonNull("name")) {
      o.put("name", "#" + (1001 + orders.size()));
    }
    if (!o.hasNonNull("createdAt")) {
      o.put("createdAt", now());
    }
    if (!o.hasNonNull("processedAt")) {
      o.put("processedAt", o.get("createdAt").asText());
    }
    o.put("updatedAt", o.get("createdAt").asText());
    o.put("displayFulfillmentStatus", "UNFULFILLED");
    if (!o.hasNonNull("displayFinancialStatus")) {
      o.put("displayFinancialStatus", "PAID");
    }
    o.putArray("fulfillments");
    String location = locationId;
    if (location == null) {
      location =
          locations.isEmpty() ? addLocation("Warehouse") : locations.keySet().iterator().next();
    }
    ObjectNode fo = NF.objectNode();
    fo.put("id", "gid://shopify/FulfillmentOrder/" + nextId++).put("status", "OPEN");
    fo.putObject("assignedLocation").putObject("location").put("id", location);
    ArrayNode foLines = fo.putObject("lineItems").putArray("nodes");
    ObjectNode items =
        o.has("lineItems") ? (ObjectNode) o.get("lineItems") : o.putObject("lineItems");
    if (!items.path("nodes").isArray()) {
      items.putArray("nodes");
    }
    for (JsonNode li : items.get("nodes")) {
      ObjectNode l = (ObjectNode) li;
      l.put("id", "gid://shopify/LineItem/" + nextId++);
      int q = l.path("quantity").asInt();
      l.put("currentQuantity", q).put("unfulfilledQuantity", q);
      ObjectNode fl = foLines.addObject();
      fl.put("id", "gid://shopify/FulfillmentOrderLineItem/" + nextId++);
      fl.put("remainingQuantity", q).put("totalQuantity", q);
      fl.putObject("lineItem").put("id", l.get("id").asText()).put("sku", l.path("sku").asText());
    }
    o.putObject("fulfillmentOrders").putArray("nodes").add(fo);
    orders.put(o.get("id").asText(), o);
    return o.deepCopy();
  }

  /**
   * Returns the orders.
   *
   * @return copies, in creation order, with their fulfilment orders and fulfilments
   */
  public synchronized List<ObjectNode> orders() {
    return orders.values().stream().map(ObjectNode::deepCopy).toList();
  }

  /**
   * Returns the fulfilments of an order.
   *
   * @param orderId the order's GID
   * @return copies ({@code id}, {@code status}, {@code trackingInfo}, {@code
   *     fulfillmentLineItems}), oldest first; empty for an unknown order
   */
  public synchronized List<ObjectNode> fulfillments(String orderId) {
    ObjectNode o = orders.get(orderId);
    List<ObjectNode> out = new ArrayList<>();
    if (o != null) {
      o.path("fulfillments").forEach(f -> out.add(((ObjectNode) f).deepCopy()));
    }
    return out;
  }

  /**
   * Returns the webhook subscriptions created through {@code webhookSubscriptionCreate}.
   *
   * @return copies ({@code id}, {@code topic} such as {@code ORDERS_CREATE}, {@code uri})
   */
  public synchronized List<ObjectNode> webhookSubscriptions() {
    return webhookSubscriptions.values().stream().map(ObjectNode::deepCopy).toList();
  }

  /**
   * Changes an order the way an edit in the admin would: sets the fields and moves {@code
   * updatedAt} to now.
   *
   * @param orderId the order's GID
   * @param fields the fields to set
   * @return a copy of the changed order
   * @throws IllegalArgumentException for an unknown order
   */
  public synchronized ObjectNode updateOrder(String orderId, JsonNode fields) {
    ObjectNode o = orders.get(orderId);
    if (o == null) {
      throw new IllegalArgumentException("no order " + orderId);
    }
    fields.properties().forEach(e -> o.set(e.getKey(), e.getValue().deepCopy()));
    o.put("updatedAt", now());
    return o.deepCopy();
  }

  // ---------------------------------------------------------------- HTTP

  private Response handle(Request request) throws IOException {
    String path = request.url().encodedPath();
    String body = readBody(request);
    if (request.url().host().equals(BULK_HOST)) {
      return bulkDownload(request, path);
    }
    if (path.equals("/admin/oauth/access_token")) {
      return token(request);
    }
    if (path.startsWith("/admin/api/") && path.endsWith("/graphql.json")) {
      record(request, body);
      return graphql(request, path.split("/")[3], body);
    }
    return respond(request, 404, NF.objectNode().put("errors", "Not Found"), null);
  }

  private synchronized Response token(Request request) {
    tokenRequests++;
    Map<String, String> form = new HashMap<>();
    if (request.body() instanceof FormBody f) {
      for (int i = 0; i < f.size(); i++) {
        form.put(f.name(i), f.value(i));
      }
    }
    if (clientId == null
        || !clientId.equals(form.get("client_id"))
        || !clientSecret.equals(form.get("client_secret"))) {
      return respond(
          request,
          400,
          NF.objectNode()
              .put("error", "invalid_client")
              .put("error_description", "Client authentication failed"),
          null);
    }
    String grant = form.getOrDefault("grant_type", "");
    ObjectNode out = NF.objectNode();
    String access = "shpat_fake_" + (nextId++);
    if (grant.equals("client_credentials")) {
      out.put("access_token", access).put("scope", "read_customers,write_inventory");
      out.put("expires_in", tokenLifetime.toSeconds());
    } else if (grant.equals("refresh_token")) {
      String presented = form.get("refresh_token");
      boolean current = presented != null && presented.equals(refreshCurrent);
      boolean previous = presented != null && presented.equals(refreshPrevious);
      if (!current && !previous) {
        return respond(
            request,
            400,
            NF.objectNode()
                .put("error", "invalid_grant")
                .put("error_description", "refresh token is invalid or was already rotated"),
            null);
      }
      String rotated = "shprt_fake_" + (nextId++);
      if (current) {
        refreshPrevious = refreshCurrent;
      }
      // The presented token stays valid until the rotated one is used (Shopify, 2026-08-28).
      refreshCurrent = rotated;
      out.put("access_token", access).put("scope", "read_customers,write_inventory");
      out.put("expires_in", tokenLifetime.toSeconds());
      out.put("refresh_token", rotated);
      out.put("refresh_token_expires_in", Duration.ofDays(90).toSeconds());
    } else {
      return respond(request, 400, NF.objectNode().put("error", "unsupported_grant_type"), null);
    }
    tokens.put(access, clock.instant().plus(tokenLifetime));
    return respond(request, 200, out, null);
  }

  private synchronized Response graphql(Request request, String version, String body) {
    String token = request.header("X-Shopify-Access-Token");
    Instant exp = token == null ? null : tokens.get(token);
    if (exp == null || !clock.instant().isBefore(exp)) {
      return respond(
          request,
          401,
          NF.objectNode()
              .put(
                  "errors",
                  "[API] Invalid API key or access token (unrecognized login or wrong password)"),
          version);
    }
    JsonNode req;
    GraphQlDocument doc;
    Map<String, Object> vars;
    try {
      req = JSON.readTree(body);
      doc = GraphQlDocument.parse(req.path("query").asText());
      vars = toMap(req.path("variables"));
    } catch (IOException | IllegalArgumentException e) {
      return respond(request, 200, errorBody(e.getMessage(), "BAD_REQUEST", 0), version);
    }
    int cost = doc.estimateCost(vars);
    if (!doc.isMutation() && cost > 1000) {
      return respond(
          request,
          200,
          errorBody(
              "Query cost is " + cost + ", which exceeds the single query max cost limit (1000).",
              "MAX_COST_EXCEEDED",
              cost),
          version);
    }
    refill();
    if (cost > available) {
      throttled++;
      ObjectNode out = NF.objectNode();
      ObjectNode e = out.putArray("errors").addObject();
      e.put("message", "Throttled");
      e.putObject("extensions")
          .put("code", "THROTTLED")
          .put("documentation", "https://shopify.dev/api/usage/rate-limits");
      out.set("extensions", costExtension(cost, null));
      return respond(request, 200, out, version);
    }
    available -= cost;
    ObjectNode out = NF.objectNode();
    ObjectNode data = out.putObject("data");
    ArrayNode errors = NF.arrayNode();
    for (Field f : doc.fields()) {
      try {
        data.set(f.alias(), doc.isMutation() ? mutation(f, vars) : query(f, vars));
      } catch (GraphQlFailure g) {
        data.putNull(f.alias());
        ObjectNode e = errors.addObject();
        e.put("message", g.getMessage());
        e.putArray("path").add(f.alias());
        e.putObject("extensions").put("code", g.code);
      }
    }
    if (!errors.isEmpty()) {
      out.set("errors", errors);
    }
    // Shopify charges the requested cost up front and refunds what the response did not use.
    int actual = doc.isMutation() ? cost : actualCost(doc.fields(), data, vars);
    actual = Math.min(actual, cost);
    available = Math.min(bucketMax, available + (cost - actual));
    pointsCharged += actual;
    requestedTotal += cost;
    out.set("extensions", costExtension(cost, actual));
    return respond(request, 200, out, version);
  }

  private ObjectNode costExtension(int requested, Integer actual) {
    ObjectNode cost = NF.objectNode();
    cost.put("requestedQueryCost", requested);
    if (actual == null) {
      cost.putNull("actualQueryCost");
    } else {
      cost.put("actualQueryCost", actual);
    }
    ObjectNode t = cost.putObject("throttleStatus");
    t.put("maximumAvailable", bucketMax);
    t.put("currentlyAvailable", (int) Math.floor(available));
    t.put("restoreRate", restoreRate);
    ObjectNode ext = NF.objectNode();
    ext.set("cost", cost);
    return ext;
  }

  /** The cost rules applied to what was returned: connections count the nodes they hold. */
  private static int actualCost(List<Field> selection, JsonNode data, Map<String, Object> vars) {
    int cost = 0;
    for (Field f : selection) {
      cost += actualCost(f, data == null ? null : data.get(f.alias()), vars);
    }
    return cost;
  }

  private static int actualCost(Field f, JsonNode value, Map<String, Object> vars) {
    if (f.selection().isEmpty()) {
      return 0;
    }
    boolean connection = f.argument("first", vars) != null || f.argument("last", vars) != null;
    if (connection) {
      int cost = 2;
      if (value != null && value.isObject()) {
        for (Field c : f.selection()) {
          if (c.name().equals("nodes")) {
            for (JsonNode n : value.path(c.alias())) {
              cost += actualCost(c, n, vars);
            }
          } else if (c.name().equals("edges")) {
            Field node = c.child("node");
            for (JsonNode e : value.path(c.alias())) {
              cost += node == null ? 0 : actualCost(node, e.get(node.alias()), vars);
            }
          }
        }
      }
      return cost;
    }
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isArray()) {
      int cost = 0;
      for (JsonNode n : value) {
        cost += actualCost(f, n, vars);
      }
      return cost;
    }
    int cost = 1;
    for (Field c : f.selection()) {
      cost += actualCost(c, value.get(c.alias()), vars);
    }
    return cost;
  }

  private void refill() {
    Instant now = clock.instant();
    double elapsed = Math.max(0, Duration.between(bucketAt, now).toNanos() / 1e9);
    available = Math.min(bucketMax, available + elapsed * restoreRate);
    bucketAt = now;
  }

  // ---------------------------------------------------------------- queries

  private JsonNode query(Field f, Map<String, Object> vars) {
    switch (f.name()) {
      case "customers":
        return connection(f, vars, customers.values(), this::customerView, "customers");
      case "customer":
        return project(byId(customers, f, vars), f.selection(), vars);
      case "orders":
        return connection(f, vars, orders.values(), n -> n, "orders");
      case "order":
        return project(byId(orders, f, vars), f.selection(), vars);
      case "webhookSubscriptions":
        return connection(f, vars, webhookSubscriptions.values(), n -> n, "webhookSubscriptions");
      case "inventoryItems":
        return connection(f, vars, items.values(), this::itemView, "inventoryItems");
      case "productVariants":
        return connection(f, vars, variants.values(), this::variantView, "productVariants");
      case "products":
        return connection(f, vars, products.values(), this::productView, "products");
      case "locations":
        return connection(f, vars, locations.values(), n -> n, "locations");
      case "nodes":
        {
          ArrayNode out = NF.arrayNode();
          Object ids = f.argument("ids", vars);
          for (Object id : ids instanceof List<?> l ? l : List.of()) {
            JsonNode n = node(String.valueOf(id));
            out.add(n == null ? NF.nullNode() : project(n, f.selection(), vars));
          }
          return out;
        }
      case "node":
        return project(node(String.valueOf(f.argument("id", vars))), f.selection(), vars);
      case "bulkOperation":
        return project(bulkView(String.valueOf(f.argument("id", vars)), true), f.selection(), vars);
      case "currentAppInstallation":
        {
          ObjectNode app = NF.objectNode();
          ArrayNode scopes = app.putArray("accessScopes");
          for (String scope :
              List.of(
                  "read_customers",
                  "write_customers",
                  "read_inventory",
                  "write_inventory",
                  "read_products",
                  "read_orders")) {
            scopes.addObject().put("handle", scope);
          }
          accessScopes.forEach(sc -> scopes.addObject().put("handle", sc));
          return project(app, f.selection(), vars);
        }
      case "shop":
        {
          ObjectNode shop = NF.objectNode().put("name", "Fake Shop");
          shop.put("myshopifyDomain", "fake-shop.myshopify.com");
          return project(shop, f.selection(), vars);
        }
      default:
        throw new GraphQlFailure(
            "Field '" + f.name() + "' doesn't exist on type 'QueryRoot' (in FakeShopify)",
            "undefinedField");
    }
  }

  private JsonNode node(String id) {
    if (customers.containsKey(id)) {
      return customerView(customers.get(id));
    }
    if (items.containsKey(id)) {
      return itemView(items.get(id));
    }
    if (variants.containsKey(id)) {
      return variantView(variants.get(id));
    }
    if (products.containsKey(id)) {
      return productView(products.get(id));
    }
    if (locations.containsKey(id)) {
      return locations.get(id);
    }
    if (orders.containsKey(id)) {
      return orders.get(id);
    }
    return null;
  }

  private static ObjectNode byId(Map<String, ObjectNode> map, Field f, Map<String, Object> vars) {
    return map.get(String.valueOf(f.argument("id", vars)));
  }

  private JsonNode connection(
      Field f,
      Map<String, Object> vars,
      Collection<ObjectNode> all,
      java.util.function.Function<ObjectNode, JsonNode> view,
      String what) {
    Object firstArg = f.argument("first", vars);
    if (!(firstArg instanceof Number)) {
      throw new GraphQlFailure(
          "you must provide one of first or last", "argumentLiteralsIncompatible");
    }
    int first = ((Number) firstArg).intValue();
    if (first > 250 || first < 0) {
      throw new GraphQlFailure(
          "The 'first' argument on " + what + " must be between 0 and 250, was " + first,
          "BAD_REQUEST");
    }
    Object q = f.argument("query", vars);
    Predicate<JsonNode> filter = SearchQuery.parse(q == null ? null : q.toString());
    List<JsonNode> matching = new ArrayList<>();
    for (ObjectNode o : all) {
      // Stored objects carry the searchable fields (id, sku, e-mail, timestamps) themselves.
      if (filter.test(o)) {
        matching.add(view.apply(o));
      }
    }
    Object sortKey = f.argument("sortKey", vars);
    if ("UPDATED_AT".equals(sortKey)) {
      matching.sort(
          Comparator.comparing((JsonNode n) -> n.path("updatedAt").asText())
              .thenComparing(n -> legacyId(n.path("id").asText())));
    } else {
      matching.sort(Comparator.comparing(n -> legacyId(n.path("id").asText())));
    }
    if (Boolean.TRUE.equals(f.argument("reverse", vars))) {
      java.util.Collections.reverse(matching);
    }
    int start = 0;
    Object after = f.argument("after", vars);
    if (after != null) {
      start = decodeCursor(after.toString());
    }
    int end = Math.min(matching.size(), start + first);
    ObjectNode conn = NF.objectNode();
    ArrayNode nodes = conn.putArray("nodes");
    ArrayNode edges = conn.putArray("edges");
    for (int i = start; i < end; i++) {
      nodes.add(matching.get(i));
      edges.addObject().put("cursor", cursor(i + 1)).set("node", matching.get(i));
    }
    ObjectNode pageInfo = conn.putObject("pageInfo");
    pageInfo.put("hasNextPage", end < matching.size());
    pageInfo.put("hasPreviousPage", start > 0);
    if (end > start) {
      pageInfo.put("startCursor", cursor(start + 1));
      pageInfo.put("endCursor", cursor(end));
    } else {
      pageInfo.putNull("startCursor");
      pageInfo.putNull("endCursor");
    }
    ObjectNode projected = NF.objectNode();
    for (Field c : f.selection()) {
      if (c.name().equals("nodes")) {
        ArrayNode a = projected.putArray(c.alias());
        nodes.forEach(n -> a.add(project(n, c.selection(), vars)));
      } else if (c.name().equals("edges")) {
        ArrayNode a = projected.putArray(c.alias());
        for (JsonNode e : edges) {
          ObjectNode pe = a.addObject();
          for (Field ec : c.selection()) {
            if (ec.name().equals("node")) {
              pe.set(ec.alias(), project(e.get("node"), ec.selection(), vars));
            } else {
              pe.set(ec.alias(), e.get(ec.name()));
            }
          }
        }
      } else if (c.name().equals("pageInfo")) {
        projected.set(c.alias(), project(pageInfo, c.selection(), vars));
      } else {
        projected.putNull(c.alias());
      }
    }
    return projected;
  }

  private static String cursor(int position) {
    return Base64.getEncoder()
        .encodeToString(("{\"last_position\":" + position + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      return JSON.readTree(s).path("last_position").asInt();
    } catch (IllegalArgumentException | IOException e) {
      throw new GraphQlFailure("Invalid cursor for current pagination sort.", "BAD_REQUEST");
    }
  }

  private static long legacyId(String gid) {
    try {
      return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Projects a stored object onto a selection, the way a GraphQL server resolves fields. */
  private JsonNode project(JsonNode source, List<Field> selection, Map<String, Object> vars) {
    if (source == null || source.isNull() || source.isMissingNode()) {
      return NF.nullNode();
    }
    if (selection.isEmpty()) {
      return source;
    }
    ObjectNode out = NF.objectNode();
    for (Field f : selection) {
      JsonNode v = resolveField(source, f, vars);
      if (v == null || v.isNull() || v.isMissingNode()) {
        out.putNull(f.alias());
      } else if (f.selection().isEmpty()) {
        out.set(f.alias(), v);
      } else if (v.isArray()) {
        ArrayNode a = out.putArray(f.alias());
        v.forEach(e -> a.add(project(e, f.selection(), vars)));
      } else if (v.has("nodes") && v.get("nodes").isArray()) {
        out.set(f.alias(), nestedConnection(v.get("nodes"), f, vars));
      } else {
        out.set(f.alias(), project(v, f.selection(), vars));
      }
    }
    return out;
  }

  private JsonNode nestedConnection(JsonNode all, Field f, Map<String, Object> vars) {
    Object first = f.argument("first", vars);
    int n = first instanceof Number num ? num.intValue() : Integer.MAX_VALUE;
    if (first instanceof Number num && num.intValue() > 250) {
      throw new GraphQlFailure(
          "The 'first' argument on " + f.name() + " must be at most 250", "BAD_REQUEST");
    }
    Object after = f.argument("after", vars);
    int start = after == null ? 0 : decodeCursor(after.toString());
    List<JsonNode> nodes = new ArrayList<>();
    for (int i = start; i < all.size() && i - start < n; i++) {
      nodes.add(all.get(i));
    }
    ObjectNode out = NF.objectNode();
    for (Field c : f.selection()) {
      if (c.name().equals("nodes")) {
        ArrayNode a = out.putArray(c.alias());
        nodes.forEach(x -> a.add(project(x, c.selection(), vars)));
      } else if (c.name().equals("edges")) {
        ArrayNode a = out.putArray(c.alias());
        for (int i = 0; i < nodes.size(); i++) {
          ObjectNode e = a.addObject();
          for (Field ec : c.selection()) {
            if (ec.name().equals("node")) {
              e.set(ec.alias(), project(nodes.get(i), ec.selection(), vars));
            } else if (ec.name().equals("cursor")) {
              e.put(ec.alias(), cursor(start + i + 1));
            }
          }
        }
      } else if (c.name().equals("pageInfo")) {
        ObjectNode p = NF.objectNode();
        p.put("hasNextPage", all.size() > start + nodes.size());
        p.put("hasPreviousPage", start > 0);
        p.put("endCursor", nodes.isEmpty() ? null : cursor(start + nodes.size()));
        out.set(c.alias(), project(p, c.selection(), vars));
      }
    }
    return out;
  }

  private JsonNode resolveField(JsonNode source, Field f, Map<String, Object> vars) {
    switch (f.name()) {
      case "inventoryLevel":
        {
          Object loc = f.argument("locationId", vars);
          for (JsonNode l : source.path("inventoryLevels").path("nodes")) {
            if (l.path("location").path("id").asText().equals(String.valueOf(loc))) {
              return l;
            }
          }
          return null;
        }
      case "quantities":
        {
          Object names = f.argument("names", vars);
          ArrayNode out = NF.arrayNode();
          for (JsonNode q : source.path("quantities")) {
            if (names instanceof List<?> l && l.contains(q.path("name").asText())) {
              out.add(q);
            }
          }
          return out;
        }
      case "metafield":
        {
          Object ns = f.argument("namespace", vars);
          Object key = f.argument("key", vars);
          for (JsonNode m : source.path("metafields").path("nodes")) {
            if (m.path("namespace").asText().equals(String.valueOf(ns))
                && m.path("key").asText().equals(String.valueOf(key))) {
              return m;
            }
          }
          return null;
        }
      default:
        return source.get(f.name());
    }
  }

  private JsonNode customerView(ObjectNode c) {
    return c;
  }

  private JsonNode itemView(ObjectNode i) {
    ObjectNode v = i.deepCopy();
    v.remove("variantIds");
    ArrayNode vs = v.putObject("variants").putArray("nodes");
    for (JsonNode id : i.path("variantIds")) {
      ObjectNode var = variants.get(id.asText());
      vs.addObject()
          .put("id", var.get("id").asText())
          .put("sku", var.path("sku").asText())
          .set("product", NF.objectNode().put("id", var.path("productId").asText()));
    }
    ArrayNode ls = v.putObject("inventoryLevels").putArray("nodes");
    String prefix = i.get("id").asText() + "|";
    for (Map.Entry<String, Map<String, Integer>> e :
        levels.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
      {
        String loc = e.getKey().substring(prefix.length());
        ObjectNode l = ls.addObject();
        l.put(
            "id",
            "gid://shopify/InventoryLevel/"
                + legacyId(loc)
                + "?inventory_item_id="
                + legacyId(i.get("id").asText()));
        l.set("location", locations.get(loc));
        ArrayNode qs = l.putArray("quantities");
        e.getValue().forEach((name, qty) -> qs.addObject().put("name", name).put("quantity", qty));
        l.put("updatedAt", i.path("updatedAt").asText());
      }
    }
    return v;
  }

  private JsonNode variantView(ObjectNode var) {
    ObjectNode v = var.deepCopy();
    v.remove("productId");
    v.remove("inventoryItemId");
    ObjectNode p = products.get(var.path("productId").asText());
    ObjectNode product = NF.objectNode();
    product.put("id", p.get("id").asText()).put("title", p.path("title").asText());
    product.put("status", p.path("status").asText());
    product.set("vendor", p.get("vendor"));
    product.set("productType", p.get("productType"));
    v.set("product", product);
    v.set("inventoryItem", itemView(items.get(var.path("inventoryItemId").asText())));
    return v;
  }

  private JsonNode productView(ObjectNode p) {
    ObjectNode v = p.deepCopy();
    ArrayNode vs = v.putObject("variants").putArray("nodes");
    for (ObjectNode var : variants.values()) {
      if (var.path("productId").asText().equals(p.get("id").asText())) {
        vs.add(variantView(var));
      }
    }
    return v;
  }

  private Map<String, Integer> levelOf(String item, String location) {
    if (!items.containsKey(item)) {
      throw new IllegalArgumentException("no inventory item " + item);
    }
    if (!locations.containsKey(location)) {
      throw new IllegalArgumentException("no location " + location);
    }
    return levels.computeIfAbsent(
        item + "|" + location,
        k -> {
          Map<String, Integer> q = new TreeMap<>();
          q.put("available", 0);
          q.put("committed", 0);
          q.put("incoming", 0);
          q.put("on_hand", 0);
          q.put("unavailable", 0);
          return q;
        });
  }

  // ---------------------------------------------------------------- mutations

  private JsonNode mutation(Field f, Map<String, Object> vars) {
    Map<String, Object> directive = f.directives().get("idempotent");
    String key = null;
    if (directive != null) {
      Object k = f.directiveArgument("idempotent", "key", vars);
      key = k == null ? null : k.toString();
      if (key == null || key.isBlank()) {
        throw new GraphQlFailure(
            "The idempotency key must not be empty or whitespace", "BAD_REQUEST");
      }
    } else if (IDEMPOTENT_REQUIRED.contains(f.name())) {
      throw new GraphQlFailure(
          "The @idempotent directive is required for " + f.name() + " from API version 2026-04",
          "BAD_REQUEST");
    }
    Map<String, Object> args = new TreeMap<>();
    f.arguments().keySet().forEach(a -> args.put(a, f.argument(a, vars)));
    String fingerprint;
    try {
      fingerprint = f.name() + JSON.writeValueAsString(args);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (key != null && concurrentNext > 0) {
      // The first request with this key is still being processed elsewhere.
      concurrentNext--;
      ObjectNode payload = NF.objectNode();
      payload.putNull(payloadField(f.name()));
      ObjectNode e = payload.putArray("userErrors").addObject();
      e.put("code", "IDEMPOTENCY_CONCURRENT_REQUEST");
      e.putNull("field");
      e.put("message", "A request with the same idempotency key is already in progress");
      return project(payload, f.selection(), vars);
    }
    if (key != null) {
      Stored s = idempotency.get(key);
      if (s != null) {
        if (!s.fingerprint.equals(fingerprint)) {
          ObjectNode payload = NF.objectNode();
          payload.putNull(payloadField(f.name()));
          ObjectNode e = payload.putArray("userErrors").addObject();
          e.put("code", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
          e.putNull("field");
          e.put(
              "message",
              "The same idempotency key was used with different parameters; use a new key for a"
                  + " new change");
          return project(payload, f.selection(), vars);
        }
        return project(s.payload, f.selection(), vars);
      }
    }
    ObjectNode payload = apply(f.name(), args);
    boolean ok = payload.path("userErrors").isEmpty();
    if (ok) {
      applied.merge(f.name(), 1, Integer::sum);
    }
    if (key != null) {
      idempotency.put(key, new Stored(fingerprint, payload));
    }
    return project(payload, f.selection(), vars);
  }

  private static String payloadField(String mutation) {
    switch (mutation) {
      case "inventorySetQuantities":
      case "inventoryAdjustQuantities":
        return "inventoryAdjustmentGroup";
      case "bulkOperationRunQuery":
        return "bulkOperation";
      case "metafieldsSet":
        return "metafields";
      case "fulfillmentCreate":
        return "fulfillment";
      case "webhookSubscriptionCreate":
        return "webhookSubscription";
      default:
        return "customer";
    }
  }

  private ObjectNode apply(String name, Map<String, Object> args) {
    switch (name) {
      case "inventorySetQuantities":
        return inventorySet(asMap(args.get("input")));
      case "inventoryAdjustQuantities":
        return inventoryAdjust(asMap(args.get("input")));
      case "customerSet":
        return customerSet(asMap(args.get("input")), asMap(args.get("identifier")));
      case "customerEmailMarketingConsentUpdate":
        return consent(asMap(args.get("input")), "emailMarketingConsent");
      case "customerSmsMarketingConsentUpdate":
        return consent(asMap(args.get("input")), "smsMarketingConsent");
      case "metafieldsSet":
        return metafieldsSet(args.get("metafields"));
      case "bulkOperationRunQuery":
        return bulkRun(String.valueOf(args.get("query")));
      case "fulfillmentCreate":
        return fulfillmentCreate(asMap(args.get("fulfillment")));
      case "webhookSubscriptionCreate":
        return webhookSubscriptionCreate(
            String.valueOf(args.get("topic")), asMap(args.get("webhookSubscription")));
      default:
        throw new GraphQlFailure(
            "Field '" + name + "' doesn't exist on type 'Mutation' (in FakeShopify)",
            "undefinedField");
    }
  }

  private static ObjectNode userError(
      ObjectNode payload, String code, String message, Object... field) {
    ArrayNode errors =
        payload.has("userErrors")
            ? (ArrayNode) payload.get("userErrors")
            : payload.putArray("userErrors");
    ObjectNode e = errors.addObject();
    if (code == null) {
      e.putNull("code");
    } else {
      e.put("code", code);
    }
    ArrayNode fa = e.putArray("field");
    for (Object o : field) {
      fa.add(String.valueOf(o));
    }
    e.put("message", message);
    return payload;
  }

  /**
   * {@code fulfillmentCreate}: fulfils fulfilment order line items (all that remain of a fulfilment
   * order when none are named), with tracking; {@code userErrors} for unknown or closed fulfilment
   * orders, quantities over what remains, and fulfilment orders of several locations.
   */
  private ObjectNode fulfillmentCreate(Map<String, Object> input) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("fulfillment");
    ArrayNode errors = payload.putArray("userErrors");
    List<Map<String, Object>> groups = asList(input.get("lineItemsByFulfillmentOrder"));
    if (groups.isEmpty()) {
      userError(errors, "lineItemsByFulfillmentOrder", "Line items by fulfillment order is empty.");
      return payload;
    }
    ObjectNode order = null;
    String location = null;
    // fulfilment order line item -> quantity, validated before anything changes
    Map<ObjectNode, Integer> take = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      String foId = String.valueOf(groups.get(g).get("fulfillmentOrderId"));
      ObjectNode fo = null;
      ObjectNode owner = null;
      for (ObjectNode o : orders.values()) {
        for (JsonNode f : o.path("fulfillmentOrders").path("nodes")) {
          if (f.path("id").asText().equals(foId)) {
            fo = (ObjectNode) f;
            owner = o;
          }
        }
      }
      if (fo == null) {
        userError(errors, "lineItemsByFulfillmentOrder", "Fulfillment order does not exist.");
        return payload;
      }
      if (order != null && order != owner) {
        userError(
            errors,
            "lineItemsByFulfillmentOrder",
            "All fulfillment orders must belong to the same order.");
        return payload;
      }
      order = owner;
      String loc = fo.path("assignedLocation").path("location").path("id").asText();
      if (location != null && !location.equals(loc)) {
        userError(
            errors,
            "lineItemsByFulfillmentOrder",
            "All fulfillment orders must be assigned to the same location.");
        return payload;
      }
      location = loc;
      String status = fo.path("status").asText();
      if (!status.equals("OPEN") && !status.equals("IN_PROGRESS")) {
        userError(
            errors,
            "lineItemsByFulfillmentOrder",
            "Fulfillment order " + foId + " has an unfulfillable status= " + status + ".");
        return payload;
      }
      List<Map<String, Object>> lines = asList(groups.get(g).get("fulfillmentOrderLineItems"));
      if (!groups.get(g).containsKey("fulfillmentOrderLineItems")) {
        for (JsonNode l : fo.path("lineItems").path("nodes")) {
          int remaining = l.path("remainingQuantity").asInt();
          if (remaining > 0) {
            take.merge((ObjectNode) l, remaining, Integer::sum);
          }
        }
        continue;
      }
      for (Map<String, Object> line : lines) {
        String lineId = String.valueOf(line.get("id"));
        int quantity = line.get("quantity") instanceof Number q ? q.intValue() : 0;
        ObjectNode match = null;
        for (JsonNode l : fo.path("lineItems").path("nodes")) {
          if (l.path("id").asText().equals(lineId)) {
            match = (ObjectNode) l;
          }
        }
        if (match == null) {
          userError(
              errors,
              "lineItemsByFulfillmentOrder",
              "Fulfillment order line item " + lineId + " does not belong to " + foId + ".");
          return payload;
        }
        int already = take.getOrDefault(match, 0);
        if (quantity <= 0 || already + quantity > match.path("remainingQuantity").asInt()) {
          userError(
              errors,
              "lineItemsByFulfillmentOrder",
              "Invalid fulfillment order line item quantity requested.");
          return payload;
        }
        take.put(match, already + quantity);
      }
    }
    if (take.isEmpty()) {
      userError(
          errors, "lineItemsByFulfillmentOrder", "Fulfillment order has no line items to fulfill.");
      return payload;
    }
    // Apply.
    ObjectNode fulfillment = NF.objectNode();
    ArrayNode existing = (ArrayNode) order.get("fulfillments");
    fulfillment.put("id", "gid://shopify/Fulfillment/" + nextId++);
    fulfillment.put("name", order.path("name").asText() + "-F" + (existing.size() + 1));
    fulfillment.put("status", "SUCCESS").put("displayStatus", "FULFILLED");
    fulfillment.put("createdAt", now()).put("updatedAt", now()).putNull("deliveredAt");
    ArrayNode tracking = fulfillment.putArray("trackingInfo");
    Map<String, Object> t = asMap(input.get("trackingInfo"));
    if (!t.isEmpty()) {
      ObjectNode ti = tracking.addObject();
      ti.put("number", t.get("number") == null ? null : String.valueOf(t.get("number")));
      ti.put("company", t.get("company") == null ? null : String.valueOf(t.get("company")));
      ti.put("url", t.get("url") == null ? null : String.valueOf(t.get("url")));
    }
    ArrayNode fli = fulfillment.putObject("fulfillmentLineItems").putArray("nodes");
    for (Map.Entry<ObjectNode, Integer> e : take.entrySet()) {
      ObjectNode l = e.getKey();
      l.put("remainingQuantity", l.path("remainingQuantity").asInt() - e.getValue());
      String lineItemId = l.path("lineItem").path("id").asText();
      ObjectNode fl = fli.addObject().put("quantity", e.getValue());
      fl.putObject("lineItem")
          .put("id", lineItemId)
          .put("sku", l.path("lineItem").path("sku").asText());
      for (JsonNode li : order.path("lineItems").path("nodes")) {
        if (li.path("id").asText().equals(lineItemId)) {
          ((ObjectNode) li)
              .put("unfulfilledQuantity", li.path("unfulfilledQuantity").asInt() - e.getValue());
        }
      }
    }
    boolean allDone = true;
    boolean anyDone = false;
    for (JsonNode fo : order.path("fulfillmentOrders").path("nodes")) {
      int left = 0;
      int total = 0;
      for (JsonNode l : fo.path("lineItems").path("nodes")) {
        left += l.path("remainingQuantity").asInt();
        total += l.path("totalQuantity").asInt();
      }
      String st = left == 0 ? "CLOSED" : left < total ? "IN_PROGRESS" : fo.path("status").asText();
      ((ObjectNode) fo).put("status", st);
      allDone &= left == 0;
      anyDone |= left < total;
    }
    order.put(
        "displayFulfillmentStatus",
        allDone ? "FULFILLED" : anyDone ? "PARTIALLY_FULFILLED" : "UNFULFILLED");
    order.put("updatedAt", now());
    existing.add(fulfillment);
    payload.set("fulfillment", fulfillment.deepCopy());
    return payload;
  }

  /**
   * {@code webhookSubscriptionCreate}: an HTTPS {@code uri} per topic; the same topic and address
   * twice is a {@code userError}.
   */
  private ObjectNode webhookSubscriptionCreate(String topic, Map<String, Object> input) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("webhookSubscription");
    ArrayNode errors = payload.putArray("userErrors");
    String uri = input.get("uri") == null ? "" : String.valueOf(input.get("uri"));
    if (!uri.startsWith("https://")) {
      ObjectNode e = errors.addObject();
      e.putArray("field").add("webhookSubscription").add("callbackUrl");
      e.put("message", "Address protocol " + uri + " is not supported");
      return payload;
    }
    for (ObjectNode w : webhookSubscriptions.values()) {
      if (w.path("topic").asText().equals(topic) && w.path("uri").asText().equals(uri)) {
        ObjectNode e = errors.addObject();
        e.putArray("field").add("webhookSubscription").add("callbackUrl");
        e.put("message", "Address for this topic has already been taken");
        return payload;
      }
    }
    ObjectNode w = NF.objectNode();
    w.put("id", "gid://shopify/WebhookSubscription/" + nextId++);
    w.put("topic", topic).put("uri", uri).put("format", "JSON");
    w.put("createdAt", now()).put("updatedAt", now());
    webhookSubscriptions.put(w.get("id").asText(), w);
    payload.set("webhookSubscription", w.deepCopy());
    return payload;
  }

  private static void userError(ArrayNode errors, String field, String message) {
    ObjectNode e = errors.addObject();
    e.putArray("field").add("fulfillment").add(field);
    e.put("message", message);
  }

  private ObjectNode inventorySet(Map<String, Object> input) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("inventoryAdjustmentGroup");
    payload.putArray("userErrors");
    String qname = String.valueOf(input.get("name"));
    if (!qname.equals("available") && !qname.equals("on_hand")) {
      return userError(
          payload,
          "INVALID_NAME",
          "The quantity name must be available or on_hand.",
          "input",
          "name");
    }
    String reason = String.valueOf(input.get("reason"));
    if (!REASONS.contains(reason)) {
      return userError(
          payload, "INVALID_REASON", "The specified reason is invalid.", "input", "reason");
    }
    List<Map<String, Object>> quantities = asList(input.get("quantities"));
    if (quantities.size() > 250) {
      return userError(
          payload,
          "INVALID_QUANTITY_ARRAY",
          "At most 250 quantities may be set at once.",
          "input",
          "quantities");
    }
    for (int i = 0; i < quantities.size(); i++) {
      Map<String, Object> q = quantities.get(i);
      String item = String.valueOf(q.get("inventoryItemId"));
      String loc = String.valueOf(q.get("locationId"));
      if (!items.containsKey(item)) {
        return userError(
            payload,
            "INVALID_INVENTORY_ITEM",
            "The specified inventory item could not be found.",
            "input",
            "quantities",
            i,
            "inventoryItemId");
      }
      if (!locations.containsKey(loc)) {
        return userError(
            payload,
            "INVALID_LOCATION",
            "The specified location could not be found.",
            "input",
            "quantities",
            i,
            "locationId");
      }
      if (!q.containsKey("changeFromQuantity")) {
        return userError(
            payload,
            "INVALID",
            "changeFromQuantity is required: send the quantity you read, or null to skip the check",
            "input",
            "quantities",
            i,
            "changeFromQuantity");
      }
      Object from = q.get("changeFromQuantity");
      Integer current =
          levels.containsKey(item + "|" + loc) ? levels.get(item + "|" + loc).get(qname) : 0;
      if (from != null && ((Number) from).intValue() != current) {
        return userError(
            payload,
            "CHANGE_FROM_QUANTITY_STALE",
            "The specified compare quantity does not match the current quantity.",
            "input",
            "quantities",
            i,
            "changeFromQuantity");
      }
    }
    ObjectNode group = groupNode(reason, input.get("referenceDocumentUri"));
    ArrayNode changes = group.putArray("changes");
    for (Map<String, Object> q : quantities) {
      String item = String.valueOf(q.get("inventoryItemId"));
      String loc = String.valueOf(q.get("locationId"));
      Map<String, Integer> level = levelOf(item, loc);
      int target = ((Number) q.get("quantity")).intValue();
      int delta = target - level.get(qname);
      change(changes, item, loc, level, qname, delta);
    }
    payload.set("inventoryAdjustmentGroup", group);
    return payload;
  }

  private ObjectNode inventoryAdjust(Map<String, Object> input) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("inventoryAdjustmentGroup");
    payload.putArray("userErrors");
    String qname = String.valueOf(input.get("name"));
    String reason = String.valueOf(input.get("reason"));
    if (!REASONS.contains(reason)) {
      return userError(
          payload, "INVALID_REASON", "The specified reason is invalid.", "input", "reason");
    }
    List<Map<String, Object>> list = asList(input.get("changes"));
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> c = list.get(i);
      String item = String.valueOf(c.get("inventoryItemId"));
      String loc = String.valueOf(c.get("locationId"));
      if (!items.containsKey(item) || !locations.containsKey(loc)) {
        return userError(
            payload,
            "INVALID_INVENTORY_ITEM",
            "The specified inventory item or location could not be found.",
            "input",
            "changes",
            i,
            "inventoryItemId");
      }
      if (!c.containsKey("changeFromQuantity")) {
        return userError(
            payload,
            "INVALID",
            "changeFromQuantity is required",
            "input",
            "changes",
            i,
            "changeFromQuantity");
      }
      Object from = c.get("changeFromQuantity");
      Integer current =
          levels.containsKey(item + "|" + loc) ? levels.get(item + "|" + loc).get(qname) : 0;
      if (from != null && ((Number) from).intValue() != current) {
        return userError(
            payload,
            "CHANGE_FROM_QUANTITY_STALE",
            "The specified compare quantity does not match the current quantity.",
            "input",
            "changes",
            i,
            "changeFromQuantity");
      }
    }
    ObjectNode group = groupNode(reason, input.get("referenceDocumentUri"));
    ArrayNode changes = group.putArray("changes");
    for (Map<String, Object> c : list) {
      String item = String.valueOf(c.get("inventoryItemId"));
      String loc = String.valueOf(c.get("locationId"));
      change(changes, item, loc, levelOf(item, loc), qname, ((Number) c.get("delta")).intValue());
    }
    payload.set("inventoryAdjustmentGroup", group);
    return payload;
  }

  private ObjectNode groupNode(String reason, Object reference) {
    ObjectNode group = NF.objectNode();
    group.put("id", "gid://shopify/InventoryAdjustmentGroup/" + (nextId++));
    group.put("reason", reason).put("createdAt", now());
    group.put("referenceDocumentUri", reference == null ? null : reference.toString());
    return group;
  }

  private void change(
      ArrayNode changes,
      String item,
      String loc,
      Map<String, Integer> level,
      String name,
      int delta) {
    level.merge(name, delta, Integer::sum);
    if (name.equals("available")) {
      level.merge("on_hand", delta, Integer::sum);
    } else if (name.equals("on_hand")) {
      level.merge("available", delta, Integer::sum);
    }
    items.get(item).put("updatedAt", now());
    ObjectNode c = changes.addObject();
    c.put("name", name).put("delta", delta).put("quantityAfterChange", level.get(name));
    c.set("item", NF.objectNode().put("id", item));
    c.set("location", NF.objectNode().put("id", loc));
  }

  private ObjectNode customerSet(Map<String, Object> input, Map<String, Object> identifier) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("customer");
    payload.putArray("userErrors");
    ObjectNode existing = null;
    if (!identifier.isEmpty()) {
      if (identifier.get("id") != null) {
        existing = customers.get(String.valueOf(identifier.get("id")));
        if (existing == null) {
          return userError(
              payload,
              "NOT_FOUND",
              "Resource matching the identifier was not found.",
              "identifier",
              "id");
        }
      } else if (identifier.get("email") != null) {
        String email = String.valueOf(identifier.get("email"));
        if (input.get("email") != null
            && !email.equalsIgnoreCase(String.valueOf(input.get("email")))) {
          return userError(
              payload,
              "INPUT_MISMATCH",
              "The input argument `email` must match the identifier.",
              "input",
              "email");
        }
        existing =
            findBy(
                c ->
                    email.equalsIgnoreCase(
                        c.path("defaultEmailAddress").path("emailAddress").asText()));
      } else if (identifier.get("phone") != null) {
        String phone = String.valueOf(identifier.get("phone"));
        if (input.get("phone") != null && !phone.equals(String.valueOf(input.get("phone")))) {
          return userError(
              payload,
              "INPUT_MISMATCH",
              "The input argument `phone` must match the identifier.",
              "input",
              "phone");
        }
        existing =
            findBy(c -> phone.equals(c.path("defaultPhoneNumber").path("phoneNumber").asText()));
      } else if (identifier.get("customId") != null) {
        Map<String, Object> cid = asMap(identifier.get("customId"));
        String ns = String.valueOf(cid.getOrDefault("namespace", "custom"));
        String k = String.valueOf(cid.get("key"));
        String v = String.valueOf(cid.get("value"));
        existing =
            findBy(
                c -> {
                  for (JsonNode m : c.path("metafields").path("nodes")) {
                    if (m.path("namespace").asText().equals(ns)
                        && m.path("key").asText().equals(k)
                        && m.path("value").asText().equals(v)) {
                      return true;
                    }
                  }
                  return false;
                });
      }
    }
    String email =
        input.containsKey("email")
            ? (String) input.get("email")
            : identifierValue(identifier, "email");
    String phone =
        input.containsKey("phone")
            ? (String) input.get("phone")
            : identifierValue(identifier, "phone");
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return userError(payload, "INVALID", "Email is invalid", "input", "email");
    }
    if (phone != null && !phone.matches("\\+[1-9][0-9]{6,14}")) {
      return userError(payload, "INVALID", "Phone is invalid", "input", "phone");
    }
    String selfId = existing == null ? null : existing.get("id").asText();
    if (email != null
        && findBy(
                c ->
                    !c.get("id").asText().equals(selfId)
                        && email.equalsIgnoreCase(
                            c.path("defaultEmailAddress").path("emailAddress").asText()))
            != null) {
      return userError(payload, "TAKEN", "Email has already been taken", "input", "email");
    }
    if (phone != null
        && findBy(
                c ->
                    !c.get("id").asText().equals(selfId)
                        && phone.equals(c.path("defaultPhoneNumber").path("phoneNumber").asText()))
            != null) {
      return userError(payload, "TAKEN", "Phone has already been taken", "input", "phone");
    }
    ObjectNode c;
    if (existing == null) {
      c = NF.objectNode();
      long n = nextId++;
      c.put("id", "gid://shopify/Customer/" + n).put("legacyResourceId", String.valueOf(n));
      c.put("createdAt", now());
    } else {
      c = existing;
    }
    for (String f : List.of("firstName", "lastName", "locale", "note")) {
      if (input.containsKey(f)) {
        c.put(f, (String) input.get(f));
      }
    }
    if (input.containsKey("tags")) {
      ArrayNode t = c.putArray("tags");
      asStrings(input.get("tags")).forEach(t::add);
    }
    if (email != null) {
      ObjectNode e =
          c.has("defaultEmailAddress") && c.get("defaultEmailAddress").isObject()
              ? (ObjectNode) c.get("defaultEmailAddress")
              : c.putObject("defaultEmailAddress");
      e.put("emailAddress", email);
      if (!e.has("marketingState")) {
        e.put("marketingState", "NOT_SUBSCRIBED");
        e.putNull("marketingOptInLevel");
        e.putNull("marketingUpdatedAt");
      }
    }
    if (phone != null) {
      ObjectNode p =
          c.has("defaultPhoneNumber") && c.get("defaultPhoneNumber").isObject()
              ? (ObjectNode) c.get("defaultPhoneNumber")
              : c.putObject("defaultPhoneNumber");
      p.put("phoneNumber", phone);
      if (!p.has("marketingState")) {
        p.put("marketingState", "NOT_SUBSCRIBED");
        p.putNull("marketingOptInLevel");
        p.putNull("marketingUpdatedAt");
      }
    }
    if (input.containsKey("addresses")) {
      // customerSet replaces list fields: addresses not in the input are deleted.
      ArrayNode nodes = c.putObject("addressesV2").putArray("nodes");
      for (Map<String, Object> a : asList(input.get("addresses"))) {
        ObjectNode an = nodes.addObject();
        an.put("id", "gid://shopify/MailingAddress/" + (nextId++) + "?model_name=CustomerAddress");
        for (String k :
            List.of(
                "address1",
                "address2",
                "city",
                "company",
                "firstName",
                "lastName",
                "phone",
                "provinceCode",
                "zip")) {
          if (a.get(k) != null) {
            an.put(k, String.valueOf(a.get(k)));
          } else {
            an.putNull(k);
          }
        }
        an.put(
            "countryCodeV2",
            a.get("countryCode") == null ? null : String.valueOf(a.get("countryCode")));
      }
      if (nodes.isEmpty()) {
        c.putNull("defaultAddress");
      } else {
        c.set("defaultAddress", nodes.get(0));
      }
    }
    if (!c.hasNonNull("firstName")
        && !c.hasNonNull("lastName")
        && !c.hasNonNull("defaultEmailAddress")
        && !c.hasNonNull("defaultPhoneNumber")) {
      return userError(
          payload, "INVALID", "A name, phone number, or email address must be present", "input");
    }
    c.put("updatedAt", now());
    customers.put(c.get("id").asText(), c);
    payload.set("customer", c.deepCopy());
    return payload;
  }

  private static String identifierValue(Map<String, Object> identifier, String key) {
    Object v = identifier.get(key);
    return v == null ? null : v.toString();
  }

  private ObjectNode findBy(Predicate<ObjectNode> p) {
    for (ObjectNode c : customers.values()) {
      if (p.test(c)) {
        return c;
      }
    }
    return null;
  }

  private ObjectNode consent(Map<String, Object> input, String which) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("customer");
    payload.putArray("userErrors");
    ObjectNode c = customers.get(String.valueOf(input.get("customerId")));
    if (c == null) {
      return userError(payload, "INVALID", "Customer does not exist", "input", "customerId");
    }
    Map<String, Object> consent = asMap(input.get(which));
    String target = which.startsWith("email") ? "defaultEmailAddress" : "defaultPhoneNumber";
    if (!c.hasNonNull(target)) {
      return userError(
          payload,
          which.startsWith("email") ? "MISSING_ARGUMENT" : "MISSING_ARGUMENT",
          which.startsWith("email")
              ? "Customer must have an email address"
              : "Customer must have a phone number",
          "input",
          which);
    }
    String state = String.valueOf(consent.get("marketingState"));
    Set<String> allowed = Set.of("SUBSCRIBED", "UNSUBSCRIBED", "PENDING", "NOT_SUBSCRIBED");
    if (!allowed.contains(state)) {
      return userError(
          payload, "INVALID", "marketingState is invalid", "input", which, "marketingState");
    }
    ObjectNode t = (ObjectNode) c.get(target);
    t.put("marketingState", state);
    Object level = consent.get("marketingOptInLevel");
    t.put("marketingOptInLevel", level == null ? "SINGLE_OPT_IN" : level.toString());
    Object at = consent.get("consentUpdatedAt");
    t.put("marketingUpdatedAt", at == null ? now() : at.toString());
    c.put("updatedAt", now());
    payload.set("customer", c.deepCopy());
    return payload;
  }

  private ObjectNode metafieldsSet(Object list) {
    ObjectNode payload = NF.objectNode();
    ArrayNode out = payload.putArray("metafields");
    payload.putArray("userErrors");
    List<Map<String, Object>> mfs = asList(list);
    if (mfs.size() > 25) {
      return userError(
          payload, "LESS_THAN_OR_EQUAL_TO", "Exceeds the maximum of 25 metafields", "metafields");
    }
    for (int i = 0; i < mfs.size(); i++) {
      Map<String, Object> m = mfs.get(i);
      ObjectNode owner = customers.get(String.valueOf(m.get("ownerId")));
      if (owner == null) {
        return userError(
            payload, "INVALID_VALUE", "Owner does not exist", "metafields", i, "ownerId");
      }
      if (m.get("key") == null || String.valueOf(m.get("key")).length() < 2) {
        return userError(payload, "TOO_SHORT", "Key is too short", "metafields", i, "key");
      }
    }
    for (Map<String, Object> m : mfs) {
      ObjectNode owner = customers.get(String.valueOf(m.get("ownerId")));
      ObjectNode conn =
          owner.has("metafields")
              ? (ObjectNode) owner.get("metafields")
              : owner.putObject("metafields");
      ArrayNode nodes = conn.has("nodes") ? (ArrayNode) conn.get("nodes") : conn.putArray("nodes");
      String ns = m.get("namespace") == null ? "custom" : String.valueOf(m.get("namespace"));
      ObjectNode target = null;
      for (JsonNode n : nodes) {
        if (n.path("namespace").asText().equals(ns)
            && n.path("key").asText().equals(String.valueOf(m.get("key")))) {
          target = (ObjectNode) n;
        }
      }
      if (target == null) {
        target = nodes.addObject();
        target.put("id", "gid://shopify/Metafield/" + (nextId++));
      }
      target.put("namespace", ns).put("key", String.valueOf(m.get("key")));
      target.put("type", String.valueOf(m.getOrDefault("type", "single_line_text_field")));
      target.put("value", String.valueOf(m.get("value")));
      owner.put("updatedAt", now());
      out.add(target.deepCopy());
    }
    return payload;
  }

  // ---------------------------------------------------------------- bulk operations

  private ObjectNode bulkRun(String query) {
    ObjectNode payload = NF.objectNode();
    payload.putNull("bulkOperation");
    payload.putArray("userErrors");
    GraphQlDocument inner;
    try {
      inner = GraphQlDocument.parse(query);
    } catch (IllegalArgumentException e) {
      return userError(payload, "INVALID", "Invalid bulk query: " + e.getMessage(), "query");
    }
    if (inner.isMutation() || inner.fields().size() != 1) {
      return userError(
          payload,
          "INVALID",
          "Bulk queries must contain exactly one top-level connection",
          "query");
    }
    long running =
        bulkOps.values().stream()
            .filter(b -> !b.status.equals("COMPLETED") && !b.status.equals("FAILED"))
            .count();
    if (running >= 5) {
      return userError(
          payload, "LIMIT_REACHED", "A maximum of 5 bulk queries can run at once", "query");
    }
    String id = "gid://shopify/BulkOperation/" + (nextId++);
    BulkOp op = new BulkOp(id, inner, now());
    bulkOps.put(id, op);
    payload.set("bulkOperation", bulkView(id, false));
    return payload;
  }

  private ObjectNode bulkView(String id, boolean poll) {
    BulkOp op = bulkOps.get(id);
    if (op == null) {
      return null;
    }
    if (poll && !op.status.equals("COMPLETED")) {
      op.polls++;
      op.status = op.polls >= bulkPollsUntilComplete ? "COMPLETED" : "RUNNING";
      if (op.status.equals("COMPLETED")) {
        op.result = runBulk(op.query);
        op.completedAt = now();
      }
    }
    ObjectNode n = NF.objectNode();
    n.put("id", op.id).put("status", op.status).putNull("errorCode");
    n.put("createdAt", op.createdAt);
    n.put("completedAt", op.completedAt);
    n.put("objectCount", String.valueOf(op.objectCount));
    n.put("fileSize", op.result == null ? null : String.valueOf(op.result.length()));
    n.put(
        "url",
        op.status.equals("COMPLETED")
            ? "https://" + BULK_HOST + "/bulk/" + legacyId(op.id) + ".jsonl"
            : null);
    n.putNull("partialDataUrl");
    n.put("query", "(bulk query)");
    return n;
  }

  private String runBulk(GraphQlDocument query) {
    Field top = query.fields().get(0);
    Collection<ObjectNode> all;
    java.util.function.Function<ObjectNode, JsonNode> view;
    switch (top.name()) {
      case "customers" -> {
        all = customers.values();
        view = this::customerView;
      }
      case "products" -> {
        all = products.values();
        view = this::productView;
      }
      case "productVariants" -> {
        all = variants.values();
        view = this::variantView;
      }
      case "inventoryItems" -> {
        all = items.values();
        view = this::itemView;
      }
      default ->
          throw new GraphQlFailure(
              "FakeShopify cannot run bulk queries on " + top.name(), "BAD_REQUEST");
    }
    Object q = top.argument("query", Map.of());
    Predicate<JsonNode> filter = SearchQuery.parse(q == null ? null : q.toString());
    List<Field> nodeSelection = nodeSelection(top);
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (ObjectNode o : all) {
      if (filter.test(o)) {
        count += flatten(view.apply(o), nodeSelection, null, out);
      }
    }
    for (BulkOp b : bulkOps.values()) {
      if (b.query == query) {
        b.objectCount = count;
      }
    }
    return out.toString();
  }

  private static List<Field> nodeSelection(Field connection) {
    for (Field c : connection.selection()) {
      if (c.name().equals("nodes")) {
        return c.selection();
      }
      if (c.name().equals("edges")) {
        Field node = c.child("node");
        return node == null ? List.of() : node.selection();
      }
    }
    return List.of();
  }

  /** Writes a node then its nested connections' nodes, each child with {@code __parentId}. */
  private int flatten(JsonNode node, List<Field> selection, String parentId, StringBuilder out) {
    ObjectNode line = NF.objectNode();
    List<Runnable> children = new ArrayList<>();
    int[] count = {1};
    for (Field f : selection) {
      JsonNode v = resolveField(node, f, Map.of());
      boolean isConnection =
          v != null && v.isObject() && v.has("nodes") && v.get("nodes").isArray();
      if (isConnection) {
        List<Field> childSel = nodeSelection(f);
        String id = node.path("id").asText();
        children.add(
            () -> {
              for (JsonNode child : v.get("nodes")) {
                count[0] += flatten(child, childSel, id, out);
              }
            });
      } else if (v == null || v.isNull()) {
        line.putNull(f.alias());
      } else if (f.selection().isEmpty()) {
        line.set(f.alias(), v);
      } else if (v.isArray()) {
        ArrayNode a = line.putArray(f.alias());
        v.forEach(e -> a.add(project(e, f.selection(), Map.of())));
      } else {
        line.set(f.alias(), project(v, f.selection(), Map.of()));
      }
    }
    if (parentId != null) {
      line.put("__parentId", parentId);
    }
    out.append(line.toString()).append('\n');
    children.forEach(Runnable::run);
    return count[0];
  }

  private synchronized Response bulkDownload(Request request, String path) {
    for (BulkOp op : bulkOps.values()) {
      if (path.equals("/bulk/" + legacyId(op.id) + ".jsonl") && op.result != null) {
        return new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(op.result, MediaType.get("application/jsonl")))
            .build();
      }
    }
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(404)
        .message("Not Found")
        .body(
            ResponseBody.create(
                "<Error><Code>NoSuchKey</Code></Error>", MediaType.get("application/xml")))
        .build();
  }

  // ---------------------------------------------------------------- plumbing

  private synchronized void record(Request request, String body) {
    String document = "";
    JsonNode variables = NF.objectNode();
    try {
      JsonNode n = JSON.readTree(body);
      document = n.path("query").asText();
      variables = n.path("variables");
    } catch (IOException e) {
      // recorded as is
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : request.headers().names()) {
      headers.put(name, request.header(name));
    }
    requests.add(new Recorded(request.url().encodedPath(), document, variables, headers));
  }

  private static List<String> topFields(String body) {
    try {
      return GraphQlDocument.parse(JSON.readTree(body).path("query").asText()).fields().stream()
          .map(Field::name)
          .toList();
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private static boolean isMutation(String body) {
    try {
      return GraphQlDocument.parse(JSON.readTree(body).path("query").asText()).isMutation();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String readBody(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }

  private synchronized Response respond(Request request, int code, JsonNode body, String version) {
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(code)
            .message(code == 200 ? "OK" : "Error")
            .body(ResponseBody.create(body.toString(), JSON_TYPE));
    if (version != null) {
      b.header("X-Shopify-API-Version", servedVersion == null ? version : servedVersion);
      if (deprecationReason != null) {
        b.header("X-Shopify-API-Deprecated-Reason", deprecationReason);
      }
    }
    return b.build();
  }

  private ObjectNode errorBody(String message, String code, int cost) {
    ObjectNode out = NF.objectNode();
    ObjectNode e = out.putArray("errors").addObject();
    e.put("message", message);
    e.putObject("extensions").put("code", code);
    if (cost > 0) {
      out.set("extensions", costExtension(cost, null));
    }
    return out;
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Map<String, Object> toMap(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.convertValue(n, LinkedHashMap.class);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> asList(Object o) {
    return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  private static List<String> asStrings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /**
   * A GraphQL request the fake received.
   *
   * @param path the request path, such as {@code /admin/api/2026-04/graphql.json}
   * @param document the GraphQL document
   * @param variables the variables
   * @param headers the request headers (case-insensitive names)
   */
  public record Recorded(
      String path, String document, JsonNode variables, Map<String, String> headers) {

    /**
     * Returns the top-level field names of the document.
     *
     * @return the names, or an empty list when the document does not parse
     */
    public List<String> fields() {
      try {
        return GraphQlDocument.parse(document).fields().stream().map(Field::name).toList();
      } catch (IllegalArgumentException e) {
        return List.of();
      }
    }

    @Override
    public String toString() {
      return "Recorded[" + path + ", " + fields() + "]";
    }
  }

  private record Stored(String fingerprint, ObjectNode payload) {}

  private static final class Fault {
    enum Kind {
      STATUS,
      TIMEOUT_BEFORE,
      TIMEOUT_AFTER
    }

    final Kind kind;
    final int status;
    final String retryAfter;
    boolean mutationsOnly;

    Fault(Kind kind, int status, String retryAfter) {
      this.kind = kind;
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  private static final class BulkOp {
    final String id;
    final GraphQlDocument query;
    final String createdAt;
    String status = "CREATED";
    String completedAt;
    String result;
    int polls;
    int objectCount;

    BulkOp(String id, GraphQlDocument query, String createdAt) {
      this.id = id;
      this.query = query;
      this.createdAt = createdAt;
    }
  }

  private static final class GraphQlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    GraphQlFailure(String message, String code) {
      super(message);
      this.code = code;
    }
  }
}
