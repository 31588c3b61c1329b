package dev.retailsync.api.model;

/** How urgently a service case must be handled. */
public enum CasePriority {
  /** Low. */
  LOW,
  /** Medium. */
  MEDIUM,
  /** High. */
  HIGH,
  /** Urgent: handle before everything else. */
  URGENT
}
