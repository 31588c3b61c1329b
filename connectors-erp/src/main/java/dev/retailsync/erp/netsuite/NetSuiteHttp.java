package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SuiteTalk REST transport: every call passes the tenant's concurrency gate, a 429 is waited
 * out a bounded number of times (the gate, not retries, keeps the account's limit), and every
 * failure becomes an {@link ErpError}.
 */
final class NetSuiteHttp {
  private static final Logger LOG = LoggerFactory.getLogger(NetSuiteHttp.class);
  static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** A call that failed, classified. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErpError error;

    Failure(ErpError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    ErpError error() {
      return error;
    }
  }

  /** A successful answer. */
  record Answer(int status, String body, String location) {
    JsonNode json() {
      try {
        return body.isEmpty() ? Json.object() : Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new Failure(
            ErpError.of(
                ErpErrorKind.UNKNOWN,
                status,
                null,
                "NetSuite answered with a body that is not JSON"));
      }
    }

    /** The internal id at the end of the {@code Location} header, or {@code null}. */
    String locationId() {
      if (location == null) {
        return null;
      }
      String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
      return l.substring(l.lastIndexOf('/') + 1);
    }
  }

  private final SystemId system;
  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final TenantGate gate;
  private final Clock clock;
  private final Consumer<Duration> sleeper;
  private final int throttleRetries;
  private final Duration throttleBackoff;

  NetSuiteHttp(
      SystemId system,
      OkHttpClient http,
      HttpUrl baseUrl,
      TenantGate gate,
      Clock clock,
      Consumer<Duration> sleeper,
      int throttleRetries,
      Duration throttleBackoff) {
    this.system = system;
    this.http = http;
    this.baseUrl = baseUrl;
    this.gate = gate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.throttleRetries = throttleRetries;
    this.throttleBackoff = throttleBackoff;
  }

  SystemId system() {
    return system;
  }

  TenantGate gate() {
    return gate;
  }

  HttpUrl.Builder record(String type) {
    return baseUrl.newBuilder().addPathSegments("services/rest/record/v1").addPathSegment(type);
  }

  HttpUrl.Builder rest(String path) {
    return baseUrl.newBuilder().addPathSegments(path);
  }

  static Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json");
  }

  static RequestBody body(JsonNode json) {
    return RequestBody.create(json.toString(), JSON_TYPE);
  }

  /**
   * Sends a request through the gate; returns a 2xx answer, throws {@link Failure} for any other.
   *
   * @param idempotent whether repeating the request cannot apply it twice (a timeout is then
   *     retryable)
   */
  Answer send(Request request, boolean idempotent) {
    for (int attempt = 0; ; attempt++) {
      Answer answer;
      try {
        answer = gate.call(() -> exchange(request, idempotent));
      } catch (Failure f) {
        ErpError e = f.error();
        if (e.kind() == ErpErrorKind.THROTTLED && attempt < throttleRetries) {
          Duration wait =
              e.retryAfter() != null ? e.retryAfter() : throttleBackoff.multipliedBy(1L << attempt);
          LOG.debug("NetSuite concurrency limit hit; waiting {} outside the gate", wait);
          sleeper.accept(wait);
          continue;
        }
        if (e.kind() == ErpErrorKind.THROTTLED && e.retryAfter() == null) {
          throw new Failure(e.withRetryAfter(throttleBackoff.multipliedBy(1L << attempt)));
        }
        throw f;
      }
      return answer;
    }
  }

  private Answer exchange(Request request, boolean idempotent) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody b = response.body();
      String text = b == null ? "" : b.string();
      if (response.isSuccessful()) {
        return new Answer(response.code(), text, response.header("Location"));
      }
      Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
      ErpError error =
          NetSuiteErrors.classify(
              response.code(), text, response.header("X-N-OperationId"), retryAfter, idempotent);
      if (response.code() == 400
          && "IDEMPOTENCY_ERROR".equals(error.code())
          && response.header("Location") != null) {
        // A repeated async request: the original job's Location comes back with the error.
        return new Answer(409, text, response.header("Location"));
      }
      throw new Failure(error);
    } catch (IOException e) {
      throw new Failure(
          ErpError.of(
                  ErpErrorKind.TRANSIENT,
                  0,
                  "IO",
                  "NetSuite call "
                      + request.method()
                      + " "
                      + request.url().encodedPath()
                      + " failed: "
                      + e.getMessage()
                      + (idempotent ? "" : "; the request may have been applied"))
              .withRetryable(true));
    }
  }

  /** One SuiteQL page ({@code Prefer: transient}, at most 1,000 rows). */
  JsonNode suiteQl(String query, int limit, int offset) {
    HttpUrl url =
        rest("services/rest/query/v1/suiteql")
            .addQueryParameter("limit", Integer.toString(Math.min(1000, Math.max(1, limit))))
            .addQueryParameter("offset", Integer.toString(offset))
            .build();
    ObjectNode q = Json.object();
    q.put("q", query);
    return send(request(url).header("Prefer", "transient").post(body(q)).build(), true).json();
  }

  /** Every row of a query whose result is known to be small (an id list of at most 1,000). */
  List<JsonNode> suiteQlAll(String query) {
    List<JsonNode> rows = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page = suiteQl(query, 1000, offset);
      page.path("items").forEach(rows::add);
      if (!page.path("hasMore").asBoolean(false)) {
        return rows;
      }
      offset += page.path("count").asInt(1000);
    }
  }

  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
