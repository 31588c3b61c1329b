package dev.retailsync.core.observability;

import java.util.List;

/**
 * The append-only record of the engine's decisions. Entries are never changed or removed through
 * this interface; retention is the store's concern.
 *
 * <p>Implementations are thread-safe; sequence numbers are unique and increase in append order.
 */
public interface AuditTrail {
  /**
   * Appends an entry, assigning its sequence number.
   *
   * @param entry the entry; its sequence is ignored
   * @return the entry as stored
   */
  AuditEntry append(AuditEntry entry);

  /**
   * Reads entries in append order.
   *
   * @param afterSequence return entries after this sequence number; 0 for the first
   * @param limit the most entries to return
   * @return the entries
   */
  List<AuditEntry> read(long afterSequence, int limit);
}
