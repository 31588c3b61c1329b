package dev.retailsync.core.golden;

import dev.retailsync.api.FieldPath;
import java.util.Objects;

/**
 * One field that differs between two versions of a record.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} shows the path only: values may be
 * personal data.
 *
 * @param path the leaf field
 * @param before its value before, or {@code null} when absent
 * @param after its value after, or {@code null} when removed
 */
public record FieldChange(FieldPath path, Object before, Object after) {

  // Checks the components; see the class documentation for the rules.
  public FieldChange {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public String toString() {
    return "FieldChange[" + path + "]";
  }
}
