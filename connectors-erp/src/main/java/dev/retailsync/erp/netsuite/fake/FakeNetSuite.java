package dev.retailsync.erp.netsuite.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * An in-process NetSuite account speaking SuiteTalk REST, as an OkHttp interceptor (no sockets):
 * the OAuth 2.0 client-credentials token endpoint (checking the signed assertion's algorithm,
 * {@code kid}, issuer, audience, lifetime and, when given the public key, its signature), the
 * record service (GET, PUT {@code eid:} upsert, POST, PATCH, {@code !transform}) with NetSuite's
 * 204 and {@code Location} answers and error bodies, and SuiteQL ({@code Prefer: transient}, at
 * most 1,000 rows a page, 100,000 rows a query) over the {@code customer}, {@code item} and {@code
 * transaction} tables.
 *
 * <p>Scripted faults: the next calls fail with a status and error code ({@link #failNext}), are
 * throttled ({@link #throttleNext}), time out after the account applied them ({@link
 * #timeoutAfterApplying}); the account-wide concurrency limit answers 429 to a call over it and
 * records the peak ({@link #concurrencyLimit}, {@link #peakInFlight}); tokens can be expired.
 *
 * <pre>{@code
 * FakeNetSuite fake = new FakeNetSuite(clock);
 * NetSuiteConnector ns = NetSuiteConnector.builder()
 *     .baseUrl(FakeNetSuite.BASE_URL).http(fake.client()).credentials(credentials).build();
 * }</pre>
 *
 * <p>Thread-safe. Times come from the clock given, truncated to seconds like NetSuite's stamps.
 */
public final class FakeNetSuite {
  /** The fake account's SuiteTalk host. */
  public static final String BASE_URL = "https://1234567.suitetalk.api.netsuite.com";

  /** The fake account's token endpoint. */
  public static final String TOKEN_URL = BASE_URL + "/services/rest/auth/oauth2/v1/token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_QUERY_ROWS = 100_000;
  private static final Map<String, String> TRANSACTION_TYPES =
      Map.of(
          "salesOrder", "SalesOrd",
          "itemFulfillment", "ItemShip",
          "invoice", "CustInvc",
          "creditMemo", "CustCred",
          "returnAuthorization", "RtnAuth");
  private static final Map<String, String> TRAN_PREFIX =
      Map.of(
          "salesOrder", "SO",
          "itemFulfillment", "IF",
          "invoice", "INV",
          "creditMemo", "CM",
          "returnAuthorization", "RMA");
  private static final Map<String, String> ORDER_STATUS_NAMES =
      Map.of(
          "A", "Pending Approval",
          "B", "Pending Fulfillment",
          "C", "Cancelled",
          "D", "Partially Fulfilled",
          "E", "Pending Billing/Partially Fulfilled",
          "F", "Pending Billing",
          "G", "Billed",
          "H", "Closed");

  private final Clock clock;
  private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
  private final Map<String, Map<String, ObjectNode>> byExternalId = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> headers = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Response.Builder> scripted = new ArrayDeque<>();
  private final Object flight = new Object();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, String> jobsByKey = new HashMap<>();
  private int asyncPendingPolls;
  private int nextId = 100;
  private int nextTran = 1;
  private int inFlight;
  private int peak;
  private int concurrencyLimit = Integer.MAX_VALUE;
  private Duration linger = Duration.ZERO;
  private int throttleNext;
  private int timeoutAfterApplying;
  private String expectedClientId;
  private String expectedKid;
  private PublicKey verificationKey;

  /**
   * Creates an empty account.
   *
   * @param clock the account's clock (a fake clock in tests)
   */
  public FakeNetSuite(Clock clock) {
    this.clock = clock;
  }

  /**
   * Makes the token endpoint accept only assertions from this client and certificate, checking the
   * signature with the certificate's public key when one is given.
   *
   * @param clientId the integration's client id
   * @param certificateId the certificate id ({@code kid})
   * @param publicKey the certificate's public key, or {@code null} to skip the signature check
   * @return this fake
   */
  public synchronized FakeNetSuite expectClient(
      String clientId, String certificateId, PublicKey publicKey) {
    this.expectedClientId = clientId;
    this.expectedKid = certificateId;
    this.verificationKey = publicKey;
    return this;
  }

  /**
   * Returns the interceptor that answers every request in-process.
   *
   * @return the interceptor
   */
  public Interceptor interceptor() {
    return chain -> {
      Request request = chain.request();
      String body = bodyOf(request);
      requests.add(
          request.method()
              + " "
              + request.url().encodedPath()
              + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery()));
      Map<String, String> h = new LinkedHashMap<>();
      request.headers().forEach(p -> h.put(p.getFirst(), p.getSecond()));
      headers.add(h);
      bodies.add(body);
      if (request.url().encodedPath().equals("/services/rest/auth/oauth2/v1/token")) {
        tokenRequests.incrementAndGet();
        return token(request, body);
      }
      if (!enter()) {
        throttled.incrementAndGet();
        return error(
                request,
                429,
                "Too Many Requests",
                "CONCURRENCY_LIMIT_EXCEEDED",
                "The request could not be processed because the account's concurrency limit was"
                    + " reached.",
                null,
                null)
            .build();
      }
      try {
        return handle(request, body);
      } finally {
        leave();
      }
    };
  }

  /**
   * Returns an {@code OkHttpClient} whose every call this fake answers.
   *
   * @return the client
   */
  public OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(interceptor()).build();
  }

  // ---- concurrency --------------------------------------------------------------------------

  /**
   * Sets the account-wide concurrency limit: a request arriving while this many are in flight is
   * answered 429.
   *
   * @param limit the limit
   * @return this fake
   */
  public FakeNetSuite concurrencyLimit(int limit) {
    synchronized (flight) {
      this.concurrencyLimit = limit;
    }
    return this;
  }

  /**
   * Holds each request open up to this long, until more requests are in flight than the limit
   * allows, so that callers that would overlap do overlap (a test of a concurrency gate can then
   * fail). Zero (the default) answers at once.
   *
   * @param upTo the longest hold
   * @return this fake
   */
  public FakeNetSuite lingerUpTo(Duration upTo) {
    synchronized (flight) {
      this.linger = upTo;
    }
    return this;
  }

  /**
   * Returns the most requests that were in flight at once (the token endpoint excluded).
   *
   * @return the peak
   */
  public int peakInFlight() {
    synchronized (flight) {
      return peak;
    }
  }

  /**
   * Returns how many requests were refused with 429 for the concurrency limit or a scripted
   * throttle.
   *
   * @return the count
   */
  public int throttledRequests() {
    return throttled.get();
  }

  private boolean enter() {
    synchronized (flight) {
      if (inFlight >= concurrencyLimit) {
        return false;
      }
      inFlight++;
      peak = Math.max(peak, inFlight);
      if (!linger.isZero()) {
        long deadline = System.nanoTime() + linger.toNanos();
        flight.notifyAll();
        while (inFlight < concurrencyLimit && concurrencyLimit != Integer.MAX_VALUE) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            flight.wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      return true;
    }
  }

  private void leave() {
    synchronized (flight) {
      inFlight--;
      flight.notifyAll();
    }
  }

  // ---- faults -------------------------------------------------------------------------------

  /**
   * Fails the next API call with a NetSuite error body.
   *
   * @param status the HTTP status
   * @param errorCode the {@code o:errorCode}
   * @param detail the {@code detail}
   * @return this fake
   */
  public FakeNetSuite failNext(int status, String errorCode, String detail) {
    return failNext(status, errorCode, detail, null, null);
  }

  /**
   * Fails the next API call with a NetSuite error body naming a field, optionally with {@code
   * Retry-After}.
   *
   * @param status the HTTP status
   * @param errorCode the {@code o:errorCode}
   * @param detail the {@code detail}
   * @param errorPath the {@code o:errorPath}, or {@code null}
   * @param retryAfter the {@code Retry-After} header value, or {@code null}
   * @return this fake
   */
  public synchronized FakeNetSuite failNext(
      int status, String errorCode, String detail, String errorPath, String retryAfter) {
    Response.Builder r = errorBuilder(status, reason(status), errorCode, detail, errorPath);
    if (retryAfter != null) {
      r.header("Retry-After", retryAfter);
    }
    scripted.add(r);
    return this;
  }

  /**
   * Answers the next {@code times} API calls with 429 as the concurrency limit does.
   *
   * @param times how many calls
   * @return this fake
   */
  public synchronized FakeNetSuite throttleNext(int times) {
    this.throttleNext += times;
    return this;
  }

  /**
   * Applies the next {@code times} writes (PUT, POST, PATCH, DELETE other than SuiteQL queries) and
   * then fails them with a read timeout, as when the answer is lost on the way back.
   *
   * @param times how many calls
   * @return this fake
   */
  public synchronized FakeNetSuite timeoutAfterApplying(int times) {
    this.timeoutAfterApplying += times;
    return this;
  }

  /** Makes every access token issued so far invalid (the next API call gets 401). */
  public synchronized void expireTokens() {
    tokens.clear();
  }

  /**
   * Returns how many token requests were made.
   *
   * @return the count
   */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  // ---- inspection and seeding ---------------------------------------------------------------

  /**
   * Returns every request as {@code METHOD /path?query}, in order.
   *
   * @return the requests
   */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Returns the headers of every request, in order.
   *
   * @return the headers
   */
  public List<Map<String, String>> requestHeaders() {
    synchronized (headers) {
      return List.copyOf(headers);
    }
  }

  /**
   * Returns the body of every request (empty for none), in order.
   *
   * @return the bodies
   */
  public List<String> requestBodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  /**
   * Creates a record as if a user had entered it, with its id, stamps and (for transactions) its
   * number; references given as {@code {"externalId": ...}} are resolved.
   *
   * @param type the record type, such as {@code customer} or {@code inventoryItem}
   * @param fields the fields
   * @return a copy of the stored record
   */
  public synchronized ObjectNode put(String type, Map<String, ?> fields) {
    ObjectNode rec = JSON.valueToTree(fields);
    String problem = normalise(type, rec, null);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return create(type, rec).deepCopy();
  }

  /**
   * Changes a record behind the connector's back: sets the fields and moves its {@code
   * lastModifiedDate} to now.
   *
   * @param type the record type
   * @param id the internal id
   * @param fields the fields to set
   * @return a copy of the stored record
   */
  public synchronized ObjectNode update(String type, String id, Map<String, ?> fields) {
    ObjectNode rec = table(type).get(id);
    if (rec == null) {
      throw new IllegalArgumentException("no " + type + " " + id);
    }
    ObjectNode patch = JSON.valueToTree(fields);
    normalise(type, patch, rec);
    String oldExt = rec.path("externalId").asText(null);
    rec.setAll(patch);
    index(type, rec, oldExt);
    rec.put("lastModifiedDate", now().toString());
    return rec.deepCopy();
  }

  /**
   * Returns a stored record.
   *
   * @param type the record type
   * @param id the internal id
   * @return a copy, or empty
   */
  public synchronized Optional<ObjectNode> record(String type, String id) {
    ObjectNode r = table(type).get(id);
    return r == null ? Optional.empty() : Optional.of(r.deepCopy());
  }

  /**
   * Returns a stored record by external id.
   *
   * @param type the record type
   * @param externalId the external id
   * @return a copy, or empty
   */
  public synchronized Optional<ObjectNode> byExternalId(String type, String externalId) {
    return Optional.ofNullable(findByExternalId(type, externalId)).map(ObjectNode::deepCopy);
  }

  /**
   * Returns every stored record of a type, in id order.
   *
   * @param type the record type
   * @return copies
   */
  public synchronized List<ObjectNode> records(String type) {
    List<ObjectNode> out = new ArrayList<>();
    table(type).values().forEach(r -> out.add(r.deepCopy()));
    return out;
  }

  // ---- token endpoint -----------------------------------------------------------------------

  private Response token(Request request, String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"client_credentials".equals(form.get("grant_type"))
        || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            .equals(form.get("client_assertion_type"))
        || form.get("client_assertion") == null) {
      return oauthError(
          request, 400, "invalid_request", "client credentials with a JWT assertion expected");
    }
    String problem = checkAssertion(form.get("client_assertion"), request.url().toString());
    if (problem != null) {
      return oauthError(request, 401, "invalid_client", problem);
    }
    String token = "fake-" + UUID.randomUUID();
    synchronized (this) {
      tokens.put(token, token);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", token);
    out.put("expires_in", "3600");
    out.put("token_type", "Bearer");
    return respond(request, 200, "OK", out.toString()).build();
  }

  private synchronized String checkAssertion(String jwt, String audience) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return "the assertion is not a signed JWT";
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      String alg = header.path("alg").asText();
      if (!Set.of("PS256", "PS384", "PS512", "ES256", "ES384", "ES512").contains(alg)) {
        return "alg " + alg + " is not accepted; use PS256/384/512 or ES256/384/512";
      }
      if (!"JWT".equals(header.path("typ").asText())) {
        return "typ must be JWT";
      }
      if (expectedKid != null && !expectedKid.equals(header.path("kid").asText())) {
        return "kid does not name a certificate mapped for this client";
      }
      if (expectedClientId != null && !expectedClientId.equals(claims.path("iss").asText())) {
        return "iss is not the integration's client id";
      }
      if (!audience.equals(claims.path("aud").asText())) {
        return "aud must be the token endpoint " + audience;
      }
      if (!claims.path("scope").asText().contains("rest_webservices")) {
        return "scope must include rest_webservices";
      }
      long iat = claims.path("iat").asLong();
      long exp = claims.path("exp").asLong();
      long now = clock.instant().getEpochSecond();
      if (exp - iat > 3600 || exp <= now || iat > now + 60) {
        return "iat/exp out of range: exp must be after now and at most 60 minutes after iat";
      }
      if (verificationKey != null) {
        Signature s;
        if (alg.startsWith("PS")) {
          String hash = "SHA-" + alg.substring(2);
          s = Signature.getInstance("RSASSA-PSS");
          s.setParameter(
              new PSSParameterSpec(
                  hash,
                  "MGF1",
                  new MGF1ParameterSpec(hash),
                  Integer.parseInt(alg.substring(2)) / 8,
                  1));
        } else {
          s = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
        }
        s.initVerify(verificationKey);
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!s.verify(Base64.getUrlDecoder().decode(parts[2]))) {
          return "the assertion's signature does not verify with the certificate";
        }
      }
      return null;
    } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
      return "the assertion cannot be read: " + e.getMessage();
    }
  }

  private Response oauthError(Request request, int status, String error, String description) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", error);
    out.put("error_description", description);
    return respond(request, status, reason(status), out.toString()).build();
  }

  // ---- API ----------------------------------------------------------------------------------

  private Response handle(Request request, String body) throws IOException {
    Response.Builder early;
    boolean timeout;
    synchronized (this) {
      String auth = request.header("Authorization");
      if (auth == null || !auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
        return error(
                request,
                401,
                "Unauthorized",
                "INVALID_LOGIN",
                "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI"
                    + " at Setup > Users/Roles > User Management > View Login Audit Trail.",
                null,
                null)
            .build();
      }
      early = scripted.poll();
      if (early == null && throttleNext > 0) {
        throttleNext--;
        throttled.incrementAndGet();
        early =
            errorBuilder(
                429,
                "Too Many Requests",
                "CONCURRENCY_LIMIT_EXCEEDED",
                "The request could not be processed because the account's concurrency limit was"
                    + " reached.",
                null);
      }
      boolean write =
          !request.method().equals("GET") && !request.url().encodedPath().endsWith("/suiteql");
      timeout = early == null && write && timeoutAfterApplying > 0;
      if (timeout) {
        timeoutAfterApplying--;
      }
    }
    if (early != null) {
      return early.request(request).build();
    }
    Response response =
        "respond-async".equals(request.header("Prefer"))
                && !request.method().equals("GET")
                && !request.url().encodedPath().endsWith("/suiteql")
            ? async(request, body)
            : route(request, body);
    if (timeout) {
      response.close();
      throw new SocketTimeoutException("timeout (the fake applied the request)");
    }
    return response;
  }

  /** One asynchronous job: the answer the request got, and how many polls it stays pending. */
  private static final class Job {
    final int status;
    final String body;
    int pendingPolls;

    Job(int status, String body, int pendingPolls) {
      this.status = status;
      this.body = body;
      this.pendingPolls = pendingPolls;
    }
  }

  /**
   * Makes each asynchronous job report {@code completed: false} for this many polls first.
   *
   * @param polls how many polls a job stays pending
   * @return this fake
   */
  public synchronized FakeNetSuite asyncJobsPendFor(int polls) {
    this.asyncPendingPolls = polls;
    return this;
  }

  /**
   * Returns how many asynchronous jobs ran.
   *
   * @return the count
   */
  public synchronized int asyncJobs() {
    return jobs.size();
  }

  private Response async(Request request, String body) throws IOException {
    String key = request.header("X-NetSuite-Idempotency-Key");
    synchronized (this) {
      if (key != null && jobsByKey.containsKey(key)) {
        // The documented answer to a repeated key: 400 IDEMPOTENCY_ERROR with the first job.
        return error(
                request,
                400,
                "Bad Request",
                "IDEMPOTENCY_ERROR",
                "A request with this idempotency key was already received.",
                null,
                null)
            .header("Location", "/services/rest/async/v1/job/" + jobsByKey.get(key))
            .build();
      }
    }
    try (Response done = route(request, body)) {
      String text = done.body() == null ? "" : done.body().string();
      synchronized (this) {
        String id = Integer.toString(jobs.size() + 1);
        jobs.put(id, new Job(done.code(), text, asyncPendingPolls));
        if (key != null) {
          jobsByKey.put(key, id);
        }
        return respond(request, 202, "Accepted", "")
            .header("Preference-Applied", "respond-async")
            .header("Location", "/services/rest/async/v1/job/" + id)
            .build();
      }
    }
  }

  private synchronized Response job(Request request, List<String> seg) {
    Job job = jobs.get(seg.get(5));
    if (job == null) {
      return notFound(request, "job", seg.get(5));
    }
    ObjectNode out = JSON.createObjectNode();
    if (seg.size() == 6) {
      boolean done = job.pendingPolls <= 0;
      if (!done) {
        job.pendingPolls--;
      }
      out.put("id", seg.get(5));
      out.put("completed", done);
      out.put("progress", !done ? "pending" : job.status < 400 ? "succeeded" : "failed");
      out.putArray("links");
      return respond(request, 200, "OK", out.toString()).build();
    }
    if (seg.size() == 7 && seg.get(6).equals("task")) {
      out.putArray("links");
      out.put("count", 1);
      out.put("hasMore", false);
      out.putArray("items").addObject().put("id", "1").putArray("links");
      return respond(request, 200, "OK", out.toString()).build();
    }
    if (seg.size() == 9 && seg.get(8).equals("result")) {
      return respond(request, 200, "OK", job.body.isEmpty() ? "{}" : job.body).build();
    }
    return notFound(request, "job", String.join("/", seg));
  }

  private Response route(Request request, String body) {
    List<String> seg = request.url().pathSegments();
    String method = request.method();
    try {
      if (seg.size() >= 6
          && seg.get(0).equals("services")
          && seg.get(2).equals("async")
          && seg.get(4).equals("job")
          && method.equals("GET")) {
        return job(request, seg);
      }
      if (seg.size() >= 4
          && seg.get(0).equals("services")
          && seg.get(1).equals("rest")
          && seg.get(2).equals("query")
          && seg.size() == 5
          && seg.get(4).equals("suiteql")
          && method.equals("POST")) {
        return suiteQl(request, body);
      }
      if (seg.size() >= 5
          && seg.get(0).equals("services")
          && seg.get(2).equals("record")
          && seg.get(3).equals("v1")) {
        String type = seg.get(4);
        if (seg.size() == 5 && method.equals("POST")) {
          return createRecord(request, type, parse(body));
        }
        if (seg.size() == 6) {
          String key = seg.get(5);
          switch (method) {
            case "GET":
              return getRecord(request, type, key);
            case "PUT":
              return upsert(request, type, key, parse(body));
            case "PATCH":
              return patch(request, type, key, parse(body));
            case "DELETE":
              return delete(request, type, key);
            default:
              break;
          }
        }
        if (seg.size() == 8 && seg.get(6).equals("!transform") && method.equals("POST")) {
          return transform(request, type, seg.get(5), seg.get(7), parse(body));
        }
      }
      return error(
              request,
              404,
              "Not Found",
              "INVALID_URL",
              "The fake does not serve " + method + " " + request.url().encodedPath(),
              null,
              null)
          .build();
    } catch (BadRequest e) {
      return error(request, 400, "Bad Request", e.code, e.getMessage(), e.path, null).build();
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String path;

    BadRequest(String code, String message, String path) {
      super(message);
      this.code = code;
      this.path = path;
    }
  }

  private static ObjectNode parse(String body) {
    try {
      JsonNode n = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
      if (!n.isObject()) {
        throw new BadRequest("INVALID_CONTENT", "The request body must be a JSON object.", null);
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new BadRequest("INVALID_CONTENT", "The request body is not valid JSON.", null);
    }
  }

  private synchronized Response getRecord(Request request, String type, String key) {
    ObjectNode rec = find(type, key);
    if (rec == null) {
      return notFound(request, type, key);
    }
    boolean expand = "true".equals(request.url().queryParameter("expandSubResources"));
    ObjectNode out = rec.deepCopy();
    ArrayNode links = out.putArray("links");
    links.addObject().put("rel", "self").put("href", href(type, rec.path("id").asText()));
    if (!expand) {
      out.properties()
          .forEach(
              e -> {
                if (e.getValue().isObject() && e.getValue().has("items")) {
                  ObjectNode l = JSON.createObjectNode();
                  l.putArray("links")
                      .addObject()
                      .put("rel", "self")
                      .put("href", href(type, rec.path("id").asText()) + "/" + e.getKey());
                  e.setValue(l);
                }
              });
    }
    String fields = request.url().queryParameter("fields");
    if (fields != null) {
      Set<String> keep = new java.util.HashSet<>(List.of(fields.split(",")));
      keep.add("id");
      keep.add("links");
      out.retain(keep);
    }
    return respond(request, 200, "OK", out.toString()).build();
  }

  private synchronized Response upsert(Request request, String type, String key, ObjectNode body) {
    if (!key.startsWith("eid:")) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "Upsert (PUT) needs an external id in the URL: eid:<externalId>.",
              null,
              null)
          .build();
    }
    String ext = key.substring(4);
    if (!ext.matches("[A-Za-z0-9_-]+")) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "Invalid external id " + ext + ".",
              null,
              null)
          .build();
    }
    ObjectNode existing = findByExternalId(type, ext);
    body.put("externalId", ext);
    String problem = normalise(type, body, existing);
    if (problem != null) {
      throw new BadRequest(problemCode(problem), problemText(problem), problemPath(problem));
    }
    ObjectNode rec;
    if (existing == null) {
      rec = create(type, body);
    } else {
      apply(type, existing, body, request.url().queryParameter("replace"));
      rec = existing;
    }
    return respond(request, 204, "No Content", "")
        .header("Location", href(type, rec.path("id").asText()))
        .build();
  }

  private synchronized Response createRecord(Request request, String type, ObjectNode body) {
    String ext = body.path("externalId").asText(null);
    if (ext != null && findByExternalId(type, ext) != null) {
      throw new BadRequest(
          "DUP_RCRD", "A record with the external id " + ext + " already exists.", "externalId");
    }
    String problem = normalise(type, body, null);
    if (problem != null) {
      throw new BadRequest(problemCode(problem), problemText(problem), problemPath(problem));
    }
    ObjectNode rec = create(type, body);
    return respond(request, 204, "No Content", "")
        .header("Location", href(type, rec.path("id").asText()))
        .build();
  }

  private synchronized Response patch(Request request, String type, String key, ObjectNode body) {
    ObjectNode rec = find(type, key);
    if (rec == null) {
      return notFound(request, type, key);
    }
    String problem = normalise(type, body, rec);
    if (problem != null) {
      throw new BadRequest(problemCode(problem), problemText(problem), problemPath(problem));
    }
    apply(type, rec, body, request.url().queryParameter("replace"));
    return respond(request, 204, "No Content", "").build();
  }

  private synchronized Response delete(Request request, String type, String key) {
    ObjectNode rec = find(type, key);
    if (rec == null) {
      return notFound(request, type, key);
    }
    table(type).remove(rec.path("id").asText());
    index(type, JSON.createObjectNode(), rec.path("externalId").asText(null));
    return respond(request, 204, "No Content", "").build();
  }

  private synchronized Response transform(
      Request request, String type, String key, String target, ObjectNode body) {
    ObjectNode source = find(type, key);
    if (source == null) {
      return notFound(request, type, key);
    }
    if (!TRANSACTION_TYPES.containsKey(target)) {
      throw new BadRequest("INVALID_PARAMETER", "Cannot transform into " + target + ".", null);
    }
    ObjectNode rec = JSON.createObjectNode();
    rec.set("entity", source.path("entity").deepCopy());
    rec.set("currency", source.path("currency").deepCopy());
    ObjectNode createdFrom = rec.putObject("createdFrom");
    createdFrom.put("id", source.path("id").asText());
    createdFrom.put("refName", source.path("tranId").asText());
    if (body.has("item")) {
      String problem = normalise(target, body, null);
      if (problem != null) {
        throw new BadRequest(problemCode(problem), problemText(problem), problemPath(problem));
      }
      rec.setAll(body);
    } else {
      rec.setAll(body);
      rec.set("item", source.path("item").deepCopy());
    }
    ObjectNode created = create(target, rec);
    return respond(request, 204, "No Content", "")
        .header("Location", href(target, created.path("id").asText()))
        .build();
  }

  // ---- records ------------------------------------------------------------------------------

  private Map<String, ObjectNode> table(String type) {
    return records.computeIfAbsent(type, t -> new LinkedHashMap<>());
  }

  private ObjectNode find(String type, String key) {
    return key.startsWith("eid:") ? findByExternalId(type, key.substring(4)) : table(type).get(key);
  }

  private ObjectNode findByExternalId(String type, String ext) {
    return byExternalId.computeIfAbsent(type, t -> new HashMap<>()).get(ext);
  }

  /** Keeps the external-id index in step with a record whose externalId may have changed. */
  private void index(String type, ObjectNode rec, String oldExternalId) {
    Map<String, ObjectNode> idx = byExternalId.computeIfAbsent(type, t -> new HashMap<>());
    if (oldExternalId != null) {
      idx.remove(oldExternalId);
    }
    String ext = rec.path("externalId").asText(null);
    if (ext != null) {
      idx.put(ext, rec);
    }
  }

  private ObjectNode create(String type, ObjectNode body) {
    String id = Integer.toString(nextId++);
    ObjectNode rec = JSON.createObjectNode();
    rec.put("id", id);
    rec.setAll(body);
    String now = now().toString();
    rec.put("createdDate", now);
    rec.put("lastModifiedDate", now);
    if (type.equals("customer") && !rec.has("entityId")) {
      rec.put("entityId", "CUST" + id);
    }
    if (TRANSACTION_TYPES.containsKey(type)) {
      if (!rec.has("tranId")) {
        rec.put("tranId", TRAN_PREFIX.get(type) + (nextTran++));
      }
      if (!rec.has("tranDate")) {
        rec.put("tranDate", now().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
      }
      if (!rec.has("currency")) {
        rec.putObject("currency").put("id", "1").put("refName", "USA");
      }
      computeTotals(rec);
    }
    if (type.equals("salesOrder") && !rec.has("orderStatus")) {
      rec.set("orderStatus", status("B"));
    }
    table(type).put(id, rec);
    index(type, rec, null);
    return rec;
  }

  private void apply(String type, ObjectNode rec, ObjectNode body, String replace) {
    String oldExt = rec.path("externalId").asText(null);
    applyFields(rec, body, replace);
    index(type, rec, oldExt);
  }

  private void applyFields(ObjectNode rec, ObjectNode body, String replace) {
    Set<String> replaced = replace == null ? Set.of() : Set.of(replace.split(","));
    body.properties()
        .forEach(
            e -> {
              JsonNode old = rec.get(e.getKey());
              if (old != null
                  && old.has("items")
                  && e.getValue().has("items")
                  && !replaced.contains(e.getKey())) {
                // Without ?replace= the lines sent are added to the sublist.
                ((ArrayNode) old.get("items")).addAll((ArrayNode) e.getValue().get("items"));
              } else {
                rec.set(e.getKey(), e.getValue());
              }
            });
    if (rec.has("tranId")) {
      computeTotals(rec);
    }
    rec.put("lastModifiedDate", now().toString());
  }

  /**
   * Checks and normalises a body: references resolved, enums expanded. Returns a problem as {@code
   * CODE|path|text}, or {@code null}.
   */
  private String normalise(String type, ObjectNode body, ObjectNode existing) {
    if (type.equals("customer")) {
      boolean person =
          body.has("isPerson")
              ? body.path("isPerson").asBoolean()
              : existing != null && existing.path("isPerson").asBoolean();
      String required = person ? "lastName" : "companyName";
      boolean has =
          body.hasNonNull(required) && !body.path(required).asText().isBlank()
              || (!body.has(required) && existing != null && existing.hasNonNull(required));
      if (!has) {
        return "USER_ERROR|"
            + required
            + "|Please enter value(s) for: "
            + (person ? "Last Name" : "Company Name");
      }
      if (body.has("companyName") && body.path("companyName").asText().length() > 83) {
        return "INVALID_FLD_VALUE|companyName|You have entered an Invalid Field Value for the"
            + " following field: companyName (at most 83 characters)";
      }
      JsonNode email = body.get("email");
      if (email != null
          && !email.isNull()
          && !email.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        return "INVALID_FLD_VALUE|email|You have entered an Invalid Field Value "
            + email.asText()
            + " for the following field: email";
      }
    }
    if (body.has("orderStatus") && body.get("orderStatus").isTextual()) {
      String letter = body.get("orderStatus").asText();
      if (!ORDER_STATUS_NAMES.containsKey(letter)) {
        return "INVALID_FLD_VALUE|orderStatus|You have entered an Invalid Field Value "
            + letter
            + " for the following field: orderStatus";
      }
      body.set("orderStatus", status(letter));
    }
    if (body.has("entity")) {
      String p = resolve(body, "entity", "customer", "entity");
      if (p != null) {
        return p;
      }
    }
    if (type.equals("salesOrder") && existing == null && !body.has("entity")) {
      return "USER_ERROR|entity|Please enter value(s) for: Customer";
    }
    JsonNode items = body.path("item").path("items");
    int line = 1;
    for (int i = 0; i < items.size(); i++) {
      ObjectNode it = (ObjectNode) items.get(i);
      String p = resolve(it, "item", "inventoryItem", "item.items[" + i + "].item");
      if (p != null) {
        return p;
      }
      if (!it.has("quantity") || it.path("quantity").asDouble() <= 0) {
        return "INVALID_FLD_VALUE|item.items["
            + i
            + "].quantity|You have entered an Invalid Field"
            + " Value for the following field: quantity";
      }
      it.put("line", line++);
    }
    return null;
  }

  private String resolve(ObjectNode parent, String field, String type, String path) {
    JsonNode ref = parent.get(field);
    ObjectNode target = null;
    String shown = ref == null ? "null" : ref.toString();
    if (ref != null && ref.hasNonNull("id")) {
      target = table(type).get(ref.path("id").asText());
      shown = ref.path("id").asText();
    } else if (ref != null && ref.hasNonNull("externalId")) {
      target = findByExternalId(type, ref.path("externalId").asText());
      shown = ref.path("externalId").asText();
    }
    if (target == null) {
      return "INVALID_CONTENT|"
          + path
          + "|Error while accessing resource: You have entered an"
          + " Invalid Field Value "
          + shown
          + " for the following field: "
          + field;
    }
    ObjectNode normal = JSON.createObjectNode();
    normal.put("id", target.path("id").asText());
    String name =
        target.hasNonNull("companyName")
            ? target.path("companyName").asText()
            : target.hasNonNull("itemId")
                ? target.path("itemId").asText()
                : target.path("entityId").asText(target.path("id").asText());
    normal.put("refName", name);
    parent.set(field, normal);
    return null;
  }

  private static ObjectNode status(String letter) {
    ObjectNode s = JSON.createObjectNode();
    s.put("id", letter);
    s.put("refName", ORDER_STATUS_NAMES.get(letter));
    return s;
  }

  private static void computeTotals(ObjectNode rec) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode it : rec.path("item").path("items")) {
      if (it.has("rate") && it.has("quantity")) {
        BigDecimal amount =
            it.path("rate").decimalValue().multiply(it.path("quantity").decimalValue());
        ((ObjectNode) it).put("amount", amount);
        total = total.add(amount);
      }
    }
    rec.put("subtotal", total);
    rec.put("total", total);
  }

  private static String problemCode(String p) {
    return p.substring(0, p.indexOf('|'));
  }

  private static String problemPath(String p) {
    String path = p.substring(p.indexOf('|') + 1, p.indexOf('|', p.indexOf('|') + 1));
    return path.isEmpty() ? null : path;
  }

  private static String problemText(String p) {
    return p.substring(p.indexOf('|', p.indexOf('|') + 1) + 1);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  // ---- SuiteQL ------------------------------------------------------------------------------

  private synchronized Response suiteQl(Request request, String body) {
    if (!"transient".equals(request.header("Prefer"))) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "SuiteQL queries need the header Prefer: transient.",
              null,
              "Prefer")
          .build();
    }
    int limit = intParam(request, "limit", 1000);
    int offset = intParam(request, "offset", 0);
    if (limit < 1 || limit > 1000) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "Invalid limit " + limit + ": it must be between 1 and 1000.",
              null,
              null)
          .build();
    }
    String q = parse(body).path("q").asText(null);
    if (q == null) {
      return error(
              request, 400, "Bad Request", "INVALID_PARAMETER", "The body needs a q.", null, null)
          .build();
    }
    SuiteQl.Query query;
    try {
      query = SuiteQl.parse(q);
    } catch (SuiteQl.QueryException | java.time.DateTimeException e) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "Invalid search query: " + e.getMessage(),
              null,
              null)
          .build();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : rows(query.table())) {
      if (query.where().test(row)) {
        rows.add(row);
      }
    }
    rows.sort(SuiteQl.comparator(query.order()));
    int total = Math.min(rows.size(), MAX_QUERY_ROWS);
    if (offset >= MAX_QUERY_ROWS) {
      return error(
              request,
              400,
              "Bad Request",
              "INVALID_PARAMETER",
              "Invalid offset " + offset + ": a query returns at most 100000 results.",
              null,
              null)
          .build();
    }
    int to = Math.min(total, offset + limit);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode links = out.putArray("links");
    String self = BASE_URL + "/services/rest/query/v1/suiteql?limit=" + limit + "&offset=" + offset;
    if (to < total) {
      links
          .addObject()
          .put("rel", "next")
          .put(
              "href",
              BASE_URL + "/services/rest/query/v1/suiteql?limit=" + limit + "&offset=" + to);
    }
    links.addObject().put("rel", "self").put("href", self);
    out.put("count", Math.max(0, to - offset));
    out.put("hasMore", to < total);
    out.put("offset", offset);
    out.put("totalResults", total);
    ArrayNode items = out.putArray("items");
    for (int i = offset; i < to; i++) {
      Map<String, Object> row = rows.get(i);
      ObjectNode item = items.addObject();
      item.putArray("links");
      for (SuiteQl.Column c : query.columns()) {
        if (c.expr().equals("*")) {
          row.forEach((k, v) -> item.set(k, JSON.valueToTree(SuiteQl.render(v, null))));
        } else if (row.get(c.expr()) != null) {
          item.set(c.alias(), JSON.valueToTree(SuiteQl.render(row.get(c.expr()), c.format())));
        }
      }
    }
    return respond(request, 200, "OK", out.toString()).build();
  }

  private List<Map<String, Object>> rows(String table) {
    List<Map<String, Object>> out = new ArrayList<>();
    switch (table) {
      case "customer":
        table("customer").values().forEach(r -> out.add(row(r, null)));
        break;
      case "item":
        table("inventoryItem")
            .values()
            .forEach(r -> out.add(row(r, Map.of("itemtype", "InvtPart"))));
        break;
      case "transaction":
        TRANSACTION_TYPES.forEach(
            (type, code) ->
                table(type).values().forEach(r -> out.add(row(r, Map.of("type", code)))));
        break;
      default:
        throw new SuiteQl.QueryException("the fake has no table " + table);
    }
    return out;
  }

  private static Map<String, Object> row(ObjectNode r, Map<String, String> extra) {
    Map<String, Object> row = new HashMap<>();
    r.properties()
        .forEach(
            e -> {
              String k = e.getKey().toLowerCase(Locale.ROOT);
              JsonNode v = e.getValue();
              if (v.isObject() && v.has("id")) {
                row.put(k, v.path("id").asText());
              } else if (v.isBoolean()) {
                row.put(k, v.asBoolean() ? "T" : "F");
              } else if (v.isValueNode() && !v.isNull()) {
                row.put(k, v.asText());
              }
            });
    row.put("lastmodifieddate", Instant.parse(r.path("lastModifiedDate").asText()));
    row.put("createddate", Instant.parse(r.path("createdDate").asText()));
    if (extra != null) {
      row.putAll(extra);
    }
    return row;
  }

  private static int intParam(Request request, String name, int fallback) {
    String v = request.url().queryParameter(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---- responses ----------------------------------------------------------------------------

  private static String href(String type, String id) {
    return BASE_URL + "/services/rest/record/v1/" + type + "/" + id;
  }

  private Response notFound(Request request, String type, String key) {
    return error(
            request,
            404,
            "Not Found",
            "NONEXISTENT_ID",
            "The record instance does not exist. Provide a valid record instance ID ("
                + type
                + " "
                + key
                + ").",
            null,
            null)
        .build();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  private Response.Builder error(
      Request request,
      int status,
      String title,
      String code,
      String detail,
      String path,
      String header) {
    Response.Builder b = errorBuilder(status, title, code, detail, path);
    if (header != null) {
      b.header("X-Fake-Error-Header", header);
    }
    return b.request(request);
  }

  private static Response.Builder errorBuilder(
      int status, String title, String code, String detail, String path) {
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "type",
        "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4."
            + (status == 400 ? 1 : status == 401 ? 2 : status == 404 ? 5 : 1));
    out.put("title", title);
    out.put("status", status);
    ObjectNode d = out.putArray("o:errorDetails").addObject();
    d.put("detail", detail);
    d.put("o:errorCode", code);
    if (path != null) {
      d.put("o:errorPath", path);
    }
    return new Response.Builder()
        .protocol(Protocol.HTTP_1_1)
        .code(status)
        .message(title)
        .header("X-N-OperationId", "fake-" + UUID.randomUUID())
        .body(
            ResponseBody.create(
                out.toString(), MediaType.get("application/vnd.oracle.resource+json; type=error")));
  }

  private static Response.Builder respond(
      Request request, int status, String message, String body) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(status)
        .message(message)
        .header("X-N-OperationId", "fake-" + UUID.randomUUID())
        .body(ResponseBody.create(body, JSON_TYPE));
  }

  private static String bodyOf(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readString(StandardCharsets.UTF_8);
  }

  /**
   * Returns the id a record of a type has under an external id.
   *
   * @param type the record type
   * @param externalId the external id
   * @return the internal id, or empty
   */
  public synchronized Optional<String> idOf(String type, String externalId) {
    ObjectNode r = findByExternalId(type, externalId);
    return r == null ? Optional.empty() : Optional.of(r.path("id").asText());
  }

  @Override
  public String toString() {
    return "FakeNetSuite[" + BASE_URL + "]";
  }

  static HttpUrl base() {
    return HttpUrl.get(BASE_URL);
  }
}
