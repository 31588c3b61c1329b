package dev.retailsync.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link TokenProvider} that fetches tokens from an OAuth 2.0 token endpoint with one {@link
 * OAuthGrant}, caches the token, refreshes it a margin before it expires (or after a 401 when the
 * endpoint gives no expiry), and refreshes single-flight: one request however many threads wait.
 *
 * <p>Errors are typed: {@code invalid_grant}, {@code invalid_client} and other 400/401 answers are
 * an {@link AuthenticationException} naming the endpoint and the error (never a secret); 429 is a
 * {@link RateLimitException} with the endpoint's {@code Retry-After}; 5xx and I/O failures are a
 * retryable {@link RemoteSystemException}.
 *
 * <p>Instances are thread-safe; create one per credential and share it.
 */
public final class OAuthTokenProvider implements TokenProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Call.Factory http;
  private final HttpUrl tokenEndpoint;
  private final OAuthGrant grant;
  private final Clock clock;
  private final Duration refreshMargin;
  private final SystemId system;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile OAuthToken current;

  private OAuthTokenProvider(Builder b) {
    this.http = Objects.requireNonNull(b.http, "http");
    this.tokenEndpoint = Objects.requireNonNull(b.tokenEndpoint, "tokenEndpoint");
    this.grant = Objects.requireNonNull(b.grant, "grant");
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    this.system = b.system;
  }

  /**
   * Returns a builder.
   *
   * @param http the HTTP client (the host's {@code OkHttpClient}, or a fake's call factory)
   * @param tokenEndpoint the token endpoint, such as {@code
   *     https://acme.my.salesforce.com/services/oauth2/token}
   * @param grant how to obtain tokens
   * @return the builder
   */
  public static Builder builder(Call.Factory http, HttpUrl tokenEndpoint, OAuthGrant grant) {
    Builder b = new Builder();
    b.http = http;
    b.tokenEndpoint = tokenEndpoint;
    b.grant = grant;
    return b;
  }

  @Override
  public OAuthToken token() {
    OAuthToken t = current;
    if (t != null && !t.expiresWithin(clock.instant(), refreshMargin)) {
      return t;
    }
    lock.lock();
    try {
      // Another thread may have refreshed while this one waited for the lock.
      t = current;
      if (t != null && !t.expiresWithin(clock.instant(), refreshMargin)) {
        return t;
      }
      OAuthToken fresh = fetch();
      grant.accepted(fresh);
      current = fresh;
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void invalidate(OAuthToken rejected) {
    lock.lock();
    try {
      if (current == rejected) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private OAuthToken fetch() {
    FormBody.Builder form = new FormBody.Builder();
    grant.addTo(form);
    Request request =
        new Request.Builder()
            .url(tokenEndpoint)
            .header("Accept", "application/json")
            .post(form.build())
            .build();
    ErrorContext ctx = ErrorContext.of(system, "token");
    String where = tokenEndpoint.host();
    try (Response response = http.newCall(request).execute()) {
      String body = body(response);
      int code = response.code();
      if (code == 200) {
        return parse(body, where, ctx);
      }
      String error = errorOf(body);
      if (code == 429) {
        throw new RateLimitException(
            "Token endpoint " + where + " is throttling: " + error,
            RetryAfter.parse(response.header("Retry-After"), clock).orElse(null),
            ctx,
            true);
      }
      if (code >= 500) {
        throw new RemoteSystemException(
            "Token endpoint " + where + " failed with HTTP " + code + ": " + error,
            code,
            null,
            null,
            ctx,
            true);
      }
      throw new AuthenticationException(
          "Token endpoint "
              + where
              + " refused the "
              + grant
              + " grant (HTTP "
              + code
              + "): "
              + error
              + "; check the credential, the app's settings and the endpoint (sandbox or"
              + " production, My Domain)",
          null,
          ctx);
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Cannot reach token endpoint " + where + ": " + e.getMessage(), 0, null, e, ctx, true);
    }
  }

  private OAuthToken parse(String body, String where, ErrorContext ctx) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode access = n.get("access_token");
      if (access == null || !access.isTextual() || access.asText().isBlank()) {
        throw new AuthenticationException(
            "Token endpoint " + where + " answered 200 without an access_token", null, ctx);
      }
      Instant now = clock.instant();
      Instant expiresAt = null;
      JsonNode expiresIn = n.get("expires_in");
      if (expiresIn != null && (expiresIn.isNumber() || expiresIn.asText().matches("\\d+"))) {
        expiresAt = now.plusSeconds(expiresIn.asLong());
      }
      Map<String, String> attributes = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String k = e.getKey();
        if (!k.equals("access_token") && !k.equals("refresh_token") && e.getValue().isValueNode()) {
          attributes.put(k, e.getValue().asText());
        }
      }
      JsonNode refresh = n.get("refresh_token");
      JsonNode type = n.get("token_type");
      return new OAuthToken(
          access.asText(),
          type == null ? null : type.asText(),
          now,
          expiresAt,
          refresh == null || refresh.isNull() ? null : refresh.asText(),
          attributes);
    } catch (IOException e) {
      throw new AuthenticationException(
          "Token endpoint " + where + " answered 200 with a body that is not JSON", e, ctx);
    }
  }

  private static String body(Response response) throws IOException {
    ResponseBody b = response.body();
    return b == null ? "" : b.string();
  }

  /** The RFC 6749 error and description, never the rest of the body. */
  private static String errorOf(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.has("error")) {
        String d = n.has("error_description") ? ": " + n.get("error_description").asText() : "";
        return n.get("error").asText() + d;
      }
    } catch (IOException e) {
      // not JSON: fall through
    }
    return "(no OAuth error in the response)";
  }

  @Override
  public String toString() {
    return "OAuthTokenProvider[" + tokenEndpoint.host() + ", " + grant + "]";
  }

  /** Builds an {@link OAuthTokenProvider}. Not thread-safe. */
  public static final class Builder {
    private Call.Factory http;
    private HttpUrl tokenEndpoint;
    private OAuthGrant grant;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofSeconds(60);
    private SystemId system;

    private Builder() {}

    /**
     * Sets the clock expiry is measured with.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long before its expiry a token is refreshed; 60 seconds by default.
     *
     * @param margin the margin
     * @return this builder
     */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = Objects.requireNonNull(margin, "margin");
      return this;
    }

    /**
     * Sets the system errors are attributed to.
     *
     * @param system the system
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = system;
      return this;
    }

    /**
     * Builds the provider. It fetches nothing until the first {@link #token()} call.
     *
     * @return the provider
     */
    public OAuthTokenProvider build() {
      return new OAuthTokenProvider(this);
    }
  }
}
