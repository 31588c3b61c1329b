package dev.retailsync.api;

import java.util.Optional;

/**
 * Thrown when a remote system answers a call with an error that is not covered by a more specific
 * subtype: a server error, a timeout, a permission error, a record not found, or a rejection with
 * the platform's own error code. The connector sets the retryable verdict from the platform's error
 * code, not from the HTTP status alone.
 */
public class RemoteSystemException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String errorCode;

  /**
   * Creates an exception.
   *
   * @param message what the remote system said, without secrets
   * @param httpStatus the HTTP status, or 0 when there was no response (timeout, connection reset)
   * @param errorCode the platform's error code, such as {@code UNABLE_TO_LOCK_ROW}, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param context where it happened
   * @param retryable whether trying again later may succeed
   */
  public RemoteSystemException(
      String message,
      int httpStatus,
      String errorCode,
      Throwable cause,
      ErrorContext context,
      boolean retryable) {
    super(message, cause, context, retryable);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /**
   * Returns the HTTP status of the response.
   *
   * @return the status, or 0 when no response was received
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the platform's own error code.
   *
   * @return the code, or empty when the platform gave none
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
