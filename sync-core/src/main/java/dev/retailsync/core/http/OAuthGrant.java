package dev.retailsync.core.http;

import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.FormBody;

/**
 * How a {@link OAuthTokenProvider} obtains tokens: the grant types retail platforms use for
 * server-to-server integration. No username-password grant: platforms are retiring it.
 *
 * <p>Immutable and thread-safe. {@code toString()} never shows a secret.
 */
public abstract class OAuthGrant {

  private OAuthGrant() {}

  /** Adds the grant's fields to the token request's form. */
  abstract void addTo(FormBody.Builder form);

  /** Called with the response before the token is used (refresh-token rotation). */
  void accepted(OAuthToken token) {}

  /**
   * Returns the client-credentials grant with the id and secret in the form (Salesforce, Shopify,
   * Entra ID).
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scope the scope to ask for (Entra: {@code
   *     https://api.businesscentral.dynamics.com/.default}), or {@code null}
   * @return the grant
   */
  public static OAuthGrant clientCredentials(String clientId, String clientSecret, String scope) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    return new OAuthGrant() {
      @Override
      void addTo(FormBody.Builder form) {
        form.add("grant_type", "client_credentials");
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        if (scope != null) {
          form.add("scope", scope);
        }
      }

      @Override
      public String toString() {
        return "client_credentials[" + clientId + "]";
      }
    };
  }

  /**
   * Returns the client-credentials grant authenticated by a signed JWT assertion instead of a
   * secret (NetSuite's OAuth 2.0 machine-to-machine flow).
   *
   * @param assertion mints a fresh signed assertion per request (see {@link Jwt#rs256})
   * @param scope the scope to ask for, or {@code null}
   * @return the grant
   */
  public static OAuthGrant clientAssertion(Supplier<String> assertion, String scope) {
    Objects.requireNonNull(assertion, "assertion");
    return new OAuthGrant() {
      @Override
      void addTo(FormBody.Builder form) {
        form.add("grant_type", "client_credentials");
        form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.add("client_assertion", assertion.get());
        if (scope != null) {
          form.add("scope", scope);
        }
      }

      @Override
      public String toString() {
        return "client_credentials[assertion]";
      }
    };
  }

  /**
   * Returns the JWT bearer grant (Salesforce: a JWT signed with the integration user's key, {@code
   * iss} the consumer key, {@code sub} the username, {@code aud} the login host).
   *
   * @param assertion mints a fresh signed assertion per request
   * @return the grant
   */
  public static OAuthGrant jwtBearer(Supplier<String> assertion) {
    Objects.requireNonNull(assertion, "assertion");
    return new OAuthGrant() {
      @Override
      void addTo(FormBody.Builder form) {
        form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.add("assertion", assertion.get());
      }

      @Override
      public String toString() {
        return "jwt-bearer";
      }
    };
  }

  /**
   * Returns the refresh-token grant. When the endpoint rotates refresh tokens, the new one is saved
   * to the store before the new access token is handed out, so the old one is never presented again
   * (which would revoke the grant).
   *
   * @param clientId the client id
   * @param clientSecret the client secret, or {@code null} for public clients
   * @param store where the current refresh token lives
   * @return the grant
   */
  public static OAuthGrant refreshToken(
      String clientId, String clientSecret, RefreshTokenStore store) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(store, "store");
    return new OAuthGrant() {
      @Override
      void addTo(FormBody.Builder form) {
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", store.load());
        form.add("client_id", clientId);
        if (clientSecret != null) {
          form.add("client_secret", clientSecret);
        }
      }

      @Override
      void accepted(OAuthToken token) {
        token.refreshToken().ifPresent(store::save);
      }

      @Override
      public String toString() {
        return "refresh_token[" + clientId + "]";
      }
    };
  }
}
