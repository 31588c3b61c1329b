package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.http.OAuthToken;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.core.http.TokenProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for one shop's Admin GraphQL API, pinned to one API version: {@code POST
 * {baseUrl}/admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token}.
 *
 * <p>What it takes care of:
 *
 * <ul>
 *   <li>Cost-aware scheduling: every request's cost is estimated before sending; one over the
 *       single-query maximum (1,000 points, or the bucket's size when that is smaller) is refused
 *       with a {@link ValidationException}; otherwise it waits, through the {@link Sleeper}, until
 *       the shop's {@link CostBucket} holds enough points.
 *   <li>Errors: a 200 is never success by itself. {@code THROTTLED} inside a 200 and HTTP 429 are
 *       retried after the wait the bucket or {@code Retry-After} (seconds, fractional seconds or an
 *       HTTP date; capped and jittered) calls for; other top-level errors are a {@link
 *       ShopifyGraphQlException}; mutation {@code userErrors} are left to the caller.
 *   <li>Retries by semantics: queries and mutations with an idempotency key are retried after 5xx
 *       and timeouts; a mutation without one is never sent twice, and a timeout or 5xx ends in a
 *       retryable {@link RemoteSystemException} with code {@link
 *       ShopifyGraphQlException#OUTCOME_UNKNOWN}, for the caller to reconcile.
 *   <li>A 401 invalidates the token and is retried once with a fresh one.
 *   <li>Versions: {@code X-Shopify-API-Version} is compared with the pinned version; a fall-forward
 *       is reported to the {@link ShopifyListener} and through {@link #servedApiVersion()}.
 * </ul>
 *
 * <p>Thread-safe; create one per shop and share it.
 */
public final class ShopifyGraphQlClient {
  /** The API version used unless another is pinned. */
  public static final String DEFAULT_API_VERSION = "2026-04";

  /** Shopify's limit on the requested cost of one query. */
  public static final int SINGLE_QUERY_MAX_COST = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(ShopifyGraphQlClient.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final Pattern VERSION = Pattern.compile("\\d{4}-(01|04|07|10)|unstable");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROBE_THRESHOLD = 50;
  private static final String PROBE = "query BudgetProbe { shop { id } }";

  private final Call.Factory http;
  private final HttpUrl endpoint;
  private final HttpUrl baseUrl;
  private final String apiVersion;
  private final TokenProvider tokens;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private final int maxAttempts;
  private final Duration maxRetryWait;
  private final ShopifyListener listener;
  private final SystemId system;
  private final CostBucket bucket;
  private final AtomicReference<String> servedVersion = new AtomicReference<>();

  private ShopifyGraphQlClient(Builder b) {
    this.http = Objects.requireNonNull(b.http, "ShopifyGraphQlClient.http is required");
    this.baseUrl = Objects.requireNonNull(b.baseUrl, "ShopifyGraphQlClient.baseUrl is required");
    this.tokens = Objects.requireNonNull(b.tokens, "ShopifyGraphQlClient.tokens is required");
    this.apiVersion = b.apiVersion;
    this.endpoint =
        baseUrl
            .newBuilder()
            .encodedPath("/admin/api/" + apiVersion + "/graphql.json")
            .query(null)
            .build();
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.maxAttempts = b.maxAttempts;
    this.maxRetryWait = b.maxRetryWait;
    this.listener = b.listener;
    this.system = b.system;
    this.bucket = b.bucket;
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the shop's base URL, such as {@code https://acme.myshopify.com}.
   *
   * @return the URL
   */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Returns the pinned API version.
   *
   * @return the version, such as {@code 2026-04}
   */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * Returns the version the server last answered with.
   *
   * @return the version from {@code X-Shopify-API-Version}, or {@code null} before the first
   *     response
   */
  public String servedApiVersion() {
    return servedVersion.get();
  }

  /**
   * Tells whether the server answered with another version than the pinned one (it fell forward
   * because the pinned version is no longer supported).
   *
   * @return {@code true} when the last served version differs from the pinned one
   */
  public boolean fellForward() {
    String s = servedVersion.get();
    return s != null && !s.equals(apiVersion);
  }

  /**
   * Returns the shop's cost bucket, as the responses reported it.
   *
   * @return the bucket
   */
  public CostBucket costBucket() {
    return bucket;
  }

  /**
   * Returns the largest cost one query may request: 1,000 points, or the bucket's size when the
   * shop reported a smaller one. Callers size their pages by it.
   *
   * @return the points
   */
  public int maxQueryCost() {
    return bucket
        .status()
        .map(s -> (int) Math.min(SINGLE_QUERY_MAX_COST, Math.floor(s.maximumAvailable())))
        .orElse(SINGLE_QUERY_MAX_COST);
  }

  /**
   * Returns the HTTP client, for downloads that belong to the shop (bulk operation results).
   *
   * @return the call factory
   */
  Call.Factory http() {
    return http;
  }

  Clock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  SystemId system() {
    return system;
  }

  /**
   * Sends a request and returns the response once it carries no top-level error.
   *
   * @param request the request
   * @return the response; for mutations, check {@link GraphQlResponse#userErrors(String)}
   * @throws ValidationException if the request's estimated cost is over {@link #maxQueryCost()}
   * @throws RateLimitException if the shop still throttles after the last attempt
   * @throws ShopifyGraphQlException if the response carries top-level errors other than throttling
   * @throws AuthenticationException if the token is refused (401 twice, or 403)
   * @throws RemoteSystemException on 5xx or I/O failures once retries are spent (retryable), on a
   *     mutation without idempotency key whose outcome is unknown (retryable, code {@link
   *     ShopifyGraphQlException#OUTCOME_UNKNOWN}), and on other HTTP statuses (not retryable)
   */
  public GraphQlResponse execute(GraphQlRequest request) {
    Objects.requireNonNull(request, "request");
    String operation = operation(request);
    ErrorContext ctx = ErrorContext.of(system, operation);
    int cost = request.estimatedCost();
    if (cost > PROBE_THRESHOLD) {
      ensureBudgetKnown();
    }
    checkCost(request, cost, operation, ctx);
    byte[] body;
    try {
      ObjectNode b = JSON.createObjectNode();
      b.put("query", request.document());
      b.set("variables", JSON.valueToTree(request.variables()));
      body = JSON.writeValueAsBytes(b);
    } catch (IOException | IllegalArgumentException e) {
      throw new ValidationException(
          "Shopify GraphQL " + operation,
          List.of(
              dev.retailsync.api.FieldError.redacted(
                  "variables", "cannot be written as JSON: " + e.getMessage())),
          ctx);
    }
    boolean reauthenticated = false;
    String lastProblem = null;
    Duration lastRetryAfter = null;
    boolean lastThrottled = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      // A THROTTLED answer may have revealed a bucket smaller than this request.
      checkCost(request, cost, operation, ctx);
      awaitBudget(cost);
      OAuthToken token = tokens.token();
      Request http =
          new Request.Builder()
              .url(endpoint)
              .header("X-Shopify-Access-Token", token.accessToken())
              .header("Accept", "application/json")
              .post(RequestBody.create(body, JSON_TYPE))
              .build();
      Duration wait;
      try (Response response = this.http.newCall(http).execute()) {
        noteVersion(response);
        int code = response.code();
        String text = text(response);
        if (code == 401) {
          tokens.invalidate(token);
          if (!reauthenticated) {
            reauthenticated = true;
            attempt--;
            continue;
          }
          throw new AuthenticationException(
              "Shopify refused the access token for "
                  + baseUrl.host()
                  + " twice (HTTP 401); the app may be uninstalled or the token revoked",
              null,
              ctx.withAttempts(attempt));
        }
        if (code == 403) {
          throw new AuthenticationException(
              "Shopify denied access on "
                  + baseUrl.host()
                  + " (HTTP 403): the app lacks a scope or the shop blocked it",
              null,
              ctx.withAttempts(attempt));
        }
        if (code == 429) {
          Duration after = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
          lastProblem = "HTTP 429";
          lastRetryAfter = after;
          lastThrottled = true;
          wait = after == null ? backoff(attempt) : capAndJitter(after);
        } else if (code >= 500) {
          lastProblem = "HTTP " + code;
          lastThrottled = false;
          if (!request.isRetrySafe()) {
            throw outcomeUnknown(operation, "HTTP " + code, ctx.withAttempts(attempt), null);
          }
          Duration after = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
          lastRetryAfter = after;
          wait = after == null ? backoff(attempt) : capAndJitter(after);
        } else if (code != 200) {
          throw new RemoteSystemException(
              "Shopify answered HTTP "
                  + code
                  + " on "
                  + endpoint.encodedPath()
                  + hint(code)
                  + ": "
                  + abbreviate(text),
              code,
              null,
              null,
              ctx.withAttempts(attempt),
              false);
        } else {
          JsonNode root = parse(text, operation, ctx);
          ThrottleStatus status = throttleStatus(root);
          if (status != null) {
            bucket.update(status, clock.instant());
          }
          List<GraphQlError> errors = errors(root);
          if (errors.isEmpty()) {
            JsonNode c = root.path("extensions").path("cost");
            LOG.debug(
                "Shopify {} requested {} actual {} points",
                operation,
                c.path("requestedQueryCost").asText("?"),
                c.path("actualQueryCost").asText("?"));
            return new GraphQlResponse(
                root.get("data"),
                intOrNull(c.get("requestedQueryCost")),
                intOrNull(c.get("actualQueryCost")),
                status,
                response.header("X-Shopify-API-Version"));
          }
          if (errors.stream().anyMatch(GraphQlError::isThrottled)) {
            // Throttled requests are not executed, so even a mutation without a key is safe.
            lastProblem = "THROTTLED";
            lastThrottled = true;
            int requested =
                intOrDefault(root.path("extensions").path("cost").get("requestedQueryCost"), cost);
            wait = throttleWait(status, requested, attempt);
            lastRetryAfter = wait;
          } else if (errors.stream().anyMatch(e -> "INTERNAL_SERVER_ERROR".equals(e.code()))
              && request.isRetrySafe()) {
            lastProblem = "INTERNAL_SERVER_ERROR";
            lastThrottled = false;
            wait = backoff(attempt);
          } else {
            throw new ShopifyGraphQlException(
                "Shopify refused " + operation + ": " + describe(errors) + advice(errors),
                errors,
                ctx.withAttempts(attempt),
                false);
          }
        }
      } catch (IOException e) {
        boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException;
        lastProblem = e instanceof InterruptedIOException ? "timeout" : "I/O failure";
        lastThrottled = false;
        lastRetryAfter = null;
        if (!request.isRetrySafe() && !notSent) {
          throw outcomeUnknown(operation, lastProblem, ctx.withAttempts(attempt), e);
        }
        if (attempt == maxAttempts) {
          throw new RemoteSystemException(
              "Cannot reach Shopify at "
                  + baseUrl.host()
                  + " for "
                  + operation
                  + " after "
                  + attempt
                  + " attempts: "
                  + e.getMessage(),
              0,
              null,
              e,
              ctx.withAttempts(attempt),
              true);
        }
        wait = backoff(attempt);
      }
      if (attempt < maxAttempts) {
        listener.retrying(attempt, lastProblem, wait);
        LOG.debug(
            "Shopify {} attempt {} failed ({}); retrying in {}",
            operation,
            attempt,
            lastProblem,
            wait);
        sleep(wait);
      }
    }
    ErrorContext spent = ctx.withAttempts(maxAttempts);
    if (lastThrottled) {
      throw new RateLimitException(
          "Shopify still throttles " + operation + " after " + maxAttempts + " attempts",
          lastRetryAfter,
          spent,
          true);
    }
    throw new RemoteSystemException(
        "Shopify failed " + operation + " " + maxAttempts + " times; last: " + lastProblem,
        0,
        lastProblem,
        null,
        spent,
        true);
  }

  /**
   * Learns the shop's bucket with a one-point query when no response has reported it yet, so that
   * the first expensive request is sized and paced like the rest instead of being throttled.
   */
  void ensureBudgetKnown() {
    if (bucket.status().isEmpty()) {
      execute(GraphQlRequest.query(PROBE, java.util.Map.of()));
    }
  }

  private void checkCost(GraphQlRequest request, int cost, String operation, ErrorContext ctx) {
    int max = maxQueryCost();
    if (cost > max) {
      throw new ValidationException(
          "Shopify GraphQL " + operation,
          List.of(
              dev.retailsync.api.FieldError.of(
                  "requestedQueryCost",
                  cost,
                  "is over the single-query maximum of "
                      + max
                      + " points"
                      + (max < SINGLE_QUERY_MAX_COST ? " (the shop's whole bucket)" : "")
                      + "; ask for fewer nodes per page (a smaller first:) or fewer nested"
                      + " connections, or use a bulk operation")),
          ctx);
    }
  }

  private void awaitBudget(int cost) {
    while (true) {
      Duration wait = bucket.reserve(cost, clock.instant());
      if (wait.isZero()) {
        return;
      }
      listener.costWait(cost, wait);
      sleep(wait);
    }
  }

  private Duration throttleWait(ThrottleStatus status, int requested, int attempt) {
    if (status == null) {
      return backoff(attempt);
    }
    double deficit = Math.max(0, requested - status.currentlyAvailable());
    Duration d = Duration.ofNanos((long) Math.ceil(deficit / status.restoreRate() * 1e9));
    return capAndJitter(d);
  }

  private Duration backoff(int attempt) {
    long base = 500L << Math.min(attempt - 1, 16);
    return capAndJitter(Duration.ofMillis(base));
  }

  /** Never shorter than asked, at most the cap, plus up to 10 % jitter so clients spread out. */
  private Duration capAndJitter(Duration d) {
    Duration capped = d.compareTo(maxRetryWait) > 0 ? maxRetryWait : d;
    long jitter;
    synchronized (random) {
      jitter = (long) (capped.toNanos() * 0.1 * random.nextDouble());
    }
    return capped.plusNanos(jitter);
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(
          "interrupted while waiting to call Shopify", e, ErrorContext.of(system, "graphql"), true);
    }
  }

  private void noteVersion(Response response) {
    String served = response.header("X-Shopify-API-Version");
    if (served != null) {
      String previous = servedVersion.getAndSet(served);
      if (!served.equals(apiVersion) && !served.equals(previous)) {
        LOG.warn(
            "Shopify API version {} is no longer served; the shop answered with {}. Pin a"
                + " supported version.",
            apiVersion,
            served);
        listener.versionFellForward(apiVersion, served);
      }
    }
    String deprecated = response.header("X-Shopify-API-Deprecated-Reason");
    if (deprecated != null) {
      LOG.warn("Shopify deprecation notice: {}", deprecated);
      listener.deprecated(deprecated);
    }
  }

  private RemoteSystemException outcomeUnknown(
      String operation, String what, ErrorContext ctx, Throwable cause) {
    return new RemoteSystemException(
        "Shopify "
            + operation
            + " ended with "
            + what
            + " and carries no idempotency key, so it was not sent again: it may or may not have"
            + " been applied; read the record back before writing it again",
        0,
        ShopifyGraphQlException.OUTCOME_UNKNOWN,
        cause,
        ctx,
        true);
  }

  private static String operation(GraphQlRequest r) {
    List<String> names = new ArrayList<>();
    for (GraphQlDocument.Field f : r.parsed().fields()) {
      if (!names.contains(f.name())) {
        names.add(f.name());
      }
    }
    return r.parsed().operationType() + " " + String.join(",", names);
  }

  private static JsonNode parse(String text, String operation, ErrorContext ctx) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Shopify answered "
              + operation
              + " with a body that is not a GraphQL response: "
              + abbreviate(text),
          200,
          null,
          e,
          ctx,
          false);
    }
  }

  static ThrottleStatus throttleStatus(JsonNode root) {
    JsonNode t = root.path("extensions").path("cost").path("throttleStatus");
    if (!t.isObject()) {
      return null;
    }
    try {
      return new ThrottleStatus(
          t.path("maximumAvailable").asDouble(),
          t.path("currentlyAvailable").asDouble(),
          t.path("restoreRate").asDouble());
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring an unusable throttleStatus: {}", e.getMessage());
      return null;
    }
  }

  static List<GraphQlError> errors(JsonNode root) {
    List<GraphQlError> out = new ArrayList<>();
    JsonNode errors = root.path("errors");
    if (errors.isTextual()) {
      out.add(new GraphQlError(errors.asText(), null, List.of()));
      return out;
    }
    for (JsonNode e : errors) {
      List<String> path = new ArrayList<>();
      for (JsonNode p : e.path("path")) {
        path.add(p.asText());
      }
      JsonNode code = e.path("extensions").get("code");
      out.add(
          new GraphQlError(e.path("message").asText(), code == null ? null : code.asText(), path));
    }
    return out;
  }

  private static String describe(List<GraphQlError> errors) {
    StringBuilder b = new StringBuilder();
    for (GraphQlError e : errors) {
      if (b.length() > 0) {
        b.append("; ");
      }
      if (e.code() != null) {
        b.append(e.code()).append(": ");
      }
      b.append(e.message());
      if (!e.path().isEmpty()) {
        b.append(" (at ").append(String.join(".", e.path())).append(')');
      }
    }
    return b.toString();
  }

  private static String advice(List<GraphQlError> errors) {
    for (GraphQlError e : errors) {
      if ("ACCESS_DENIED".equals(e.code())) {
        return "; grant the app the scope this field needs (read_all_orders for orders older than"
            + " 60 days)";
      }
      if ("MAX_COST_EXCEEDED".equals(e.code())) {
        return "; ask for fewer nodes per page or use a bulk operation";
      }
    }
    return "";
  }

  private static String hint(int code) {
    switch (code) {
      case 402:
        return " (Payment Required: the shop is frozen)";
      case 404:
        return " (check the shop domain and the API version)";
      case 423:
        return " (Locked: the shop is locked)";
      default:
        return "";
    }
  }

  private static Integer intOrNull(JsonNode n) {
    return n == null || !n.isNumber() ? null : n.asInt();
  }

  private static int intOrDefault(JsonNode n, int fallback) {
    return n == null || !n.isNumber() ? fallback : n.asInt();
  }

  private static String text(Response response) throws IOException {
    ResponseBody b = response.body();
    return b == null ? "" : b.string();
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  @Override
  public String toString() {
    return "ShopifyGraphQlClient[" + baseUrl.host() + ", " + apiVersion + "]";
  }

  /** Builds a {@link ShopifyGraphQlClient}. Not thread-safe. */
  public static final class Builder {
    private Call.Factory http;
    private HttpUrl baseUrl;
    private String apiVersion = DEFAULT_API_VERSION;
    private TokenProvider tokens;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private int maxAttempts = 6;
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private ShopifyListener listener = ShopifyListener.NONE;
    private SystemId system = SystemId.SHOPIFY;
    private CostBucket bucket = CostBucket.create();

    private Builder() {}

    /**
     * Sets the HTTP client (the host's {@code OkHttpClient}, or one with the fake's interceptor).
     * Required.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(Call.Factory http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the shop by its handle: {@code acme} means {@code https://acme.myshopify.com}.
     *
     * @param shop the handle, or the full {@code acme.myshopify.com} domain
     * @return this builder
     * @throws ValidationException if the handle is not a valid host name
     */
    public Builder shop(String shop) {
      String s = shop == null ? "" : shop.trim();
      String host = s.endsWith(".myshopify.com") ? s : s + ".myshopify.com";
      HttpUrl url = HttpUrl.parse("https://" + host);
      if (s.isEmpty() || url == null || s.contains("/")) {
        throw ValidationException.of(
            "ShopifyGraphQlClient", "shop", shop, "must be a shop handle such as 'acme'");
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * Sets the base URL instead of a shop handle (a proxy, or a fake).
     *
     * @param baseUrl the URL, such as {@code https://acme.myshopify.com}
     * @return this builder
     * @throws ValidationException if the URL is not absolute http(s)
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
      if (url == null) {
        throw ValidationException.of(
            "ShopifyGraphQlClient",
            "baseUrl",
            baseUrl,
            "must be an absolute URL such as https://acme.myshopify.com");
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * Pins the API version; {@value #DEFAULT_API_VERSION} by default.
     *
     * @param apiVersion a quarterly version such as {@code 2026-04}, or {@code unstable}
     * @return this builder
     * @throws ValidationException if the version is not {@code YYYY-01/04/07/10} or {@code
     *     unstable}
     */
    public Builder apiVersion(String apiVersion) {
      if (apiVersion == null || !VERSION.matcher(apiVersion).matches()) {
        throw ValidationException.of(
            "ShopifyGraphQlClient",
            "apiVersion",
            apiVersion,
            "must be a quarterly version such as 2026-04 (January, April, July or October) or"
                + " 'unstable'");
      }
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sets where access tokens come from (see {@link ShopifyTokens}). Required.
     *
     * @param tokens the provider
     * @return this builder
     */
    public Builder tokens(TokenProvider tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits (for the cost bucket and between retries); tests pass one that
     * advances their fake clock.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the source of retry jitter.
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how many times one request is sent at most; 6 by default.
     *
     * @param maxAttempts 1 or more
     * @return this builder
     * @throws ValidationException if less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw ValidationException.of(
            "ShopifyGraphQlClient", "maxAttempts", maxAttempts, "must be 1 or more");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Caps one wait between attempts, whatever {@code Retry-After} asks; 30 seconds by default.
     *
     * @param maxRetryWait the cap, positive
     * @return this builder
     * @throws ValidationException if not positive
     */
    public Builder maxRetryWait(Duration maxRetryWait) {
      if (maxRetryWait == null || maxRetryWait.isNegative() || maxRetryWait.isZero()) {
        throw ValidationException.of(
            "ShopifyGraphQlClient", "maxRetryWait", maxRetryWait, "must be positive");
      }
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    /**
     * Sets the listener; none by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ShopifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the system id errors are attributed to; {@code shopify} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Shares a cost bucket with other clients of the same app and shop; a fresh one by default.
     *
     * @param bucket the bucket
     * @return this builder
     */
    public Builder costBucket(CostBucket bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws NullPointerException naming the setting when {@code http}, the shop or {@code tokens}
     *     is missing
     */
    public ShopifyGraphQlClient build() {
      return new ShopifyGraphQlClient(this);
    }
  }
}
