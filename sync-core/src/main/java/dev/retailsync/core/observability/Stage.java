package dev.retailsync.core.observability;

/** The stages of the data path (DESIGN.md), in the order a change passes them. */
public enum Stage {
  /** A page was read from a source's change feed. */
  POLLED,
  /** A change entered through {@code accept} (a webhook or push source). */
  ACCEPTED,
  /** A change passed validation. */
  VALIDATED,
  /** A change was dropped as a duplicate of one already applied. */
  DUPLICATE,
  /** A change was dropped as the echo of the engine's own write. */
  ECHO,
  /** A change's record was given its canonical id. */
  RESOLVED,
  /** A change was merged into its golden record and changed it. */
  MERGED,
  /** A change was merged and changed nothing: no write, no API call. */
  UNCHANGED,
  /** Writes were planned for target systems. */
  PLANNED,
  /** A record was written to a target system. */
  DELIVERED,
  /** A call or a record is tried again after a failure. */
  RETRIED,
  /** A change or record was dead-lettered. */
  DEAD_LETTERED,
  /** A dead letter was replayed. */
  REPLAYED,
  /** A flow's cursor moved past a page. */
  CURSOR_ADVANCED
}
