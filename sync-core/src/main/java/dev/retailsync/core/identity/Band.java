package dev.retailsync.core.identity;

/** What the resolver decided about an inbound record. */
public enum Band {
  /** The record is the same party as an existing one; it may be linked without a person. */
  MATCH,
  /** The evidence is not conclusive; a person should look before anything is linked or merged. */
  REVIEW,
  /** The record is a party not seen before (possibly in a household with one). */
  NEW
}
