package dev.retailsync.api.spi;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * What became of one record of a batch write, keyed by the caller's {@link WriteRequest#key()}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param key the caller's key of the request this outcome answers
 * @param status what happened
 * @param externalId the record's id in the target, when it was written or found, else {@code null}
 * @param version the record's new version token, or {@code null}
 * @param errorCode the platform's error code for a failure, such as {@code DUPLICATE_VALUE}, or
 *     {@code null}
 * @param message what went wrong, for a failure, or {@code null}
 * @param errors the fields the platform named for a failure; empty otherwise
 * @param retryAfter how long the platform asked to wait before retrying, or {@code null}
 */
public record WriteOutcome(
    String key,
    Status status,
    ExternalId externalId,
    String version,
    String errorCode,
    String message,
    List<FieldError> errors,
    Duration retryAfter) {

  /** The fate of one record. */
  public enum Status {
    /** The record did not exist and was created. */
    CREATED,
    /** The record existed and was changed. */
    UPDATED,
    /** The record existed and already had these values; nothing was written. */
    UNCHANGED,
    /** The platform refused the record; retrying the same data will fail again. */
    REJECTED,
    /** The record was not written, or its fate is unknown, and a retry may succeed. */
    RETRYABLE_FAILURE;

    /**
     * Tells whether the record is now in the target with the values written.
     *
     * @return {@code true} for created, updated and unchanged
     */
    public boolean isSuccess() {
      return this == CREATED || this == UPDATED || this == UNCHANGED;
    }
  }

  // Checks the components; see the class documentation for the rules.
  public WriteOutcome {
    Checks.requiredText("WriteOutcome", "key", key);
    Checks.required("WriteOutcome", "status", status);
    errors = Checks.list("WriteOutcome", "errors", errors);
    if (!status.isSuccess()) {
      Checks.requiredText("WriteOutcome", "message", message);
    }
  }

  /**
   * Returns the outcome of a record that was created.
   *
   * @param key the request's key
   * @param id the new record's id
   * @param version its version token, or {@code null}
   * @return the outcome
   */
  public static WriteOutcome created(String key, ExternalId id, String version) {
    return new WriteOutcome(key, Status.CREATED, id, version, null, null, List.of(), null);
  }

  /**
   * Returns the outcome of a record that was updated.
   *
   * @param key the request's key
   * @param id the record's id
   * @param version its new version token, or {@code null}
   * @return the outcome
   */
  public static WriteOutcome updated(String key, ExternalId id, String version) {
    return new WriteOutcome(key, Status.UPDATED, id, version, null, null, List.of(), null);
  }

  /**
   * Returns the outcome of a record that already had the values written.
   *
   * @param key the request's key
   * @param id the record's id
   * @param version its version token, or {@code null}
   * @return the outcome
   */
  public static WriteOutcome unchanged(String key, ExternalId id, String version) {
    return new WriteOutcome(key, Status.UNCHANGED, id, version, null, null, List.of(), null);
  }

  /**
   * Returns the outcome of a record the platform refused.
   *
   * @param key the request's key
   * @param errorCode the platform's error code, or {@code null}
   * @param message what the platform said
   * @param errors the fields it named
   * @return the outcome
   */
  public static WriteOutcome rejected(
      String key, String errorCode, String message, List<FieldError> errors) {
    return new WriteOutcome(key, Status.REJECTED, null, null, errorCode, message, errors, null);
  }

  /**
   * Returns the outcome of a record that may be written by a later retry.
   *
   * @param key the request's key
   * @param errorCode the platform's error code, or {@code null}
   * @param message what went wrong
   * @param retryAfter how long the platform asked to wait, or {@code null}
   * @return the outcome
   */
  public static WriteOutcome retryable(
      String key, String errorCode, String message, Duration retryAfter) {
    return new WriteOutcome(
        key, Status.RETRYABLE_FAILURE, null, null, errorCode, message, List.of(), retryAfter);
  }

  /**
   * Tells whether the record is now in the target with the values written.
   *
   * @return {@code true} for created, updated and unchanged
   */
  public boolean isSuccess() {
    return status.isSuccess();
  }
}
