package dev.retailsync.api;

/** What happened to a record in its source system. */
public enum ChangeType {
  /** The record was created. */
  CREATED,
  /** An existing record was changed. */
  UPDATED,
  /** The record was created or changed; the source does not say which. */
  UPSERTED,
  /** The record was deleted; the change carries no entity. */
  DELETED
}
