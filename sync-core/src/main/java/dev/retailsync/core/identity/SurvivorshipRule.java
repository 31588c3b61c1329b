package dev.retailsync.core.identity;

/** How {@link Survivorship} picks one value of a field from the records of one party. */
public enum SurvivorshipRule {
  /** The value of the highest-priority source that has one; ties go to the most recent. */
  SOURCE_PRIORITY,
  /** The value of the most recently updated record that has one. */
  MOST_RECENT,
  /**
   * The value most records agree on (after case and diacritic folding); ties go to the most recent.
   */
  MOST_FREQUENT,
  /** The longest value (the most information); ties go to the most recent. */
  MOST_COMPLETE
}
