package dev.retailsync.api;

import java.util.Objects;

/**
 * One problem with one field: its path (such as {@code "credit.limit"} or {@code
 * "lines[0].quantity"}), the rejected value as text, and a message that says how to fix it.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} shows the rejected value only when
 * the error was created with {@link #of}; errors about personal data are created with {@link
 * #redacted} and never carry the value.
 *
 * @param path the field path, never blank
 * @param rejectedValue the rejected value rendered as text, or {@code null} when absent or redacted
 * @param message what is wrong and how to fix it, never blank
 */
public record FieldError(String path, String rejectedValue, String message)
    implements java.io.Serializable {

  // Checks the components; see the class documentation for the rules.
  public FieldError {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("FieldError.path must not be blank");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("FieldError.message must not be blank");
    }
  }

  /**
   * Returns an error that shows the rejected value.
   *
   * @param path the field path
   * @param rejectedValue the value, rendered with {@link String#valueOf(Object)}; {@code null} is
   *     shown as {@code null}
   * @param message what is wrong and how to fix it
   * @return the error
   */
  public static FieldError of(String path, Object rejectedValue, String message) {
    return new FieldError(path, String.valueOf(rejectedValue), message);
  }

  /**
   * Returns an error that does not carry the rejected value, for personal data and secrets.
   *
   * @param path the field path
   * @param message what is wrong and how to fix it
   * @return the error
   */
  public static FieldError redacted(String path, String message) {
    return new FieldError(path, null, message);
  }

  /**
   * Renders the error as {@code path: message (was 'value')}.
   *
   * @return the rendered error
   */
  @Override
  public String toString() {
    return rejectedValue == null
        ? path + ": " + message
        : path + ": " + message + " (was '" + rejectedValue + "')";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldError e
        && path.equals(e.path)
        && Objects.equals(rejectedValue, e.rejectedValue)
        && message.equals(e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, rejectedValue, message);
  }
}
