package dev.retailsync.core.identity;

/**
 * The result of normalising one raw value: either a usable value, or missing with the reason
 * (blank, malformed, absurd) that explanations show.
 *
 * <p>Instances are immutable and thread-safe. The value may be personal data; {@code toString()}
 * hides it.
 *
 * @param value the normalised value, or {@code null} when missing
 * @param problem why the raw value could not be used, or {@code null} when there is a value or the
 *     raw value was simply absent
 */
public record Normalised(String value, String problem) {
  private static final Normalised ABSENT = new Normalised(null, null);

  /**
   * Returns a usable value.
   *
   * @param value the normalised value; an empty string counts as blank
   * @return the result
   */
  public static Normalised of(String value) {
    return value == null || value.isEmpty() ? missing("blank") : new Normalised(value, null);
  }

  /**
   * Returns a missing value with the reason.
   *
   * @param problem why the raw value is unusable
   * @return the result
   */
  public static Normalised missing(String problem) {
    return new Normalised(null, problem);
  }

  /**
   * Returns the result for a value the source did not send.
   *
   * @return the result
   */
  public static Normalised absent() {
    return ABSENT;
  }

  /**
   * Returns whether there is a usable value.
   *
   * @return whether the value is present
   */
  public boolean present() {
    return value != null;
  }

  /**
   * Shows whether there is a value and the problem; the value may be personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return present() ? "Normalised[<redacted>]" : "Normalised[missing: " + problem + "]";
  }
}
