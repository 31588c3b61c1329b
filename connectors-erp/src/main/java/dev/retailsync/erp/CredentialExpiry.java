package dev.retailsync.erp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a credential a connector uses expires (a NetSuite certificate, an Entra client secret, an
 * SAP communication user's password), so that the connector reports it well before calls start
 * failing.
 *
 * <p>The value holds a name for the credential and its expiry only, never the secret.
 *
 * @param credential what the credential is, such as {@code NetSuite certificate kid=abc}
 * @param expiresAt when it stops working
 */
public record CredentialExpiry(String credential, Instant expiresAt) {

  /** Default warning window: 30 days before expiry. */
  public static final Duration DEFAULT_WARNING = Duration.ofDays(30);

  // Checks the components.
  public CredentialExpiry {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Returns a warning when the credential expires within {@code window}, or has expired.
   *
   * @param clock the clock to read now from
   * @param window how long before expiry to start warning
   * @return the warning text, or empty while the credential is far from expiry
   */
  public Optional<String> warning(Clock clock, Duration window) {
    Instant now = clock.instant();
    if (!now.isBefore(expiresAt)) {
      return Optional.of(credential + " expired at " + expiresAt + "; renew it now");
    }
    Duration left = Duration.between(now, expiresAt);
    if (left.compareTo(window) <= 0) {
      return Optional.of(
          credential + " expires at " + expiresAt + " (in " + left.toDays() + " days); renew it");
    }
    return Optional.empty();
  }
}
