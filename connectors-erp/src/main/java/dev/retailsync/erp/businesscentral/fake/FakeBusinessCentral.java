package dev.retailsync.erp.businesscentral.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An in-process Business Central (API v2.0, OData v4) and its Entra ID token endpoint, as an OkHttp
 * interceptor: add it to the {@code OkHttpClient} a connector uses and no socket is opened.
 *
 * <pre>{@code
 * FakeBusinessCentral bc = new FakeBusinessCentral(clock);
 * OkHttpClient http = new OkHttpClient.Builder().addInterceptor(bc).build();
 * BusinessCentralConnector connector = BusinessCentralConnector.builder()
 *     .http(http).tenant("contoso").clientCredentials("app", "secret")
 *     .companyId(FakeBusinessCentral.COMPANY_ID).clock(clock).build();
 * }</pre>
 *
 * <p>What it speaks, after the reference notes: client-credentials tokens at {@code
 * /{tenant}/oauth2/v2.0/token}; one company; {@code customers}, {@code items}, {@code salesOrders}
 * with deep-inserted {@code salesOrderLines} (each line with its own {@code @odata.etag}; {@code
 * salesOrders({id})/salesOrderLines[({lineId})]} answers GET, POST, and PATCH and DELETE with
 * {@code If-Match}, only while the order is {@code Draft} and never below a shipped quantity;
 * {@link #releaseOrder}, {@link #shipOrder} and {@link #changeOrderLineRemotely} script the rest),
 * {@code salesCreditMemos} with their lines, and read-only posted {@code salesShipments} and {@code
 * salesInvoices}; {@code $filter} (comparisons with {@code and}, {@code or}, parentheses), {@code
 * $orderby}, {@code $top}, {@code $skip}, {@code $expand} of lines and server-driven paging with
 * {@code @odata.nextLink}; {@code @odata.etag} on every record, {@code If-Match} required on {@code
 * PATCH} (400 {@code BadRequest_InvalidToken} without it, 409 {@code Request_EntityChanged} when
 * stale); the JSON {@code $batch} format (at most 100 requests, {@code Isolation: snapshot} rolls
 * the batch back when one fails, and optionally {@code "id": null} in every response as in
 * Microsoft's example); and error bodies {@code {"error":{"code","message"}}} whose message ends
 * with the correlation id.
 *
 * <p>Scripted faults apply to the next API calls (not token calls): 429 with or without {@code
 * Retry-After}, 503 with {@code Retry-After}, 500, a timeout after the call was applied, and a
 * limit on concurrent requests beyond which calls get 429. The codes and messages of 429 and of the
 * validation errors are the fake's own where the documentation gives none.
 *
 * <p>Thread-safe. Records are kept in memory in insertion order; read them with {@link
 * #records(String)}, and the calls received with {@link #requests()}.
 */
public final class FakeBusinessCentral implements Interceptor {
  /** The id of the fake's one company. */
  public static final String COMPANY_ID = "c0ffee00-0000-4000-8000-00000000b0c0";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE =
      MediaType.get("application/json; odata.metadata=minimal");
  private static final Set<String> SETS =
      Set.of(
          "customers",
          "items",
          "salesOrders",
          "salesShipments",
          "salesInvoices",
          "salesCreditMemos");
  private static final Map<String, String> LINES =
      Map.of(
          "salesOrders", "salesOrderLines",
          "salesShipments", "salesShipmentLines",
          "salesInvoices", "salesInvoiceLines",
          "salesCreditMemos", "salesCreditMemoLines");
  private static final Map<String, Map<String, Integer>> FIELDS = fields();

  /** The properties of a document line in API v2.0 (read-only ones included). */
  private static final Set<String> LINE_FIELDS =
      Set.of(
          "id",
          "documentId",
          "sequence",
          "itemId",
          "accountId",
          "lineType",
          "lineObjectNumber",
          "description",
          "description2",
          "unitOfMeasureId",
          "unitOfMeasureCode",
          "quantity",
          "unitPrice",
          "discountAmount",
          "discountPercent",
          "discountAppliedBeforeTax",
          "taxCode",
          "shipmentDate",
          "shipQuantity",
          "invoiceQuantity",
          "itemVariantId",
          "locationId");

  private final Object lock = new Object();
  private final Clock clock;
  private Map<String, Map<String, ObjectNode>> sets = new LinkedHashMap<>();
  private final List<Recorded> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Set<String>> numbers = new LinkedHashMap<>();
  private boolean numbersStale;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Set<String> tokens = new HashSet<>();
  private final Set<String> currencies = new HashSet<>(Set.of("EUR", "GBP", "CAD", "DKK"));
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private int sequence;
  private String clientId;
  private String clientSecret;
  private int pageSize = 20_000;
  private int concurrencyLimit = Integer.MAX_VALUE;
  private boolean nullBatchIds;

  /** A call the fake received. */
  public record Recorded(
      String method, String path, Map<String, String> headers, String body, boolean inBatch) {

    /**
     * Returns a header the call carried.
     *
     * @param name the header name, case-insensitive
     * @return the value, or {@code null}
     */
    public String header(String name) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  private record Fault(
      int status,
      String code,
      String message,
      Duration retryAfter,
      boolean timeout,
      String method) {}

  private record Answer(int status, Map<String, String> headers, JsonNode body) {}

  /** Creates a fake on the system clock. */
  public FakeBusinessCentral() {
    this(Clock.systemUTC());
  }

  /**
   * Creates a fake whose record stamps come from a clock.
   *
   * @param clock the clock, a fake one in tests
   */
  public FakeBusinessCentral(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    for (String s : SETS) {
      sets.put(s, new LinkedHashMap<>());
    }
  }

  // ---- configuration and inspection ------------------------------------------------------

  /**
   * Makes the token endpoint check the client id and secret.
   *
   * @param clientId the application id it accepts
   * @param clientSecret the secret it accepts
   * @return this fake
   */
  public FakeBusinessCentral credentials(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    return this;
  }

  /**
   * Sets the server-driven page size; 20,000 as Business Central's maximum by default.
   *
   * @param size records per page
   * @return this fake
   */
  public FakeBusinessCentral pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /**
   * Answers every {@code $batch} inner response with {@code "id": null}, as Microsoft's documented
   * example does.
   *
   * @param nullIds whether ids are left out
   * @return this fake
   */
  public FakeBusinessCentral nullBatchIds(boolean nullIds) {
    this.nullBatchIds = nullIds;
    return this;
  }

  /**
   * Refuses calls beyond this many at once with 429, as Business Central does once its queue is
   * full.
   *
   * @param limit calls processed and queued at once
   * @return this fake
   */
  public FakeBusinessCentral concurrencyLimit(int limit) {
    this.concurrencyLimit = limit;
    return this;
  }

  /**
   * Returns the most API calls that were in flight at once.
   *
   * @return the peak
   */
  public int peakInFlight() {
    return peak.get();
  }

  /**
   * Returns how many token requests the fake answered.
   *
   * @return the count
   */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** Forgets every issued token, so the next API call is answered 401. */
  public void expireTokens() {
    synchronized (lock) {
      tokens.clear();
    }
  }

  /**
   * Answers the next API calls 429 without {@code Retry-After}, as Business Central documents.
   *
   * @param times how many calls
   */
  public void throttleNext(int times) {
    throttleNext(times, null);
  }

  /**
   * Answers the next API calls 429, with a {@code Retry-After} header when a wait is given.
   *
   * @param times how many calls
   * @param retryAfter the wait to announce, or {@code null}
   */
  public void throttleNext(int times, Duration retryAfter) {
    for (int i = 0; i < times; i++) {
      failNext(429, "Application_TooManyRequests", "Too many requests reached.", retryAfter);
    }
  }

  /**
   * Answers the next API calls 503 with {@code Retry-After}, as a request queued too long gets.
   *
   * @param times how many calls
   * @param retryAfter the wait to announce
   */
  public void unavailableNext(int times, Duration retryAfter) {
    for (int i = 0; i < times; i++) {
      failNext(503, null, "The service is temporarily unavailable.", retryAfter);
    }
  }

  /**
   * Answers the next API call with an error.
   *
   * @param status the HTTP status
   * @param code the {@code error.code}, or {@code null} for a body without JSON
   * @param message the message (the correlation id is appended)
   * @param retryAfter the {@code Retry-After} wait, or {@code null}
   */
  public void failNext(int status, String code, String message, Duration retryAfter) {
    failNext(null, status, code, message, retryAfter);
  }

  /**
   * Answers the next API call with this HTTP method with an error, without applying it.
   *
   * @param method such as {@code POST} (a create or a {@code $batch}), or {@code null} for any
   * @param status the HTTP status
   * @param code the {@code error.code}, or {@code null} for a body without JSON
   * @param message the message (the correlation id is appended)
   * @param retryAfter the {@code Retry-After} wait, or {@code null}
   */
  public void failNext(
      String method, int status, String code, String message, Duration retryAfter) {
    synchronized (lock) {
      faults.add(new Fault(status, code, message, retryAfter, false, method));
    }
  }

  /** Applies the next API call, then times out instead of answering. */
  public void timeoutAfterApplyingNext() {
    timeoutAfterApplyingNext(null);
  }

  /**
   * Applies the next API call with this HTTP method (a {@code POST} of a create or a {@code
   * $batch}), then times out instead of answering: the client never learns the write happened.
   *
   * @param method such as {@code POST}, or {@code null} for any call
   */
  public void timeoutAfterApplyingNext(String method) {
    synchronized (lock) {
      faults.add(new Fault(0, null, null, null, true, method));
    }
  }

  /**
   * Returns the calls received, in order; the inner requests of a {@code $batch} follow it with
   * {@code inBatch} set.
   *
   * @return the calls
   */
  public List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Returns how many HTTP calls reached the API (token calls and {@code $batch} inner requests not
   * counted).
   *
   * @return the count
   */
  public int apiCalls() {
    int n = 0;
    for (Recorded r : requests()) {
      if (!r.inBatch() && !r.path().contains("/oauth2/")) {
        n++;
      }
    }
    return n;
  }

  /** Forgets the calls received. */
  public void clearRequests() {
    requests.clear();
  }

  /**
   * Returns copies of the records of an entity set, with their lines.
   *
   * @param entitySet such as {@code customers} or {@code salesOrders}
   * @return the records, in creation order
   */
  public List<ObjectNode> records(String entitySet) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      set(entitySet).values().forEach(r -> out.add(r.deepCopy()));
      return out;
    }
  }

  /**
   * Returns a copy of one record.
   *
   * @param entitySet the entity set
   * @param id the record's id
   * @return the record, or {@code null}
   */
  public ObjectNode record(String entitySet, String id) {
    synchronized (lock) {
      ObjectNode r = set(entitySet).get(id);
      return r == null ? null : r.deepCopy();
    }
  }

  /**
   * Adds a customer as if created in Business Central.
   *
   * @param number the customer number
   * @param name the display name
   * @return the record's id
   */
  public String addCustomer(String number, String name) {
    ObjectNode body = JSON.createObjectNode().put("number", number).put("displayName", name);
    return create("customers", body).path("id").asText();
  }

  /**
   * Adds an item as if created in Business Central.
   *
   * @param number the item number
   * @param name the display name
   * @param inventory the quantity on hand
   * @param unitPrice the unit price
   * @return the record's id
   */
  public String addItem(String number, String name, BigDecimal inventory, BigDecimal unitPrice) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("number", number)
            .put("displayName", name)
            .put("unitPrice", unitPrice);
    String id = create("items", body).path("id").asText();
    synchronized (lock) {
      set("items").get(id).put("inventory", inventory);
    }
    return id;
  }

  /**
   * Changes fields of a record behind the connector's back, as another user would: a new ETag and
   * stamp.
   *
   * @param entitySet the entity set
   * @param id the record's id
   * @param fields the fields to set
   */
  public void changeRemotely(String entitySet, String id, Map<String, Object> fields) {
    synchronized (lock) {
      ObjectNode r = set(entitySet).get(id);
      if (r == null) {
        throw new IllegalArgumentException("no " + entitySet + " record " + id);
      }
      fields.forEach((k, v) -> r.set(k, JSON.valueToTree(v)));
      numbersStale |= fields.containsKey("number");
      touch(r);
    }
  }

  /**
   * Releases an order, as a user would: its status becomes {@code Open} (the API's name for
   * Business Central's Released) and its lines can no longer change.
   *
   * @param orderId the sales order's id
   */
  public void releaseOrder(String orderId) {
    changeRemotely("salesOrders", orderId, Map.of("status", "Open"));
  }

  /**
   * Changes fields of one line of an order behind the connector's back: the line gets a new ETag.
   *
   * @param orderId the sales order's id
   * @param sequence the line's sequence, such as 10000
   * @param fields the fields to set
   */
  public void changeOrderLineRemotely(String orderId, int sequence, Map<String, Object> fields) {
    synchronized (lock) {
      ObjectNode order = set("salesOrders").get(orderId);
      if (order == null) {
        throw new IllegalArgumentException("no sales order " + orderId);
      }
      for (JsonNode l : order.path("salesOrderLines")) {
        if (l.path("sequence").asInt() == sequence) {
          fields.forEach((k, v) -> ((ObjectNode) l).set(k, JSON.valueToTree(v)));
          touch((ObjectNode) l);
          retotal(order);
          touch(order);
          return;
        }
      }
      throw new IllegalArgumentException("sales order " + orderId + " has no line " + sequence);
    }
  }

  /**
   * Posts a shipment of every line of an order, as warehouse staff would: the order's lines get
   * their shipped quantity and the order becomes fully shipped.
   *
   * @param orderId the sales order's id
   * @return the shipment's id
   */
  public String shipOrder(String orderId) {
    synchronized (lock) {
      ObjectNode order = set("salesOrders").get(orderId);
      if (order == null) {
        throw new IllegalArgumentException("no sales order " + orderId);
      }
      ObjectNode s = JSON.createObjectNode();
      String id = UUID.randomUUID().toString();
      s.put("id", id);
      s.put("number", "S-SHPT" + (102000 + ++sequence));
      copy(order, s, "externalDocumentNumber", "customerNumber", "currencyCode", "shipToName");
      for (String f :
          List.of("AddressLine1", "AddressLine2", "City", "State", "Country", "PostCode")) {
        copy(order, s, "shipTo" + f);
      }
      s.put("orderNumber", order.path("number").asText());
      s.put("postingDate", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
      s.put("shipmentMethodCode", "");
      ArrayNode lines = s.putArray("salesShipmentLines");
      for (JsonNode l : order.path("salesOrderLines")) {
        ObjectNode sl = lines.addObject();
        sl.put("id", UUID.randomUUID().toString());
        sl.put("documentId", id);
        copy(
            (ObjectNode) l,
            sl,
            "sequence",
            "lineType",
            "lineObjectNumber",
            "description",
            "quantity");
        ((ObjectNode) l).set("shippedQuantity", l.path("quantity"));
        touch((ObjectNode) l);
      }
      order.put("fullyShipped", true);
      touch(order);
      touch(s);
      set("salesShipments").put(id, s);
      return id;
    }
  }

  /**
   * Posts an invoice for every line of an order; Business Central then removes the fully shipped
   * and invoiced order, as this fake does when {@code removeOrder} is set.
   *
   * @param orderId the sales order's id
   * @param removeOrder whether the order disappears, as a fully shipped and invoiced one does
   * @return the invoice's id
   */
  public String invoiceOrder(String orderId, boolean removeOrder) {
    synchronized (lock) {
      ObjectNode order = set("salesOrders").get(orderId);
      if (order == null) {
        throw new IllegalArgumentException("no sales order " + orderId);
      }
      ObjectNode inv = JSON.createObjectNode();
      String id = UUID.randomUUID().toString();
      inv.put("id", id);
      inv.put("number", "S-INV" + (103000 + ++sequence));
      copy(
          order,
          inv,
          "externalDocumentNumber",
          "customerNumber",
          "currencyCode",
          "totalAmountExcludingTax",
          "totalTaxAmount",
          "totalAmountIncludingTax");
      inv.put("orderId", orderId);
      inv.put("orderNumber", order.path("number").asText());
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      inv.put("invoiceDate", today.toString());
      inv.put("dueDate", today.plusDays(30).toString());
      inv.put("status", "Open");
      inv.set("remainingAmount", order.path("totalAmountIncludingTax"));
      ArrayNode lines = inv.putArray("salesInvoiceLines");
      for (JsonNode l : order.path("salesOrderLines")) {
        ObjectNode il = lines.addObject();
        il.put("id", UUID.randomUUID().toString());
        il.put("documentId", id);
        copy(
            (ObjectNode) l,
            il,
            "sequence",
            "lineType",
            "lineObjectNumber",
            "description",
            "quantity",
            "unitPrice",
            "amountIncludingTax");
      }
      touch(inv);
      set("salesInvoices").put(id, inv);
      if (removeOrder) {
        set("salesOrders").remove(orderId);
      }
      return id;
    }
  }

  // ---- the interceptor -------------------------------------------------------------------

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String body = bodyOf(request);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : List.of("If-Match", "Isolation", "Content-Type", "Accept")) {
      if (request.header(name) != null) {
        headers.put(name, request.header(name));
      }
    }
    headers.put("Authorization", request.header("Authorization") == null ? "none" : "Bearer ...");
    HttpUrl url = request.url();
    String shown = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.query());
    requests.add(new Recorded(request.method(), shown, Map.copyOf(headers), body, false));
    if (url.encodedPath().endsWith("/oauth2/v2.0/token")) {
      return respond(request, token(request), null);
    }
    List<String> segments = url.pathSegments();
    int api = -1;
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (segments.get(i).equals("api") && segments.get(i + 1).equals("v2.0")) {
        api = i + 2;
      }
    }
    if (api < 0) {
      return respond(
          request, error(404, "BadRequest_NotFound", "No API at " + url.encodedPath()), null);
    }
    String auth = request.header("Authorization");
    synchronized (lock) {
      if (auth == null || !tokens.contains(auth.replaceFirst("^Bearer ", ""))) {
        return respond(
            request,
            error(
                401,
                "Authentication_InvalidCredentials",
                "The server has rejected the client credentials."),
            null);
      }
    }
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try {
      if (now > concurrencyLimit) {
        return respond(
            request, error(429, "Application_TooManyRequests", "Too many requests reached."), null);
      }
      Fault fault;
      synchronized (lock) {
        fault = null;
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
          Fault f = it.next();
          if (f.method() == null || f.method().equals(request.method())) {
            fault = f;
            it.remove();
            break;
          }
        }
      }
      if (fault != null && !fault.timeout()) {
        Answer a =
            fault.code() == null
                ? new Answer(fault.status(), Map.of(), null)
                : error(fault.status(), fault.code(), fault.message());
        return respond(request, a, fault.retryAfter());
      }
      String rest = String.join("/", segments.subList(api, segments.size()));
      Map<String, String> query = new LinkedHashMap<>();
      for (String n : url.queryParameterNames()) {
        query.put(n, url.queryParameter(n));
      }
      Answer answer;
      if (rest.equals("$batch") && request.method().equals("POST")) {
        answer = batch(body, request.header("Isolation"), url);
      } else {
        answer = dispatch(request.method(), rest, query, request.header("If-Match"), body, url);
      }
      if (fault != null) {
        throw new SocketTimeoutException("timeout (the fake applied the call first)");
      }
      return respond(request, answer, null);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Answer token(Request request) {
    tokenRequests.incrementAndGet();
    Map<String, String> form = new LinkedHashMap<>();
    if (request.body() instanceof FormBody f) {
      for (int i = 0; i < f.size(); i++) {
        form.put(f.name(i), f.value(i));
      }
    }
    ObjectNode b = JSON.createObjectNode();
    if (!"client_credentials".equals(form.get("grant_type"))) {
      b.put("error", "unsupported_grant_type");
      b.put("error_description", "AADSTS70003: The app requested an unsupported grant type.");
      return new Answer(400, Map.of(), b);
    }
    if (!"https://api.businesscentral.dynamics.com/.default".equals(form.get("scope"))) {
      b.put("error", "invalid_scope");
      b.put("error_description", "AADSTS70011: The provided value for scope is not valid.");
      return new Answer(400, Map.of(), b);
    }
    if (clientId != null
        && (!clientId.equals(form.get("client_id"))
            || !Objects.equals(clientSecret, form.get("client_secret")))) {
      b.put("error", "invalid_client");
      b.put("error_description", "AADSTS7000215: Invalid client secret provided.");
      return new Answer(401, Map.of(), b);
    }
    String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake." + UUID.randomUUID();
    synchronized (lock) {
      tokens.add(token);
    }
    b.put("token_type", "Bearer");
    b.put("expires_in", 3599);
    b.put("ext_expires_in", 3599);
    b.put("access_token", token);
    return new Answer(200, Map.of(), b);
  }

  // ---- $batch ----------------------------------------------------------------------------

  private Answer batch(String body, String isolation, HttpUrl outer) {
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (IOException e) {
      return error(400, "BadRequest", "The $batch body is not JSON.");
    }
    JsonNode list = payload.path("requests");
    if (list.size() > 100) {
      return error(
          400, "BadRequest", "The request exceeds the maximum of 100 operations per $batch.");
    }
    boolean snapshot = "snapshot".equalsIgnoreCase(isolation);
    synchronized (lock) {
      Map<String, Map<String, ObjectNode>> before = snapshot ? copySets() : null;
      ObjectNode out = JSON.createObjectNode();
      ArrayNode responses = out.putArray("responses");
      boolean failed = false;
      HttpUrl root = apiRoot(outer);
      for (JsonNode r : list) {
        String method = r.path("method").asText("GET");
        HttpUrl inner = root.resolve(r.path("url").asText());
        Map<String, String> h = new LinkedHashMap<>();
        r.path("headers").properties().forEach(e -> h.put(e.getKey(), e.getValue().asText()));
        String innerBody = r.has("body") ? r.get("body").toString() : "";
        String ifMatch = null;
        for (Map.Entry<String, String> e : h.entrySet()) {
          if (e.getKey().equalsIgnoreCase("If-Match")) {
            ifMatch = e.getValue();
          }
        }
        requests.add(
            new Recorded(
                method,
                inner.encodedPath() + (inner.encodedQuery() == null ? "" : "?" + inner.query()),
                Map.copyOf(h),
                innerBody,
                true));
        List<String> segs = inner.pathSegments();
        int api = segs.indexOf("v2.0");
        String rest = String.join("/", segs.subList(segs.lastIndexOf("v2.0") + 1, segs.size()));
        if (api < 0) {
          rest = String.join("/", segs);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String n : inner.queryParameterNames()) {
          query.put(n, inner.queryParameter(n));
        }
        Answer a = dispatch(method, rest, query, ifMatch, innerBody, inner);
        failed |= a.status() >= 400;
        ObjectNode resp = responses.addObject();
        if (nullBatchIds || !r.hasNonNull("id")) {
          resp.putNull("id");
        } else {
          resp.set("id", r.get("id"));
        }
        resp.put("status", a.status());
        ObjectNode rh = resp.putObject("headers");
        if (a.body() != null) {
          rh.put("content-type", "application/json; odata.metadata=minimal");
          rh.put("odata-version", "4.0");
          if (a.body().has("@odata.etag")) {
            rh.put("etag", a.body().get("@odata.etag").asText());
          }
          resp.set("body", a.body());
        }
      }
      if (snapshot && failed) {
        sets = before;
        numbersStale = true;
      }
      return new Answer(200, Map.of(), out);
    }
  }

  private static HttpUrl apiRoot(HttpUrl outer) {
    String path = outer.encodedPath();
    return outer
        .newBuilder()
        .encodedPath(path.substring(0, path.lastIndexOf('/') + 1))
        .query(null)
        .build();
  }

  // ---- entity sets -----------------------------------------------------------------------

  private Answer dispatch(
      String method,
      String rest,
      Map<String, String> query,
      String ifMatch,
      String body,
      HttpUrl url) {
    synchronized (lock) {
      String[] parts = rest.split("/");
      if (parts[0].equals("companies")) {
        return companies(query);
      }
      String company = keyOf(parts[0], "companies");
      if (company == null || !company.equalsIgnoreCase(COMPANY_ID)) {
        return error(404, "BadRequest_NotFound", "The company " + parts[0] + " does not exist.");
      }
      if (parts.length < 2) {
        return error(400, "BadRequest_MethodNotAllowed", "Unsupported request " + rest);
      }
      String name =
          parts[1].contains("(") ? parts[1].substring(0, parts[1].indexOf('(')) : parts[1];
      if (!SETS.contains(name)) {
        return error(
            404, "BadRequest_NotFound", "Resource not found for the segment '" + name + "'.");
      }
      String id = keyOf(parts[1], name);
      String expand = query.get("$expand");
      try {
        if (parts.length > 2 && name.equals("salesOrders") && id != null) {
          String nav =
              parts[2].contains("(") ? parts[2].substring(0, parts[2].indexOf('(')) : parts[2];
          ObjectNode order = set(name).get(id.toLowerCase(java.util.Locale.ROOT));
          if (!nav.equals("salesOrderLines") || parts.length > 3) {
            return error(
                404, "BadRequest_NotFound", "Resource not found for the segment '" + nav + "'.");
          }
          if (order == null) {
            return error(
                404,
                "Internal_RecordNotFound",
                "The salesOrders record with id " + id + " does not exist.");
          }
          return orderLines(method, order, keyOf(parts[2], nav), ifMatch, body);
        }
        if (id == null) {
          switch (method) {
            case "GET":
              return list(name, query, url);
            case "POST":
              if (name.equals("salesShipments") || name.equals("salesInvoices")) {
                return error(
                    405,
                    "BadRequest_MethodNotAllowed",
                    "'POST' requests for '" + name + "' are not allowed.");
              }
              return new Answer(201, Map.of(), view(name, create(name, JSON.readTree(body)), true));
            default:
              return error(
                  405,
                  "BadRequest_MethodNotAllowed",
                  "'"
                      + method
                      + "' requests for '"
                      + name
                      + "' of EdmEntityType are not allowed within Dynamics 365 Business Central OData web services.");
          }
        }
        ObjectNode r = set(name).get(id.toLowerCase(java.util.Locale.ROOT));
        if (r == null) {
          return error(
              404,
              "Internal_RecordNotFound",
              "The " + name + " record with id " + id + " does not exist.");
        }
        switch (method) {
          case "GET":
            return new Answer(200, Map.of(), view(name, r, expand != null));
          case "PATCH":
            Answer refused = precondition(ifMatch, r);
            if (refused != null) {
              return refused;
            }
            ObjectNode changes = (ObjectNode) JSON.readTree(body);
            Answer invalid = validate(name, changes, false);
            if (invalid != null) {
              return invalid;
            }
            changes.remove(List.of("id", "@odata.etag", "lastModifiedDateTime"));
            if (name.equals("customers")
                && changes.has("number")
                && !changes.get("number").asText().equals(r.path("number").asText())) {
              return error(
                  400,
                  "Application_DialogException",
                  "You cannot change the customer number through the API.");
            }
            r.setAll(changes);
            numbersStale |= changes.has("number");
            touch(r);
            return new Answer(200, Map.of(), view(name, r, false));
          case "DELETE":
            set(name).remove(id);
            numbersStale = true;
            return new Answer(204, Map.of(), null);
          default:
            return error(405, "BadRequest_MethodNotAllowed", "'" + method + "' is not allowed.");
        }
      } catch (Rejection e) {
        return e.answer;
      } catch (IOException | ClassCastException e) {
        return error(400, "BadRequest", "Invalid Request Body");
      } catch (IllegalArgumentException e) {
        return error(400, "BadRequest", "Bad Request - Error in query syntax: " + e.getMessage());
      }
    }
  }

  /** Business Central's answer to a missing ({@code 400}) or stale ({@code 409}) If-Match. */
  private static Answer precondition(String ifMatch, JsonNode record) {
    if (ifMatch == null) {
      return error(
          400,
          "BadRequest_InvalidToken",
          "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
    }
    if (!ifMatch.equals("*") && !ifMatch.equals(record.path("@odata.etag").asText())) {
      return error(409, "Request_EntityChanged", "Another user has already changed the record.");
    }
    return null;
  }

  private static final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Answer answer;

    Rejection(Answer answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private Answer companies(Map<String, String> query) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", COMPANY_ID);
    c.put("systemVersion", "26.0.0.0");
    c.put("name", "CRONUS USA, Inc.");
    c.put("displayName", "CRONUS USA, Inc.");
    c.put("businessProfileId", "");
    ObjectNode out = JSON.createObjectNode();
    out.put("@odata.context", "https://api.businesscentral.dynamics.com/v2.0/$metadata#companies");
    ArrayNode value = out.putArray("value");
    if (ODataFilter.parse(query.get("$filter")).test(c)) {
      value.add(c);
    }
    return new Answer(200, Map.of(), out);
  }

  private Answer list(String name, Map<String, String> query, HttpUrl url) {
    Predicate<JsonNode> filter = ODataFilter.parse(query.get("$filter"));
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode r : set(name).values()) {
      if (filter.test(r)) {
        rows.add(r);
      }
    }
    String orderby = query.get("$orderby");
    if (orderby != null) {
      Comparator<JsonNode> cmp = null;
      for (String part : orderby.split(",")) {
        String[] p = part.trim().split("\\s+");
        String field = p[0];
        Comparator<JsonNode> c = Comparator.comparing((JsonNode r) -> r.path(field).asText());
        if (p.length > 1 && p[1].equalsIgnoreCase("desc")) {
          c = c.reversed();
        }
        cmp = cmp == null ? c : cmp.thenComparing(c);
      }
      rows.sort(cmp);
    }
    int skip = query.containsKey("$skip") ? Integer.parseInt(query.get("$skip")) : 0;
    int top = query.containsKey("$top") ? Integer.parseInt(query.get("$top")) : Integer.MAX_VALUE;
    int offset = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
    rows = rows.subList(Math.min(rows.size(), skip), rows.size());
    rows = rows.subList(0, Math.min(rows.size(), top));
    int end = Math.min(rows.size(), offset + pageSize);
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "@odata.context",
        "https://api.businesscentral.dynamics.com/v2.0/$metadata#companies("
            + COMPANY_ID
            + ")/"
            + name);
    ArrayNode value = out.putArray("value");
    boolean expand = query.get("$expand") != null;
    for (ObjectNode r : rows.subList(Math.min(offset, rows.size()), end)) {
      value.add(view(name, r, expand));
    }
    if (end < rows.size()) {
      out.put(
          "@odata.nextLink",
          url.newBuilder().setQueryParameter("$skiptoken", String.valueOf(end)).build().toString());
    }
    return new Answer(200, Map.of(), out);
  }

  private ObjectNode view(String name, ObjectNode r, boolean expand) {
    ObjectNode v = r.deepCopy();
    String lines = LINES.get(name);
    if (lines != null && !expand) {
      v.remove(lines);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("@odata.etag", v.path("@odata.etag").asText());
    v.remove("@odata.etag");
    out.setAll(v);
    return out;
  }

  private ObjectNode create(String name, JsonNode input) {
    synchronized (lock) {
      if (!(input instanceof ObjectNode body)) {
        throw new Rejection(error(400, "BadRequest", "Invalid Request Body"));
      }
      Answer invalid = validate(name, body, true);
      if (invalid != null) {
        throw new Rejection(invalid);
      }
      ObjectNode r = JSON.createObjectNode();
      String id = UUID.randomUUID().toString();
      r.put("id", id);
      switch (name) {
        case "customers":
          defaults(
              r,
              "number",
              "C" + (10000 + ++sequence),
              "displayName",
              "",
              "type",
              "Company",
              "addressLine1",
              "",
              "addressLine2",
              "",
              "city",
              "",
              "state",
              "",
              "country",
              "",
              "postalCode",
              "",
              "phoneNumber",
              "",
              "email",
              "",
              "taxLiable",
              false,
              "taxRegistrationNumber",
              "",
              "currencyCode",
              "",
              "blocked",
              " ");
          r.put("creditLimit", BigDecimal.ZERO);
          r.put("balanceDue", BigDecimal.ZERO);
          break;
        case "items":
          defaults(
              r,
              "number",
              "I" + (10000 + ++sequence),
              "displayName",
              "",
              "type",
              "Inventory",
              "gtin",
              "",
              "baseUnitOfMeasureCode",
              "PCS",
              "blocked",
              false);
          r.put("inventory", BigDecimal.ZERO);
          r.put("unitPrice", BigDecimal.ZERO);
          break;
        default:
          document(name, r, body);
      }
      for (Map.Entry<String, JsonNode> e : body.properties()) {
        if (!LINES.containsValue(e.getKey())) {
          r.set(e.getKey(), e.getValue());
        }
      }
      if (name.equals("customers") || name.equals("items")) {
        // number is a Code field: Business Central stores it in upper case.
        r.put("number", r.path("number").asText().toUpperCase(java.util.Locale.ROOT));
        if (numbersStale) {
          numbers.clear();
          numbersStale = false;
        }
        Set<String> taken =
            numbers.computeIfAbsent(
                name,
                n -> {
                  Set<String> all = new HashSet<>();
                  set(n)
                      .values()
                      .forEach(
                          o ->
                              all.add(
                                  o.path("number").asText().toUpperCase(java.util.Locale.ROOT)));
                  return all;
                });
        String number = r.path("number").asText();
        if (!taken.add(number.toUpperCase(java.util.Locale.ROOT))) {
          throw new Rejection(
              error(
                  400,
                  "Internal_EntityWithSameKeyExists",
                  "The record in table "
                      + (name.equals("items") ? "Item" : "Customer")
                      + " already exists. Identification fields and values: No.='"
                      + number
                      + "'"));
        }
      }
      if (LINES.containsKey(name)) {
        lines(name, r, body.path(LINES.get(name)));
      }
      touch(r);
      set(name).put(id, r);
      return r;
    }
  }

  private void document(String name, ObjectNode r, ObjectNode body) {
    String customerNumber = body.path("customerNumber").asText("");
    if (customerNumber.isEmpty() && body.path("customerId").asText("").isEmpty()) {
      throw new Rejection(
          error(
              400,
              "Application_DialogException",
              "A customerNumber or a customerID must be provided."));
    }
    ObjectNode customer = null;
    for (ObjectNode c : set("customers").values()) {
      if (c.path("number").asText().equals(customerNumber)
          || c.path("id").asText().equals(body.path("customerId").asText())) {
        customer = c;
      }
    }
    if (customer == null) {
      throw new Rejection(
          error(
              400,
              "Internal_RecordNotFound",
              "The Customer does not exist. Identification fields and values: No.='"
                  + customerNumber
                  + "'"));
    }
    String blocked = customer.path("blocked").asText(" ").trim();
    if (!blocked.isEmpty()
        && (blocked.equals("All") || name.equals("salesOrders") && blocked.equals("Ship"))) {
      throw new Rejection(
          error(
              400,
              "Application_DialogException",
              "You cannot create this type of document when Customer "
                  + customerNumber
                  + " is blocked with type "
                  + blocked));
    }
    r.put("customerId", customer.path("id").asText());
    r.put("customerNumber", customer.path("number").asText());
    r.put("customerName", customer.path("displayName").asText());
    r.put("externalDocumentNumber", "");
    r.put("currencyCode", "");
    r.put("email", customer.path("email").asText(""));
    for (String f : List.of("AddressLine1", "AddressLine2", "City", "State", "Country")) {
      String src = customer.path(Character.toLowerCase(f.charAt(0)) + f.substring(1)).asText("");
      r.put("billTo" + f, src);
      r.put("shipTo" + f, src);
    }
    r.put("billToPostCode", customer.path("postalCode").asText(""));
    r.put("shipToPostCode", customer.path("postalCode").asText(""));
    r.put("status", "Draft");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (name.equals("salesOrders")) {
      r.put("number", "S-ORD" + (101000 + ++sequence));
      r.put("orderDate", today.toString());
      r.put("fullyShipped", false);
    } else {
      r.put("number", "S-CR" + (104000 + ++sequence));
      r.put("creditMemoDate", today.toString());
    }
  }

  private void lines(String name, ObjectNode r, JsonNode input) {
    ArrayNode lines = r.putArray(LINES.get(name));
    int seq = 0;
    for (JsonNode l : input) {
      if (l.has("sequence")) {
        throw new Rejection(
            error(
                400,
                "Application_DialogException",
                "You cannot change the value of the SystemId field."));
      }
      lines.add(newLine(r, l, (++seq) * 10000));
    }
    retotal(r);
  }

  /** A document line from a request body, its item checked, with its own ETag. */
  private ObjectNode newLine(ObjectNode r, JsonNode l, int sequence) {
    checkLineFields(l);
    String type = l.path("lineType").asText("Item");
    ObjectNode line = JSON.createObjectNode();
    line.put("id", UUID.randomUUID().toString());
    line.put("documentId", r.path("id").asText());
    line.put("sequence", sequence);
    line.put("lineType", type);
    line.put("lineObjectNumber", l.path("lineObjectNumber").asText(""));
    line.put("description", l.path("description").asText(""));
    BigDecimal qty =
        l.path("quantity").isMissingNode() ? BigDecimal.ZERO : l.path("quantity").decimalValue();
    BigDecimal price = l.has("unitPrice") ? l.path("unitPrice").decimalValue() : null;
    if (type.equals("Item")) {
      ObjectNode item = item(l.path("lineObjectNumber").asText());
      line.put("itemId", item.path("id").asText());
      if (line.path("description").asText().isEmpty()) {
        line.put("description", item.path("displayName").asText());
      }
      if (price == null) {
        price = item.path("unitPrice").decimalValue();
      }
    }
    price = price == null ? BigDecimal.ZERO : price;
    line.put("unitOfMeasureCode", "PCS");
    line.put("quantity", qty);
    line.put("unitPrice", price);
    line.put("shippedQuantity", BigDecimal.ZERO);
    line.put("amountIncludingTax", qty.multiply(price));
    touch(line);
    return line;
  }

  private static void checkLineFields(JsonNode l) {
    for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.startsWith("@odata") && !LINE_FIELDS.contains(f)) {
        throw new Rejection(
            error(
                400,
                "BadRequest",
                "The property '"
                    + f
                    + "' does not exist on type 'Microsoft.NAV.salesOrderLine'. Make sure to only"
                    + " use property names that are defined by the type."));
      }
    }
  }

  private ObjectNode item(String number) {
    ObjectNode item = null;
    for (ObjectNode i : set("items").values()) {
      if (i.path("number").asText().equals(number)) {
        item = i;
      }
    }
    if (item == null) {
      throw new Rejection(
          error(
              400,
              "Internal_RecordNotFound",
              "The Item does not exist. Identification fields and values: No.='" + number + "'"));
    }
    if (item.path("blocked").asBoolean(false)) {
      throw new Rejection(
          error(
              400,
              "Application_DialogException",
              "Blocked must be equal to 'No'  in Item: No.="
                  + item.path("number").asText()
                  + ". Current value is 'Yes'."));
    }
    return item;
  }

  /** Recomputes a document's totals from its lines. */
  private static void retotal(ObjectNode r) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode l :
        r.path("salesOrderLines").isMissingNode()
            ? r.path("salesCreditMemoLines")
            : r.path("salesOrderLines")) {
      total =
          total.add(l.path("quantity").decimalValue().multiply(l.path("unitPrice").decimalValue()));
    }
    r.put("discountAmount", BigDecimal.ZERO);
    r.put("totalAmountExcludingTax", total);
    r.put("totalTaxAmount", BigDecimal.ZERO);
    r.put("totalAmountIncludingTax", total);
  }

  // ---- sales order lines of an existing order ---------------------------------------------

  /**
   * Serves {@code salesOrders({id})/salesOrderLines[({lineId})]}: GET, POST, and PATCH and DELETE
   * with {@code If-Match}; lines change only while the order's status is {@code Draft} (Business
   * Central's internal Open status), never below or away from a shipped quantity.
   */
  private Answer orderLines(
      String method, ObjectNode order, String lineId, String ifMatch, String body)
      throws IOException {
    ArrayNode lines = (ArrayNode) order.get("salesOrderLines");
    ObjectNode line = null;
    int at = -1;
    if (lineId != null) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).path("id").asText().equalsIgnoreCase(lineId)) {
          line = (ObjectNode) lines.get(i);
          at = i;
        }
      }
      if (line == null) {
        return error(
            404,
            "Internal_RecordNotFound",
            "The salesOrderLines record with id " + lineId + " does not exist.");
      }
    }
    if (method.equals("GET")) {
      if (line != null) {
        return new Answer(200, Map.of(), view("salesOrderLines", line, false));
      }
      ObjectNode out = JSON.createObjectNode();
      ArrayNode value = out.putArray("value");
      lines.forEach(l -> value.add(view("salesOrderLines", (ObjectNode) l, false)));
      return new Answer(200, Map.of(), out);
    }
    if (!order.path("status").asText().equals("Draft")) {
      return error(
          400,
          "Application_DialogException",
          "Status must be equal to 'Open'  in Sales Header: Document Type=Order, No.="
              + order.path("number").asText()
              + ". Current value is 'Released'.");
    }
    Answer refused = line == null ? null : precondition(ifMatch, line);
    if (refused != null) {
      return refused;
    }
    BigDecimal shipped =
        line == null ? BigDecimal.ZERO : line.path("shippedQuantity").decimalValue();
    switch (method) {
      case "POST" -> {
        JsonNode in = JSON.readTree(body);
        if (in.has("sequence")) {
          throw new Rejection(
              error(
                  400,
                  "Application_DialogException",
                  "You cannot change the value of the SystemId field."));
        }
        int next = 0;
        for (JsonNode l : lines) {
          next = Math.max(next, l.path("sequence").asInt());
        }
        ObjectNode created = newLine(order, in, next + 10000);
        lines.add(created);
        retotal(order);
        touch(order);
        return new Answer(201, Map.of(), view("salesOrderLines", created, false));
      }
      case "PATCH" -> {
        ObjectNode changes = (ObjectNode) JSON.readTree(body);
        checkLineFields(changes);
        if (changes.has("lineObjectNumber")
            && !changes
                .get("lineObjectNumber")
                .asText()
                .equals(line.path("lineObjectNumber").asText())
            && shipped.signum() > 0) {
          return error(
              400,
              "Application_DialogException",
              "You cannot change No. because the line has been shipped.");
        }
        if (changes.has("quantity")
            && changes.get("quantity").decimalValue().compareTo(shipped) < 0) {
          return error(
              400,
              "Application_DialogException",
              "You cannot reduce Quantity below the quantity already shipped ("
                  + shipped.toPlainString()
                  + ").");
        }
        if (changes.has("lineObjectNumber")) {
          line.put("itemId", item(changes.get("lineObjectNumber").asText()).path("id").asText());
        }
        for (String f : List.of("lineObjectNumber", "description", "quantity", "unitPrice")) {
          if (changes.has(f)) {
            line.set(f, changes.get(f));
          }
        }
        line.put(
            "amountIncludingTax",
            line.path("quantity").decimalValue().multiply(line.path("unitPrice").decimalValue()));
        touch(line);
        retotal(order);
        touch(order);
        return new Answer(200, Map.of(), view("salesOrderLines", line, false));
      }
      case "DELETE" -> {
        if (shipped.signum() > 0) {
          return error(
              400,
              "Application_DialogException",
              "You cannot delete the line because it has been shipped.");
        }
        lines.remove(at);
        retotal(order);
        touch(order);
        return new Answer(204, Map.of(), null);
      }
      default -> {
        return error(405, "BadRequest_MethodNotAllowed", "'" + method + "' is not allowed.");
      }
    }
  }

  private Answer validate(String name, ObjectNode body, boolean create) {
    Map<String, Integer> known = FIELDS.get(name);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (f.startsWith("@odata") || f.equals(LINES.get(name))) {
        continue;
      }
      Integer max = known.get(f);
      if (max == null) {
        return error(
            400,
            "BadRequest",
            "The property '"
                + f
                + "' does not exist on type 'Microsoft.NAV."
                + name.substring(0, name.length() - 1)
                + "'. Make sure to only use property names that are defined by the type.");
      }
      JsonNode v = body.get(f);
      if (max > 0 && v.isTextual() && v.asText().length() > max) {
        return error(
            400,
            "Application_StringExceededLength",
            "The length of the string is "
                + v.asText().length()
                + ", but it must be less than or equal to "
                + max
                + " characters.");
      }
      if (f.equals("currencyCode") && !v.asText().isEmpty() && !currencies.contains(v.asText())) {
        return error(
            400,
            "Application_FieldValidationException",
            "The field Currency Code of table "
                + name
                + " contains a value ("
                + v.asText()
                + ") that cannot be found in the related table (Currency).");
      }
    }
    return null;
  }

  private static Map<String, Map<String, Integer>> fields() {
    Map<String, Integer> customer = new LinkedHashMap<>();
    put(customer, 20, "number");
    put(customer, 100, "displayName", "addressLine1");
    put(customer, 50, "addressLine2");
    put(customer, 30, "city", "state", "phoneNumber");
    put(customer, 10, "country", "currencyCode");
    put(customer, 20, "postalCode", "taxRegistrationNumber");
    put(customer, 80, "email", "website");
    put(
        customer,
        0,
        "type",
        "blocked",
        "creditLimit",
        "taxLiable",
        "taxAreaId",
        "currencyId",
        "paymentTermsId",
        "shipmentMethodId",
        "paymentMethodId",
        "salespersonCode",
        "id",
        "lastModifiedDateTime",
        "balanceDue");
    Map<String, Integer> item = new LinkedHashMap<>();
    put(item, 20, "number");
    put(item, 100, "displayName");
    put(item, 14, "gtin");
    put(item, 10, "baseUnitOfMeasureCode");
    put(
        item,
        0,
        "type",
        "blocked",
        "unitPrice",
        "unitCost",
        "priceIncludesTax",
        "itemCategoryId",
        "itemCategoryCode",
        "taxGroupId",
        "taxGroupCode",
        "id",
        "lastModifiedDateTime",
        "inventory");
    Map<String, Integer> doc = new LinkedHashMap<>();
    put(doc, 35, "externalDocumentNumber");
    put(doc, 20, "customerNumber", "number");
    put(doc, 80, "email");
    put(doc, 100, "shipToName", "shipToAddressLine1", "billToAddressLine1", "sellToAddressLine1");
    put(doc, 50, "shipToAddressLine2", "billToAddressLine2", "sellToAddressLine2");
    put(
        doc,
        30,
        "shipToCity",
        "shipToState",
        "billToCity",
        "billToState",
        "sellToCity",
        "sellToState",
        "phoneNumber");
    put(doc, 10, "shipToCountry", "billToCountry", "sellToCountry", "currencyCode");
    put(doc, 20, "shipToPostCode", "billToPostCode", "sellToPostCode");
    put(
        doc,
        0,
        "customerId",
        "orderDate",
        "postingDate",
        "creditMemoDate",
        "requestedDeliveryDate",
        "pricesIncludeTax",
        "paymentTermsId",
        "shipmentMethodId",
        "partialShipping",
        "discountAmount",
        "id",
        "lastModifiedDateTime",
        "invoiceId",
        "invoiceNumber",
        "customerReturnReasonId",
        "status");
    return Map.of(
        "customers", customer,
        "items", item,
        "salesOrders", doc,
        "salesCreditMemos", doc,
        "salesShipments", doc,
        "salesInvoices", doc);
  }

  private static void put(Map<String, Integer> m, int max, String... names) {
    for (String n : names) {
      m.put(n, max);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private Map<String, ObjectNode> set(String name) {
    Map<String, ObjectNode> s = sets.get(name);
    if (s == null) {
      throw new IllegalArgumentException("the fake has no entity set " + name + "; it has " + SETS);
    }
    return s;
  }

  private Map<String, Map<String, ObjectNode>> copySets() {
    Map<String, Map<String, ObjectNode>> copy = new LinkedHashMap<>();
    sets.forEach(
        (k, v) -> {
          Map<String, ObjectNode> m = new LinkedHashMap<>();
          v.forEach((id, r) -> m.put(id, r.deepCopy()));
          copy.put(k, m);
        });
    return copy;
  }

  private void touch(ObjectNode r) {
    int version = ++sequence;
    String tag =
        Base64.getEncoder()
            .encodeToString(
                ("44;" + version + ";" + r.path("id").asText() + ";")
                    .getBytes(StandardCharsets.UTF_8));
    r.put("@odata.etag", "W/\"J" + tag + "\"");
    r.put("lastModifiedDateTime", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  private static void defaults(ObjectNode r, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      r.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
    }
  }

  private static void copy(ObjectNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      if (from.has(f)) {
        to.set(f, from.get(f));
      }
    }
  }

  private static String keyOf(String segment, String name) {
    if (!segment.startsWith(name + "(") || !segment.endsWith(")")) {
      return null;
    }
    return segment.substring(name.length() + 1, segment.length() - 1);
  }

  private static Answer error(int status, String code, String message) {
    ObjectNode b = JSON.createObjectNode();
    b.putObject("error")
        .put("code", code)
        .put("message", message + "  CorrelationId:  " + UUID.randomUUID() + ".");
    return new Answer(status, Map.of(), b);
  }

  private static String bodyOf(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }

  private static Response respond(Request request, Answer a, Duration retryAfter) {
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(a.status())
            .message(a.status() < 400 ? "OK" : "Error")
            .body(
                a.body() == null
                    ? ResponseBody.create(new byte[0], null)
                    : ResponseBody.create(a.body().toString(), JSON_TYPE));
    if (retryAfter != null) {
      b.header("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
    if (a.body() != null && a.body().has("@odata.etag")) {
      b.header("ETag", a.body().get("@odata.etag").asText());
    }
    a.headers().forEach(b::header);
    return b.build();
  }

  @Override
  public String toString() {
    synchronized (lock) {
      StringBuilder s = new StringBuilder("FakeBusinessCentral[");
      sets.forEach((k, v) -> s.append(k).append('=').append(v.size()).append(' '));
      return s.append("calls=").append(requests.size()).append(']').toString();
    }
  }
}
