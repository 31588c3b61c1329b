package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP side of the SAP connector: every call through the tenant gate; reads retried on 429, 5xx
 * and dropped connections as {@code Retry-After} says (through the injected sleeper, never blindly
 * for writes); writes in CSRF lanes.
 *
 * <p>A lane binds one CSRF token to the session cookies it was fetched with; a write borrows a lane
 * exclusively, so two fetches never race on one cookie jar (the failure behind SAP/cloud-sdk-java
 * #357 and #792) and a fetch is single-flight per lane by construction. A {@code 403} with {@code
 * x-csrf-token: Required} makes the lane fetch a new token once and replay the request once: SAP
 * checks the token before it processes anything, so the replay cannot apply a write twice.
 */
final class SapHttp {
  static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final SystemId system;
  private final OkHttpClient http;
  private final HttpUrl base;
  private final String sapClient;
  private final TenantGate gate;
  private final Clock clock;
  private final Consumer<Duration> sleeper;
  private final int readAttempts;
  private final int lanesPerService;
  private final String csrfFetchPath;
  private final boolean fetchBeforeEveryBatch;
  private final Map<String, BlockingQueue<Lane>> lanes = new ConcurrentHashMap<>();
  private final Map<String, Integer> lanesCreated = new ConcurrentHashMap<>();
  private final AtomicLong tokenFetches = new AtomicLong();

  SapHttp(
      SystemId system,
      OkHttpClient http,
      HttpUrl base,
      String sapClient,
      TenantGate gate,
      Clock clock,
      Consumer<Duration> sleeper,
      int readAttempts,
      int lanesPerService,
      String csrfFetchPath,
      boolean fetchBeforeEveryBatch) {
    this.system = system;
    this.http = http;
    this.base = base;
    this.sapClient = sapClient;
    this.gate = gate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.readAttempts = readAttempts;
    this.lanesPerService = lanesPerService;
    this.csrfFetchPath = csrfFetchPath;
    this.fetchBeforeEveryBatch = fetchBeforeEveryBatch;
  }

  /** A session: its cookies and the CSRF token fetched with them. Used by one thread at a time. */
  static final class Lane {
    final Map<String, String> cookies = new LinkedHashMap<>();
    String token;

    void absorb(Headers headers) {
      for (String c : headers.values("Set-Cookie")) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }

    String cookieHeader() {
      List<String> pairs = new ArrayList<>();
      cookies.forEach((k, v) -> pairs.add(k + "=" + v));
      return String.join("; ", pairs);
    }

    void reset() {
      cookies.clear();
      token = null;
    }
  }

