package dev.retailsync.erp.s4hana.fake;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An in-process emulation of the S/4HANA OData v2 APIs the connector uses, at the OkHttp level (no
 * sockets): {@code API_BUSINESS_PARTNER} (business partners with roles, addresses and their
 * e-mails, tax numbers, customers and customer sales areas), {@code API_SALES_ORDER_SRV} (sales
 * orders with items and pricing elements), {@code API_CUSTOMER_RETURN_SRV} (customer returns with
 * items referencing sales order items, served under that service only), and read-only sets a test
 * seeds with {@link #put}: outbound deliveries, billing documents, products, material stock.
 *
 * <p>It speaks the wire format of SAP Gateway: the {@code d} / {@code d.results} envelope with
 * {@code __metadata} (and an {@code etag} on business partners and sales orders), {@code
 * /Date(ms)/} and {@code /Date(ms+0000)/} dates, {@code PT13H20M00S} times, decimals as strings,
 * {@code $filter} ({@code eq ne gt ge lt le and or}, parentheses, string, {@code datetime'…'},
 * {@code datetimeoffset'…'} and number literals), {@code $expand} (nested paths), {@code $top},
 * {@code $skip}, {@code $orderby}, {@code $inlinecount}, server-side paging with {@code __next} and
 * {@code $skiptoken} ({@link #pageSize}), deep insert (both {@code {"results": […]}} and plain
 * arrays), {@code PATCH}/{@code MERGE} with {@code If-Match} ({@code 428} without, {@code 412} when
 * stale), {@code $batch} with changesets that roll back as a whole and answer a single error part,
 * the CSRF handshake (token bound to the session cookie; {@code 403 x-csrf-token: Required}
 * otherwise), Basic auth and OAuth client credentials, and SAP's error body ({@code
 * error.innererror.errordetails[]}).
 *
 * <p>Scripted faults: {@link #failNext}, {@link #throttleNext} (429 with {@code Retry-After}),
 * {@link #maxConcurrent} (429 beyond a concurrency limit), {@link #timeoutAfterNextWrite} (the
 * write is applied, then the client times out), {@link #rejectValue} (a validation error naming the
 * field), {@link #expireCsrfTokens}. Inspect with {@link #records}, {@link #requests()}, {@link
 * #csrfFetches()}.
 *
 * <p>Error codes the fake invents are prefixed {@code FAKE_S4/}; they are not SAP message numbers.
 *
 * <p>Thread-safe.
 */
public final class FakeS4Hana {
  /** The host the fake answers on. */
  public static final String BASE_URL = "https://fake-s4.example.com";

  /** The OAuth token endpoint (client credentials). */
  public static final String TOKEN_URL = BASE_URL + "/oauth/token";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final String SESSION_COOKIE = "SAP_SESSIONID_FAK_100";
  private static final String ROOT = "/sap/opu/odata/sap/";
  private static final DateTimeFormatter ETAG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'%3A'mm'%3A'ss.SSS'0000Z'")
          .withZone(ZoneOffset.UTC);

  /** One HTTP request as the fake received it. */
  public record Recorded(String method, String path, String query, Map<String, String> headers) {
    /**
     * Renders the request as {@code METHOD path?query}.
     *
     * @return the line
     */
    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  private record Nav(String name, String childSet, Map<String, String> keys, boolean many) {}

  private record SetDef(
      String name, List<String> keys, String stampStyle, boolean etag, List<Nav> navs) {}

  private record Fault(Pattern matcher, int status, String code, String message, Duration pause) {}

  private record Answer(int status, Map<String, String> headers, String body) {}

  private static final Map<String, SetDef> SETS = new LinkedHashMap<>();

  static {
    def(
        "A_BusinessPartner",
        List.of("BusinessPartner"),
        "DATE",
        true,
        new Nav(
            "to_BusinessPartnerRole",
            "A_BusinessPartnerRole",
            Map.of("BusinessPartner", "BusinessPartner"),
            true),
        new Nav(
            "to_BusinessPartnerAddress",
            "A_BusinessPartnerAddress",
            Map.of("BusinessPartner", "BusinessPartner"),
            true),
        new Nav(
            "to_BusinessPartnerTax",
            "A_BusinessPartnerTaxNumber",
            Map.of("BusinessPartner", "BusinessPartner"),
            true),
        new Nav("to_Customer", "A_Customer", Map.of("Customer", "BusinessPartner"), false));
    def("A_BusinessPartnerRole", List.of("BusinessPartner", "BusinessPartnerRole"), null, false);
    def(
        "A_BusinessPartnerAddress",
        List.of("BusinessPartner", "AddressID"),
        null,
        false,
        new Nav(
            "to_EmailAddress", "A_AddressEmailAddress", Map.of("AddressID", "AddressID"), true));
    def("A_AddressEmailAddress", List.of("AddressID", "Person", "OrdinalNumber"), null, false);
    def("A_BusinessPartnerTaxNumber", List.of("BusinessPartner", "BPTaxType"), null, false);
    def(
        "A_Customer",
        List.of("Customer"),
        null,
        false,
        new Nav(
            "to_CustomerSalesArea", "A_CustomerSalesArea", Map.of("Customer", "Customer"), true));
    def(
        "A_CustomerSalesArea",
        List.of("Customer", "SalesOrganization", "DistributionChannel", "Division"),
        null,
        false);
    def(
        "A_SalesOrder",
        List.of("SalesOrder"),
        "DATETIME",
        true,
        new Nav("to_Item", "A_SalesOrderItem", Map.of("SalesOrder", "SalesOrder"), true));
    def(
        "A_SalesOrderItem",
        List.of("SalesOrder", "SalesOrderItem"),
        null,
        false,
        new Nav(
            "to_PricingElement",
            "A_SalesOrderItemPrElement",
            Map.of("SalesOrder", "SalesOrder", "SalesOrderItem", "SalesOrderItem"),
            true));
    def(
        "A_SalesOrderItemPrElement",
        List.of("SalesOrder", "SalesOrderItem", "ConditionType"),
        null,
        false);
    def(
        "A_CustomerReturn",
        List.of("CustomerReturn"),
        "DATETIME",
        true,
        new Nav(
            "to_Item", "A_CustomerReturnItem", Map.of("CustomerReturn", "CustomerReturn"), true));
    def("A_CustomerReturnItem", List.of("CustomerReturn", "CustomerReturnItem"), null, false);
    def(
        "A_OutbDeliveryHeader",
        List.of("DeliveryDocument"),
        "DATE",
        false,
        new Nav(
            "to_DeliveryDocumentItem",
            "A_OutbDeliveryItem",
            Map.of("DeliveryDocument", "DeliveryDocument"),
            true));
    def("A_OutbDeliveryItem", List.of("DeliveryDocument", "DeliveryDocumentItem"), null, false);
    def(
        "A_BillingDocument",
        List.of("BillingDocument"),
        "DATETIME",
        false,
        new Nav(
            "to_Item",
            "A_BillingDocumentItem",
            Map.of("BillingDocument", "BillingDocument"),
            true));
    def("A_BillingDocumentItem", List.of("BillingDocument", "BillingDocumentItem"), null, false);
    def(
        "A_Product",
        List.of("Product"),
        "DATETIME",
        false,
        new Nav("to_Description", "A_ProductDescription", Map.of("Product", "Product"), true));
    def("A_ProductDescription", List.of("Product", "Language"), null, false);
    def(
        "A_MatlStkInAcctMod",
        List.of("Material", "Plant", "StorageLocation", "InventoryStockType"),
        null,
        false);
  }

  private static final Map<String, Integer> MAX_LENGTH =
      Map.ofEntries(
          Map.entry("OrganizationBPName1", 40),
          Map.entry("OrganizationBPName2", 40),
          Map.entry("FirstName", 40),
          Map.entry("LastName", 40),
          Map.entry("SearchTerm1", 20),
          Map.entry("SearchTerm2", 20),
          Map.entry("StreetName", 60),
          Map.entry("StreetSuffixName", 40),
          Map.entry("CityName", 40),
          Map.entry("PostalCode", 10),
          Map.entry("Region", 3),
          Map.entry("Country", 3),
          Map.entry("EmailAddress", 241),
          Map.entry("BPTaxNumber", 20),
          Map.entry("PurchaseOrderByCustomer", 35),
          Map.entry("SDDocumentReason", 3),
          Map.entry("ReturnReason", 3),
          Map.entry("CustomerReturnItemText", 40),
          Map.entry("Material", 40));

  private static void def(String name, List<String> keys, String stamp, boolean etag, Nav... navs) {
    SETS.put(name, new SetDef(name, keys, stamp, etag, List.of(navs)));
  }

  private final Clock clock;
  private final String user;
  private final String password;
  private final Map<String, java.util.TreeMap<String, ObjectNode>> store = new HashMap<>();
  private final Map<String, String> sessions = new HashMap<>();
  private final Map<String, Instant> tokens = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, Object[]> rejections = new LinkedHashMap<>();
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> batchOperations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private Map<String, ObjectNode> undo;
  private String clientId;
  private String clientSecret;
  private int csrfFetches;
  private int pageSize = Integer.MAX_VALUE;
  private boolean requireIfMatch = true;
  private boolean timeoutAfterNextWrite;
  private int maxConcurrent = Integer.MAX_VALUE;
  private Instant lastStamp = Instant.EPOCH;

  /**
   * Creates a fake tenant that accepts one communication user with Basic auth.
   *
   * @param clock the clock creation and change stamps come from
   * @param user the communication user
   * @param password its password
   */
  public FakeS4Hana(Clock clock, String user, String password) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.user = user;
    this.password = password;
  }

  /**
   * Also accepts OAuth bearer tokens issued at {@link #TOKEN_URL} for these client credentials.
   *
   * @param id the client id
   * @param secret the client secret
   */
  public synchronized void clientCredentials(String id, String secret) {
    this.clientId = id;
    this.clientSecret = secret;
  }

  /**
   * Returns the interceptor that answers every call; add it to an {@code OkHttpClient}.
   *
   * @return the interceptor
   */
  public Interceptor interceptor() {
    return chain -> {
      int now = inFlight.incrementAndGet();
      peakInFlight.accumulateAndGet(now, Math::max);
      try {
        Request request = chain.request();
        if (now > maxConcurrentLimit()) {
          return respond(
              request,
              new Answer(
                  429,
                  Map.of("Retry-After", "1"),
                  error(
                      "FAKE_S4/CONCURRENCY", "Too many concurrent requests for this user", null)));
        }
        boolean write = !request.method().equals("GET");
        Response response = respond(request, handle(request));
        if (write && takeTimeout()) {
          response.close();
          throw new SocketTimeoutException(
              "timeout: SAP applied the write but did not answer in time");
        }
        return response;
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  private synchronized int maxConcurrentLimit() {
    return maxConcurrent;
  }

  private synchronized boolean takeTimeout() {
    boolean t = timeoutAfterNextWrite;
    timeoutAfterNextWrite = false;
    return t;
  }

  /**
   * Returns a client whose every call the fake answers.
   *
   * @return the client
   */
  public OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(interceptor()).build();
  }

  // ---- scripting and inspection ------------------------------------------------------------

  /**
   * Fails the next request whose {@code METHOD path} matches {@code regex} with this status and SAP
   * error body.
   *
   * @param regex matched against {@code METHOD /path}, such as {@code POST .*\$batch}
   * @param status the HTTP status
   * @param code the error code
   * @param message the message
   */
  public synchronized void failNext(String regex, int status, String code, String message) {
    faults.add(new Fault(Pattern.compile(regex), status, code, message, null));
  }

  /**
   * Fails the next request, whatever it is, with this status and SAP error body.
   *
   * @param status the HTTP status
   * @param code the error code
   * @param message the message
   */
  public synchronized void failNext(int status, String code, String message) {
    failNext(".*", status, code, message);
  }

  /**
   * Answers the next request whose {@code METHOD path} matches {@code regex} with 429 and {@code
   * Retry-After}.
   *
   * @param regex matched against {@code METHOD /path}
   * @param retryAfter the wait to ask for
   */
  public synchronized void throttleNext(String regex, Duration retryAfter) {
    faults.add(
        new Fault(
            Pattern.compile(regex),
            429,
            "FAKE_S4/THROTTLED",
            "Rate limit exceeded",
            Objects.requireNonNull(retryAfter)));
  }

  /**
   * Answers the next request with 429 and {@code Retry-After}.
   *
   * @param retryAfter the wait to ask for
   */
  public synchronized void throttleNext(Duration retryAfter) {
    throttleNext(".*", retryAfter);
  }

  /**
   * Answers 429 to requests beyond this many in flight at once.
   *
   * @param limit the limit
   */
  public synchronized void maxConcurrent(int limit) {
    this.maxConcurrent = limit;
  }

  /**
   * Returns the most requests that were in flight at once.
   *
   * @return the peak
   */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /**
   * Applies the next modifying request (a POST, PATCH, MERGE, DELETE or {@code $batch}), then lets
   * the client time out instead of answering: the write happened, the client cannot know.
   */
  public synchronized void timeoutAfterNextWrite() {
    this.timeoutAfterNextWrite = true;
  }

  /**
   * Refuses every create or update that sets {@code field} to {@code value}, with a 400 SAP error
   * whose detail names the field ({@code propertyref}), as SAP's own checks do.
   *
   * @param field the property
   * @param value the refused value
   * @param code the error code
   * @param message the message
   */
  public synchronized void rejectValue(String field, String value, String code, String message) {
    rejections.put(field + "=" + value, new Object[] {field, code, message});
  }

  /** Invalidates every CSRF token; the sessions stay, so the next write gets 403 Required. */
  public synchronized void expireCsrfTokens() {
    sessions.replaceAll((k, v) -> "expired");
  }

  /**
   * Returns how many CSRF tokens were fetched.
   *
   * @return the count
   */
  public synchronized int csrfFetches() {
    return csrfFetches;
  }

  /**
   * Sets the server-side page size; longer results end with {@code __next}. Unlimited by default.
   *
   * @param rows the page size
   */
  public synchronized void pageSize(int rows) {
    this.pageSize = rows;
  }

  /**
   * Sets whether updates of entities with an ETag must send {@code If-Match} (428 without); on by
   * default, as S/4HANA Cloud does.
   *
   * @param required whether it is required
   */
  public synchronized void requireIfMatch(boolean required) {
    this.requireIfMatch = required;
  }

  /**
   * Returns the requests received, in order.
   *
   * @return a copy
   */
  public List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Returns the operations received inside {@code $batch} requests, as {@code METHOD resource}.
   *
   * @return a copy
   */
  public List<String> batchOperations() {
    synchronized (batchOperations) {
      return List.copyOf(batchOperations);
    }
  }

  /**
   * Adds an entity to a set, with its creation stamp (and ETag where the set has one); keys that
   * are missing are generated.
   *
   * @param set such as {@code A_OutbDeliveryHeader}
   * @param fields the properties; navigations as {@code {"results": […]}} or arrays are inserted
   *     deeply
   * @return the stored entity
   */
  public synchronized ObjectNode put(String set, Map<String, ?> fields) {
    ObjectNode body = JSON.valueToTree(fields);
    return create(def(set), body, null, stamp());
  }

  /**
   * Changes an entity behind the connector's back, bumping its change stamp and ETag.
   *
   * @param set the set
   * @param key the key predicate values joined by {@code ,} in key order, such as {@code 17100001}
   * @param fields the properties to set
   * @return the entity
   * @throws IllegalArgumentException when there is no such entity
   */
  public synchronized ObjectNode update(String set, String key, Map<String, ?> fields) {
    ObjectNode e = table(set).get(key.replace(",", "\u001f"));
    if (e == null) {
      throw new IllegalArgumentException("no " + set + " with key " + key);
    }
    e.setAll((ObjectNode) JSON.valueToTree(fields));
    touch(def(set), e, stamp());
    return e.deepCopy();
  }

  /**
   * Returns the entities of a set, as stored (navigations are separate sets).
   *
   * @param set the set
   * @return copies
   */
  public synchronized List<ObjectNode> records(String set) {
    List<ObjectNode> out = new ArrayList<>();
    table(set).values().forEach(e -> out.add(e.deepCopy()));
    return out;
  }

  /**
   * Returns one entity.
   *
   * @param set the set
   * @param key the key values joined by {@code ,}
   * @return a copy, or empty
   */
  public synchronized Optional<ObjectNode> record(String set, String key) {
    ObjectNode e = table(set).get(key.replace(",", "\u001f"));
    return Optional.ofNullable(e == null ? null : e.deepCopy());
  }

  // ---- HTTP --------------------------------------------------------------------------------

  private Response respond(Request request, Answer a) {
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(a.status)
            .message(a.status == 200 ? "OK" : "Status " + a.status);
    String type = "application/json;charset=utf-8";
    for (Map.Entry<String, String> h : a.headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        type = h.getValue();
      } else if (h.getKey().startsWith("Set-Cookie")) {
        b.addHeader("Set-Cookie", h.getValue());
      } else {
        b.header(h.getKey(), h.getValue());
      }
    }
    b.header("Content-Type", type);
    b.header("dataserviceversion", "2.0");
    return b.body(ResponseBody.create(a.body, MediaType.get(type))).build();
  }

  private synchronized Answer handle(Request request) throws IOException {
    HttpUrl url = request.url();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String n : request.headers().names()) {
      headers.put(n.toLowerCase(Locale.ROOT), request.header(n));
    }
    requests.add(new Recorded(request.method(), url.encodedPath(), decodedQuery(url), headers));
    if (!headers.containsKey("content-type")
        && request.body() != null
        && request.body().contentType() != null) {
      headers.put("content-type", String.valueOf(request.body().contentType()));
    }
    String body = "";
    if (request.body() != null) {
      Buffer buffer = new Buffer();
      request.body().writeTo(buffer);
      body = buffer.readString(StandardCharsets.UTF_8);
    }
    if (url.encodedPath().equals("/oauth/token")) {
      return token(headers, body);
    }
    Iterator<Fault> it = faults.iterator();
    while (it.hasNext()) {
      Fault f = it.next();
      if (f.matcher.matcher(request.method() + " " + url.encodedPath()).matches()) {
        it.remove();
        Map<String, String> h = new LinkedHashMap<>();
        if (f.pause != null) {
          h.put("Retry-After", String.valueOf(f.pause.toSeconds()));
        }
        return new Answer(f.status, h, error(f.code, f.message, null));
      }
    }
    if (!authenticated(headers.get("authorization"))) {
      return new Answer(
          401,
          Map.of("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server [FAK/100]\""),
          "<html><body><h1>Logon failed</h1></body></html>");
    }
    if (!url.encodedPath().startsWith(ROOT)) {
      return new Answer(
          404,
          Map.of(),
          error("FAKE_S4/NO_SERVICE", "No service found for " + url.encodedPath(), null));
    }
    String rest = url.encodedPath().substring(ROOT.length());
    int slash = rest.indexOf('/');
    String resource = slash < 0 ? "" : decode(rest.substring(slash + 1));
    String service = decode(slash < 0 ? rest : rest.substring(0, slash));
    String session = cookie(headers.get("cookie"), SESSION_COOKIE);
    if (request.method().equals("GET") && "fetch".equalsIgnoreCase(headers.get("x-csrf-token"))) {
      csrfFetches++;
      Map<String, String> h = new LinkedHashMap<>();
      if (session == null || !sessions.containsKey(session)) {
        session = "S" + sequence.incrementAndGet();
        h.put("Set-Cookie-1", SESSION_COOKIE + "=" + session + "; path=/; secure; HttpOnly");
        h.put("Set-Cookie-2", "sap-usercontext=sap-client=100; path=/");
      }
      String token =
          "T" + sequence.incrementAndGet() + "-" + Integer.toHexString(session.hashCode());
      sessions.put(session, token);
      h.put("Set-Cookie-3", "sap-XSRF_FAK_100=" + token + "; path=/sap/opu/odata/; secure");
      h.put("x-csrf-token", token);
      if (resource.equals("$metadata")) {
        h.put("Content-Type", "application/xml");
        return new Answer(200, h, "<edmx:Edmx Version=\"1.0\"/>");
      }
      return new Answer(200, h, "{\"d\":{\"EntitySets\":" + JSON.valueToTree(SETS.keySet()) + "}}");
    }
    if (!request.method().equals("GET")) {
      String token = headers.get("x-csrf-token");
      if (session == null || token == null || !token.equals(sessions.get(session))) {
        return new Answer(
            403,
            Map.of("x-csrf-token", "Required", "Content-Type", "text/plain"),
            "CSRF token validation failed");
      }
    }
    if (resource.equals("$batch")) {
      return batch(service, headers.get("content-type"), body);
    }
    return operation(service, request.method(), resource, url, headers, body);
  }

  private Answer token(Map<String, String> headers, String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String auth = headers.get("authorization");
    if (auth != null && auth.startsWith("Basic ")) {
      String[] p =
          new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      id = p[0];
      secret = p.length > 1 ? p[1] : null;
    }
    if (!"client_credentials".equals(form.get("grant_type"))
        || clientId == null
        || !clientId.equals(id)
        || !Objects.equals(clientSecret, secret)) {
      return new Answer(
          401,
          Map.of(),
          "{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials\"}");
    }
    String token = "at-" + sequence.incrementAndGet();
    tokens.put(token, clock.instant().plusSeconds(3600));
    return new Answer(
        200,
        Map.of(),
        "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
  }

  private boolean authenticated(String header) {
    if (header == null) {
      return false;
    }
    if (header.startsWith("Basic ") && user != null) {
      String expected =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return header.substring(6).equals(expected);
    }
    if (header.startsWith("Bearer ")) {
      Instant until = tokens.get(header.substring(7));
      return until != null && clock.instant().isBefore(until);
    }
    return false;
  }

  // ---- $batch ------------------------------------------------------------------------------

  private Answer batch(String service, String contentType, String body) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      return new Answer(
          400,
          Map.of(),
          error("FAKE_S4/BATCH", "$batch needs multipart/mixed with a boundary", null));
    }
    String out = "batchresponse_" + sequence.incrementAndGet();
    StringBuilder sb = new StringBuilder();
    for (String part : split(body, boundary)) {
      String[] hb = headBody(part);
      String inner = boundary(headerValue(hb[0], "content-type"));
      sb.append("--").append(out).append("\r\n");
      if (inner == null) {
        Answer a = embedded(service, hb[1]);
        sb.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        sb.append(httpText(a));
        continue;
      }
      undo = new LinkedHashMap<>();
      Instant before = lastStamp;
      List<Answer> answers = new ArrayList<>();
      Answer failed = null;
      for (String op : split(hb[1], inner)) {
        Answer a = embedded(service, headBody(op)[1]);
        if (a.status >= 300) {
          failed = a;
          break;
        }
        answers.add(a);
      }
      Map<String, ObjectNode> images = undo;
      undo = null;
      if (failed != null) {
        rollBack(images);
        lastStamp = before;
        sb.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        sb.append(httpText(failed));
        continue;
      }
      String cs = "changesetresponse_" + sequence.incrementAndGet();
      sb.append("Content-Type: multipart/mixed; boundary=").append(cs).append("\r\n\r\n");
      for (Answer a : answers) {
        sb.append("--").append(cs).append("\r\n");
        sb.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        sb.append(httpText(a));
      }
      sb.append("--").append(cs).append("--\r\n\r\n");
    }
    sb.append("--").append(out).append("--\r\n");
    return new Answer(
        202, Map.of("Content-Type", "multipart/mixed; boundary=" + out), sb.toString());
  }

  private Answer embedded(String service, String http) {
    String[] lines = http.replaceFirst("^\\s+", "").split("\r?\n", -1);
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    StringBuilder body = new StringBuilder();
    for (i = i + 1; i < lines.length; i++) {
      body.append(lines[i]).append('\n');
    }
    String target = requestLine[1];
    HttpUrl url = HttpUrl.get(BASE_URL + ROOT + "BATCH/" + target);
    batchOperations.add(
        requestLine[0] + " " + decode(url.encodedPath().substring((ROOT + "BATCH/").length())));
    String resource = decode(url.encodedPath().substring((ROOT + "BATCH/").length()));
    return operation(service, requestLine[0], resource, url, headers, body.toString().strip());
  }

  private static String httpText(Answer a) {
    StringBuilder sb =
        new StringBuilder("HTTP/1.1 ")
            .append(a.status)
            .append(' ')
            .append(reason(a.status))
            .append("\r\n");
    sb.append("Content-Type: ")
        .append(a.headers.getOrDefault("Content-Type", "application/json"))
        .append("\r\n");
    a.headers.forEach(
        (k, v) -> {
          if (!k.equals("Content-Type")) {
            sb.append(k).append(": ").append(v).append("\r\n");
          }
        });
    byte[] bytes = a.body.getBytes(StandardCharsets.UTF_8);
    sb.append("Content-Length: ").append(bytes.length).append("\r\n");
    sb.append("dataserviceversion: 2.0\r\n\r\n");
    sb.append(a.body).append("\r\n");
    return sb.toString();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 412 -> "Precondition Failed";
      case 428 -> "Precondition Required";
      default -> "Status";
    };
  }

  private void rollBack(Map<String, ObjectNode> images) {
    images.forEach(
        (k, image) -> {
          String[] sk = k.split("\u001e", 2);
          if (image == null) {
            table(sk[0]).remove(sk[1]);
          } else {
            table(sk[0]).put(sk[1], image);
          }
        });
  }

  /** Keeps the image of an entity before a changeset first changes it, for the rollback. */
  private void remember(String set, String key) {
    if (undo != null && !undo.containsKey(set + "\u001e" + key)) {
      ObjectNode current = table(set).get(key);
      undo.put(set + "\u001e" + key, current == null ? null : current.deepCopy());
    }
  }

  // ---- operations --------------------------------------------------------------------------

  private static final Pattern RESOURCE =
      Pattern.compile("([A-Za-z_0-9]+)(?:\\((.*?)\\))?(?:/([A-Za-z_0-9]+))?");

  private Answer operation(
      String service,
      String method,
      String resource,
      HttpUrl url,
      Map<String, String> headers,
      String body) {
    if (resource.isEmpty()) {
      return new Answer(
          200, Map.of(), "{\"d\":{\"EntitySets\":" + JSON.valueToTree(SETS.keySet()) + "}}");
    }
    Matcher m = RESOURCE.matcher(resource);
    if (!m.matches() || !SETS.containsKey(m.group(1))) {
      return new Answer(
          404,
          Map.of(),
          error("FAKE_S4/RESOURCE", "Resource not found for segment '" + resource + "'", null));
    }
    SetDef set = SETS.get(m.group(1));
    if (set.name.startsWith("A_CustomerReturn") != "API_CUSTOMER_RETURN_SRV".equals(service)) {
      return new Answer(
          404,
          Map.of(),
          error(
              "FAKE_S4/RESOURCE",
              "Resource not found for segment '" + resource + "' in service " + service,
              null));
    }
    String key = m.group(2);
    String nav = m.group(3);
    if (method.equals("POST") && headers.containsKey("x-http-method")) {
      method = headers.get("x-http-method").toUpperCase(Locale.ROOT);
    }
    try {
      switch (method) {
        case "GET":
          return key == null ? query(set, url) : readOne(set, key, nav, url);
        case "POST":
          return post(set, key, nav, body);
        case "PATCH":
        case "MERGE":
        case "PUT":
          return patch(set, key, headers.get("if-match"), body);
        default:
          return new Answer(
              405, Map.of(), error("FAKE_S4/METHOD", "Method " + method + " not supported", null));
      }
    } catch (BadRequest e) {
      return new Answer(400, Map.of(), e.body);
    }
  }

  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final String body;

    BadRequest(String body) {
      super(body);
      this.body = body;
    }
  }

  private Answer query(SetDef set, HttpUrl url) throws BadRequest {
    List<ObjectNode> rows = new ArrayList<>(table(set.name).values());
    String filter = url.queryParameter("$filter");
    if (filter != null) {
      Filter f = new Filter(filter);
      List<ObjectNode> kept = new ArrayList<>();
      for (ObjectNode r : rows) {
        if (f.matches(r)) {
          kept.add(r);
        }
      }
      rows = kept;
    }
    String orderby = url.queryParameter("$orderby");
    if (orderby != null) {
      Comparator<ObjectNode> c = null;
      for (String term : orderby.split(",")) {
        String[] p = term.trim().split("\\s+");
        Comparator<ObjectNode> one = Comparator.comparing(r -> r.path(p[0]).asText(""));
        if (p.length > 1 && p[1].equalsIgnoreCase("desc")) {
          one = one.reversed();
        }
        c = c == null ? one : c.thenComparing(one);
      }
      rows.sort(c);
    }
    int total = rows.size();
    int skip = intParam(url, "$skip", 0);
    int top = intParam(url, "$top", Integer.MAX_VALUE);
    rows =
        rows.subList(Math.min(skip, rows.size()), (int) Math.min(rows.size(), (long) skip + top));
    int skipToken = intParam(url, "$skiptoken", 0);
    rows = rows.subList(Math.min(skipToken, rows.size()), rows.size());
    String next = null;
    if (rows.size() > pageSize) {
      rows = rows.subList(0, pageSize);
      HttpUrl.Builder nb =
          url.newBuilder().setQueryParameter("$skiptoken", String.valueOf(skipToken + pageSize));
      HttpUrl n = nb.build();
      next = BASE_URL + n.encodedPath() + "?" + n.encodedQuery();
    }
    ArrayNode results = JSON.createArrayNode();
    for (ObjectNode r : rows) {
      results.add(render(set, r, expands(url)));
    }
    ObjectNode d = JSON.createObjectNode();
    d.set("results", results);
    if ("allpages".equals(url.queryParameter("$inlinecount"))) {
      d.put("__count", String.valueOf(total));
    }
    if (next != null) {
      d.put("__next", next);
    }
    return new Answer(200, Map.of(), JSON.createObjectNode().set("d", d).toString());
  }

  private Answer readOne(SetDef set, String key, String nav, HttpUrl url) throws BadRequest {
    ObjectNode e = table(set.name).get(keyString(set, key));
    if (e == null) {
      return new Answer(
          404,
          Map.of(),
          error(
              "FAKE_S4/NOT_FOUND",
              "Resource not found for segment '" + set.name + "(" + key + ")'",
              null));
    }
    if (nav != null) {
      Nav n = nav(set, nav);
      ArrayNode results = JSON.createArrayNode();
      for (ObjectNode c : children(e, n)) {
        results.add(render(SETS.get(n.childSet), c, List.of()));
      }
      return new Answer(200, Map.of(), "{\"d\":{\"results\":" + results + "}}");
    }
    ObjectNode rendered = render(set, e, expands(url));
    Map<String, String> h = new LinkedHashMap<>();
    if (set.etag) {
      h.put("ETag", e.path("__etag").asText());
    }
    return new Answer(200, h, JSON.createObjectNode().set("d", rendered).toString());
  }

  private Answer post(SetDef set, String key, String nav, String body) throws BadRequest {
    if (undo != null) {
      return postChecked(set, key, nav, body);
    }
    // A deep insert outside a changeset is atomic too: a failing item leaves no header behind.
    undo = new LinkedHashMap<>();
    Instant before = lastStamp;
    try {
      Answer a = postChecked(set, key, nav, body);
      if (a.status >= 300) {
        rollBack(undo);
        lastStamp = before;
      }
      return a;
    } catch (BadRequest | RuntimeException e) {
      rollBack(undo);
      lastStamp = before;
      throw e;
    } finally {
      undo = null;
    }
  }

  private Answer postChecked(SetDef set, String key, String nav, String body) throws BadRequest {
    ObjectNode in = parse(body);
    Instant at = stamp();
    ObjectNode created;
    if (key != null && nav != null) {
      ObjectNode parent = table(set.name).get(keyString(set, key));
      if (parent == null) {
        return new Answer(
            404,
            Map.of(),
            error(
                "FAKE_S4/NOT_FOUND",
                "Resource not found for segment '" + set.name + "(" + key + ")'",
                null));
      }
      Nav n = nav(set, nav);
      n.keys.forEach((child, parentField) -> in.set(child, parent.get(parentField)));
      created = createChecked(SETS.get(n.childSet), in, at);
      touchRoot(SETS.get(n.childSet), created, at);
    } else {
      created = createChecked(set, in, at);
    }
    SetDef def = key != null && nav != null ? SETS.get(nav(set, nav).childSet) : set;
    ObjectNode rendered = render(def, created, deepPaths(def, in));
    Map<String, String> h = new LinkedHashMap<>();
    h.put(
        "Location",
        BASE_URL + ROOT + service(def) + "/" + def.name + "(" + keyPredicate(def, created) + ")");
    if (def.etag) {
      h.put("ETag", created.path("__etag").asText());
    }
    return new Answer(201, h, JSON.createObjectNode().set("d", rendered).toString());
  }

  private Answer patch(SetDef set, String key, String ifMatch, String body) throws BadRequest {
    ObjectNode e = table(set.name).get(keyString(set, key));
    if (e == null) {
      return new Answer(
          404,
          Map.of(),
          error(
              "FAKE_S4/NOT_FOUND",
              "Resource not found for segment '" + set.name + "(" + key + ")'",
              null));
    }
    if (set.etag && requireIfMatch && ifMatch == null) {
      return new Answer(
          428,
          Map.of(),
          error(
              "SADL_ENTITY_RUNTIME/004",
              "Precondition required: send the entity's ETag in If-Match",
              null));
    }
    if (set.etag
        && ifMatch != null
        && !ifMatch.equals("*")
        && !ifMatch.equals(e.path("__etag").asText())) {
      return new Answer(
          412,
          Map.of(),
          error(
              "FAKE_S4/PRECONDITION_FAILED",
              "The entity was changed since it was read (ETag mismatch)",
              null));
    }
    ObjectNode in = parse(body);
    validate(set, in, false);
    remember(set.name, keyOf(set, e));
    Iterator<Map.Entry<String, JsonNode>> fields = in.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getKey().startsWith("to_")
          && !f.getKey().startsWith("__")
          && !set.keys.contains(f.getKey())) {
        e.set(f.getKey(), f.getValue());
      }
    }
    Instant at = stamp();
    touch(set, e, at);
    touchRoot(set, e, at);
    Map<String, String> h = new LinkedHashMap<>();
    if (set.etag) {
      h.put("ETag", e.path("__etag").asText());
    }
    return new Answer(204, h, "");
  }

  // ---- store -------------------------------------------------------------------------------

  private ObjectNode create(SetDef set, ObjectNode in, ObjectNode unused, Instant at) {
    try {
      return createChecked(set, in, at);
    } catch (BadRequest e) {
      throw new IllegalArgumentException(e.body, e);
    }
  }

  private ObjectNode createChecked(SetDef set, ObjectNode in, Instant at) throws BadRequest {
    validate(set, in, true);
    ObjectNode e = JSON.createObjectNode();
    Map<Nav, List<ObjectNode>> deep = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = in.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      Nav n = set.navs.stream().filter(x -> x.name.equals(f.getKey())).findFirst().orElse(null);
      if (n != null) {
        List<ObjectNode> items = new ArrayList<>();
        JsonNode v = f.getValue();
        JsonNode list = v.has("results") ? v.get("results") : v;
        if (list.isArray()) {
          list.forEach(x -> items.add((ObjectNode) x));
        } else if (list.isObject()) {
          items.add((ObjectNode) list);
        }
        deep.put(n, items);
      } else if (!f.getKey().startsWith("__")) {
        e.set(f.getKey(), f.getValue());
      }
    }
    defaults(set, e);
    String key = keyOf(set, e);
    if (table(set.name).containsKey(key)) {
      throw new BadRequest(
          error(
              "FAKE_S4/DUPLICATE",
              set.name + " with key " + key.replace('\u001f', ',') + " already exists",
              null));
    }
    remember(set.name, key);
    table(set.name).put(key, e);
    if (set.stampStyle != null) {
      LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
      e.put(
          "CreationDate",
          "/Date(" + day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/");
      e.put("CreationTime", time(at));
      if (set.stampStyle.equals("DATETIME")) {
        e.put("LastChangeDateTime", "/Date(" + at.toEpochMilli() + "+0000)/");
      } else {
        e.putNull("LastChangeDate");
        e.putNull("LastChangeTime");
      }
      if (set.etag) {
        e.put("__etag", etag(at));
      }
    }
    for (Map.Entry<Nav, List<ObjectNode>> d : deep.entrySet()) {
      Nav n = d.getKey();
      int i = 0;
      for (ObjectNode child : d.getValue()) {
        ObjectNode c = child.deepCopy();
        n.keys.forEach((childField, parentField) -> c.set(childField, e.get(parentField)));
        if (n.childSet.equals("A_SalesOrderItem") && !c.hasNonNull("SalesOrderItem")) {
          c.put("SalesOrderItem", String.valueOf(10 * ++i));
        }
        if (n.childSet.equals("A_CustomerReturnItem") && !c.hasNonNull("CustomerReturnItem")) {
          c.put("CustomerReturnItem", String.valueOf(10 * ++i));
        }
        createChecked(SETS.get(n.childSet), c, at);
      }
      if (!n.many && d.getValue().isEmpty()) {
        ObjectNode c = JSON.createObjectNode();
        n.keys.forEach((childField, parentField) -> c.set(childField, e.get(parentField)));
        createChecked(SETS.get(n.childSet), c, at);
      }
    }
    if (set.name.equals("A_SalesOrder")) {
      price(e);
    }
    return e;
  }

  private void defaults(SetDef set, ObjectNode e) throws BadRequest {
    switch (set.name) {
      case "A_BusinessPartner" -> {
        if (!e.hasNonNull("BusinessPartner")) {
          e.put("BusinessPartner", String.valueOf(17100000 + sequence.incrementAndGet()));
        }
        boolean person = "1".equals(e.path("BusinessPartnerCategory").asText());
        e.put(
            "BusinessPartnerFullName",
            person
                ? (e.path("FirstName").asText("") + " " + e.path("LastName").asText("")).trim()
                : e.path("OrganizationBPName1").asText(""));
        putDefault(e, "BusinessPartnerIsBlocked", false);
        putDefault(e, "IsMarkedForArchiving", false);
      }
      case "A_BusinessPartnerAddress" -> {
        if (!e.hasNonNull("AddressID")) {
          e.put("AddressID", String.valueOf(30000 + sequence.incrementAndGet()));
        }
      }
      case "A_AddressEmailAddress" -> {
        if (!e.has("Person")) {
          e.put("Person", "");
        }
        if (!e.hasNonNull("OrdinalNumber")) {
          e.put("OrdinalNumber", "1");
        }
      }
      case "A_Customer" -> {
        if (!e.has("OrderIsBlockedForCustomer")) {
          e.put("OrderIsBlockedForCustomer", "");
        }
        putDefault(e, "DeletionIndicator", false);
        ObjectNode bp = table("A_BusinessPartner").get(e.path("Customer").asText());
        if (bp != null) {
          e.put("CustomerName", bp.path("BusinessPartnerFullName").asText());
        }
      }
      case "A_SalesOrder" -> {
        if (!e.hasNonNull("SalesOrder")) {
          e.put("SalesOrder", String.valueOf(5000000 + sequence.incrementAndGet()));
        }
        requireSoldTo(e);
        e.put("OverallSDProcessStatus", "A");
        e.put("OverallTotalDeliveryStatus", "A");
        e.put("OverallSDDocumentRejectionSts", "A");
        e.put("TotalCreditCheckStatus", "");
        e.put("DeliveryBlockReason", "");
        if (!e.hasNonNull("SalesOrderDate")) {
          e.put("SalesOrderDate", today());
        }
      }
      case "A_CustomerReturn" -> {
        if (!e.hasNonNull("CustomerReturn")) {
          e.put("CustomerReturn", String.valueOf(60000000 + sequence.incrementAndGet()));
        }
        requireSoldTo(e);
        if (!e.hasNonNull("CustomerReturnType")) {
          throw new BadRequest(
              error("FAKE_S4/RETURN_TYPE", "Enter the sales document type", "CustomerReturnType"));
        }
        e.put("OverallSDProcessStatus", "A");
        e.put("OverallDeliveryStatus", "A");
        if (!e.hasNonNull("CustomerReturnDate")) {
          e.put("CustomerReturnDate", today());
        }
      }
      case "A_CustomerReturnItem" -> {
        String ref = e.path("ReferenceSDDocument").asText("");
        if (!ref.isEmpty()) {
          ObjectNode item =
              table("A_SalesOrderItem")
                  .get(ref + "\u001f" + e.path("ReferenceSDDocumentItem").asText(""));
          if (item == null) {
            throw new BadRequest(
                error(
                    "FAKE_S4/REFERENCE",
                    "Reference item "
                        + e.path("ReferenceSDDocumentItem").asText("")
                        + " of sales document "
                        + ref
                        + " does not exist",
                    "ReferenceSDDocumentItem"));
          }
          if (!item.path("Material").asText().equals(e.path("Material").asText())) {
            throw new BadRequest(
                error(
                    "FAKE_S4/REFERENCE",
                    "Material differs from the reference item's material "
                        + item.path("Material").asText(),
                    "Material"));
          }
          if (new BigDecimal(e.path("RequestedQuantity").asText("0"))
                  .compareTo(new BigDecimal(item.path("RequestedQuantity").asText("0")))
              > 0) {
            throw new BadRequest(
                error(
                    "FAKE_S4/QUANTITY",
                    "Quantity exceeds the quantity of the reference item",
                    "RequestedQuantity"));
          }
        }
      }
      default -> {
        for (String k : set.keys) {
          if (!e.has(k)) {
            e.put(k, "");
          }
        }
      }
    }
  }

  private void requireSoldTo(ObjectNode e) throws BadRequest {
    String soldTo = e.path("SoldToParty").asText("");
    if (!table("A_Customer").containsKey(soldTo)) {
      throw new BadRequest(
          error(
              "FAKE_S4/SOLD_TO",
              "Sold-to party " + soldTo + " is not a customer in sales area",
              "SoldToParty"));
    }
  }

  /** Today as the midnight-UTC {@code Edm.DateTime} SAP gives date-only fields. */
  private String today() {
    return "/Date("
        + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli()
        + ")/";
  }

  private static void putDefault(ObjectNode e, String field, boolean value) {
    if (!e.has(field)) {
      e.put(field, value);
    }
  }

  private void price(ObjectNode so) {
    BigDecimal total = BigDecimal.ZERO;
    for (ObjectNode item : table("A_SalesOrderItem").values()) {
      if (!item.path("SalesOrder").asText().equals(so.path("SalesOrder").asText())) {
        continue;
      }
      BigDecimal rate = BigDecimal.ZERO;
      for (ObjectNode pe : table("A_SalesOrderItemPrElement").values()) {
        if (pe.path("SalesOrder").asText().equals(item.path("SalesOrder").asText())
            && pe.path("SalesOrderItem").asText().equals(item.path("SalesOrderItem").asText())) {
          rate = new BigDecimal(pe.path("ConditionRateValue").asText("0"));
        }
      }
      BigDecimal qty = new BigDecimal(item.path("RequestedQuantity").asText("0"));
      BigDecimal net = rate.multiply(qty);
      remember("A_SalesOrderItem", keyOf(SETS.get("A_SalesOrderItem"), item));
      item.put("NetPriceAmount", rate.toPlainString());
      item.put("NetAmount", net.toPlainString());
      item.put("TransactionCurrency", so.path("TransactionCurrency").asText());
      total = total.add(net);
    }
    so.put("TotalNetAmount", total.toPlainString());
  }

  private void validate(SetDef set, ObjectNode in, boolean create) throws BadRequest {
    Iterator<Map.Entry<String, JsonNode>> it = in.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      Object[] r = rejections.get(f.getKey() + "=" + f.getValue().asText());
      if (r != null) {
        throw new BadRequest(error((String) r[1], (String) r[2], (String) r[0]));
      }
      Integer max = MAX_LENGTH.get(f.getKey());
      if (max != null && f.getValue().isTextual() && f.getValue().asText().length() > max) {
        throw new BadRequest(
            error(
                "FAKE_S4/MAX_LENGTH",
                "Value of property " + f.getKey() + " is longer than " + max + " characters",
                f.getKey()));
      }
      JsonNode v = f.getValue();
      if (v.isTextual()
          && v.asText().startsWith("/Date(")
          && !v.asText().matches("/Date\\(-?\\d+([+-]\\d{4})?\\)/")) {
        throw new BadRequest(
            error("FAKE_S4/DATE", "Illegal datetime format in property " + f.getKey(), f.getKey()));
      }
    }
    if (create && set.name.equals("A_BusinessPartner")) {
      String category = in.path("BusinessPartnerCategory").asText("");
      if (category.equals("2") && in.path("OrganizationBPName1").asText("").isBlank()) {
        throw new BadRequest(
            error("FAKE_S4/NAME", "Enter a name for the organization", "OrganizationBPName1"));
      }
      if (category.equals("1") && in.path("LastName").asText("").isBlank()) {
        throw new BadRequest(error("FAKE_S4/NAME", "Enter a last name for the person", "LastName"));
      }
      if (!category.equals("1") && !category.equals("2")) {
        throw new BadRequest(
            error(
                "FAKE_S4/CATEGORY",
                "Business partner category '" + category + "' is not valid",
                "BusinessPartnerCategory"));
      }
    }
  }

  private void touch(SetDef set, ObjectNode e, Instant at) {
    if (set.stampStyle == null) {
      return;
    }
    remember(set.name, keyOf(set, e));
    if (set.stampStyle.equals("DATETIME")) {
      e.put("LastChangeDateTime", "/Date(" + at.toEpochMilli() + "+0000)/");
    } else {
      e.put(
          "LastChangeDate",
          "/Date("
              + LocalDate.ofInstant(at, ZoneOffset.UTC)
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant()
                  .toEpochMilli()
              + ")/");
      e.put("LastChangeTime", time(at));
    }
    if (set.etag) {
      e.put("__etag", etag(at));
    }
  }

  /** A change to a dependent entity changes its business partner's or sales order's stamp. */
  private void touchRoot(SetDef set, ObjectNode e, Instant at) {
    String bp = null;
    if (e.has("BusinessPartner") && !set.name.equals("A_BusinessPartner")) {
      bp = e.get("BusinessPartner").asText();
    } else if (set.name.equals("A_Customer") || set.name.equals("A_CustomerSalesArea")) {
      bp = e.path("Customer").asText();
    } else if (set.name.equals("A_AddressEmailAddress")) {
      for (ObjectNode a : table("A_BusinessPartnerAddress").values()) {
        if (a.path("AddressID").asText().equals(e.path("AddressID").asText())) {
          bp = a.path("BusinessPartner").asText();
        }
      }
    }
    if (bp != null && table("A_BusinessPartner").containsKey(bp)) {
      touch(SETS.get("A_BusinessPartner"), table("A_BusinessPartner").get(bp), at);
    }
    if (e.has("SalesOrder") && !set.name.equals("A_SalesOrder")) {
      ObjectNode so = table("A_SalesOrder").get(e.get("SalesOrder").asText());
      if (so != null) {
        touch(SETS.get("A_SalesOrder"), so, at);
      }
    }
  }

  private Instant stamp() {
    Instant now = clock.instant();
    lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
    return lastStamp;
  }

  private static String time(Instant at) {
    LocalTime t = LocalTime.ofInstant(at, ZoneOffset.UTC);
    return String.format(
        Locale.ROOT, "PT%02dH%02dM%02dS", t.getHour(), t.getMinute(), t.getSecond());
  }

  private static String etag(Instant at) {
    return "W/\"datetimeoffset'" + ETAG_TIME.format(at) + "'\"";
  }

  private ObjectNode render(SetDef set, ObjectNode e, List<String> expand) {
    ObjectNode out = JSON.createObjectNode();
    String uri = BASE_URL + ROOT + service(set) + "/" + set.name + "(" + keyPredicate(set, e) + ")";
    ObjectNode meta = out.putObject("__metadata");
    meta.put("id", uri);
    meta.put("uri", uri);
    meta.put("type", service(set) + "." + set.name + "Type");
    if (set.etag) {
      meta.put("etag", e.path("__etag").asText());
    }
    e.properties()
        .forEach(
            f -> {
              if (!f.getKey().startsWith("__")) {
                out.set(f.getKey(), f.getValue());
              }
            });
    for (Nav n : set.navs) {
      List<String> sub = new ArrayList<>();
      boolean expanded = false;
      for (String path : expand) {
        if (path.equals(n.name)) {
          expanded = true;
        } else if (path.startsWith(n.name + "/")) {
          expanded = true;
          sub.add(path.substring(n.name.length() + 1));
        }
      }
      if (!expanded) {
        out.putObject(n.name).putObject("__deferred").put("uri", uri + "/" + n.name);
        continue;
      }
      List<ObjectNode> kids = children(e, n);
      SetDef child = SETS.get(n.childSet);
      if (n.many) {
        ArrayNode results = JSON.createArrayNode();
        kids.forEach(k -> results.add(render(child, k, sub)));
        out.putObject(n.name).set("results", results);
      } else if (kids.isEmpty()) {
        out.putNull(n.name);
      } else {
        out.set(n.name, render(child, kids.get(0), sub));
      }
    }
    return out;
  }

  /** The service an entity set belongs to, for {@code __metadata} and {@code Location}. */
  private static String service(SetDef set) {
    String n = set.name;
    if (n.startsWith("A_CustomerReturn")) {
      return "API_CUSTOMER_RETURN_SRV";
    }
    if (n.startsWith("A_SalesOrder")) {
      return "API_SALES_ORDER_SRV";
    }
    if (n.startsWith("A_OutbDelivery")) {
      return "API_OUTBOUND_DELIVERY_SRV;v=0002";
    }
    if (n.startsWith("A_BillingDocument")) {
      return "API_BILLING_DOCUMENT_SRV";
    }
    if (n.startsWith("A_Product")) {
      return "API_PRODUCT_SRV";
    }
    if (n.startsWith("A_Matl")) {
      return "API_MATERIAL_STOCK_SRV";
    }
    return "API_BUSINESS_PARTNER";
  }

  private List<ObjectNode> children(ObjectNode parent, Nav n) {
    SetDef child = SETS.get(n.childSet);
    List<String> prefix = new ArrayList<>();
    for (String k : child.keys) {
      String parentField = n.keys.get(k);
      if (parentField == null) {
        break;
      }
      prefix.add(parent.path(parentField).asText());
    }
    java.util.TreeMap<String, ObjectNode> t = table(n.childSet);
    java.util.Collection<ObjectNode> candidates;
    if (prefix.size() == n.keys.size()) {
      // Navigation keys lead the child's key: a range of the sorted table, not a scan.
      String p = String.join("\u001f", prefix);
      if (prefix.size() == child.keys.size()) {
        ObjectNode one = t.get(p);
        candidates = one == null ? List.of() : List.of(one);
      } else {
        candidates = t.subMap(p + "\u001f", true, p + "\u001f\uffff", true).values();
      }
    } else {
      candidates = t.values();
    }
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode c : candidates) {
      boolean match = true;
      for (Map.Entry<String, String> k : n.keys.entrySet()) {
        if (!c.path(k.getKey()).asText().equals(parent.path(k.getValue()).asText())) {
          match = false;
        }
      }
      if (match) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<String> deepPaths(SetDef set, ObjectNode in) {
    List<String> out = new ArrayList<>();
    for (Nav n : set.navs) {
      if (in.has(n.name)) {
        out.add(n.name);
        JsonNode v = in.get(n.name);
        JsonNode list = v.has("results") ? v.get("results") : v;
        JsonNode first = list.isArray() ? list.path(0) : list;
        if (first.isObject()) {
          for (String p : deepPaths(SETS.get(n.childSet), (ObjectNode) first)) {
            out.add(n.name + "/" + p);
          }
        }
      }
    }
    return out;
  }

  private static List<String> expands(HttpUrl url) {
    String e = url.queryParameter("$expand");
    List<String> out = new ArrayList<>();
    if (e != null) {
      for (String p : e.split(",")) {
        out.add(p.trim());
      }
    }
    return out;
  }

  private static Nav nav(SetDef set, String name) throws BadRequest {
    for (Nav n : set.navs) {
      if (n.name.equals(name)) {
        return n;
      }
    }
    throw new BadRequest(
        error(
            "FAKE_S4/NAVIGATION",
            "Navigation property " + name + " not found on " + set.name,
            null));
  }

  private java.util.TreeMap<String, ObjectNode> table(String set) {
    return store.computeIfAbsent(set, s -> new java.util.TreeMap<>());
  }

  private static SetDef def(String set) {
    SetDef d = SETS.get(set);
    if (d == null) {
      throw new IllegalArgumentException(
          "the fake has no entity set " + set + "; it has " + SETS.keySet());
    }
    return d;
  }

  private static String keyOf(SetDef set, ObjectNode e) {
    List<String> parts = new ArrayList<>();
    for (String k : set.keys) {
      parts.add(e.path(k).asText(""));
    }
    return String.join("\u001f", parts);
  }

  private static String keyPredicate(SetDef set, ObjectNode e) {
    if (set.keys.size() == 1) {
      return "'" + e.path(set.keys.get(0)).asText() + "'";
    }
    List<String> parts = new ArrayList<>();
    for (String k : set.keys) {
      parts.add(k + "='" + e.path(k).asText().replace("'", "''") + "'");
    }
    return String.join(",", parts);
  }

  private static String keyString(SetDef set, String predicate) throws BadRequest {
    Map<String, String> values = new HashMap<>();
    Matcher m = Pattern.compile("(?:([A-Za-z_0-9]+)=)?'((?:[^']|'')*)'").matcher(predicate);
    int i = 0;
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : set.keys.get(i);
      values.put(name, m.group(2).replace("''", "'"));
      i++;
    }
    List<String> parts = new ArrayList<>();
    for (String k : set.keys) {
      if (!values.containsKey(k)) {
        throw new BadRequest(
            error(
                "FAKE_S4/KEY",
                "Key property " + k + " missing in " + set.name + "(" + predicate + ")",
                k));
      }
      parts.add(values.get(k));
    }
    return String.join("\u001f", parts);
  }

  private static ObjectNode parse(String body) throws BadRequest {
    try {
      JsonNode n = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
      if (!n.isObject()) {
        throw new BadRequest(error("FAKE_S4/BODY", "The request body must be a JSON object", null));
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new BadRequest(error("FAKE_S4/BODY", "Malformed JSON in request body", null));
    }
  }

  private static int intParam(HttpUrl url, String name, int def) {
    String v = url.queryParameter(name);
    return v == null ? def : Integer.parseInt(v);
  }

  /** SAP Gateway's v2 error body, with the field in the first detail's {@code propertyref}. */
  static String error(String code, String message, String field) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", code);
    e.putObject("message").put("lang", "en").put("value", message);
    ObjectNode inner = e.putObject("innererror");
    inner.putObject("application").put("component_id", "").put("service_namespace", "/SAP/");
    inner.put(
        "transactionid",
        "FAKE" + Integer.toHexString(Objects.hash(code, message)).toUpperCase(Locale.ROOT));
    inner.put("timestamp", "20261125120000.0000000");
    ArrayNode details = inner.putArray("errordetails");
    details
        .addObject()
        .put("code", code)
        .put("message", message)
        .put("propertyref", field == null ? "" : field)
        .put("severity", "error")
        .put("target", field == null ? "" : field);
    details
        .addObject()
        .put("code", "/IWBEP/CX_MGW_BUSI_EXCEPTION")
        .put("message", "Business error")
        .put("propertyref", "")
        .put("severity", "error")
        .put("target", "");
    return root.toString();
  }

  private static String decodedQuery(HttpUrl url) {
    if (url.querySize() == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      parts.add(url.queryParameterName(i) + "=" + url.queryParameterValue(i));
    }
    return String.join("&", parts);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String c : header.split(";")) {
      String[] p = c.trim().split("=", 2);
      if (p[0].equals(name) && p.length == 2) {
        return p[1];
      }
    }
    return null;
  }

  private static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return null;
    }
    for (String p : contentType.split(";")) {
      String s = p.trim();
      if (s.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        return s.substring(9).replace("\"", "");
      }
    }
    return null;
  }

  private static List<String> split(String body, String boundary) {
    List<String> parts = new ArrayList<>();
    String d = "--" + boundary;
    int at = body.indexOf(d);
    while (at >= 0) {
      int start = at + d.length();
      if (body.startsWith("--", start)) {
        break;
      }
      int next = body.indexOf(d, start);
      parts.add(
          (next < 0 ? body.substring(start) : body.substring(start, next))
              .replaceFirst("^\r?\n", ""));
      at = next;
    }
    return parts;
  }

  private static String[] headBody(String part) {
    Matcher m = Pattern.compile("\r?\n\r?\n").matcher(part);
    if (!m.find()) {
      return new String[] {part, ""};
    }
    return new String[] {part.substring(0, m.start()), part.substring(m.end())};
  }

  private static String headerValue(String head, String name) {
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** A small recursive-descent evaluator of OData v2 {@code $filter} expressions. */
  private static final class Filter {
    private final List<String> tokens = new ArrayList<>();
    private String eqField;
    private java.util.Set<String> eqValues;
    private int pos;
    private final String text;

    Filter(String text) throws BadRequest {
      this.text = text;
      Matcher m =
          Pattern.compile(
                  "\\s*(\\(|\\)|datetimeoffset'[^']*'|datetime'[^']*'|'(?:[^']|'')*'|[A-Za-z_][A-Za-z_0-9/]*|-?\\d+(?:\\.\\d+)?[MLmdf]?)")
              .matcher(text);
      int end = 0;
      while (m.find() && m.start() == end) {
        tokens.add(m.group(1));
        end = m.end();
      }
      if (end != text.length() && !text.substring(end).isBlank()) {
        throw new BadRequest(
            error("FAKE_S4/FILTER", "Invalid filter expression: '" + text + "'", null));
      }
    }

    boolean matches(ObjectNode e) throws BadRequest {
      if (eqField == null && eqValues == null) {
        eqValues = new java.util.HashSet<>();
        eqField = anyOfField();
      }
      if (eqField != null && !eqField.isEmpty()) {
        JsonNode v = e.get(eqField);
        return v != null && !v.isNull() && eqValues.contains(v.asText());
      }
      pos = 0;
      boolean r = or(e);
      if (pos != tokens.size()) {
        throw new BadRequest(
            error("FAKE_S4/FILTER", "Invalid filter expression: '" + text + "'", null));
      }
      return r;
    }

    /** For {@code F eq 'a' or F eq 'b' …} (look-ups by key), the field; else empty. */
    private String anyOfField() {
      if (tokens.size() < 3 || tokens.size() % 4 != 3) {
        return "";
      }
      String field = tokens.get(0);
      for (int i = 0; i < tokens.size(); i += 4) {
        if (!tokens.get(i).equals(field)
            || !tokens.get(i + 1).equals("eq")
            || !tokens.get(i + 2).startsWith("'")
            || (i + 3 < tokens.size() && !tokens.get(i + 3).equals("or"))) {
          eqValues.clear();
          return "";
        }
        String lit = tokens.get(i + 2);
        eqValues.add(lit.substring(1, lit.length() - 1).replace("''", "'"));
      }
      return field;
    }

    private boolean or(ObjectNode e) throws BadRequest {
      boolean r = and(e);
      while (pos < tokens.size() && tokens.get(pos).equals("or")) {
        pos++;
        boolean right = and(e);
        r = r || right;
      }
      return r;
    }

    private boolean and(ObjectNode e) throws BadRequest {
      boolean r = term(e);
      while (pos < tokens.size() && tokens.get(pos).equals("and")) {
        pos++;
        boolean right = term(e);
        r = r && right;
      }
      return r;
    }

    private boolean term(ObjectNode e) throws BadRequest {
      if (pos >= tokens.size()) {
        throw new BadRequest(
            error("FAKE_S4/FILTER", "Invalid filter expression: '" + text + "'", null));
      }
      if (tokens.get(pos).equals("(")) {
        pos++;
        boolean r = or(e);
        expect(")");
        return r;
      }
      if (tokens.get(pos).equals("not")) {
        pos++;
        return !term(e);
      }
      String field = tokens.get(pos++);
      String op = pos < tokens.size() ? tokens.get(pos++) : "";
      String literal = pos < tokens.size() ? tokens.get(pos++) : "";
      int c = compare(e.get(field), literal);
      return switch (op) {
        case "eq" -> c == 0;
        case "ne" -> c != 0;
        case "gt" -> c > 0;
        case "ge" -> c >= 0;
        case "lt" -> c < 0;
        case "le" -> c <= 0;
        default ->
            throw new BadRequest(
                error("FAKE_S4/FILTER", "Unknown operator '" + op + "' in '" + text + "'", null));
      };
    }

    private void expect(String t) throws BadRequest {
      if (pos >= tokens.size() || !tokens.get(pos).equals(t)) {
        throw new BadRequest(
            error("FAKE_S4/FILTER", "Invalid filter expression: '" + text + "'", null));
      }
      pos++;
    }

    private static int compare(JsonNode value, String literal) {
      if (literal.startsWith("datetime")) {
        String iso = literal.substring(literal.indexOf('\'') + 1, literal.length() - 1);
        Instant at = iso.endsWith("Z") ? Instant.parse(iso) : Instant.parse(iso + "Z");
        if (value == null || value.isNull()) {
          return -1;
        }
        Matcher m = Pattern.compile("/Date\\((-?\\d+)").matcher(value.asText());
        if (!m.find()) {
          return -1;
        }
        return Long.compare(Long.parseLong(m.group(1)), at.toEpochMilli());
      }
      if (literal.startsWith("'")) {
        String s = literal.substring(1, literal.length() - 1).replace("''", "'");
        return (value == null || value.isNull() ? "" : value.asText()).compareTo(s);
      }
      if (literal.equals("true") || literal.equals("false")) {
        return value != null && value.asBoolean() == Boolean.parseBoolean(literal) ? 0 : 1;
      }
      if (literal.equals("null")) {
        return value == null || value.isNull() ? 0 : 1;
      }
      BigDecimal n = new BigDecimal(literal.replaceAll("[MLmdf]$", ""));
      return value == null || value.asText().isEmpty()
          ? -1
          : new BigDecimal(value.asText()).compareTo(n);
    }
  }
}
