package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CrossReferenceStore} in memory. Thread-safe; the first link of an id wins. */
public final class InMemoryCrossReferenceStore implements CrossReferenceStore {
  // One map per entity type name and system, keyed by the ids themselves, both ways: a link is an
  // entry in each direction and nothing more (no ExternalId, key object or array kept per link;
  // an ExternalId is built when a caller asks for one).
  private final ConcurrentMap<String, ConcurrentMap<SystemId, ConcurrentMap<String, CanonicalId>>>
      byExternal = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<SystemId, ConcurrentMap<CanonicalId, String>>>
      byCanonical = new ConcurrentHashMap<>();

  private static <K, V> ConcurrentMap<K, V> of(
      ConcurrentMap<String, ConcurrentMap<SystemId, ConcurrentMap<K, V>>> maps,
      EntityType<?> type,
      SystemId system) {
    return maps.computeIfAbsent(type.name(), t -> new ConcurrentHashMap<>())
        .computeIfAbsent(system, s -> new ConcurrentHashMap<>());
  }

  private static <K, V> ConcurrentMap<K, V> get(
      ConcurrentMap<String, ConcurrentMap<SystemId, ConcurrentMap<K, V>>> maps,
      EntityType<?> type,
      SystemId system) {
    ConcurrentMap<SystemId, ConcurrentMap<K, V>> bySystem = maps.get(type.name());
    return bySystem == null ? null : bySystem.get(system);
  }

  /** Creates an empty store. */
  public InMemoryCrossReferenceStore() {}

  @Override
  public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
    ConcurrentMap<String, CanonicalId> m = get(byExternal, type, external.system());
    return Optional.ofNullable(m == null ? null : m.get(external.id()));
  }

  @Override
  public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
    Objects.requireNonNull(external, "external");
    Objects.requireNonNull(id, "id");
    CanonicalId linked = of(byExternal, type, external.system()).putIfAbsent(external.id(), id);
    if (linked != null) {
      return linked;
    }
    // A record keeps the first link per system, as the external side keeps the first per id.
    of(byCanonical, type, external.system()).putIfAbsent(id, external.id());
    return id;
  }

  @Override
  public Optional<ExternalId> externalId(EntityType<?> type, CanonicalId id, SystemId system) {
    ConcurrentMap<CanonicalId, String> m = get(byCanonical, type, system);
    String linked = m == null ? null : m.get(id);
    return linked == null ? Optional.empty() : Optional.of(ExternalId.of(system, linked));
  }

  @Override
  public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
    ConcurrentMap<SystemId, ConcurrentMap<CanonicalId, String>> bySystem =
        byCanonical.get(type.name());
    if (bySystem == null) {
      return List.of();
    }
    List<ExternalId> out = new ArrayList<>(2);
    bySystem.forEach(
        (system, m) -> {
          String linked = m.get(id);
          if (linked != null) {
            out.add(ExternalId.of(system, linked));
          }
        });
    out.sort(
        Comparator.comparing((ExternalId e) -> e.system().value()).thenComparing(ExternalId::id));
    return List.copyOf(out);
  }
}
