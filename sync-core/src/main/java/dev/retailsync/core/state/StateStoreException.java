package dev.retailsync.core.state;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.SyncException;

/**
 * Thrown when a state store cannot do its work: the database is down or went away, a query failed,
 * or the schema is of another version than this release. Retryable when the database reported a
 * transient condition (connection lost, deadlock, serialization failure).
 */
public class StateStoreException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and how to fix it
   * @param cause the driver's exception, or {@code null}
   * @param retryable whether trying again later may succeed
   */
  public StateStoreException(String message, Throwable cause, boolean retryable) {
    super(message, cause, ErrorContext.of(null, "state"), retryable);
  }
}
