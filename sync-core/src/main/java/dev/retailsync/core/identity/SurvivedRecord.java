package dev.retailsync.core.identity;

import java.util.Map;
import java.util.TreeSet;

/**
 * The surviving value of each field of one party, with the lineage of each.
 *
 * <p>Instances are immutable and thread-safe. Values are personal data: {@code toString()} shows
 * only the field names and lineage.
 *
 * @param values the surviving raw values by field name
 * @param lineage where each value came from, by field name
 */
public record SurvivedRecord(Map<String, String> values, Map<String, SurvivedField> lineage) {
  /** Copies the maps. */
  public SurvivedRecord {
    values = Map.copyOf(values);
    lineage = Map.copyOf(lineage);
  }

  /**
   * Shows the field names and the lineage; the values are personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "SurvivedRecord[fields=" + new TreeSet<>(values.keySet()) + ", values=<redacted>]";
  }
}
