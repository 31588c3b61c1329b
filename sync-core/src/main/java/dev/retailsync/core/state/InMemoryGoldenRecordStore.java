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
  // One map per entity type, keyed by the id itself: no key object per record.
  private final ConcurrentMap<EntityType<?>, ConcurrentMap<CanonicalId, GoldenRecord<?>>> records =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryGoldenRecordStore() {}

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<GoldenRecord<T>> find(
      EntityType<T> type, CanonicalId id) {
    ConcurrentMap<CanonicalId, GoldenRecord<?>> m = records.get(type);
    return Optional.ofNullable(m == null ? null : (GoldenRecord<T>) m.get(id));
  }

  @Override
  public boolean save(GoldenRecord<?> record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    boolean[] saved = {false};
    records
        .computeIfAbsent(record.entityType(), t -> new ConcurrentHashMap<>())
        .compute(
            record.id(),
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
