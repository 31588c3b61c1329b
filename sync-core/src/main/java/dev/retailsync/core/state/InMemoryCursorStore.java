package dev.retailsync.core.state;

import dev.retailsync.api.spi.Cursor;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CursorStore} in memory. Thread-safe. */
public final class InMemoryCursorStore implements CursorStore {
  private final ConcurrentMap<String, Cursor> cursors = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryCursorStore() {}

  @Override
  public Optional<Cursor> load(String flow) {
    return Optional.ofNullable(cursors.get(Objects.requireNonNull(flow, "flow")));
  }

  @Override
  public void save(String flow, Cursor cursor) {
    cursors.put(Objects.requireNonNull(flow, "flow"), Objects.requireNonNull(cursor, "cursor"));
  }
}
