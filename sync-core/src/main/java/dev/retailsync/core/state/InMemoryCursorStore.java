package dev.retailsync.core.state;

import dev.retailsync.api.spi.Cursor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CursorStore} in memory. Thread-safe. Fenced saves check the lease with the {@link
 * LeaseStore} given at construction and refuse tokens older than the last fenced save.
 */
public final class InMemoryCursorStore implements CursorStore {
  private record Entry(Cursor cursor, long fence) {}

  private final LeaseStore leases;
  private final Map<String, Entry> cursors = new HashMap<>();

  /** Creates an empty store whose fenced saves only compare fencing tokens. */
  public InMemoryCursorStore() {
    this.leases = null;
  }

  /**
   * Creates an empty store whose fenced saves check that the lease is still held.
   *
   * @param leases the leases the pollers hold
   */
  public InMemoryCursorStore(LeaseStore leases) {
    this.leases = Objects.requireNonNull(leases, "leases");
  }

  @Override
  public synchronized Optional<Cursor> load(String flow) {
    Entry e = cursors.get(Objects.requireNonNull(flow, "flow"));
    return e == null ? Optional.empty() : Optional.of(e.cursor());
  }

  @Override
  public synchronized void save(String flow, Cursor cursor) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(cursor, "cursor");
    Entry e = cursors.get(flow);
    cursors.put(flow, new Entry(cursor, e == null ? 0 : e.fence()));
  }

  @Override
  public synchronized boolean save(String flow, Cursor cursor, Lease lease) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(lease, "lease");
    Entry e = cursors.get(flow);
    if ((e != null && e.fence() > lease.token()) || (leases != null && !leases.holds(lease))) {
      return false;
    }
    cursors.put(flow, new Entry(cursor, lease.token()));
    return true;
  }
}
