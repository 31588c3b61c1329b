package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.core.golden.GoldenRecord;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link GoldenRecordStore} in memory: for tests, examples and single-instance hosts. */
public final class InMemoryGoldenRecordStore implements GoldenRecordStore {
  private record Key(EntityType<?> type, CanonicalId id) {}

  private final ConcurrentMap<Key, GoldenRecord<?>> records = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryGoldenRecordStore() {}

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<GoldenRecord<T>> find(
      EntityType<T> type, CanonicalId id) {
    return Optional.ofNullable((GoldenRecord<T>) records.get(new Key(type, id)));
  }

  @Override
  public boolean save(GoldenRecord<?> record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    Key key = new Key(record.entityType(), record.id());
    boolean[] saved = {false};
    records.compute(
        key,
        (k, old) -> {
          long stored = old == null ? 0 : old.version();
          if (stored != expectedVersion) {
            return old;
          }
          saved[0] = true;
          return record;
        });
    return saved[0];
  }
}