  /**
   * An answer: status, headers and body, or the connectivity failure.
   *
   * @param status the status, 0 when there was no answer
   * @param headers the headers
   * @param body the body text
   * @param failure the failure when there was no answer
   */
  record Answer(int status, Headers headers, String body, IOException failure) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    ErpError error(Clock clock) {
      if (failure != null) {
        return ErpError.of(
            ErpErrorKind.TRANSIENT,
            0,
            "IO",
            "no answer from SAP ("
                + failure.getClass().getSimpleName()
                + "); the write may have been applied");
      }
      return SapErrors.parse(status, headers.get("Retry-After"), body, clock);
    }
  }

  SystemId system() {
    return system;
  }

  long tokenFetches() {
    return tokenFetches.get();
  }

  /**
   * Returns the root URL of a service.
   *
   * @param service such as {@code API_BUSINESS_PARTNER}
   * @return {@code <base>/sap/opu/odata/sap/<service>/}
   */
  HttpUrl service(String service) {
    HttpUrl.Builder b =
        base.newBuilder().addPathSegments("sap/opu/odata/sap").addPathSegment(service);
    b.addPathSegment("");
    return b.build();
  }

  /**
   * Returns the URL of a resource of a service, with {@code sap-client} when configured.
   *
   * @param service the service
   * @param resource such as {@code A_BusinessPartner('17100001')}
   * @return a builder for query parameters
   */
  HttpUrl.Builder url(String service, String resource) {
    HttpUrl root = service(service);
    HttpUrl.Builder b = root.newBuilder();
    b.setPathSegment(root.pathSize() - 1, resource.split("/", -1)[0]);
    String[] rest = resource.split("/", -1);
    for (int i = 1; i < rest.length; i++) {
      b.addPathSegment(rest[i]);
    }
    if (sapClient != null) {
      b.setQueryParameter("sap-client", sapClient);
    }
    return b;
  }

  /**
   * Reads one JSON body; retried on 429, 5xx and connectivity failures.
   *
   * @param url the URL
   * @param operation for errors
   * @return the body, or {@code null} for 404
   * @throws SyncException for any other failure, typed by {@link ErpError#toException}
   */
  JsonNode get(HttpUrl url, String operation) {
    ErrorContext ctx = ErrorContext.of(system, operation);
    Request request =
        new Request.Builder().url(url).header("Accept", "application/json").get().build();
    for (int attempt = 1; ; attempt++) {
      Answer a = send(request);
      if (a.ok()) {
        return parse(a.body, ctx);
      }
      if (a.status == 404) {
        return null;
      }
      ErpError e = a.error(clock);
      if (!e.retryable() || attempt >= readAttempts) {
        throw e.toException(ctx);
      }
      Duration wait =
          e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1L << (attempt - 1));
      sleeper.accept(wait);
    }
  }

  /**
   * Reads a collection, following {@code __next} (server-side paging) until it ends or {@code max}
   * entities are read.
   *
   * @param service the service, to resolve relative {@code __next} links
   * @param url the first page
   * @param max the most entities wanted
   * @param operation for errors
   * @return the entities
   */
  List<JsonNode> getAll(String service, HttpUrl url, int max, String operation) {
    List<JsonNode> out = new ArrayList<>();
    HttpUrl next = url;
    while (next != null && out.size() < max) {
      JsonNode body = get(next, operation);
      if (body == null) {
        break;
      }
      out.addAll(ODataV2.results(body));
      String link = ODataV2.text(ODataV2.entity(body), "__next");
      next = link == null ? null : service(service).resolve(link);
      if (next != null && sapClient != null && next.queryParameter("sap-client") == null) {
        next = next.newBuilder().setQueryParameter("sap-client", sapClient).build();
      }
    }
    return out;
  }

  /**
   * Sends one modifying request (POST, PATCH, MERGE, DELETE) in a lane, with the lane's CSRF token
   * and cookies; fetches the token first when the lane has none, and once more on {@code 403
   * x-csrf-token: Required} before replaying once. Never retried otherwise.
   *
   * @param service the service (lanes are per service)
   * @param request the request without token
   * @return the answer, which may be an error or a connectivity failure
   */
  Answer modify(String service, Request request) {
    return inLane(service, lane -> exchangeWithToken(service, lane, request, false));
  }

  /**
   * Sends a {@code $batch} in a lane; the token is fetched first when the lane has none, or before
   * every batch when so configured.
   *
   * @param service the service
   * @param written the batch body
   * @return the answer
   */
  Answer batch(String service, BatchCodec.Written written) {
    HttpUrl url = url(service, "$batch").build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "multipart/mixed")
            .post(RequestBody.create(written.body(), MediaType.get(written.contentType())))
            .build();
    return inLane(
        service, lane -> exchangeWithToken(service, lane, request, fetchBeforeEveryBatch));
  }

  private Answer exchangeWithToken(String service, Lane lane, Request request, boolean fresh) {
    if (fresh || lane.token == null) {
      Answer fetched = fetchToken(service, lane);
      if (fetched != null) {
        return fetched;
      }
    }
    Answer a = send(withLane(request, lane), lane);
    if (a.status == 403 && "Required".equalsIgnoreCase(a.headers.get("x-csrf-token"))) {
      lane.reset();
      Answer fetched = fetchToken(service, lane);
      if (fetched != null) {
        return fetched;
      }
      a = send(withLane(request, lane), lane);
    }
    return a;
  }

  /** Fetches a token into the lane; returns the failing answer, or null on success. */
  private Answer fetchToken(String service, Lane lane) {
    HttpUrl.Builder b = service(service).newBuilder();
    if (!csrfFetchPath.isEmpty()) {
      b.setPathSegment(service(service).pathSize() - 1, csrfFetchPath);
    }
    if (sapClient != null) {
      b.setQueryParameter("sap-client", sapClient);
    }
    Request.Builder rb =
        new Request.Builder()
            .url(b.build())
            .header("x-csrf-token", "Fetch")
            .header("Accept", "application/json")
            .get();
    if (!lane.cookies.isEmpty()) {
      rb.header("Cookie", lane.cookieHeader());
    }
    tokenFetches.incrementAndGet();
    Answer a = send(rb.build(), lane);
    String token = a.headers == null ? null : a.headers.get("x-csrf-token");
    if (a.ok() && token != null && !token.equalsIgnoreCase("Required")) {
      lane.token = token;
      return null;
    }
    if (a.failure != null || !a.ok()) {
      return a;
    }
    return new Answer(
        403,
        Headers.of(),
        "{\"error\":{\"code\":\"CSRF_FETCH\",\"message\":{\"lang\":\"en\",\"value\":\"SAP answered"
            + " the CSRF fetch (GET "
            + (csrfFetchPath.isEmpty() ? "service root" : csrfFetchPath)
            + ") without a token; set csrfFetchPath to $metadata or the service root\"}}}",
        null);
  }

  private static Request withLane(Request request, Lane lane) {
    Request.Builder b = request.newBuilder().header("x-csrf-token", lane.token);
    if (!lane.cookies.isEmpty()) {
      b.header("Cookie", lane.cookieHeader());
    }
    return b.build();
  }

  private <T> T inLane(String service, java.util.function.Function<Lane, T> work) {
    BlockingQueue<Lane> pool =
        lanes.computeIfAbsent(service, s -> new ArrayBlockingQueue<>(lanesPerService));
    Lane lane = pool.poll();
    if (lane == null) {
      synchronized (lanesCreated) {
        int made = lanesCreated.getOrDefault(service, 0);
        if (made < lanesPerService) {
          lanesCreated.put(service, made + 1);
          lane = new Lane();
        }
      }
    }
    if (lane == null) {
      try {
        lane = pool.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteSystemException(
            "interrupted while waiting for a CSRF lane of " + service,
            0,
            null,
            e,
            ErrorContext.of(system, "csrf lane"),
            true);
      }
    }
    try {
      return work.apply(lane);
    } finally {
      pool.offer(lane);
    }
  }

  private Answer send(Request request) {
    return send(request, null);
  }

  private Answer send(Request request, Lane lane) {
    return gate.call(
        () -> {
          try (Response response = http.newCall(request).execute()) {
            if (lane != null) {
              lane.absorb(response.headers());
            }
            ResponseBody b = response.body();
            return new Answer(
                response.code(), response.headers(), b == null ? "" : b.string(), null);
          } catch (IOException e) {
            return new Answer(0, Headers.of(), "", e);
          }
        });
  }

  /**
   * Parses a JSON body.
   *
   * @param text the body
   * @param ctx for errors
   * @return the tree
   */
  static JsonNode parse(String text, ErrorContext ctx) {
    try {
      return text == null || text.isBlank()
          ? ODataV2.JSON.createObjectNode()
          : ODataV2.JSON.readTree(text);
    } catch (IOException e) {
      throw new RemoteSystemException(
          "SAP answered with a body that is not JSON (request Accept: application/json)",
          200,
          null,
          e,
          ctx,
          false);
    }
  }
}
