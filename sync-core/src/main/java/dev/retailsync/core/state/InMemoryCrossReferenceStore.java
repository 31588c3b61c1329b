package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CrossReferenceStore} in memory. Thread-safe; the first link of an id wins. */
public final class InMemoryCrossReferenceStore implements CrossReferenceStore {
  // One map per entity type name, keyed by the ids themselves: no key object per link.
  private final ConcurrentMap<String, ConcurrentMap<ExternalId, CanonicalId>> byExternal =
      new ConcurrentHashMap<>();
  // A record's links: one ExternalId, or an ExternalId[] (one per system) when it has several.
  private final ConcurrentMap<String, ConcurrentMap<CanonicalId, Object>> byCanonical =
      new ConcurrentHashMap<>();

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
    // Copy on write: most records have one or two systems, a map each would be heavy.
    of(byCanonical, type)
        .compute(
            id,
            (g, old) -> {
              if (old == null) {
                return external;
              }
              ExternalId[] links = links(old);
              if (find(links, external.system()) != null) {
                return old;
              }
              ExternalId[] more = Arrays.copyOf(links, links.length + 1);
              more[links.length] = external;
              return more;
            });
    return id;
  }

  private static ExternalId[] links(Object held) {
    return held instanceof ExternalId e ? new ExternalId[] {e} : (ExternalId[]) held;
  }

  private static ExternalId find(ExternalId[] links, SystemId system) {
    for (ExternalId e : links) {
      if (e.system().equals(system)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public Optional<ExternalId> externalId(EntityType<?> type, CanonicalId id, SystemId system) {
    Object held = held(type, id);
    if (held instanceof ExternalId e) {
      return e.system().equals(system) ? Optional.of(e) : Optional.empty();
    }
    return held == null ? Optional.empty() : Optional.ofNullable(find((ExternalId[]) held, system));
  }

  private Object held(EntityType<?> type, CanonicalId id) {
    ConcurrentMap<CanonicalId, Object> m = byCanonical.get(type.name());
    return m == null ? null : m.get(id);
  }

  @Override
  public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
    Object held = held(type, id);
    if (held == null) {
      return List.of();
    }
    return Arrays.stream(links(held))
        .sorted(
            Comparator.comparing((ExternalId e) -> e.system().value())
                .thenComparing(ExternalId::id))
        .toList();
  }
}
