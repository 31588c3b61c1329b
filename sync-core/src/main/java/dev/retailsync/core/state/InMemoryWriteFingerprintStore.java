package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link WriteFingerprintStore} in memory. */
public final class InMemoryWriteFingerprintStore implements WriteFingerprintStore {
  private record Key(SystemId system, CanonicalId id) {}

  private final ConcurrentMap<Key, Map<FieldPath, Long>> written = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryWriteFingerprintStore() {}

  @Override
  public Map<FieldPath, Long> lastWritten(SystemId system, CanonicalId id) {
    Map<FieldPath, Long> m = written.get(new Key(system, id));
    return m == null ? Map.of() : m;
  }

  @Override
  public void recordWritten(SystemId system, CanonicalId id, Map<FieldPath, Long> fingerprints) {
    written.compute(
        new Key(system, id),
        (k, old) -> {
          if (old == null) {
            return Map.copyOf(fingerprints);
          }
          Map<FieldPath, Long> m = new HashMap<>(old);
          m.putAll(fingerprints);
          return Map.copyOf(m);
        });
  }
}
