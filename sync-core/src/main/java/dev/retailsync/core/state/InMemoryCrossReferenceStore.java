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
  private record Ext(String type, ExternalId external) {}

  private record Gold(String type, CanonicalId id) {}

  private final ConcurrentMap<Ext, CanonicalId> byExternal = new ConcurrentHashMap<>();
  private final ConcurrentMap<Gold, Map<SystemId, ExternalId>> byCanonical =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryCrossReferenceStore() {}

  @Override
  public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
    return Optional.ofNullable(byExternal.get(new Ext(type.name(), external)));
  }

  @Override
  public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
    Objects.requireNonNull(external, "external");
    Objects.requireNonNull(id, "id");
    CanonicalId linked = byExternal.putIfAbsent(new Ext(type.name(), external), id);
    if (linked != null) {
      return linked;
    }
    // Copy on write: most records have one or two systems, a concurrent map each would be heavy.
    byCanonical.compute(
        new Gold(type.name(), id),
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
    Map<SystemId, ExternalId> m = byCanonical.get(new Gold(type.name(), id));
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(system));
  }

  @Override
  public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
    Map<SystemId, ExternalId> m = byCanonical.get(new Gold(type.name(), id));
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
