package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies Business Central error bodies ({@code {"error":{"code","message"}}}) into the shared
 * taxonomy, pulling the correlation id out of the message ("... CorrelationId: guid.").
 */
final class BcErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CORRELATION =
      Pattern.compile("\\s*CorrelationId:\\s*([0-9A-Za-z-]+)\\.?\\s*$");

  /** The code of a missing {@code If-Match} on an update. */
  static final String MISSING_IF_MATCH = "BadRequest_InvalidToken";

  /** The code of a stale {@code If-Match} on an update. */
  static final String ENTITY_CHANGED = "Request_EntityChanged";

  private BcErrors() {}

  /** Parses a response body into an error. */
  static ErpError parse(int status, String body, Duration retryAfter) {
    if (body != null && !body.isBlank()) {
      try {
        return parse(status, JSON.readTree(body), retryAfter);
      } catch (IOException notJson) {
        // A gateway page (502/503/504) or an empty 429: classified by status below.
      }
    }
    return classify(status, null, null, retryAfter);
  }

  /** Parses an error body already read as JSON (a {@code $batch} inner response body). */
  static ErpError parse(int status, JsonNode body, Duration retryAfter) {
    JsonNode err = body == null ? null : body.path("error");
    String code = err == null ? null : text(err.get("code"));
    String message = err == null ? null : text(err.get("message"));
    return classify(status, code, message, retryAfter);
  }

  static ErpError classify(int status, String code, String message, Duration retryAfter) {
    String correlation = null;
    if (message != null) {
      Matcher m = CORRELATION.matcher(message);
      if (m.find()) {
        correlation = m.group(1);
        message = message.substring(0, m.start()).trim();
      }
    }
    if (message == null || message.isBlank()) {
      message = "Business Central answered HTTP " + status + (code == null ? "" : " " + code);
    }
    ErpErrorKind kind = kind(status, code);
    ErpError e = ErpError.of(kind, status, code, message).withCorrelationId(correlation);
    if (MISSING_IF_MATCH.equals(code)) {
      e =
          ErpError.of(
                  ErpErrorKind.VALIDATION,
                  status,
                  code,
                  "the update carried no If-Match header, which Business Central requires: send"
                      + " the record's @odata.etag (or * to overwrite) ("
                      + message
                      + ")")
              .withFieldPath("If-Match")
              .withCorrelationId(correlation);
    } else if ("Internal_EntityWithSameKeyExists".equals(code)) {
      // Another writer created the record between our look-up and our create: looking it up
      // again and updating it will do.
      e = e.withRetryable(true);
    }
    return retryAfter == null ? e : e.withRetryAfter(retryAfter);
  }

  private static ErpErrorKind kind(int status, String code) {
    if (code != null) {
      if (code.equals(ENTITY_CHANGED)) {
        return ErpErrorKind.CONFLICT;
      }
      if (code.equals("Internal_EntityWithSameKeyExists")) {
        return ErpErrorKind.CONFLICT;
      }
      if (code.equals("BadRequest_NotFound") || code.equals("Internal_RecordNotFound")) {
        return ErpErrorKind.NOT_FOUND;
      }
      if (code.startsWith("Authentication_")) {
        return ErpErrorKind.AUTHENTICATION;
      }
      if (code.startsWith("Authorization_")) {
        return ErpErrorKind.PERMISSION;
      }
      if (code.equals("Internal_ServerError")) {
        return ErpErrorKind.TRANSIENT;
      }
      if (code.startsWith("Application_") && status == 400) {
        return ErpErrorKind.VALIDATION;
      }
    }
    switch (status) {
      case 401:
        return ErpErrorKind.AUTHENTICATION;
      case 403:
        return ErpErrorKind.PERMISSION;
      case 404:
        return ErpErrorKind.NOT_FOUND;
      case 409:
        return ErpErrorKind.CONFLICT;
      case 412:
        return ErpErrorKind.CONFLICT;
      case 429:
        return ErpErrorKind.THROTTLED;
      case 408:
      case 500:
      case 502:
      case 503:
      case 504:
        return ErpErrorKind.TRANSIENT;
      case 400:
      case 422:
        return ErpErrorKind.VALIDATION;
      default:
        return status >= 500 ? ErpErrorKind.TRANSIENT : ErpErrorKind.UNKNOWN;
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
