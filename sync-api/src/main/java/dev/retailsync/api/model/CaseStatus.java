package dev.retailsync.api.model;

/** The lifecycle status of a service case. */
public enum CaseStatus {
  /** Created and not yet looked at. */
  NEW,
  /** Being worked on. */
  OPEN,
  /** Waiting for the customer to answer. */
  WAITING_ON_CUSTOMER,
  /** Handed to a higher support level. */
  ESCALATED,
  /** Solved; waiting for the customer to confirm or for automatic closure. */
  RESOLVED,
  /** Closed; no more work happens on it. */
  CLOSED
}
