package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path to a field of a canonical entity, such as {@code "name"}, {@code "credit.status"} or
 * {@code "extensions.loyaltyTier__c"}: dot-separated segments of letters, digits and underscores,
 * each starting with a letter or underscore. A path names a leaf ({@code credit.status}) or a group
 * of fields ({@code credit}); ownership rules and diffs use both.
 *
 * <p>Each entity publishes its catalogue as constants (for example {@code
 * Account.Fields.CREDIT_STATUS}); {@link EntityType#fields()} lists every path an entity has, and
 * {@link EntityType#hasField(FieldPath)} tells whether a path exists. A company's custom fields are
 * addressed under {@code extensions}, see {@link #extension(String)}.
 *
 * <p>Instances are immutable and thread-safe; serialised as the dotted string in JSON.
 */
public final class FieldPath implements Comparable<FieldPath> {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The first segment of every path that names a custom field. */
  public static final String EXTENSIONS = "extensions";

  private final String value;
  private final List<String> segments;

  private FieldPath(String value, List<String> segments) {
    this.value = value;
    this.segments = segments;
  }

  /**
   * Returns the path for a dotted string.
   *
   * @param path the path, such as {@code "credit.status"}
   * @return the path
   * @throws ValidationException if the path is blank or a segment is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FieldPath of(String path) {
    if (path == null || path.isBlank()) {
      throw ValidationException.of("FieldPath", "value", path, "must not be blank");
    }
    String[] parts = path.split("\\.", -1);
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches()) {
        throw ValidationException.of(
            "FieldPath",
            "value",
            path,
            "segment '"
                + part
                + "' is not a name (letters, digits and '_', starting with a letter or '_')");
      }
    }
    return new FieldPath(path, List.of(parts));
  }

  /**
   * Returns the path of a company's custom field, {@code extensions.<name>}.
   *
   * @param name the custom field's name, such as {@code "loyaltyTier__c"}
   * @return the path
   * @throws ValidationException if the name is not a valid segment
   */
  public static FieldPath extension(String name) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      throw ValidationException.of(
          "FieldPath",
          "extension",
          name,
          "must be a name of letters, digits and '_', starting with a letter or '_'");
    }
    return of(EXTENSIONS + "." + name);
  }

  /**
   * Returns the segments of this path.
   *
   * @return the segments, at least one
   */
  public List<String> segments() {
    return segments;
  }

  /**
   * Returns the last segment: the field's own name.
   *
   * @return the name
   */
  public String name() {
    return segments.get(segments.size() - 1);
  }

  /**
   * Returns the path of the group this field belongs to.
   *
   * @return the parent path, or empty for a top-level field
   */
  public Optional<FieldPath> parent() {
    if (segments.size() == 1) {
      return Optional.empty();
    }
    int cut = value.lastIndexOf('.');
    return Optional.of(
        new FieldPath(value.substring(0, cut), segments.subList(0, segments.size() - 1)));
  }

  /**
   * Returns the path of a field inside this group.
   *
   * @param name the child's name
   * @return the child's path
   * @throws ValidationException if the name is not a valid segment
   */
  public FieldPath child(String name) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      throw ValidationException.of(
          "FieldPath",
          "child",
          name,
          "must be a name of letters, digits and '_', starting with a letter or '_'");
    }
    return of(value + "." + name);
  }

  /**
   * Tells whether this path equals {@code other} or is a group that contains it; {@code credit}
   * contains {@code credit.status}, but {@code cred} does not.
   *
   * @param other the other path
   * @return {@code true} if this path is {@code other} or one of its ancestors
   */
  public boolean contains(FieldPath other) {
    return other.value.equals(value)
        || (other.value.startsWith(value) && other.value.charAt(value.length()) == '.');
  }

  /**
   * Tells whether this path names a company's custom field (its first segment is {@code
   * extensions}).
   *
   * @return {@code true} for custom fields
   */
  public boolean isExtension() {
    return segments.size() > 1 && segments.get(0).equals(EXTENSIONS);
  }

  /**
   * Returns the dotted string.
   *
   * @return the path as text
   */
  @JsonValue
  public String value() {
    return value;
  }

  @Override
  public int compareTo(FieldPath o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath p && p.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
