package dev.retailsync.api.model;

/** Whether a party is a natural person or an organisation. */
public enum PartyKind {
  /** A natural person. */
  PERSON,
  /** A company, public body, association or other organisation. */
  ORGANIZATION
}
