package dev.retailsync.api;

import java.util.Optional;

/**
 * Thrown when a write lost a concurrency race: the record changed since the version the writer read
 * (a stale ETag, an outdated timestamp, a lost compare-and-set). Carries the current version token
 * when the remote system returned one, so the caller can re-read and re-plan.
 *
 * <p>Not retryable as is, unless created as retryable: the same write with the same version fails
 * again.
 */
public class ConflictException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String currentVersion;

  /**
   * Creates an exception.
   *
   * @param message what conflicted
   * @param currentVersion the record's current version token, or {@code null} when unknown
   * @param context where it happened
   */
  public ConflictException(String message, String currentVersion, ErrorContext context) {
    this(message, currentVersion, context, false);
  }

  /**
   * Creates an exception that may be retryable: a lost race inside the SDK (a re-read and a new
   * attempt will do) rather than a stale version the caller must re-plan from.
   *
   * @param message what conflicted
   * @param currentVersion the record's current version token, or {@code null} when unknown
   * @param context where it happened
   * @param retryable whether trying the same operation again may succeed
   */
  public ConflictException(
      String message, String currentVersion, ErrorContext context, boolean retryable) {
    super(message, null, context, retryable);
    this.currentVersion = currentVersion;
  }

  /**
   * Returns the record's current version token as the remote system reported it.
   *
   * @return the version, or empty when the remote system did not say
   */
  public Optional<String> currentVersion() {
    return Optional.ofNullable(currentVersion);
  }
}
