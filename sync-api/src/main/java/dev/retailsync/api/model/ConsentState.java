package dev.retailsync.api.model;

/** A person's answer about one marketing channel. */
public enum ConsentState {
  /** Opted in. */
  GRANTED,
  /** Opted out or unsubscribed. */
  DENIED,
  /** Asked, waiting for confirmation (double opt-in). */
  PENDING,
  /** Never asked, or the source does not say. */
  UNKNOWN
}
