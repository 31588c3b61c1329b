package dev.retailsync.core.engine;

import dev.retailsync.api.Change;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.Party;
import dev.retailsync.core.identity.IdentityRecord;
import dev.retailsync.core.identity.IdentityRecords;

/** Turns a change's entity into the identity resolver's record, for the entity types it matches. */
final class IdentityRecordsOf {
  private IdentityRecordsOf() {}

  static IdentityRecord change(Change<?> change) {
    String id = change.source().toString();
    Object e = change.entity();
    if (e instanceof Party p) {
      return IdentityRecords.of(id, change.source().system(), change.sourceTimestamp(), p);
    }
    if (e instanceof Account a) {
      return IdentityRecords.of(id, change.source().system(), change.sourceTimestamp(), a);
    }
    if (e instanceof Contact c) {
      return IdentityRecords.of(id, change.source().system(), change.sourceTimestamp(), c);
    }
    return null;
  }
}
