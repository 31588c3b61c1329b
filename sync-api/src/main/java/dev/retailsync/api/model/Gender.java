package dev.retailsync.api.model;

/** A person's gender as a source system records it; personal data. */
public enum Gender {
  /** Female. */
  FEMALE,
  /** Male. */
  MALE,
  /** Another gender, such as non-binary or diverse. */
  OTHER,
  /** The person chose not to say. */
  UNDISCLOSED
}
