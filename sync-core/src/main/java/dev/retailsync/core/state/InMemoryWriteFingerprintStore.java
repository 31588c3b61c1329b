package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.internal.FieldFingerprints;
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
          if (fingerprints instanceof FieldFingerprints f) {
            // Immutable already: kept as it is, merged without hashing paths.
            return old == null
                ? f
                : old instanceof FieldFingerprints o
                    ? FieldFingerprints.merge(o, f)
                    : merged(old, f);
          }
          if (old == null) {
            return Map.copyOf(fingerprints);
          }
          return merged(old, fingerprints);
        });
  }

  private static Map<FieldPath, Long> merged(
      Map<FieldPath, Long> old, Map<FieldPath, Long> fingerprints) {
    Map<FieldPath, Long> m = new HashMap<>(old);
    m.putAll(fingerprints);
    return Map.copyOf(m);
  }
}
