package dev.retailsync.api.model;

/** Whether a contact point is private or for work. */
public enum ContactPointUsage {
  /** Private. */
  HOME,
  /** For work. */
  WORK,
  /** Neither, or the source does not say. */
  OTHER
}
