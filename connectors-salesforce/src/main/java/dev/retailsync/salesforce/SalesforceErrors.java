package dev.retailsync.salesforce;

import java.util.Set;

/**
 * Classifies Salesforce errors by their {@code errorCode} / {@code statusCode}, never by the HTTP
 * status alone (the reference table in the connector's notes): {@code UNABLE_TO_LOCK_ROW} inside a
 * 200 is transient; {@code REQUEST_LIMIT_EXCEEDED} is the daily cap or a concurrency cap; data and
 * mapping errors are permanent.
 */
final class SalesforceErrors {
  enum Kind {
    TRANSIENT,
    PERMANENT,
    DAILY_LIMIT,
    CONCURRENCY_LIMIT,
    AUTHENTICATION
  }

  private static final Set<String> TRANSIENT =
      Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");

  private SalesforceErrors() {}

  static Kind classify(String code, String message) {
    if (code == null) {
      return Kind.PERMANENT;
    }
    if (TRANSIENT.contains(code)) {
      return Kind.TRANSIENT;
    }
    if (code.equals("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY")
        && message != null
        && message.contains("UNABLE_TO_LOCK_ROW")) {
      return Kind.TRANSIENT;
    }
    if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
      return message != null && message.contains("TotalRequests")
          ? Kind.DAILY_LIMIT
          : Kind.CONCURRENCY_LIMIT;
    }
    if (code.equals("INVALID_SESSION_ID")
        || code.equals("INVALID_OPERATION_WITH_EXPIRED_PASSWORD")) {
      return Kind.AUTHENTICATION;
    }
    return Kind.PERMANENT;
  }

  /** Whether an HTTP status with no usable error code is worth retrying. */
  static boolean transientStatus(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }
}
