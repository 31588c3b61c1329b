package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.SortedArraySet;
import dev.retailsync.api.policy.FieldRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, after a merge, which systems receive which fields: for each subscribed system, the
 * fields that changed, that its mapping subscribes to, and that it does not own; never a field back
 * to the system it came from. A merge that changed nothing plans nothing: no write, no API call.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WritePlanner {
  private final Map<EntityType<?>, Map<SystemId, List<FieldPath>>> subscriptions;
  private final Merger merger;
  // Per (type, system) and per type: which leaves a system subscribes to and which rule covers a
  // leaf, found once instead of by scanning paths for every changed field of every merge. Bounded,
  // since custom field names come from the data.
  private final Map<EntityType<?>, Map<SystemId, Map<FieldPath, Boolean>>> subscribed =
      new ConcurrentHashMap<>();
  private final Map<EntityType<?>, Map<FieldPath, Optional<FieldRule>>> rules =
      new ConcurrentHashMap<>();
  // The same for catalogue leaves, by leaf index: no hashing for the fields of every merge. Slots
  // are filled lazily; two threads filling one slot store the same immutable answer.
  private final Map<EntityType<?>, Map<SystemId, Boolean[]>> subscribedByLeaf =
      new ConcurrentHashMap<>();
  private final Map<EntityType<?>, Optional<FieldRule>[]> rulesByLeaf = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 4096;

  private WritePlanner(Builder b) {
    Map<EntityType<?>, Map<SystemId, List<FieldPath>>> m = new HashMap<>();
    b.subscriptions.forEach(
        (type, bySystem) -> {
          Map<SystemId, List<FieldPath>> copy = new LinkedHashMap<>();
          bySystem.forEach((s, paths) -> copy.put(s, List.copyOf(paths)));
          m.put(type, Collections.unmodifiableMap(copy));
        });
    this.subscriptions = Map.copyOf(m);
    this.merger = b.merger;
  }

  /**
   * Returns a builder.
   *
   * @param merger the merger whose policies say who owns what
   * @return the builder
   */
  public static Builder builder(Merger merger) {
    return new Builder(Objects.requireNonNull(merger, "merger"));
  }

  /**
   * Plans the writes a merge calls for.
   *
   * @param result the merge's result
   * @param <T> the entity's Java type
   * @return one planned write per system that should receive something, in subscription order
   */
  public <T extends CanonicalEntity> List<PlannedWrite<T>> plan(MergeResult<T> result) {
    if (!result.effective() || result.changes().isEmpty()) {
      return List.of();
    }
    GoldenRecord<T> record = result.record();
    Map<SystemId, List<FieldPath>> subs = subscriptions.get(record.entityType());
    if (subs == null) {
      return List.of();
    }
    OwnershipPolicy<T> policy = merger.policy(record.entityType()).orElse(null);
    Map<FieldPath, Optional<FieldRule>> ruleCache =
        policy == null ? null : rules.computeIfAbsent(record.entityType(), t -> cache());
    Map<SystemId, Map<FieldPath, Boolean>> bySystem =
        subscribed.computeIfAbsent(record.entityType(), t -> new ConcurrentHashMap<>());
    EntityShape<T> shape = EntityShape.of(record.entityType().javaType());
    Optional<FieldRule>[] ruleByLeaf =
        policy == null ? null : rulesByLeaf.computeIfAbsent(record.entityType(), t -> rules(shape));
    Map<SystemId, Boolean[]> leafSubs =
        subscribedByLeaf.computeIfAbsent(record.entityType(), t -> new ConcurrentHashMap<>());
    List<PlannedWrite<T>> plan = new ArrayList<>();
    for (Map.Entry<SystemId, List<FieldPath>> e : subs.entrySet()) {
      SystemId target = e.getKey();
      if (target.equals(result.source())) {
        continue; // never a field back to the system it came from
      }
      List<FieldPath> paths = e.getValue();
      Map<FieldPath, Boolean> subCache = bySystem.computeIfAbsent(target, k -> cache());
      Boolean[] subByLeaf = leafSubs.computeIfAbsent(target, k -> new Boolean[shape.size()]);
      // Catalogue leaves are marked by their rank in natural order and read out sorted, without a
      // tree; only custom fields (rare) go through a TreeSet.
      boolean[] marked = null;
      int leaves = 0;
      List<FieldPath> others = null;
      for (FieldChange c : result.changes()) {
        FieldPath leaf = c.path();
        int i = shape.indexOf(leaf);
        Boolean sub = i >= 0 ? subByLeaf[i] : subCache.get(leaf);
        if (sub == null) {
          sub = subscribes(paths, leaf);
          if (i >= 0) {
            subByLeaf[i] = sub;
          } else {
            remember(subCache, leaf, sub);
          }
        }
        if (!sub) {
          continue;
        }
        if (policy != null) {
          Optional<FieldRule> rule = i >= 0 ? ruleByLeaf[i] : ruleCache.get(leaf);
          if (rule == null) {
            rule = policy.ruleFor(leaf);
            if (i >= 0) {
              ruleByLeaf[i] = rule;
            } else {
              remember(ruleCache, leaf, rule);
            }
          }
          if (owns(rule, record, target)) {
            continue;
          }
        }
        if (i >= 0) {
          if (marked == null) {
            marked = new boolean[shape.size()];
          }
          int r = shape.rank(i);
          if (!marked[r]) {
            marked[r] = true;
            leaves++;
          }
        } else {
          if (others == null) {
            others = new ArrayList<>(4);
          }
          others.add(leaf);
        }
      }
      if (leaves > 0 || others != null) {
        plan.add(
            new PlannedWrite<>(target, fields(shape, marked, leaves, others), record.entity()));
      }
    }
    return plan;
  }

  private static boolean subscribes(List<FieldPath> paths, FieldPath leaf) {
    for (FieldPath p : paths) {
      if (p.contains(leaf)) {
        return true;
      }
    }
    return false;
  }

  private static boolean owns(Optional<FieldRule> found, GoldenRecord<?> record, SystemId target) {
    FieldRule rule = found.orElse(null);
    return rule != null && rule.isOwned() && target.equals(rule.owner().owner(record));
  }

  private static SortedSet<FieldPath> fields(
      EntityShape<?> shape, boolean[] marked, int leaves, List<FieldPath> others) {
    FieldPath[] sorted = new FieldPath[leaves];
    int n = 0;
    for (int r = 0; n < leaves; r++) {
      if (marked[r]) {
        sorted[n++] = shape.leafByRank(r);
      }
    }
    if (others == null) {
      return SortedArraySet.ofSorted(sorted);
    }
    // Custom fields (few): sorted on their own, then merged into the catalogue leaves.
    others.sort(null);
    FieldPath[] all = new FieldPath[leaves + others.size()];
    int a = 0;
    int o = 0;
    int k = 0;
    while (a < leaves || o < others.size()) {
      FieldPath next =
          o == others.size() || a < leaves && sorted[a].compareTo(others.get(o)) < 0
              ? sorted[a++]
              : others.get(o++);
      if (k == 0 || !all[k - 1].equals(next)) {
        all[k++] = next;
      }
    }
    return SortedArraySet.ofSorted(k == all.length ? all : Arrays.copyOf(all, k));
  }

  @SuppressWarnings("unchecked")
  private static Optional<FieldRule>[] rules(EntityShape<?> shape) {
    return (Optional<FieldRule>[]) new Optional<?>[shape.size()];
  }

  private static <V> Map<FieldPath, V> cache() {
    return new ConcurrentHashMap<>();
  }

  private static <V> V remember(Map<FieldPath, V> cache, FieldPath leaf, V v) {
    if (cache.size() < MAX_CACHED) {
      cache.put(leaf, v);
    }
    return v;
  }

  /** Builds a {@link WritePlanner}. Not thread-safe. */
  public static final class Builder {
    private final Merger merger;
    private final Map<EntityType<?>, Map<SystemId, List<FieldPath>>> subscriptions =
        new LinkedHashMap<>();

    private Builder(Merger merger) {
      this.merger = merger;
    }

    /**
     * Subscribes a system to fields of an entity type: the fields its mapping writes.
     *
     * @param type the entity type
     * @param system the system
     * @param fields fields or groups, such as {@code Account.Fields.SHIPPING_ADDRESS}
     * @return this builder
     * @throws ValidationException if a field is not in the entity's catalogue
     */
    public Builder subscribe(EntityType<?> type, SystemId system, FieldPath... fields) {
      List<FieldPath> list =
          subscriptions
              .computeIfAbsent(type, t -> new LinkedHashMap<>())
              .computeIfAbsent(system, s -> new ArrayList<>());
      for (FieldPath f : fields) {
        if (!type.hasField(f) && !f.value().equals(FieldPath.EXTENSIONS)) {
          throw ValidationException.of("WritePlanner", "subscribe", f, "is not a field of " + type);
        }
        list.add(f);
      }
      return this;
    }

    /**
     * Subscribes a system to every field of an entity type, custom fields included.
     *
     * @param type the entity type
     * @param system the system
     * @return this builder
     */
    public Builder subscribeAll(EntityType<?> type, SystemId system) {
      List<FieldPath> list =
          subscriptions
              .computeIfAbsent(type, t -> new LinkedHashMap<>())
              .computeIfAbsent(system, s -> new ArrayList<>());
      for (FieldPath f : type.fields()) {
        if (f.parent().isEmpty()) {
          list.add(f);
        }
      }
      list.add(FieldPath.of(FieldPath.EXTENSIONS));
      return this;
    }

    /**
     * Builds the planner.
     *
     * @return the planner
     */
    public WritePlanner build() {
      return new WritePlanner(this);
    }
  }
}
