package dev.retailsync.salesforce.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
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
 * An in-process emulation of the parts of the Salesforce REST API the connector uses, at the OkHttp
 * level (no sockets): the OAuth token endpoint (client credentials, JWT bearer, refresh token with
 * rotation and revocation on reuse), SOQL query with {@code nextRecordsUrl} paging for the query
 * shapes the connector issues, sObject Collections upsert by external id with per-record results,
 * custom objects created with {@link #createCustomObject} (describe, upsert, SOQL, with
 * Salesforce's errors for a missing object or field), {@code Sforce-Limit-Info} on every REST
 * response, and scripted faults.
 *
 * <p>Use it from a plain JUnit test: add {@link #interceptor()} to an {@code OkHttpClient} (or use
 * {@link #client()}), point the connector at {@link #INSTANCE_URL} and {@link #TOKEN_URL}, seed
 * records with {@link #put}, and inspect {@link #records} and {@link #requests()} afterwards. The
 * wire format follows Salesforce's documented responses.
 *
 * <p>Thread-safe.
 */
public final class FakeSalesforce {
  /** The instance URL the fake's tokens name and its REST API answers on. */
  public static final String INSTANCE_URL = "https://fake.my.salesforce.com";

  /** The token endpoint. */
  public static final String TOKEN_URL = INSTANCE_URL + "/services/oauth2/token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final DateTimeFormatter SF_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final Pattern DATA = Pattern.compile("/services/data/v(\\d+\\.\\d)(/.*)");
  private static final Pattern SELECT =
      Pattern.compile(
          "SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\\d+))?",
          Pattern.CASE_INSENSITIVE);

  /** A scripted failure of the next REST call. */
  private record Fault(int status, String errorCode, String message) {}

  private final Clock clock;
  private final String clientId;
  private final String clientSecret;
  private final Map<String, Map<String, ObjectNode>> objects = new HashMap<>();
  private final Set<String> validTokens = new HashSet<>();
  private final Map<String, String> refreshTokens = new HashMap<>();
  private final Set<String> rotatedRefreshTokens = new HashSet<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Deque<Duration> delays = new ArrayDeque<>();
  private final Map<String, Integer> lockedRecords = new HashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> headers = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<ObjectNode>> cursors = new HashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, CustomObject> customObjects = new LinkedHashMap<>();
  private int pageSize = 2000;
  private long apiUsed;
  private long apiMax = 100_000;
  private boolean grantRevoked;

  /**
   * Creates a fake org.
   *
   * @param clock the clock SystemModstamp and token times come from
   * @param clientId the consumer key the token endpoint accepts
   * @param clientSecret the consumer secret the token endpoint accepts
   */
  public FakeSalesforce(Clock clock, String clientId, String clientSecret) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * Returns the interceptor that answers every call; add it to an {@code OkHttpClient}.
   *
   * @return the interceptor
   */
  public Interceptor interceptor() {
    return chain -> {
      Duration delay = nextDelay();
      if (delay != null && delay.toMillis() >= chain.readTimeoutMillis()) {
        // The answer would come after the client's read timeout: the client sees the timeout.
        // The request still reaches the org, as a slow Salesforce still commits the work.
        handle(chain.request()).close();
        throw new java.net.SocketTimeoutException(
            "timeout: no answer within " + chain.readTimeoutMillis() + " ms");
      }
      return handle(chain.request());
    };
  }

  private synchronized Duration nextDelay() {
    return delays.poll();
  }

  /**
   * Makes the next call's answer take the given time. No time passes in the test: an answer slower
   * than the client's read timeout reaches the client as a {@link java.net.SocketTimeoutException}
   * (after the org has done the work, as a slow Salesforce does), a faster one arrives at once.
   *
   * @param delay how long the answer would take
   */
  public synchronized void respondAfter(Duration delay) {
    delays.add(delay);
  }

  /**
   * Returns a client whose every call the fake answers.
   *
   * @return the client
   */
  public OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(interceptor()).build();
  }

  /**
   * Sets the daily API allocation and how much of it is used, as {@code Sforce-Limit-Info} reports.
   *
   * @param used calls used in the rolling 24 hours
   * @param max the allocation
   */
  public synchronized void apiUsage(long used, long max) {
    this.apiUsed = used;
    this.apiMax = max;
  }

  /**
   * Returns the REST calls counted against the allocation so far.
   *
   * @return the count
   */
  public synchronized long apiUsed() {
    return apiUsed;
  }

  /**
   * Sets how many records a query page holds (Salesforce: up to 2,000).
   *
   * @param size the page size
   */
  public synchronized void pageSize(int size) {
    this.pageSize = size;
  }

  /**
   * Issues a refresh token for the refresh-token flow.
   *
   * @param token the refresh token the client holds
   */
  public synchronized void issueRefreshToken(String token) {
    refreshTokens.put(token, clientId);
  }

  /**
   * Tells whether a rotated refresh token was presented again, which revokes the grant.
   *
   * @return {@code true} once the grant is revoked
   */
  public synchronized boolean grantRevoked() {
    return grantRevoked;
  }

  /** Expires every session: the next REST call with a current token gets 401 INVALID_SESSION_ID. */
  public synchronized void expireSessions() {
    validTokens.clear();
  }

  /**
   * Fails the next REST call with a Salesforce error.
   *
   * @param status the HTTP status, such as 503 or 403
   * @param errorCode the error code, such as {@code REQUEST_LIMIT_EXCEEDED}
   * @param message the message
   */
  public synchronized void failNext(int status, String errorCode, String message) {
    faults.add(new Fault(status, errorCode, message));
  }

  /**
   * Makes upserts of a record fail with {@code UNABLE_TO_LOCK_ROW} a number of times.
   *
   * @param externalIdValue the record's external id value
   * @param times how many upserts of it fail
   */
  public synchronized void lockRecord(String externalIdValue, int times) {
    lockedRecords.put(externalIdValue, times);
  }

  /** Fields every custom object has, which Salesforce creates with it. */
  private static final List<String> SYSTEM_FIELDS =
      List.of(
          "Id",
          "Name",
          "OwnerId",
          "IsDeleted",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "LastModifiedById",
          "SystemModstamp");

  /** A custom object an admin created in the org: its fields and which are External IDs. */
  private record CustomObject(String name, Set<String> externalIds, Set<String> fields) {
    boolean has(String field) {
      for (String f : fields) {
        if (f.equalsIgnoreCase(field)) {
          return true;
        }
      }
      return false;
    }

    boolean isExternalId(String field) {
      for (String f : externalIds) {
        if (f.equalsIgnoreCase(field)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Creates a custom object in the org, as an admin does in Setup: with the standard fields every
   * custom object has ({@code Id}, {@code Name}, {@code CreatedDate}, {@code SystemModstamp}, ...),
   * one unique External ID field, and the given custom fields. From then on the object answers
   * describe ({@code GET /sobjects/{name}/describe}), upserts by its External ID field, and SOQL.
   * Custom objects ({@code __c}) that were not created answer as Salesforce does for an unknown
   * object ({@code NOT_FOUND} on REST resources, {@code INVALID_TYPE} in SOQL), and a field the
   * object lacks fails the request with {@code INVALID_FIELD}.
   *
   * @param name the object's API name, ending in {@code __c}
   * @param externalIdField its unique External ID field, such as {@code Invoice_Number__c}
   * @param fields its other custom fields
   * @throws IllegalArgumentException if the name does not end in {@code __c}
   */
  public synchronized void createCustomObject(
      String name, String externalIdField, String... fields) {
    if (!name.endsWith("__c") || !externalIdField.endsWith("__c")) {
      throw new IllegalArgumentException(
          "custom objects and their fields end in __c: " + name + "." + externalIdField);
    }
    Set<String> all = new java.util.LinkedHashSet<>(SYSTEM_FIELDS);
    all.add(externalIdField);
    all.addAll(List.of(fields));
    customObjects.put(name, new CustomObject(name, Set.of(externalIdField), all));
  }

  /**
   * Stores a record as if it had been created in the org.
   *
   * @param sobject the object, such as {@code Account}
   * @param fields the record's fields (an {@code Id} is assigned when absent)
   * @return the stored record
   */
  public synchronized ObjectNode put(String sobject, Map<String, ?> fields) {
    ObjectNode r = JSON.valueToTree(fields);
    if (!r.hasNonNull("Id")) {
      r.put("Id", newId(sobject));
    }
    r.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
    objects.computeIfAbsent(sobject, k -> new LinkedHashMap<>()).put(r.get("Id").asText(), r);
    return r.deepCopy();
  }

  /**
   * Changes fields of a record as a user in the org would; its {@code SystemModstamp} moves.
   *
   * @param sobject the object
   * @param id the record id
   * @param fields the fields to set
   * @return the record after the change
   * @throws IllegalArgumentException if there is no such record
   */
  public synchronized ObjectNode update(String sobject, String id, Map<String, ?> fields) {
    ObjectNode r = objects.getOrDefault(sobject, Map.of()).get(id);
    if (r == null) {
      throw new IllegalArgumentException("no " + sobject + " " + id);
    }
    ObjectNode changes = JSON.valueToTree(fields);
    changes.properties().forEach(e -> r.set(e.getKey(), e.getValue()));
    r.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
    return r.deepCopy();
  }

  /**
   * Returns copies of every record of an object, in creation order.
   *
   * @param sobject the object
   * @return the records
   */
  public synchronized List<ObjectNode> records(String sobject) {
    List<ObjectNode> out = new ArrayList<>();
    objects.getOrDefault(sobject, Map.of()).values().forEach(r -> out.add(r.deepCopy()));
    return out;
  }

  /**
   * Returns the headers of every request received, in order, without {@code Authorization}.
   *
   * @return one map per request
   */
  public List<Map<String, String>> requestHeaders() {
    synchronized (headers) {
      return List.copyOf(headers);
    }
  }

  /**
   * Returns every request received, as {@code METHOD path}, in order.
   *
   * @return the requests
   */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private synchronized Response handle(Request request) throws IOException {
    HttpUrl url = request.url();
    requests.add(request.method() + " " + url.encodedPath());
    Map<String, String> h = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      if (!name.equalsIgnoreCase("Authorization")) {
        h.put(name, request.header(name));
      }
    }
    headers.add(h);
    if (url.encodedPath().equals("/services/oauth2/token")) {
      return token(request);
    }
    Matcher m = DATA.matcher(url.encodedPath());
    if (!m.matches()) {
      return error(request, 404, "NOT_FOUND", "The requested resource does not exist");
    }
    String auth = request.header("Authorization");
    if (auth == null || !validTokens.contains(auth.replaceFirst("^(Bearer|OAuth) ", ""))) {
      return error(request, 401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    apiUsed++;
    Fault f = faults.poll();
    if (f != null) {
      return error(request, f.status(), f.errorCode(), f.message());
    }
    String path = m.group(2);
    if (path.startsWith("/query")) {
      return query(request, path);
    }
    Matcher describePath = Pattern.compile("/sobjects/(\\w+)/describe/?").matcher(path);
    if (describePath.matches() && request.method().equals("GET")) {
      return describe(request, describePath.group(1));
    }
    Matcher deletedPath = Pattern.compile("/sobjects/(\\w+)/deleted/?").matcher(path);
    if (deletedPath.matches() && request.method().equals("GET")) {
      return getDeleted(request, deletedPath.group(1));
    }
    if (path.startsWith("/jobs/ingest")) {
      return bulk(request, path);
    }
    Matcher single = Pattern.compile("/sobjects/(\\w+)/(\\w+)/([^/]+)").matcher(path);
    if (single.matches() && request.method().equals("PATCH")) {
      return upsertOne(request, single.group(1), single.group(2), single.group(3));
    }
    if (path.equals("/composite") && request.method().equals("POST")) {
      return composite(request);
    }
    if (path.startsWith("/composite/sobjects/") && request.method().equals("PATCH")) {
      String[] parts = path.split("/");
      return upsert(request, parts[3], parts[4]);
    }
    return error(request, 404, "NOT_FOUND", "The requested resource does not exist");
  }

  private Response token(Request request) {
    Map<String, String> form = new HashMap<>();
    if (request.body() instanceof FormBody body) {
      for (int i = 0; i < body.size(); i++) {
        form.put(body.name(i), body.value(i));
      }
    }
    String grant = form.getOrDefault("grant_type", "");
    ObjectNode ok = JSON.createObjectNode();
    switch (grant) {
      case "client_credentials":
        if (!Objects.equals(clientId, form.get("client_id"))
            || !Objects.equals(clientSecret, form.get("client_secret"))) {
          return oauthError(request, 400, "invalid_client", "invalid client credentials");
        }
        break;
      case "urn:ietf:params:oauth:grant-type:jwt-bearer":
        String assertion = form.getOrDefault("assertion", "");
        if (assertion.split("\\.").length != 3) {
          return oauthError(request, 400, "invalid_grant", "invalid assertion");
        }
        break;
      case "refresh_token":
        String presented = form.get("refresh_token");
        if (rotatedRefreshTokens.contains(presented) || grantRevoked) {
          grantRevoked = true;
          refreshTokens.clear();
          validTokens.clear();
          return oauthError(request, 400, "invalid_grant", "expired access/refresh token");
        }
        if (!refreshTokens.containsKey(presented)) {
          return oauthError(request, 400, "invalid_grant", "expired access/refresh token");
        }
        refreshTokens.remove(presented);
        rotatedRefreshTokens.add(presented);
        String next = "5Aep" + ids.incrementAndGet();
        refreshTokens.put(next, clientId);
        ok.put("refresh_token", next);
        break;
      default:
        return oauthError(request, 400, "unsupported_grant_type", "grant type not supported");
    }
    String token = "00DFAKE000000001!" + ids.incrementAndGet();
    validTokens.add(token);
    ok.put("access_token", token);
    ok.put("instance_url", INSTANCE_URL);
    ok.put("id", "https://login.salesforce.com/id/00DFAKE000000001AAA/005FAKE000000001AAA");
    ok.put("token_type", "Bearer");
    ok.put("issued_at", Long.toString(clock.millis()));
    ok.put("scope", "api");
    return respond(request, 200, ok.toString(), false);
  }

  private Response query(Request request, String path) {
    HttpUrl url = request.url();
    List<ObjectNode> rows;
    String locator;
    if (path.equals("/query") || path.equals("/queryAll")) {
      String soql = url.queryParameter("q");
      Matcher s = soql == null ? null : SELECT.matcher(soql.trim());
      if (s == null || !s.matches()) {
        return error(request, 400, "MALFORMED_QUERY", "unexpected token in: " + soql);
      }
      Response refused = checkQuery(request, s.group(1), s.group(2));
      if (refused != null) {
        return refused;
      }
      rows = select(s.group(1), s.group(2), s.group(3), s.group(4), s.group(5));
      locator = "01gFAKE" + ids.incrementAndGet();
    } else {
      locator = path.substring("/query/".length()).split("-")[0];
      List<ObjectNode> remaining = cursors.remove(locator);
      if (remaining == null) {
        return error(request, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
      }
      rows = remaining;
    }
    int total = rows.size();
    List<ObjectNode> page = rows.subList(0, Math.min(pageSize, total));
    ObjectNode body = JSON.createObjectNode();
    body.put("totalSize", total);
    boolean done = total <= pageSize;
    body.put("done", done);
    if (!done) {
      cursors.put(locator, new ArrayList<>(rows.subList(pageSize, total)));
      body.put(
          "nextRecordsUrl",
          url.encodedPath().replaceAll("/query.*", "/query/") + locator + "-" + pageSize);
    }
    ArrayNode records = body.putArray("records");
    page.forEach(records::add);
    return respond(request, 200, body.toString(), true);
  }

  private List<ObjectNode> select(
      String fieldList, String sobject, String where, String orderBy, String limit) {
    List<String> fields = new ArrayList<>();
    for (String f : fieldList.split(",")) {
      fields.add(f.trim());
    }
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode r : objects.getOrDefault(sobject, Map.of()).values()) {
      if (where == null || matches(r, where)) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode attributes = out.putObject("attributes");
        attributes.put("type", sobject);
        attributes.put(
            "url", "/services/data/v66.0/sobjects/" + sobject + "/" + r.get("Id").asText());
        for (String f : fields) {
          int dot = f.indexOf('.');
          if (dot > 0) {
            // A parent relationship field comes back as a nested record with its attributes.
            String rel = f.substring(0, dot);
            JsonNode parent = r.get(rel);
            if (parent == null || parent.isNull()) {
              out.putNull(rel);
            } else {
              ObjectNode nested = out.has(rel) ? (ObjectNode) out.get(rel) : out.putObject(rel);
              nested.putObject("attributes").put("type", rel);
              nested.set(f.substring(dot + 1), parent.path(f.substring(dot + 1)));
            }
          } else {
            out.set(f, r.has(f) ? r.get(f) : JSON.nullNode());
          }
        }
        rows.add(out);
      }
    }
    if (orderBy != null) {
      List<String> keys = new ArrayList<>();
      for (String k : orderBy.split(",")) {
        keys.add(k.trim().split(" ")[0]);
      }
      rows.sort(
          (a, b) -> {
            for (String k : keys) {
              int c = a.path(k).asText().compareTo(b.path(k).asText());
              if (c != 0) {
                return c;
              }
            }
            return 0;
          });
    }
    if (limit != null && rows.size() > Integer.parseInt(limit)) {
      rows = new ArrayList<>(rows.subList(0, Integer.parseInt(limit)));
    }
    return rows;
  }

  /** Supports the connector's filters: {@code F IN ('a','b')} and {@code F >= datetime}, ANDed. */
  private static boolean matches(ObjectNode r, String where) {
    for (String clause : where.split("(?i) AND ")) {
      Matcher in =
          Pattern.compile("(\\w+) IN \\((.*)\\)", Pattern.CASE_INSENSITIVE).matcher(clause);
      Matcher cmp = Pattern.compile("(\\w+) (>=|>|<|<=) (\\S+)").matcher(clause);
      Matcher eq = Pattern.compile("(\\w+) = (true|false|'.*')").matcher(clause.trim());
      if (eq.matches()) {
        String want = eq.group(2).replaceAll("^'|'$", "");
        if (!want.equals(r.path(eq.group(1)).asText("false"))) {
          return false;
        }
      } else if (in.matches()) {
        Set<String> values = new HashSet<>();
        for (String v : in.group(2).split(",")) {
          values.add(v.trim().replaceAll("^'|'$", "").replace("\\'", "'"));
        }
        if (!values.contains(r.path(in.group(1)).asText(null))) {
          return false;
        }
      } else if (cmp.matches()) {
        Instant value = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(cmp.group(3)));
        String stored = r.path(cmp.group(1)).asText(null);
        if (stored == null) {
          return false;
        }
        Instant have = SF_DATETIME.parse(stored, Instant::from);
        int c = have.compareTo(value);
        boolean ok =
            switch (cmp.group(2)) {
              case ">=" -> c >= 0;
              case ">" -> c > 0;
              case "<" -> c < 0;
              default -> c <= 0;
            };
        if (!ok) {
          return false;
        }
      } else {
        throw new IllegalArgumentException("the fake does not support the filter: " + clause);
      }
    }
    return true;
  }

  /** The custom object, or {@code null} for a standard object (whose fields are not checked). */
  private CustomObject custom(String sobject) {
    return customObjects.get(sobject);
  }

  private static boolean isCustom(String sobject) {
    return sobject.endsWith("__c");
  }

  /** {@code GET /sobjects/{name}/describe} of a custom object the org has. */
  private Response describe(Request request, String sobject) {
    CustomObject o = custom(sobject);
    if (o == null) {
      return error(request, 404, "NOT_FOUND", "The requested resource does not exist");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", o.name());
    body.put("label", o.name().substring(0, o.name().length() - 3).replace('_', ' '));
    body.put("custom", true);
    body.put("createable", true);
    body.put("updateable", true);
    body.put("queryable", true);
    ArrayNode fields = body.putArray("fields");
    for (String f : o.fields()) {
      ObjectNode d = fields.addObject();
      d.put("name", f);
      d.put("custom", f.endsWith("__c"));
      d.put(
          "type",
          switch (f) {
            case "Id" -> "id";
            case "OwnerId", "CreatedById", "LastModifiedById" -> "reference";
            case "IsDeleted" -> "boolean";
            case "CreatedDate", "LastModifiedDate", "SystemModstamp" -> "datetime";
            default -> "string";
          });
      boolean external = o.isExternalId(f);
      d.put("externalId", external);
      d.put("unique", external);
      d.put("idLookup", external || f.equals("Id"));
      boolean system = SYSTEM_FIELDS.contains(f) && !f.equals("Name") && !f.equals("OwnerId");
      d.put("createable", !system);
      d.put("updateable", !system);
      d.put("nillable", !system && !f.equals("Name"));
    }
    return respond(request, 200, body.toString(), true);
  }

  /** Refuses a SOQL query of a custom object the org lacks, or of a field the object lacks. */
  private Response checkQuery(Request request, String fieldList, String sobject) {
    if (!isCustom(sobject)) {
      return null;
    }
    CustomObject o = custom(sobject);
    if (o == null) {
      return error(
          request,
          400,
          "INVALID_TYPE",
          "sObject type '"
              + sobject
              + "' is not supported. If you are attempting to use a custom object, be sure to"
              + " append the '__c' after the entity name. Please reference your WSDL or the"
              + " describe call for the appropriate names.");
    }
    for (String f : fieldList.split(",")) {
      String name = f.trim();
      if (!name.contains(".") && !o.has(name)) {
        return error(
            request,
            400,
            "INVALID_FIELD",
            "No such column '"
                + name
                + "' on entity '"
                + sobject
                + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                + " after the custom field name. Please reference your WSDL or the describe call"
                + " for the appropriate names.");
      }
    }
    return null;
  }

  /**
   * Refuses an upsert into a custom object the org lacks, by a field that is not one of its
   * External IDs, or with a field it lacks (Salesforce fails the whole request then: the body does
   * not deserialize).
   */
  private Response checkWrite(
      Request request, String sobject, String externalIdField, JsonNode records) {
    if (!isCustom(sobject)) {
      return null;
    }
    CustomObject o = custom(sobject);
    if (o == null) {
      return error(request, 404, "NOT_FOUND", "The requested resource does not exist");
    }
    if (!o.isExternalId(externalIdField)) {
      return error(
          request,
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + externalIdField);
    }
    for (JsonNode rec : records) {
      for (Map.Entry<String, JsonNode> e : rec.properties()) {
        if (!e.getKey().equals("attributes") && !o.has(e.getKey())) {
          return error(
              request,
              400,
              "INVALID_FIELD",
              "No such column '" + e.getKey() + "' on sobject of type " + sobject);
        }
      }
    }
    return null;
  }

  private Response upsert(Request request, String sobject, String externalIdField)
      throws IOException {
    JsonNode body = JSON.readTree(bodyOf(request));
    JsonNode records = body.path("records");
    if (!records.isArray() || records.size() > 200) {
      return error(
          request,
          400,
          "INVALID_FIELD",
          records.isArray() ? "Maximum number of records is 200" : "records is required");
    }
    if (body.path("allOrNone").asBoolean(false)) {
      return error(request, 400, "INVALID_FIELD", "the fake supports allOrNone=false only");
    }
    Response refused = checkWrite(request, sobject, externalIdField, records);
    if (refused != null) {
      return refused;
    }
    ArrayNode results = JSON.createArrayNode();
    Set<String> seen = new HashSet<>();
    for (JsonNode rec : records) {
      results.add(upsertRecord(sobject, externalIdField, rec, seen));
    }
    return respond(request, 200, results.toString(), true);
  }

  private final Map<String, List<ObjectNode>> deletions = new HashMap<>();

  /**
   * Deletes a record as a user in the org would; {@code getDeleted} reports it from then on.
   *
   * @param sobject the object
   * @param id the record id
   */
  public synchronized void delete(String sobject, String id) {
    ObjectNode removed = objects.getOrDefault(sobject, new LinkedHashMap<>()).remove(id);
    if (removed != null) {
      ObjectNode d = JSON.createObjectNode();
      d.put("id", id);
      d.put("deletedDate", SF_DATETIME.format(clock.instant()));
      deletions.computeIfAbsent(sobject, k -> new ArrayList<>()).add(d);
    }
  }

  private Response getDeleted(Request request, String sobject) {
    HttpUrl url = request.url();
    Instant start;
    Instant end;
    try {
      start =
          Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(url.queryParameter("start")));
      end = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(url.queryParameter("end")));
    } catch (RuntimeException e) {
      return error(request, 400, "INVALID_REPLICATION_DATE", "start and end are required dates");
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode out = body.putArray("deletedRecords");
    for (ObjectNode d : deletions.getOrDefault(sobject, List.of())) {
      Instant at = SF_DATETIME.parse(d.get("deletedDate").asText(), Instant::from);
      if (!at.isBefore(start) && at.isBefore(end)) {
        out.add(d.deepCopy());
      }
    }
    body.put(
        "earliestDateAvailable",
        SF_DATETIME.format(clock.instant().minus(java.time.Duration.ofDays(15))));
    body.put("latestDateCovered", SF_DATETIME.format(end));
    return respond(request, 200, body.toString(), true);
  }

  /** A Bulk API 2.0 ingest job. */
  private static final class Job {
    final String id;
    final String sobject;
    final String externalIdField;
    String state = "Open";
    String csv = "";
    int pollsLeft;
    String errorMessage = "";
    List<String> header = List.of();
    final List<List<String>> succeeded = new ArrayList<>();
    final List<List<String>> failed = new ArrayList<>();
    final List<List<String>> unprocessed = new ArrayList<>();

    Job(String id, String sobject, String externalIdField) {
      this.id = id;
      this.sobject = sobject;
      this.externalIdField = externalIdField;
    }
  }

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private int bulkPolls = 2;
  private int failJobAfter = -1;

  /**
   * Sets how many polls a closed bulk job stays in progress before it completes.
   *
   * @param polls the number of polls
   */
  public synchronized void bulkPollsUntilComplete(int polls) {
    this.bulkPolls = polls;
  }

  /**
   * Makes the next bulk job fail as a whole after processing its first rows; the rest are
   * unprocessed.
   *
   * @param rows how many rows are processed before the failure
   */
  public synchronized void failNextBulkJobAfter(int rows) {
    this.failJobAfter = rows;
  }

  /**
   * Returns the ids of the bulk jobs created, in order.
   *
   * @return the ids
   */
  public synchronized List<String> bulkJobs() {
    return List.copyOf(jobs.keySet());
  }

  private Response bulk(Request request, String path) throws IOException {
    String[] parts = path.split("/");
    if (parts.length == 3 && request.method().equals("POST")) {
      JsonNode spec = JSON.readTree(bodyOf(request));
      Job job =
          new Job(
              "750FK" + String.format(Locale.ROOT, "%010d", ids.incrementAndGet()) + "AAA",
              spec.path("object").asText(),
              spec.path("externalIdFieldName").asText());
      jobs.put(job.id, job);
      return respond(request, 200, jobJson(job).toString(), true);
    }
    Job job = parts.length > 3 ? jobs.get(parts[3]) : null;
    if (job == null) {
      return error(request, 404, "NOT_FOUND", "Job not found");
    }
    if (parts.length == 5 && parts[4].equals("batches") && request.method().equals("PUT")) {
      if (!job.state.equals("Open")) {
        return error(request, 409, "INVALIDJOBSTATE", "the job is not open");
      }
      job.csv += bodyOf(request);
      return respond(request, 201, "", true);
    }
    if (parts.length == 4 && request.method().equals("PATCH")) {
      String state = JSON.readTree(bodyOf(request)).path("state").asText();
      if (state.equals("UploadComplete") && job.state.equals("Open")) {
        job.state = "UploadComplete";
        job.pollsLeft = bulkPolls;
      } else if (state.equals("Aborted")) {
        job.state = "Aborted";
      }
      return respond(request, 200, jobJson(job).toString(), true);
    }
    if (parts.length == 4 && request.method().equals("GET")) {
      if (job.state.equals("UploadComplete") || job.state.equals("InProgress")) {
        if (job.pollsLeft-- <= 0) {
          process(job);
        } else {
          job.state = "InProgress";
        }
      }
      return respond(request, 200, jobJson(job).toString(), true);
    }
    if (parts.length >= 5 && request.method().equals("GET")) {
      List<String> head = new ArrayList<>();
      List<List<String>> rows;
      switch (parts[4]) {
        case "successfulResults" -> {
          head.addAll(List.of("sf__Id", "sf__Created"));
          rows = job.succeeded;
        }
        case "failedResults" -> {
          head.addAll(List.of("sf__Id", "sf__Error"));
          rows = job.failed;
        }
        case "unprocessedrecords" -> rows = job.unprocessed;
        default -> {
          return error(request, 404, "NOT_FOUND", "unknown resource " + parts[4]);
        }
      }
      head.addAll(job.header);
      StringBuilder csv = new StringBuilder(csvLine(head));
      // Salesforce does not keep the upload's order; neither does the fake.
      List<List<String>> reversed = new ArrayList<>(rows);
      Collections.reverse(reversed);
      reversed.forEach(r -> csv.append(csvLine(r)));
      return new Response.Builder()
          .request(request)
          .protocol(Protocol.HTTP_1_1)
          .code(200)
          .message("OK")
          .header("Sforce-Limit-Info", "api-usage=" + apiUsed + "/" + apiMax)
          .body(ResponseBody.create(csv.toString(), MediaType.get("text/csv; charset=UTF-8")))
          .build();
    }
    return error(request, 404, "NOT_FOUND", "The requested resource does not exist");
  }

  private void process(Job job) {
    List<List<String>> rows = parseCsv(job.csv);
    job.header = rows.isEmpty() ? List.of() : rows.get(0);
    for (String column : job.header) {
      if (column.startsWith("attributes")) {
        // Salesforce knows no such field: the whole job fails.
        job.state = "Failed";
        job.errorMessage = "InvalidBatch : Field name not found : " + column;
        rows.subList(1, rows.size()).forEach(job.unprocessed::add);
        return;
      }
    }
    Set<String> seen = new HashSet<>();
    int limit = failJobAfter;
    failJobAfter = -1;
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (limit >= 0 && i - 1 >= limit) {
        job.unprocessed.add(row);
        continue;
      }
      ObjectNode rec = JSON.createObjectNode();
      rec.putObject("attributes").put("type", job.sobject);
      for (int c = 0; c < job.header.size() && c < row.size(); c++) {
        String v = row.get(c);
        String column = job.header.get(c);
        int dot = column.indexOf('.');
        if (dot > 0 && !v.isEmpty()) {
          // Account.ERP_Customer_Id__c: a reference to the parent by its external id.
          ObjectNode ref =
              rec.has(column.substring(0, dot))
                  ? (ObjectNode) rec.get(column.substring(0, dot))
                  : rec.putObject(column.substring(0, dot));
          ref.put(column.substring(dot + 1), v);
        } else if (v.equals("#N/A")) {
          rec.putNull(column);
        } else if (!v.isEmpty()) {
          rec.put(column, v);
        }
      }
      ObjectNode result = upsertRecord(job.sobject, job.externalIdField, rec, seen);
      List<String> out = new ArrayList<>();
      if (result.path("success").asBoolean()) {
        out.add(result.path("id").asText());
        out.add(Boolean.toString(result.path("created").asBoolean()));
        out.addAll(row);
        job.succeeded.add(out);
      } else {
        JsonNode e = result.path("errors").path(0);
        List<String> fs = new ArrayList<>();
        e.path("fields").forEach(f -> fs.add(f.asText()));
        out.add("");
        out.add(
            e.path("statusCode").asText()
                + ":"
                + e.path("message").asText()
                + ":"
                + String.join(",", fs)
                + " --");
        out.addAll(row);
        job.failed.add(out);
      }
    }
    if (limit >= 0) {
      job.state = "Failed";
      job.errorMessage = "InternalServerError: the job failed after " + limit + " records";
    } else {
      job.state = "JobComplete";
    }
  }

  private static ObjectNode jobJson(Job job) {
    ObjectNode j = JSON.createObjectNode();
    j.put("id", job.id);
    j.put("operation", "upsert");
    j.put("object", job.sobject);
    j.put("externalIdFieldName", job.externalIdField);
    j.put("state", job.state);
    j.put("contentType", "CSV");
    j.put("apiVersion", 66.0);
    j.put("contentUrl", "services/data/v66.0/jobs/ingest/" + job.id + "/batches");
    j.put("lineEnding", "LF");
    j.put("columnDelimiter", "COMMA");
    j.put("numberRecordsProcessed", job.succeeded.size() + job.failed.size());
    j.put("numberRecordsFailed", job.failed.size());
    if (!job.errorMessage.isEmpty()) {
      j.put("errorMessage", job.errorMessage);
    }
    return j;
  }

  private static String csvLine(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
    }
    return sb.append('\n').toString();
  }

  private static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /** Upserts one record by external id and returns its Collections-style result. */
  private ObjectNode upsertRecord(
      String sobject, String externalIdField, JsonNode rec, Set<String> seen) {
    Map<String, ObjectNode> table = objects.computeIfAbsent(sobject, k -> new LinkedHashMap<>());
    ObjectNode result = JSON.createObjectNode();
    String key = rec.path(externalIdField).asText(null);
    String failure = null;
    String failureCode = null;
    List<String> fields = new ArrayList<>();
    if (!rec.path("attributes").path("type").asText().equals(sobject)) {
      failureCode = "INVALID_TYPE";
      failure = "attributes.type must be " + sobject;
    } else if (key == null || key.isBlank()) {
      failureCode = "REQUIRED_FIELD_MISSING";
      failure = "Required fields are missing: [" + externalIdField + "]";
      fields.add(externalIdField);
    } else if (!seen.add(key)) {
      failureCode = "DUPLICATE_EXTERNAL_ID";
      failure = "Duplicate external id specified: " + key;
      fields.add(externalIdField);
    } else if (lockedRecords.getOrDefault(key, 0) > 0) {
      lockedRecords.merge(key, -1, Integer::sum);
      failureCode = "UNABLE_TO_LOCK_ROW";
      failure = "unable to obtain exclusive access to this record";
    } else if (sobject.equals("Account")
        && rec.has("LastName")
        && rec.path("LastName").asText("").isBlank()) {
      // A person account: LastName stands in for Name.
      failureCode = "REQUIRED_FIELD_MISSING";
      failure = "Required fields are missing: [LastName]";
      fields.add("LastName");
    } else if (sobject.equals("Account") && rec.has("LastName") && rec.has("Name")) {
      failureCode = "INVALID_FIELD";
      failure = "Name is not editable on a person account; use FirstName and LastName";
      fields.add("Name");
    } else if (sobject.equals("PricebookEntry")
        && existing(table, externalIdField, key) != null
        && (rec.has("Pricebook2Id") || rec.has("Product2") || rec.has("Product2Id"))) {
      failureCode = "INVALID_FIELD_FOR_INSERT_UPDATE";
      failure = "Unable to create/update fields: Pricebook2Id, Product2Id.";
      fields.add("Pricebook2Id");
      fields.add("Product2Id");
    } else if (existing(table, externalIdField, key) == null
        && !(sobject.equals("Account") && rec.has("LastName"))
        && REQUIRED_ON_CREATE.containsKey(sobject)
        && rec.path(REQUIRED_ON_CREATE.get(sobject)).asText("").isBlank()) {
      String required = REQUIRED_ON_CREATE.get(sobject);
      failureCode = "REQUIRED_FIELD_MISSING";
      failure = "Required fields are missing: [" + required + "]";
      fields.add(required);
    } else {
      String missing = unresolvedReference(rec);
      if (missing != null) {
        failureCode = "INVALID_FIELD";
        failure = missing;
      }
    }
    if (failure != null) {
      result.put("success", false);
      ArrayNode errors = result.putArray("errors");
      ObjectNode e = errors.addObject();
      e.put("statusCode", failureCode);
      e.put("message", failure);
      ArrayNode fs = e.putArray("fields");
      fields.forEach(fs::add);
      return result;
    }
    ObjectNode stored = existing(table, externalIdField, key);
    boolean created = stored == null;
    if (created) {
      stored = JSON.createObjectNode();
      stored.put("Id", newId(sobject));
    }
    ObjectNode target = stored;
    rec.properties()
        .forEach(
            e -> {
              if (e.getKey().equals("attributes")) {
                return;
              }
              if (e.getValue().isObject()) {
                // A reference by the parent's external id: Account: {ERP_Customer_Id__c: "C-1"}
                // sets AccountId and reads back as the parent's fields.
                ObjectNode parent = referenced(e.getKey(), (ObjectNode) e.getValue());
                target.put(e.getKey() + "Id", parent.get("Id").asText());
                target.set(e.getKey(), parent.deepCopy());
              } else {
                target.set(e.getKey(), e.getValue());
              }
            });
    if (sobject.equals("Account")) {
      boolean person = target.has("LastName");
      target.put("IsPersonAccount", person);
      if (person) {
        String first = target.path("FirstName").asText("");
        target.put("Name", (first.isEmpty() ? "" : first + " ") + target.path("LastName").asText());
      }
    }
    target.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
    table.put(target.get("Id").asText(), target);
    result.put("id", target.get("Id").asText());
    result.put("success", true);
    result.putArray("errors");
    result.put("created", created);
    return result;
  }

  /**
   * {@code POST /composite}: runs the subrequests in order, resolving {@code @{ref.field}} from
   * earlier results; with {@code allOrNone} a failure rolls back every subrequest, whose results
   * then say {@code PROCESSING_HALTED}. Upserts by external id, creates and updates by id.
   */
  private Response composite(Request request) throws IOException {
    JsonNode body = JSON.readTree(bodyOf(request));
    JsonNode subs = body.path("compositeRequest");
    if (!subs.isArray() || subs.size() > 25) {
      return error(
          request, 400, "INVALID_BATCH_REQUEST", "compositeRequest takes 1 to 25 subrequests");
    }
    boolean allOrNone = body.path("allOrNone").asBoolean(false);
    Map<String, Map<String, ObjectNode>> snapshot = new LinkedHashMap<>();
    objects.forEach(
        (k, v) -> {
          Map<String, ObjectNode> copy = new LinkedHashMap<>();
          v.forEach((id, r) -> copy.put(id, r.deepCopy()));
          snapshot.put(k, copy);
        });
    Map<String, JsonNode> results = new HashMap<>();
    ArrayNode out = JSON.createArrayNode();
    boolean failed = false;
    for (JsonNode sub : subs) {
      String ref = sub.path("referenceId").asText();
      ObjectNode res = out.addObject();
      res.putObject("httpHeaders");
      res.put("referenceId", ref);
      if (failed && allOrNone) {
        halted(res);
        continue;
      }
      String text = sub.path("body").toString();
      Matcher refs = Pattern.compile("@\\{(\\w+)\\.(\\w+)}").matcher(text);
      StringBuilder resolved = new StringBuilder();
      while (refs.find()) {
        JsonNode earlier = results.get(refs.group(1));
        refs.appendReplacement(
            resolved,
            Matcher.quoteReplacement(
                earlier == null ? "" : earlier.path(refs.group(2)).asText("")));
      }
      refs.appendTail(resolved);
      ObjectNode rec = (ObjectNode) JSON.readTree(resolved.toString());
      String url = sub.path("url").asText().replaceFirst("^/services/data/v[0-9.]+", "");
      String method = sub.path("method").asText();
      Matcher byExt = Pattern.compile("/sobjects/(\\w+)/(\\w+)/([^/]+)").matcher(url);
      Matcher byId = Pattern.compile("/sobjects/(\\w+)/(\\w{15,18})").matcher(url);
      Matcher create = Pattern.compile("/sobjects/(\\w+)").matcher(url);
      ObjectNode result;
      int status;
      if (method.equals("PATCH") && byExt.matches()) {
        String sobject = byExt.group(1);
        rec.putObject("attributes").put("type", sobject);
        rec.put(
            byExt.group(2),
            java.net.URLDecoder.decode(byExt.group(3), java.nio.charset.StandardCharsets.UTF_8));
        result = upsertRecord(sobject, byExt.group(2), rec, new HashSet<>());
        status = result.path("created").asBoolean() ? 201 : 200;
      } else if (method.equals("PATCH") && byId.matches()) {
        ObjectNode target = objects.getOrDefault(byId.group(1), Map.of()).get(byId.group(2));
        if (target == null) {
          result = failure("ENTITY_IS_DELETED", "entity is deleted", List.of());
        } else {
          rec.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
          target.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
          result = JSON.createObjectNode().put("id", byId.group(2)).put("success", true);
        }
        status = 204;
      } else if (method.equals("POST") && create.matches()) {
        result = createRecord(create.group(1), rec);
        status = 201;
      } else {
        result = failure("NOT_FOUND", "The requested resource does not exist", List.of());
        status = 404;
      }
      if (result.has("errors") && result.path("success").asBoolean(true) == false) {
        failed = true;
        ArrayNode errs = res.putArray("body");
        for (JsonNode e : result.path("errors")) {
          ObjectNode err = errs.addObject();
          err.put("errorCode", e.path("statusCode").asText());
          err.put("message", e.path("message").asText());
          err.set("fields", e.path("fields"));
        }
        res.put("httpStatusCode", status == 404 ? 404 : 400);
      } else {
        results.put(ref, result);
        if (status == 204) {
          res.putNull("body");
        } else {
          result.putArray("warnings");
          res.set("body", result);
        }
        res.put("httpStatusCode", status);
      }
    }
    if (failed && allOrNone) {
      objects.clear();
      objects.putAll(snapshot);
      for (JsonNode res : out) {
        if (((ObjectNode) res).path("httpStatusCode").asInt() < 300) {
          halted((ObjectNode) res);
        }
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("compositeResponse", out);
    return respond(request, 200, answer.toString(), true);
  }

  private static void halted(ObjectNode res) {
    ArrayNode b = res.putArray("body");
    b.addObject()
        .put("errorCode", "PROCESSING_HALTED")
        .put(
            "message",
            "The transaction was rolled back since another operation in the same transaction"
                + " failed.");
    res.put("httpStatusCode", 400);
  }

  private static ObjectNode failure(String code, String message, List<String> fields) {
    ObjectNode result = JSON.createObjectNode();
    result.put("success", false);
    ObjectNode e = result.putArray("errors").addObject();
    e.put("statusCode", code);
    e.put("message", message);
    ArrayNode fs = e.putArray("fields");
    fields.forEach(fs::add);
    return result;
  }

  /** A plain create ({@code POST /sobjects/{type}}), with the checks OrderItem needs. */
  private ObjectNode createRecord(String sobject, ObjectNode rec) {
    if (sobject.equals("OrderItem")) {
      List<String> missing = new ArrayList<>();
      for (String f : List.of("OrderId", "PricebookEntryId", "Quantity", "UnitPrice")) {
        if (rec.path(f).asText("").isBlank()) {
          missing.add(f);
        }
      }
      if (!missing.isEmpty()) {
        return failure(
            "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
      }
      if (!objects.getOrDefault("Order", Map.of()).containsKey(rec.get("OrderId").asText())) {
        return failure(
            "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("OrderId"));
      }
      ObjectNode entry =
          objects
              .getOrDefault("PricebookEntry", Map.of())
              .get(rec.get("PricebookEntryId").asText());
      ObjectNode order = objects.get("Order").get(rec.get("OrderId").asText());
      if (entry == null
          || !entry.path("Pricebook2Id").asText().equals(order.path("Pricebook2Id").asText())) {
        return failure(
            "FIELD_INTEGRITY_EXCEPTION",
            "Order Products must have a Price Book Entry that belongs to the Price Book related to"
                + " the parent Order.",
            List.of("PricebookEntryId"));
      }
      rec.put("Product2Id", entry.path("Product2Id").asText(null));
    }
    rec.remove("attributes");
    rec.put("Id", newId(sobject));
    rec.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
    rec.put("CreatedDate", rec.get("SystemModstamp").asText());
    objects.computeIfAbsent(sobject, k -> new LinkedHashMap<>()).put(rec.get("Id").asText(), rec);
    return JSON.createObjectNode().put("id", rec.get("Id").asText()).put("success", true);
  }

  private static final Map<String, String> REQUIRED_ON_CREATE =
      Map.of(
          "Account",
          "Name",
          "Contact",
          "LastName",
          "Product2",
          "Name",
          "Order",
          "EffectiveDate",
          "PricebookEntry",
          "UnitPrice");

  /** Returns the parent a reference names, or {@code null}. */
  private ObjectNode referenced(String relationship, ObjectNode ref) {
    for (Map.Entry<String, JsonNode> f : ref.properties()) {
      if (!f.getKey().equals("attributes")) {
        return existing(
            objects.getOrDefault(relationship, new LinkedHashMap<>()),
            f.getKey(),
            f.getValue().asText());
      }
    }
    return null;
  }

  /** Returns Salesforce's message for the first reference whose parent does not exist. */
  private String unresolvedReference(JsonNode rec) {
    for (Map.Entry<String, JsonNode> e : rec.properties()) {
      if (e.getValue().isObject()
          && !e.getKey().equals("attributes")
          && referenced(e.getKey(), (ObjectNode) e.getValue()) == null) {
        Map.Entry<String, JsonNode> f =
            e.getValue().properties().stream()
                .filter(x -> !x.getKey().equals("attributes"))
                .findFirst()
                .orElseThrow();
        return "Foreign key external ID: "
            + f.getValue().asText()
            + " not found for field "
            + f.getKey()
            + " in entity "
            + e.getKey();
      }
    }
    return null;
  }

  /** {@code PATCH /sobjects/{type}/{field}/{value}}: the single-record upsert. */
  private Response upsertOne(Request request, String sobject, String field, String value)
      throws IOException {
    ObjectNode rec = (ObjectNode) JSON.readTree(bodyOf(request));
    Response refused = checkWrite(request, sobject, field, JSON.createArrayNode().add(rec));
    if (refused != null) {
      return refused;
    }
    Map<String, ObjectNode> table = objects.computeIfAbsent(sobject, k -> new LinkedHashMap<>());
    ObjectNode stored = existing(table, field, value);
    boolean created = stored == null;
    if (created) {
      stored = JSON.createObjectNode();
      stored.put("Id", newId(sobject));
      stored.put(field, value);
    }
    ObjectNode target = stored;
    rec.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
    if (sobject.equals("Account")) {
      boolean person = target.has("LastName");
      target.put("IsPersonAccount", person);
      if (person) {
        String first = target.path("FirstName").asText("");
        target.put("Name", (first.isEmpty() ? "" : first + " ") + target.path("LastName").asText());
      }
    }
    target.put("SystemModstamp", SF_DATETIME.format(clock.instant()));
    table.put(target.get("Id").asText(), target);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", target.get("Id").asText());
    body.put("success", true);
    body.putArray("errors");
    body.put("created", created);
    return respond(request, created ? 201 : 200, body.toString(), true);
  }

  private static ObjectNode existing(Map<String, ObjectNode> table, String field, String value) {
    for (ObjectNode r : table.values()) {
      if (value.equals(r.path(field).asText(null))) {
        return r;
      }
    }
    return null;
  }

  private String newId(String sobject) {
    String prefix =
        switch (sobject) {
          case "Account" -> "001";
          case "Contact" -> "003";
          case "Order" -> "801";
          case "OrderItem" -> "802";
          case "Pricebook2" -> "01s";
          case "PricebookEntry" -> "01u";
          case "Case" -> "500";
          case "Product2" -> "01t";
          default -> "a00";
        };
    // 18 characters, like the ids the REST API returns.
    String n = String.format(Locale.ROOT, "%010d", ids.incrementAndGet());
    return prefix + "FK" + n + "AAA";
  }

  private static String bodyOf(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    if ("gzip".equalsIgnoreCase(request.header("Content-Encoding"))) {
      try (java.util.zip.GZIPInputStream in =
          new java.util.zip.GZIPInputStream(buffer.inputStream())) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return buffer.readUtf8();
  }

  private Response error(Request request, int status, String errorCode, String message) {
    ArrayNode body = JSON.createArrayNode();
    ObjectNode e = body.addObject();
    e.put("message", message);
    e.put("errorCode", errorCode);
    return respond(request, status, body.toString(), status != 401);
  }

  private Response oauthError(Request request, int status, String error, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return respond(request, status, body.toString(), false);
  }

  private Response respond(Request request, int status, String body, boolean limitInfo) {
    Response.Builder b =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(status)
            .message(status == 200 ? "OK" : "Error")
            .body(ResponseBody.create(body, APPLICATION_JSON));
    if (limitInfo) {
      b.header("Sforce-Limit-Info", "api-usage=" + apiUsed + "/" + apiMax);
    }
    return b.build();
  }
}
