package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses SuiteTalk REST error bodies ({@code o:errorDetails[].o:errorCode}, {@code o:errorPath})
 * into the shared taxonomy. Classification goes by error code first and HTTP status second, never
 * by message text.
 */
final class NetSuiteErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Codes that mean the account's concurrency governance refused the request. */
  private static final Set<String> THROTTLE_CODES =
      Set.of(
          "CONCURRENCY_LIMIT_EXCEEDED",
          "SSS_REQUEST_LIMIT_EXCEEDED",
          "WS_REQUEST_BLOCKED",
          "EXCEEDED_CONCURRENT_REQUEST_LIMIT",
          "REQUEST_LIMIT_EXCEEDED");

  private static final Set<String> AUTH_CODES =
      Set.of("INVALID_LOGIN", "INVALID_LOGIN_ATTEMPT", "INVALID_TOKEN", "EXPIRED_TOKEN");

  private static final Set<String> PERMISSION_CODES =
      Set.of("INSUFFICIENT_PERMISSION", "ACCESS_DENIED", "FEATURE_DISABLED", "INVALID_ROLE");

  private static final Set<String> NOT_FOUND_CODES =
      Set.of("NONEXISTENT_ID", "RCRD_DSNT_EXIST", "NONEXISTENT_RECORD", "INVALID_RCRD_TYPE");

  private static final Set<String> CONFLICT_CODES =
      Set.of("RCRD_HAS_BEEN_CHANGED", "IDEMPOTENCY_ERROR", "DUP_RCRD", "UNIQUE_CUST_ID_REQD");

  private static final Set<String> TRANSIENT_CODES =
      Set.of("UNEXPECTED_ERROR", "SSS_TIME_LIMIT_EXCEEDED", "RCRD_LOCKED_BY_WF");

  private NetSuiteErrors() {}

  /** One entry of {@code o:errorDetails}. */
  record Detail(String code, String detail, String path) {}

  /** Reads the details of an error body; empty when the body is not NetSuite's error JSON. */
  static List<Detail> details(String body) {
    List<Detail> out = new ArrayList<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    try {
      JsonNode root = JSON.readTree(body);
      for (JsonNode d : root.path("o:errorDetails")) {
        out.add(
            new Detail(
                text(d, "o:errorCode"),
                text(d, "detail"),
                text(d, "o:errorPath") != null
                    ? text(d, "o:errorPath")
                    : text(d, "o:errorHeader")));
      }
    } catch (IOException notJson) {
      // an HTML gateway page: classified by status alone
    }
    return out;
  }

  /**
   * Classifies a failed response.
   *
   * @param status the HTTP status
   * @param body the response body
   * @param operationId the {@code X-N-OperationId} header, kept as the correlation id
   * @param retryAfter the wait the server asked for, or {@code null}
   * @param idempotent whether repeating the request cannot apply it twice
   */
  static ErpError classify(
      int status, String body, String operationId, Duration retryAfter, boolean idempotent) {
    List<Detail> details = details(body);
    Detail first = details.isEmpty() ? new Detail(null, null, null) : details.get(0);
    String code = first.code();
    ErpErrorKind kind = kind(status, code);
    String message = first.detail() != null ? first.detail() : "HTTP " + status;
    if (code != null) {
      message = code + ": " + message;
    }
    if (details.size() > 1) {
      message = message + " (and " + (details.size() - 1) + " more)";
    }
    ErpError error = ErpError.of(kind, status, code, message);
    if (first.path() != null) {
      error = error.withFieldPath(first.path());
    }
    if (operationId != null) {
      error = error.withCorrelationId(operationId);
    }
    if (retryAfter != null) {
      error = error.withRetryAfter(retryAfter);
    }
    if (kind == ErpErrorKind.TRANSIENT && !idempotent) {
      error = error.withRetryable(false);
    }
    return error;
  }

  static ErpErrorKind kind(int status, String code) {
    String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
    if (THROTTLE_CODES.contains(c) || status == 429) {
      return ErpErrorKind.THROTTLED;
    }
    if (AUTH_CODES.contains(c)) {
      return ErpErrorKind.AUTHENTICATION;
    }
    if (PERMISSION_CODES.contains(c)) {
      return ErpErrorKind.PERMISSION;
    }
    if (NOT_FOUND_CODES.contains(c)) {
      return ErpErrorKind.NOT_FOUND;
    }
    if (CONFLICT_CODES.contains(c)) {
      return ErpErrorKind.CONFLICT;
    }
    if (TRANSIENT_CODES.contains(c)) {
      return ErpErrorKind.TRANSIENT;
    }
    if (status == 401) {
      return ErpErrorKind.AUTHENTICATION;
    }
    if (status == 403) {
      return ErpErrorKind.PERMISSION;
    }
    if (status == 404) {
      return ErpErrorKind.NOT_FOUND;
    }
    if (status == 409 || status == 412) {
      return ErpErrorKind.CONFLICT;
    }
    if (status == 408 || status >= 500) {
      return ErpErrorKind.TRANSIENT;
    }
    if (status == 400 || status == 422) {
      // USER_ERROR, INVALID_CONTENT, INVALID_FLD_VALUE and other record-level refusals.
      return ErpErrorKind.VALIDATION;
    }
    return ErpErrorKind.UNKNOWN;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
