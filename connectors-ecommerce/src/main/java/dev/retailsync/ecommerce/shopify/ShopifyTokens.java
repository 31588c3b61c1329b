package dev.retailsync.ecommerce.shopify;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthToken;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.http.RefreshTokenStore;
import dev.retailsync.core.http.TokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;

/**
 * The ways a Shopify app gets its Admin API access token, as {@link TokenProvider}s for {@link
 * ShopifyGraphQlClient}:
 *
 * <ul>
 *   <li>{@link #staticToken}: a non-expiring token of a custom app created in the store admin
 *       ({@code shpat_...}).
 *   <li>{@link #clientCredentials}: the client credentials grant of a Dev Dashboard app on a store
 *       of its own organisation; tokens last about 24 hours.
 *   <li>{@link #expiringOffline}: expiring offline tokens (about 60 minutes) renewed with a refresh
 *       token that Shopify rotates on every use; the new refresh token is saved to the host's
 *       {@link RefreshTokenStore} before the new access token is used.
 * </ul>
 *
 * <p>The token endpoint is {@code POST https://{shop}.myshopify.com/admin/oauth/access_token} with
 * a form body. Refreshes are single-flight: however many threads need a token, one request goes
 * out. Tokens never appear in logs or {@code toString()}.
 */
public final class ShopifyTokens {
  private ShopifyTokens() {}

  /**
   * Returns the token endpoint of a shop.
   *
   * @param shopBaseUrl the shop's base URL, such as {@code https://acme.myshopify.com}
   * @return {@code {shopBaseUrl}/admin/oauth/access_token}
   */
  public static HttpUrl tokenEndpoint(HttpUrl shopBaseUrl) {
    return shopBaseUrl.newBuilder().encodedPath("/admin/oauth/access_token").query(null).build();
  }

  /**
   * Returns a provider of a fixed, non-expiring token. A 401 means the token was revoked or the app
   * uninstalled; the client then fails with an {@link AuthenticationException}.
   *
   * @param accessToken the token
   * @param clock the clock the token's issue time is read from
   * @return the provider
   * @throws ValidationException if the token is blank
   */
  public static TokenProvider staticToken(String accessToken, Clock clock) {
    if (accessToken == null || accessToken.isBlank()) {
      throw ValidationException.of(
          "ShopifyTokens", "accessToken", null, "must be the custom app's Admin API access token");
    }
    OAuthToken token =
        new OAuthToken(accessToken, "shopify", clock.instant(), null, null, Map.of());
    return new TokenProvider() {
      @Override
      public OAuthToken token() {
        return token;
      }

      @Override
      public void invalidate(OAuthToken rejected) {
        // A static token cannot be renewed; the client reports the second 401.
      }

      @Override
      public String toString() {
        return "ShopifyTokens.static[<redacted>]";
      }
    };
  }

  /**
   * Returns a provider using the client credentials grant.
   *
   * @param http the HTTP client
   * @param tokenEndpoint the shop's token endpoint (see {@link #tokenEndpoint})
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param clock the clock expiry is measured with
   * @param system the system errors are attributed to
   * @return the provider; it renews the token 5 minutes before it expires
   */
  public static TokenProvider clientCredentials(
      Call.Factory http,
      HttpUrl tokenEndpoint,
      String clientId,
      String clientSecret,
      Clock clock,
      SystemId system) {
    requireText("clientId", clientId);
    requireText("clientSecret", clientSecret);
    return named(
        OAuthTokenProvider.builder(
                http, tokenEndpoint, OAuthGrant.clientCredentials(clientId, clientSecret, null))
            .clock(clock)
            .refreshMargin(Duration.ofMinutes(5))
            .system(system)
            .build(),
        "client_credentials",
        tokenEndpoint);
  }

  /**
   * Returns a provider of expiring offline tokens renewed by the refresh-token grant. Shopify
   * rotates the refresh token on every use; the new one is saved to {@code store} before the new
   * access token is handed out, so a crash never leaves the host holding only a used refresh token.
   *
   * @param http the HTTP client
   * @param tokenEndpoint the shop's token endpoint (see {@link #tokenEndpoint})
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @param store where the current refresh token lives (the host's durable store)
   * @param clock the clock expiry is measured with
   * @param system the system errors are attributed to
   * @return the provider; it renews the token 2 minutes before it expires
   */
  public static TokenProvider expiringOffline(
      Call.Factory http,
      HttpUrl tokenEndpoint,
      String clientId,
      String clientSecret,
      RefreshTokenStore store,
      Clock clock,
      SystemId system) {
    requireText("clientId", clientId);
    requireText("clientSecret", clientSecret);
    Objects.requireNonNull(store, "store");
    return named(
        OAuthTokenProvider.builder(
                http, tokenEndpoint, OAuthGrant.refreshToken(clientId, clientSecret, store))
            .clock(clock)
            .refreshMargin(Duration.ofMinutes(2))
            .system(system)
            .build(),
        "expiring_offline",
        tokenEndpoint);
  }

  private static TokenProvider named(TokenProvider delegate, String mode, HttpUrl endpoint) {
    return new TokenProvider() {
      @Override
      public OAuthToken token() {
        return delegate.token();
      }

      @Override
      public void invalidate(OAuthToken rejected) {
        delegate.invalidate(rejected);
      }

      @Override
      public String toString() {
        return "ShopifyTokens." + mode + "[" + endpoint.host() + ", <redacted>]";
      }
    };
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(
          "ShopifyTokens",
          java.util.List.of(dev.retailsync.api.FieldError.redacted(name, "is required")),
          ErrorContext.none());
    }
  }
}
