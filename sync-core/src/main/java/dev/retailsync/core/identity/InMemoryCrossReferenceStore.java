package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CrossReferenceStore} in memory, for tests, examples and hosts that rebuild the
 * cross-reference at start-up.
 *
 * <p>Thread-safe: every operation holds one lock, so each is atomic.
 */
public final class InMemoryCrossReferenceStore implements CrossReferenceStore {
  private final Clock clock;
  private final Map<ExternalId, CanonicalId> byExternal = new HashMap<>();
  private final Map<CanonicalId, Set<ExternalId>> byCanonical = new HashMap<>();

  /** Absorbed canonical id to the MERGE event that absorbed it, while merged. */
  private final Map<CanonicalId, CrossReferenceEvent> merged = new HashMap<>();

  private final List<CrossReferenceEvent> events = new ArrayList<>();

  /**
   * Creates an empty store.
   *
   * @param clock the clock that timestamps the history
   */
  public InMemoryCrossReferenceStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void link(ExternalId externalId, CanonicalId canonicalId) {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(canonicalId, "canonicalId");
    CanonicalId target = survivorOf(canonicalId);
    CanonicalId previous = byExternal.put(externalId, target);
    if (target.equals(previous)) {
      return;
    }
    if (previous != null) {
      byCanonical.get(previous).remove(externalId);
    }
    byCanonical.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(externalId);
    record(CrossReferenceEvent.Type.LINK, target, null, Set.of(externalId), null);
  }

  @Override
  public synchronized Optional<CanonicalId> canonicalIdOf(ExternalId externalId) {
    return Optional.ofNullable(byExternal.get(externalId));
  }

  @Override
  public synchronized Set<ExternalId> externalIdsOf(CanonicalId canonicalId) {
    return Set.copyOf(byCanonical.getOrDefault(canonicalId, Set.of()));
  }

  @Override
  public synchronized CrossReferenceEvent merge(
      CanonicalId survivor, CanonicalId absorbed, String reason) {
    Objects.requireNonNull(survivor, "survivor");
    Objects.requireNonNull(absorbed, "absorbed");
    if (survivor.equals(absorbed)) {
      throw new IllegalArgumentException("cannot merge " + survivor + " into itself");
    }
    if (merged.containsKey(absorbed)) {
      throw new IllegalArgumentException(absorbed + " is already merged; unmerge it first");
    }
    if (merged.containsKey(survivor)) {
      throw new IllegalArgumentException(
          survivor + " was merged away; merge into its survivor instead");
    }
    Set<ExternalId> moving = byCanonical.getOrDefault(absorbed, Set.of());
    if (moving.isEmpty()) {
      throw new IllegalArgumentException(absorbed + " has no external ids to merge");
    }
    Set<ExternalId> moved = Set.copyOf(moving);
    for (ExternalId e : moved) {
      byExternal.put(e, survivor);
    }
    byCanonical.computeIfAbsent(survivor, k -> new LinkedHashSet<>()).addAll(moved);
    byCanonical.remove(absorbed);
    CrossReferenceEvent event =
        record(CrossReferenceEvent.Type.MERGE, survivor, absorbed, moved, reason);
    merged.put(absorbed, event);
    return event;
  }

  @Override
  public synchronized CrossReferenceEvent unmerge(
      CanonicalId survivor, CanonicalId absorbed, String reason) {
    CrossReferenceEvent merge = merged.get(absorbed);
    if (merge == null || !merge.canonicalId().equals(survivor)) {
      throw new IllegalArgumentException(absorbed + " is not merged into " + survivor);
    }
    Set<ExternalId> back = new LinkedHashSet<>();
    Set<ExternalId> survivorIds = byCanonical.getOrDefault(survivor, new LinkedHashSet<>());
    for (ExternalId e : merge.externalIds()) {
      if (survivor.equals(byExternal.get(e))) {
        byExternal.put(e, absorbed);
        survivorIds.remove(e);
        back.add(e);
      }
    }
    byCanonical.computeIfAbsent(absorbed, k -> new LinkedHashSet<>()).addAll(back);
    merged.remove(absorbed);
    return record(CrossReferenceEvent.Type.UNMERGE, survivor, absorbed, back, reason);
  }

  @Override
  public synchronized List<CrossReferenceEvent> history(CanonicalId canonicalId) {
    List<CrossReferenceEvent> out = new ArrayList<>();
    for (CrossReferenceEvent e : events) {
      if (e.canonicalId().equals(canonicalId) || canonicalId.equals(e.other())) {
        out.add(e);
      }
    }
    return out;
  }

  private CanonicalId survivorOf(CanonicalId id) {
    CanonicalId current = id;
    for (CrossReferenceEvent e = merged.get(current); e != null; e = merged.get(current)) {
      current = e.canonicalId();
    }
    return current;
  }

  private CrossReferenceEvent record(
      CrossReferenceEvent.Type type,
      CanonicalId canonicalId,
      CanonicalId other,
      Set<ExternalId> ids,
      String reason) {
    CrossReferenceEvent e =
        new CrossReferenceEvent(
            events.size() + 1L, type, canonicalId, other, ids, clock.instant(), reason);
    events.add(e);
    return e;
  }
}
