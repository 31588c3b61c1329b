package dev.retailsync.api;

import java.util.StringJoiner;

/**
 * Where a failure happened: the system, the operation, the correlation id of the change and the
 * number of attempts made. Every component but {@code attempts} may be {@code null}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param system the system the failure is tied to, or {@code null}
 * @param operation the operation, such as {@code "upsert"}, or {@code null}
 * @param correlationId the correlation id of the change or call, or {@code null}
 * @param attempts how many attempts were made, zero or more
 */
public record ErrorContext(
    SystemId system, String operation, CorrelationId correlationId, int attempts) {

  private static final ErrorContext NONE = new ErrorContext(null, null, null, 0);

  // Checks the components; see the class documentation for the rules.
  public ErrorContext {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be zero or more, was " + attempts);
    }
  }

  /**
   * Returns the empty context.
   *
   * @return a context with no system, operation or correlation id and zero attempts
   */
  public static ErrorContext none() {
    return NONE;
  }

  /**
   * Returns a context for one system and operation.
   *
   * @param system the system, or {@code null}
   * @param operation the operation, or {@code null}
   * @return the context, with no correlation id and zero attempts
   */
  public static ErrorContext of(SystemId system, String operation) {
    return new ErrorContext(system, operation, null, 0);
  }

  /**
   * Returns a copy with another correlation id.
   *
   * @param id the correlation id, or {@code null}
   * @return the copy
   */
  public ErrorContext withCorrelationId(CorrelationId id) {
    return new ErrorContext(system, operation, id, attempts);
  }

  /**
   * Returns a copy with another attempt count.
   *
   * @param count how many attempts were made
   * @return the copy
   */
  public ErrorContext withAttempts(int count) {
    return new ErrorContext(system, operation, correlationId, count);
  }

  String describe() {
    StringJoiner j = new StringJoiner(", ", "[", "]").setEmptyValue("");
    if (system != null) {
      j.add("system=" + system.value());
    }
    if (operation != null) {
      j.add("operation=" + operation);
    }
    if (correlationId != null) {
      j.add("correlationId=" + correlationId.value());
    }
    if (attempts > 0) {
      j.add("attempts=" + attempts);
    }
    return j.toString();
  }
}
