package dev.retailsync.api.spi;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A source record a {@link ChangeFeed} read but could not map to the canonical model. A feed puts
 * it in {@link ChangePage#rejected()} instead of leaving it out, so the engine keeps it as a dead
 * letter with its reason and nothing is silently dropped.
 *
 * <p>It names the record by its id in the source system (so the record can be read again by id once
 * it is fixed), says which fields are wrong and why, and, when the feed knows them, the record's
 * source timestamp and version. It carries no record values beyond the rejected values of field
 * errors created with {@link FieldError#of}; errors about personal data are created with {@link
 * FieldError#redacted}. {@link #toString()} shows the source id and the field paths only.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the record's id in the source system; never {@code null}
 * @param errors the fields that could not be mapped, at least one
 * @param message what is wrong and how to fix it, without record values; never blank
 * @param sourceTimestamp when the source last changed the record, or {@code null} when unknown
 * @param sourceVersion the record's version in the source (such as an ETag or a write date), or
 *     {@code null} when unknown
 */
public record FeedRejection(
    ExternalId source,
    List<FieldError> errors,
    String message,
    Instant sourceTimestamp,
    String sourceVersion) {

  // Checks the components; see the class documentation for the rules.
  public FeedRejection {
    Checks.required("FeedRejection", "source", source);
    errors = Checks.list("FeedRejection", "errors", errors);
    if (errors.isEmpty()) {
      throw ValidationException.of(
          "FeedRejection", "errors", "[]", "must name at least one field that could not be mapped");
    }
    Checks.requiredText("FeedRejection", "message", message);
    sourceVersion = Checks.optionalText("FeedRejection", "sourceVersion", sourceVersion);
  }

  /**
   * Returns a rejection with its field errors and message, without source timestamp or version.
   *
   * @param source the record's id in the source system
   * @param errors the fields that could not be mapped, at least one
   * @param message what is wrong, without record values
   * @return the rejection
   * @throws ValidationException if {@code source} is {@code null}, {@code errors} is empty or
   *     {@code message} is blank
   */
  public static FeedRejection of(ExternalId source, List<FieldError> errors, String message) {
    return new FeedRejection(source, errors, message, null, null);
  }

  /**
   * Returns the rejection of a record whose mapping failed: a {@link ValidationException} gives its
   * field errors, without their rejected values (a feed cannot tell which are personal), also when
   * a {@link MappingException} wraps it; a {@link MappingException} gives one error on its path (or
   * on {@code "record"} when it has none) with its message and no value; anything else gives one
   * error on {@code "record"} naming the failure's type. The exception's message must not hold
   * record values (the connectors' mapping messages name fields, not values).
   *
   * @param source the record's id in the source system
   * @param failure why the record could not be mapped
   * @return the rejection
   * @throws ValidationException if {@code source} is {@code null}
   * @throws NullPointerException if {@code failure} is {@code null}
   */
  public static FeedRejection of(ExternalId source, RuntimeException failure) {
    Objects.requireNonNull(failure, "failure");
    List<FieldError> errors;
    if (failure instanceof MappingException
        && failure.getCause() instanceof ValidationException v) {
      // A mapping that wraps the model's verdict: its field errors say more than its message,
      // which may quote the rejected values.
      return of(source, v);
    }
    if (failure instanceof ValidationException v && !v.errors().isEmpty()) {
      // A feed cannot tell which source values are personal: the rejected values are left out.
      List<FieldError> redacted = new ArrayList<>();
      for (FieldError e : v.errors()) {
        redacted.add(FieldError.redacted(e.path(), e.message()));
      }
      errors = redacted;
    } else if (failure instanceof MappingException m) {
      String path = m.path() == null || m.path().isBlank() ? "record" : m.path();
      errors = List.of(FieldError.redacted(path, messageOf(m, path)));
    } else {
      errors =
          List.of(
              FieldError.redacted(
                  "record",
                  "could not be mapped ("
                      + failure.getClass().getSimpleName()
                      + "); fix the record in the source and replay its dead letter"));
    }
    List<String> paths = new ArrayList<>();
    for (FieldError e : errors) {
      paths.add(e.path());
    }
    return of(
        source,
        errors,
        "the record could not be mapped to the canonical model; fix "
            + String.join(", ", paths)
            + " in the source and replay its dead letter");
  }

  private static String messageOf(MappingException m, String path) {
    String text = m.getMessage();
    String prefix = path + ": ";
    if (text != null && text.startsWith(prefix)) {
      text = text.substring(prefix.length());
    }
    return text == null || text.isBlank() ? "could not be mapped" : text;
  }

  /**
   * Returns a copy with the record's source timestamp and version.
   *
   * @param timestamp when the source last changed the record, or {@code null} when unknown
   * @param version the record's version in the source, or {@code null} when unknown
   * @return the copy
   */
  public FeedRejection withSourceVersion(Instant timestamp, String version) {
    return new FeedRejection(source, errors, message, timestamp, version);
  }

  /**
   * Returns the field paths of the errors, in order.
   *
   * @return the paths
   */
  public List<String> paths() {
    List<String> out = new ArrayList<>(errors.size());
    for (FieldError e : errors) {
      out.add(e.path());
    }
    return List.copyOf(out);
  }

  /**
   * Renders the source id and the field paths only: rejected values and messages may hold personal
   * data.
   *
   * @return the rendering
   */
  @Override
  public String toString() {
    return "FeedRejection[source="
        + source
        + ", fields="
        + paths()
        + (sourceTimestamp == null ? "" : ", sourceTimestamp=" + sourceTimestamp)
        + (sourceVersion == null ? "" : ", sourceVersion=" + sourceVersion)
        + "]";
  }
}
