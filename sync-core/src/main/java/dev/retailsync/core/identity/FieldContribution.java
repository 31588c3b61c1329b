package dev.retailsync.core.identity;

/**
 * How one field contributed to a decision.
 *
 * <p>Instances are immutable and thread-safe; they carry no field values, only outcomes, so they
 * may be logged.
 *
 * @param field the field name
 * @param outcome {@code "agree exactly"}, {@code "similar (>= 0.92)"}, {@code "disagree"} or {@code
 *     "missing"}
 * @param similarity the comparator's similarity, or {@code NaN} when a value is missing
 * @param weight the evidence in bits (positive for a match, negative against, {@code 0} when
 *     missing)
 * @param note why a value is missing, a term-frequency adjustment, or {@code null}
 */
public record FieldContribution(
    String field, String outcome, double similarity, double weight, String note) {

  /**
   * Returns whether the field gave no evidence because a value was missing.
   *
   * @return whether the field was missing
   */
  public boolean missing() {
    return Double.isNaN(similarity);
  }
}
