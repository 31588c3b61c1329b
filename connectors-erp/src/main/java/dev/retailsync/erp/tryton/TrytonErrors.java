package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tryton's error shapes mapped into the shared ERP taxonomy. Tryton answers application errors with
 * HTTP 200 and an {@code error} array: {@code ["UserError",[message, description, domain]]}, {@code
 * ["UserWarning",[name, message, description]]}, {@code ["ConcurrencyException", message]}, or a
 * programming error as {@code [str(exception), traceback]}. Transport errors are HTTP statuses (401
 * bad or expired session, 403 unknown method, 429 too many failed logins, 411 chunked body).
 */
final class TrytonErrors {
  private static final Pattern FIELD = Pattern.compile("field \"([^\"]+)\"");

  private TrytonErrors() {}

  /**
   * Classifies an {@code error} array of a JSON-RPC answer.
   *
   * @param error the array
   * @return the error; {@link Failure#warningName()} is set for a {@code UserWarning}
   */
  static Failure fromRpcError(JsonNode error) {
    String head = error.path(0).asText("");
    JsonNode args = error.path(1);
    switch (head) {
      case "UserError":
        {
          String message = args.path(0).asText("");
          String description = TrytonCodec.text(args.path(1));
          String text = description == null ? message : message + " " + description;
          ErpErrorKind kind = userErrorKind(message);
          ErpError e = ErpError.of(kind, 200, "UserError", text);
          Matcher m = FIELD.matcher(message);
          if (m.find()) {
            e = e.withFieldPath(m.group(1));
          }
          return new Failure(e, null);
        }
      case "UserWarning":
        {
          String name = args.path(0).asText("");
          String message = args.path(1).asText("");
          ErpError e =
              ErpError.of(
                  ErpErrorKind.VALIDATION, 200, "UserWarning", message + " (warning " + name + ")");
          return new Failure(e, name);
        }
      case "ConcurrencyException":
        return new Failure(
            ErpError.of(
                ErpErrorKind.CONFLICT,
                200,
                "ConcurrencyException",
                args.isTextual() ? args.asText() : "Records were modified in the meanwhile"),
            null);
      case "LoginException":
        return new Failure(
            ErpError.of(
                ErpErrorKind.AUTHENTICATION,
                200,
                "LoginException",
                args.path(1).asText("login refused")),
            null);
      case "RateLimitException":
        return new Failure(
            ErpError.of(ErpErrorKind.THROTTLED, 200, "RateLimitException", "too many requests"),
            null);
      default:
        return new Failure(programmingError(head), null);
    }
  }

  private static ErpErrorKind userErrorKind(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("don't exist anymore") || m.contains("does not exist")) {
      return ErpErrorKind.NOT_FOUND;
    }
    if (m.startsWith("you are not allowed to") || m.contains("access rule")) {
      return ErpErrorKind.PERMISSION;
    }
    return ErpErrorKind.VALIDATION;
  }

  private static ErpError programmingError(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("database is locked") || m.contains("could not serialize")) {
      return ErpError.of(ErpErrorKind.TRANSIENT, 200, "DatabaseOperationalError", message);
    }
    if (m.contains("doesn't exist!")) {
      // "Database '<path>/x.sqlite' doesn't exist!": leaks the server's path; keep it out.
      return ErpError.of(
          ErpErrorKind.NOT_FOUND,
          200,
          "DatabaseNotFound",
          "the Tryton database does not exist; check the database setting");
    }
    return ErpError.of(
        ErpErrorKind.UNKNOWN, 200, "ServerError", "Tryton raised: " + truncate(message));
  }

  /**
   * Classifies a non-200 HTTP answer.
   *
   * @param status the HTTP status
   * @param retryAfter the wait the server asked for, or {@code null}
   * @return the error
   */
  static ErpError fromHttpStatus(int status, Duration retryAfter) {
    return switch (status) {
      case 401 ->
          ErpError.of(
              ErpErrorKind.AUTHENTICATION,
              401,
              "HTTP401",
              "Tryton refused the login or session; check the login and password");
      case 403 ->
          ErpError.of(
              ErpErrorKind.PERMISSION,
              403,
              "HTTP403",
              "Tryton refused the method (unknown method, or not allowed for this user)");
      case 429 ->
          ErpError.of(
                  ErpErrorKind.THROTTLED,
                  429,
                  "HTTP429",
                  "Tryton throttled the client (too many failed logins or requests)")
              .withRetryAfter(retryAfter);
      case 408, 502, 503, 504 ->
          ErpError.of(ErpErrorKind.TRANSIENT, status, "HTTP" + status, "Tryton is unavailable")
              .withRetryAfter(retryAfter);
      default ->
          status >= 500
              ? ErpError.of(ErpErrorKind.TRANSIENT, status, "HTTP" + status, "Tryton server error")
                  .withRetryAfter(retryAfter)
              : ErpError.of(
                  ErpErrorKind.UNKNOWN,
                  status,
                  "HTTP" + status,
                  "Tryton answered HTTP " + status + " (a malformed request)");
    };
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /**
   * A classified error, and the warning name when Tryton asked for a confirmation.
   *
   * @param error the error
   * @param warningName the {@code UserWarning} name to acknowledge, or {@code null}
   */
  record Failure(ErpError error, String warningName) {}
}
