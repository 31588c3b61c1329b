package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CrossReferenceStore} in memory. Thread-safe; the first link of an id wins. */
public final class InMemoryCrossReferenceStore implements CrossReferenceStore {
  // One map per entity type name, keyed by the ids themselves: no key object per link.
  private final ConcurrentMap<String, ConcurrentMap<ExternalId, CanonicalId>> byExternal =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<CanonicalId, Map<SystemId, ExternalId>>>
      byCanonical = new ConcurrentHashMap<>();

  private static <K, V> ConcurrentMap<K, V> of(
      ConcurrentMap<String, ConcurrentMap<K, V>> maps, EntityType<?> type) {
    return maps.computeIfAbsent(type.name(), t -> new ConcurrentHashMap<>());
  }

  /** Creates an empty store. */
  public InMemoryCrossReferenceStore() {}

  @Override
  public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
    ConcurrentMap<ExternalId, CanonicalId> m = byExternal.get(type.name());
    return Optional.ofNullable(m == null ? null : m.get(external));
  }

  @Override
  public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
    Objects.requireNonNull(external, "external");
    Objects.requireNonNull(id, "id");
    CanonicalId linked = of(byExternal, type).putIfAbsent(external, id);
    if (linked != null) {
      return linked;
    }
    // Copy on write: most records have one or two systems, a concurrent map each would be heavy.
    of(byCanonical, type)
        .compute(
            id,
            (g, old) -> {
              if (old == null) {
                return Map.of(external.system(), external);
              }
              if (old.containsKey(external.system())) {
                return old;
              }
              Map<SystemId, ExternalId> m = new HashMap<>(old);
              m.put(external.system(), external);
              return Map.copyOf(m);
            });
    return id;
  }

  @Override
  public Optional<ExternalId> externalId(EntityType<?> type, CanonicalId id, SystemId system) {
    Map<SystemId, ExternalId> m = links(type, id);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(system));
  }

  private Map<SystemId, ExternalId> links(EntityType<?> type, CanonicalId id) {
    ConcurrentMap<CanonicalId, Map<SystemId, ExternalId>> m = byCanonical.get(type.name());
    return m == null ? null : m.get(id);
  }

  @Override
  public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
    Map<SystemId, ExternalId> m = links(type, id);
    if (m == null) {
      return List.of();
    }
    return m.values().stream()
        .sorted(
            Comparator.comparing((ExternalId e) -> e.system().value())
                .thenComparing(ExternalId::id))
        .toList();
  }
}
