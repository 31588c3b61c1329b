package dev.retailsync.core.golden;

import dev.retailsync.api.FieldPath;
import java.util.Map;

/**
 * A shared field whose conflict rule asked a person to decide: the golden record keeps its value,
 * and both values wait in the review queue.
 *
 * <p>{@code toString()} shows the field and systems only: values may be personal data.
 *
 * @param field the field or group
 * @param currentValues the leaves the golden record holds
 * @param currentLineage where they came from, or {@code null}
 * @param proposedValues the leaves the change brought
 * @param proposedLineage where they came from
 */
public record Parked(
    FieldPath field,
    Map<FieldPath, Object> currentValues,
    Lineage currentLineage,
    Map<FieldPath, Object> proposedValues,
    Lineage proposedLineage) {

  @Override
  public String toString() {
    return "Parked["
        + field
        + ": "
        + (currentLineage == null ? "none" : currentLineage.system())
        + " vs "
        + proposedLineage.system()
        + "]";
  }
}
