package dev.retailsync.core.golden;

import java.util.Objects;

/**
 * A field's value in a golden record with its lineage.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} does not show the value, which may
 * be personal data.
 *
 * @param value the value, never {@code null} (absent fields have no {@code FieldValue})
 * @param lineage where it came from
 */
public record FieldValue(Object value, Lineage lineage) {

  // Checks the components; see the class documentation for the rules.
  public FieldValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lineage, "lineage");
  }

  @Override
  public String toString() {
    return "FieldValue[<redacted> from "
        + lineage.system()
        + " at "
        + lineage.sourceTimestamp()
        + "]";
  }
}
