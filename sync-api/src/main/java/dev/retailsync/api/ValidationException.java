package dev.retailsync.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a value breaks the rules of the canonical model: a missing required component, a
 * negative quantity, an unknown currency, a malformed identifier, or constraint violations found by
 * validating a whole entity. Carries every problem found, each naming its field path.
 *
 * <p>Never retryable: the same input fails the same way until it is corrected.
 */
public class ValidationException extends SyncException {
  private static final long serialVersionUID = 1L;

  // An array, not a List: the field must be serializable as declared (javac -Xlint:serial).
  private final FieldError[] errors;

  /**
   * Creates an exception for one or more field errors.
   *
   * @param subject what was being validated, such as {@code "Account"}
   * @param errors the problems, at least one
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public ValidationException(String subject, List<FieldError> errors) {
    this(subject, errors, ErrorContext.none());
  }

  /**
   * Creates an exception for one or more field errors, with context.
   *
   * @param subject what was being validated, such as {@code "Account"}
   * @param errors the problems, at least one
   * @param context where it happened
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public ValidationException(String subject, List<FieldError> errors, ErrorContext context) {
    super(render(subject, errors), null, context, false);
    this.errors = errors.toArray(new FieldError[0]);
  }

  /**
   * Returns a validation exception for a single field.
   *
   * @param subject what was being validated, such as {@code "Money"}
   * @param path the field path
   * @param value the rejected value
   * @param message what is wrong and how to fix it
   * @return the exception, ready to throw
   */
  public static ValidationException of(String subject, String path, Object value, String message) {
    return new ValidationException(subject, List.of(FieldError.of(path, value, message)));
  }

  /**
   * Returns every problem found.
   *
   * @return the field errors, never empty
   */
  public List<FieldError> errors() {
    return List.of(errors);
  }

  private static String render(String subject, List<FieldError> errors) {
    if (errors == null || errors.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one FieldError");
    }
    return "Invalid "
        + subject
        + ": "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
