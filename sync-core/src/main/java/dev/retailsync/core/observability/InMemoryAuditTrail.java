package dev.retailsync.core.observability;

import java.util.ArrayList;
import java.util.List;

/** An {@link AuditTrail} in memory, for tests and examples. Thread-safe. */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = new ArrayList<>();

  /** Creates an empty trail. */
  public InMemoryAuditTrail() {}

  @Override
  public synchronized AuditEntry append(AuditEntry entry) {
    AuditEntry stored = entry.withSequence(entries.size() + 1L);
    entries.add(stored);
    return stored;
  }

  @Override
  public synchronized List<AuditEntry> read(long afterSequence, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    int from = (int) Math.min(Math.max(afterSequence, 0), entries.size());
    return List.copyOf(entries.subList(from, Math.min(entries.size(), from + limit)));
  }
}
