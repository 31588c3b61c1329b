package dev.retailsync.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token from an OAuth 2.0 token endpoint, with what came with it: its type, when it
 * expires (Salesforce says nothing, most others {@code expires_in}), a rotated refresh token, and
 * the response's other fields (such as Salesforce's {@code instance_url} and {@code id}).
 *
 * <p>Immutable and thread-safe. {@code toString()} never shows a token.
 */
public final class OAuthToken {
  private final String accessToken;
  private final String tokenType;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final String refreshToken;
  private final Map<String, String> attributes;

  /**
   * Creates a token.
   *
   * @param accessToken the access token, never blank
   * @param tokenType the type, such as {@code Bearer}
   * @param issuedAt when it was issued
   * @param expiresAt when it expires, or {@code null} when the endpoint did not say
   * @param refreshToken a new refresh token, or {@code null}
   * @param attributes the response's other text fields
   */
  public OAuthToken(
      String accessToken,
      String tokenType,
      Instant issuedAt,
      Instant expiresAt,
      String refreshToken,
      Map<String, String> attributes) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("access token is blank");
    }
    this.accessToken = accessToken;
    this.tokenType = tokenType == null ? "Bearer" : tokenType;
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.expiresAt = expiresAt;
    this.refreshToken = refreshToken;
    this.attributes = Map.copyOf(attributes);
  }

  /**
   * Returns the access token. Never log it.
   *
   * @return the token
   */
  public String accessToken() {
    return accessToken;
  }

  /**
   * Returns the token type.
   *
   * @return the type, {@code Bearer} unless the endpoint said otherwise
   */
  public String tokenType() {
    return tokenType;
  }

  /**
   * Returns when the token was issued.
   *
   * @return the instant
   */
  public Instant issuedAt() {
    return issuedAt;
  }

  /**
   * Returns when the token expires.
   *
   * @return the instant, or empty when the endpoint did not say (the token lasts until a 401)
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Returns the refresh token that came with this access token (rotation). Never log it.
   *
   * @return the refresh token, or empty
   */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /**
   * Returns one of the response's other fields, such as {@code instance_url}.
   *
   * @param name the field's name
   * @return its value, or empty
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Tells whether the token is expired, or expires within the given margin.
   *
   * @param now the current instant
   * @param margin how long before expiry a token counts as expired
   * @return {@code true} when it should be refreshed
   */
  public boolean expiresWithin(Instant now, Duration margin) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "OAuthToken[type="
        + tokenType
        + ", issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + ", accessToken=<redacted>"
        + (refreshToken == null ? "" : ", refreshToken=<redacted>")
        + "]";
  }
}
