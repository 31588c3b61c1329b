package dev.retailsync.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when the SDK or a connector is configured wrongly: a missing or malformed setting, an
 * unknown connector id, two connector providers claiming one id. Carries one {@link FieldError} per
 * offending setting where settings are at fault.
 *
 * <p>Never retryable: the configuration must be corrected.
 */
public class ConfigurationException extends SyncException {
  private static final long serialVersionUID = 1L;

  // An array, not a List: the field must be serializable as declared (javac -Xlint:serial).
  private final FieldError[] problems;

  /**
   * Creates an exception that is not about individual settings.
   *
   * @param message what is wrong and how to fix it
   */
  public ConfigurationException(String message) {
    super(message, null, ErrorContext.none(), false);
    this.problems = new FieldError[0];
  }

  /**
   * Creates an exception for settings that failed validation.
   *
   * @param subject what was configured, such as {@code "connector 'netsuite'"}
   * @param problems one error per offending setting, at least one
   */
  public ConfigurationException(String subject, List<FieldError> problems) {
    super(
        "Invalid configuration of "
            + subject
            + ": "
            + problems.stream().map(FieldError::toString).collect(Collectors.joining("; ")),
        null,
        ErrorContext.none(),
        false);
    this.problems = problems.toArray(new FieldError[0]);
  }

  /**
   * Returns the problems with individual settings.
   *
   * @return the problems; empty when the failure is not about individual settings
   */
  public List<FieldError> problems() {
    return List.of(problems);
  }
}
