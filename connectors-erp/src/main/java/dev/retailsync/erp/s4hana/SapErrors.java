package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.VersionToken;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses SAP Gateway's OData v2 error body ({@code error.code}, {@code error.message.value}, {@code
 * error.innererror.errordetails[]} with {@code propertyref}/{@code target}, {@code
 * innererror.transactionid}) into the shared {@link ErpError} taxonomy.
 */
final class SapErrors {
  /** Gateway's generic wrapper, repeated in errordetails beside the real message. */
  private static final String GATEWAY_WRAPPER = "/IWBEP/CX_MGW_BUSI_EXCEPTION";

  private SapErrors() {}

  /**
   * Classifies an error answer.
   *
   * @param status the HTTP status
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   * @param body the body (JSON, XML or an HTML page)
   * @param clock for HTTP-date {@code Retry-After} values
   * @return the error
   */
  static ErpError parse(int status, String retryAfter, String body, Clock clock) {
    ErpErrorKind kind = kind(status);
    String code = null;
    String message = "HTTP " + status;
    String field = null;
    String transaction = null;
    JsonNode error = error(body);
    if (error != null) {
      code = ODataV2.text(error, "code");
      JsonNode m = error.path("message");
      message = m.isObject() ? m.path("value").asText(message) : m.asText(message);
      JsonNode inner = error.path("innererror");
      transaction = ODataV2.text(inner, "transactionid");
      for (JsonNode d : inner.path("errordetails")) {
        String target = firstNonEmpty(d, "propertyref", "target");
        if (field == null && target != null) {
          field = target;
        }
      }
    } else if (body != null && body.contains("CSRF token validation failed")) {
      message = "CSRF token validation failed";
    }
    ErpError e = ErpError.of(kind, status, code, message);
    if (field != null) {
      e = e.withFieldPath(field);
    }
    if (transaction != null) {
      e = e.withCorrelationId(transaction);
    }
    if (retryAfter != null) {
      e = e.withRetryAfter(RetryAfter.parse(retryAfter, clock).orElse(null));
    }
    return e;
  }

  /**
   * Returns the reasons of a rejection, one per error detail that says something of its own (the
   * Gateway wrapper left out), naming the field where SAP did.
   *
   * @param body the error body
   * @param fallback the message when the body has no details
   * @return at least one reason
   */
  static List<FieldError> reasons(String body, String fallback) {
    return reasons(body, fallback, "(order)");
  }

  /**
   * Returns the reasons of a rejection, naming {@code subject} where SAP named no field.
   *
   * @param body the error body
   * @param fallback the message when the body has no details
   * @param subject the path of a reason SAP did not attribute to a field, such as {@code (return)}
   * @return at least one reason
   */
  static List<FieldError> reasons(String body, String fallback, String subject) {
    List<FieldError> out = new ArrayList<>();
    JsonNode error = error(body);
    if (error != null) {
      for (JsonNode d : error.path("innererror").path("errordetails")) {
        if (GATEWAY_WRAPPER.equals(d.path("code").asText())
            || "info".equals(d.path("severity").asText())) {
          continue;
        }
        String target = firstNonEmpty(d, "propertyref", "target");
        String text = d.path("code").asText("") + " " + d.path("message").asText("");
        out.add(FieldError.redacted(target == null ? subject : target, text.trim()));
      }
      if (out.isEmpty()) {
        JsonNode m = error.path("message");
        String text = m.isObject() ? m.path("value").asText(fallback) : m.asText(fallback);
        out.add(FieldError.redacted(subject, (error.path("code").asText("") + " " + text).trim()));
      }
    }
    if (out.isEmpty()) {
      out.add(FieldError.redacted(subject, fallback));
    }
    return out;
  }

  /**
   * Returns the conflict for a stale or missing {@code If-Match}.
   *
   * @param error the parsed error
   * @param current the current version, when known
   * @return the error with the version
   */
  static ErpError conflict(ErpError error, String current) {
    return current == null ? error : error.withCurrentVersion(VersionToken.etag(current));
  }

  private static ErpErrorKind kind(int status) {
    if (status == 401) {
      return ErpErrorKind.AUTHENTICATION;
    }
    if (status == 403) {
      return ErpErrorKind.PERMISSION;
    }
    if (status == 404) {
      return ErpErrorKind.NOT_FOUND;
    }
    if (status == 409 || status == 412 || status == 428) {
      return ErpErrorKind.CONFLICT;
    }
    if (status == 429) {
      return ErpErrorKind.THROTTLED;
    }
    if (status == 408 || status >= 500) {
      return ErpErrorKind.TRANSIENT;
    }
    if (status >= 400) {
      return ErpErrorKind.VALIDATION;
    }
    return ErpErrorKind.UNKNOWN;
  }

  private static JsonNode error(String body) {
    if (body == null || body.isBlank() || body.strip().charAt(0) != '{') {
      return null;
    }
    try {
      JsonNode root = ODataV2.JSON.readTree(body);
      JsonNode error = root.get("error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String firstNonEmpty(JsonNode d, String... fields) {
    for (String f : fields) {
      String v = ODataV2.text(d, f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
