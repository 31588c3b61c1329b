package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.Size;

/**
 * A person's name in parts. At least the given or the family name is present; the other parts are
 * optional. Formatting a name for display or a salutation is left to the systems that show it.
 *
 * <p>Instances are immutable and thread-safe. A name is personal data: {@code toString()} shows
 * none of it.
 *
 * @param title the title or salutation, such as {@code "Dr."}, or {@code null}
 * @param given the given (first) name, or {@code null} when the family name is present
 * @param middle the middle name or names, or {@code null}
 * @param family the family (last) name, or {@code null} when the given name is present
 * @param suffix the suffix, such as {@code "Jr."}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonName(
    @Size(max = 32) String title,
    @Size(max = 128) String given,
    @Size(max = 128) String middle,
    @Size(max = 128) String family,
    @Size(max = 32) String suffix) {

  // Checks the components; see the class documentation for the rules.
  public PersonName {
    Checks.optionalText("PersonName", "title", title);
    Checks.optionalText("PersonName", "given", given);
    Checks.optionalText("PersonName", "middle", middle);
    Checks.optionalText("PersonName", "family", family);
    Checks.optionalText("PersonName", "suffix", suffix);
    if (given == null && family == null) {
      throw ValidationException.of(
          "PersonName", "family", null, "is required when there is no given name");
    }
  }

  /**
   * Returns a name with a given and a family name only.
   *
   * @param given the given name, or {@code null}
   * @param family the family name, or {@code null}
   * @return the name
   * @throws ValidationException if both are {@code null} or one is blank
   */
  public static PersonName of(String given, String family) {
    return new PersonName(null, given, null, family, null);
  }

  /**
   * Shows none of the name: it is personal data.
   *
   * @return a rendering without personal data
   */
  @Override
  public String toString() {
    return "PersonName[<redacted>]";
  }

  /** The field catalogue of a person's name, relative to the name. */
  public static final class Fields {
    private Fields() {}

    /** The title. */
    public static final FieldPath TITLE = FieldPath.of("title");

    /** The given name. */
    public static final FieldPath GIVEN = FieldPath.of("given");

    /** The middle name. */
    public static final FieldPath MIDDLE = FieldPath.of("middle");

    /** The family name. */
    public static final FieldPath FAMILY = FieldPath.of("family");

    /** The suffix. */
    public static final FieldPath SUFFIX = FieldPath.of("suffix");
  }
}
