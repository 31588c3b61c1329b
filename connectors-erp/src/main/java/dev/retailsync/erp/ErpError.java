package dev.retailsync.erp;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ConflictException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One ERP error, classified into the shared taxonomy.
 *
 * <p>Each ERP connector parses its platform's error body (NetSuite {@code o:errorDetails}, Business
 * Central {@code error.code}, SAP {@code error.innererror.errordetails}, Tryton's JSON-RPC error
 * array) into this value; the engine then sees either a {@link WriteOutcome} for a record or a
 * {@link SyncException} subtype for a call, both with the retryable verdict of the kind.
 *
 * @param kind the class of error, which decides the retryable verdict
 * @param retryable whether the same request may succeed later (usually {@code kind.retryable()})
 * @param httpStatus the HTTP status, or 0 when there was no response
 * @param code the ERP's own error code, such as {@code Request_EntityChanged}, or {@code null}
 * @param message what the ERP said, without secrets or personal data
 * @param fieldPath the field the ERP named, in the ERP's own terms, or {@code null}
 * @param correlationId the ERP's request or correlation id for its support, or {@code null}
 * @param retryAfter the wait the ERP asked for, or {@code null}
 * @param currentVersion the record's current version reported with a conflict, or {@code null}
 */
public record ErpError(
    ErpErrorKind kind,
    boolean retryable,
    int httpStatus,
    String code,
    String message,
    String fieldPath,
    String correlationId,
    Duration retryAfter,
    VersionToken currentVersion) {

  // Checks the components.
  public ErpError {
    Objects.requireNonNull(kind, "kind");
    if (message == null || message.isBlank()) {
      message = code != null ? code : kind.name();
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      retryAfter = Duration.ZERO;
    }
  }

  /**
   * Returns an error of a kind with its default retryable verdict.
   *
   * @param kind the class of error
   * @param httpStatus the HTTP status, or 0
   * @param code the ERP's error code, or {@code null}
   * @param message what the ERP said
   * @return the error
   */
  public static ErpError of(ErpErrorKind kind, int httpStatus, String code, String message) {
    return new ErpError(kind, kind.retryable(), httpStatus, code, message, null, null, null, null);
  }

  /**
   * Returns this error naming the field the ERP named.
   *
   * @param path the field, in the ERP's terms
   * @return a copy
   */
  public ErpError withFieldPath(String path) {
    return new ErpError(
        kind,
        retryable,
        httpStatus,
        code,
        message,
        path,
        correlationId,
        retryAfter,
        currentVersion);
  }

  /**
   * Returns this error with the ERP's correlation id for its support.
   *
   * @param id the id
   * @return a copy
   */
  public ErpError withCorrelationId(String id) {
    return new ErpError(
        kind, retryable, httpStatus, code, message, fieldPath, id, retryAfter, currentVersion);
  }

  /**
   * Returns this error with the wait the ERP asked for.
   *
   * @param wait the wait, or {@code null}
   * @return a copy
   */
  public ErpError withRetryAfter(Duration wait) {
    return new ErpError(
        kind, retryable, httpStatus, code, message, fieldPath, correlationId, wait, currentVersion);
  }

  /**
   * Returns this error with the record's current version, for a conflict.
   *
   * @param version the version, or {@code null}
   * @return a copy
   */
  public ErpError withCurrentVersion(VersionToken version) {
    return new ErpError(
        kind, retryable, httpStatus, code, message, fieldPath, correlationId, retryAfter, version);
  }

  /**
   * Returns this error with another retryable verdict than its kind's default.
   *
   * @param verdict whether the same request may succeed later
   * @return a copy
   */
  public ErpError withRetryable(boolean verdict) {
    return new ErpError(
        kind,
        verdict,
        httpStatus,
        code,
        message,
        fieldPath,
        correlationId,
        retryAfter,
        currentVersion);
  }

  /**
   * Returns the per-record outcome of a write that failed with this error: a retryable failure or a
   * rejection naming the field; a conflict carries the current version.
   *
   * @param key the write request's key
   * @return the outcome
   */
  public WriteOutcome toOutcome(String key) {
    String text = describe();
    if (retryable) {
      return WriteOutcome.retryable(key, code(), text, retryAfter);
    }
    List<FieldError> errors =
        fieldPath == null ? List.of() : List.of(FieldError.redacted(fieldPath, message));
    return new WriteOutcome(
        key,
        WriteOutcome.Status.REJECTED,
        null,
        currentVersion == null ? null : currentVersion.toString(),
        code(),
        text,
        errors,
        null);
  }

  /**
   * Returns the exception for a call that failed with this error, of the API's type for the kind:
   * {@link AuthenticationException}, {@link RateLimitException}, {@link ConflictException}, {@link
   * ValidationException}, otherwise {@link RemoteSystemException}.
   *
   * @param context where it happened
   * @return the exception, with this error's retryable verdict
   */
  public SyncException toException(ErrorContext context) {
    String text = describe();
    return switch (kind) {
      case AUTHENTICATION -> new AuthenticationException(text, null, context);
      case THROTTLED -> new RateLimitException(text, retryAfter, context, retryable);
      case CONFLICT ->
          new ConflictException(
              text, currentVersion == null ? null : currentVersion.toString(), context, retryable);
      case VALIDATION ->
          new ValidationException(
              text,
              List.of(FieldError.redacted(fieldPath == null ? "(record)" : fieldPath, message)),
              context);
      default -> new RemoteSystemException(text, httpStatus, code, null, context, retryable);
    };
  }

  /**
   * Returns the error code for outcomes: the ERP's own code, or the kind's name.
   *
   * @return the code
   */
  public String code() {
    return code != null ? code : kind.name();
  }

  private String describe() {
    StringBuilder text = new StringBuilder(kind.name()).append(": ").append(message);
    if (fieldPath != null) {
      text.append(" (field ").append(fieldPath).append(')');
    }
    if (correlationId != null) {
      text.append(" [correlation ").append(correlationId).append(']');
    }
    return text.toString();
  }
}
