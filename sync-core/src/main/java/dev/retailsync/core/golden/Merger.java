package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.policy.Candidate;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.FieldRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.policy.RecordState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merges changes into golden records under each entity type's {@link OwnershipPolicy}. A pure
 * function of its inputs (the record held, the change, what the SDK last wrote to the change's
 * source) and the clock: it reads and writes no store.
 *
 * <p>Per field or group (a rule's unit), in this order:
 *
 * <ol>
 *   <li>a value that repeats what the SDK last wrote to the source system is an <em>echo</em> and
 *       is dropped, whatever its timestamp;
 *   <li>an owned field sent by a system that does not own it is <em>dropped</em> (unless the owner
 *       allows any system to give it its first value);
 *   <li>the owner's value older than the one held (same system) is <em>stale</em>;
 *   <li>a shared field is decided by its conflict rule: taken, kept (<em>stale</em> when older,
 *       <em>overruled</em> otherwise), or <em>parked</em> for review.
 * </ol>
 *
 * <p>What a change carries: when it lists {@code changedFields}, those fields (a {@code null}
 * clears); otherwise every field it has a value for ({@code null} and empty collections mean "not
 * sent", never "cleared"). A group unit is taken as a whole from one system.
 *
 * <p>Clock skew: a change whose source timestamp is more than {@link Builder#maxClockSkew} ahead of
 * this host's clock (5 minutes by default) is refused with a {@link ValidationException} naming
 * {@code sourceTimestamp}: a source clock that runs ahead would otherwise win every newest-wins
 * decision until real time caught up.
 *
 * <p>Instances are immutable and thread-safe; create one per host and reuse it.
 */
public final class Merger {
  private final Map<EntityType<?>, Compiled<?>> policies;
  private final Clock clock;
  private final Duration maxClockSkew;

  private Merger(Builder b) {
    Map<EntityType<?>, Compiled<?>> m = new HashMap<>();
    for (OwnershipPolicy<?> p : b.policies) {
      m.put(p.entityType(), new Compiled<>(p));
    }
    this.policies = Map.copyOf(m);
    this.clock = b.clock;
    this.maxClockSkew = b.maxClockSkew;
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the policy for an entity type.
   *
   * @param type the entity type
   * @param <T> the entity's Java type
   * @return the policy, or empty when none covers the type
   */
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<OwnershipPolicy<T>> policy(EntityType<T> type) {
    Compiled<?> c = policies.get(type);
    return c == null ? Optional.empty() : Optional.of((OwnershipPolicy<T>) c.policy);
  }

  /**
   * Merges a change into a golden record.
   *
   * @param current the golden record held, or {@code null} when the change creates it
   * @param id the canonical id of the record
   * @param change the change
   * @param lastWritten fingerprints ({@link FieldHash}) of what the SDK last wrote to the change's
   *     source system for this record, by leaf; empty when nothing was written
   * @param <T> the entity's Java type
   * @return what the merge did, with the new golden record
   * @throws ValidationException if no policy covers the entity type, the source timestamp is too
   *     far in the future, the record held is of another type, or the merged fields do not make a
   *     valid entity (then nothing is applied)
   */
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> MergeResult<T> merge(
      GoldenRecord<T> current, CanonicalId id, Change<T> change, Map<FieldPath, Long> lastWritten) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Compiled<T> policy = (Compiled<T>) policies.get(change.entityType());
    if (policy == null) {
      throw ValidationException.of(
          "Change",
          "entityType",
          change.entityType(),
          "no ownership policy covers this entity type; add one with Merger.builder().policy(...)");
    }
    if (current != null && !current.entityType().equals(change.entityType())) {
      throw ValidationException.of(
          "Change",
          "entityType",
          change.entityType(),
          "the golden record " + id + " is a " + current.entityType());
    }
    Instant now = clock.instant();
    Instant ts = change.sourceTimestamp();
    if (ts != null && ts.isAfter(now.plus(maxClockSkew))) {
      throw ValidationException.of(
          "Change",
          "sourceTimestamp",
          ts,
          "is "
              + Duration.between(now, ts)
              + " ahead of this host's clock, more than the allowed skew of "
              + maxClockSkew
              + "; fix the source's clock or raise Merger.builder().maxClockSkew(...)");
    }
    if (change.type() == ChangeType.DELETED) {
      return new MergeResult<>(
          current,
          false,
          false,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          true,
          change.source().system());
    }
    return new Run<>(policy, current, id, change, lastWritten, now).run();
  }

  /** One merge in progress. */
  private static final class Run<T extends CanonicalEntity> {
    final Compiled<T> policy;
    final GoldenRecord<T> current;
    final CanonicalId id;
    final Change<T> change;
    final Map<FieldPath, Long> lastWritten;
    final SystemId system;
    final Lineage lineage;
    final Map<FieldPath, FieldValue> working;
    final Map<FieldPath, Object> incoming;
    final boolean explicit;
    final List<FieldChange> changes = new ArrayList<>();
    final List<FieldPath> applied = new ArrayList<>();
    final List<Dropped> dropped = new ArrayList<>();
    final List<Parked> parked = new ArrayList<>();
    final List<FieldPath> stale = new ArrayList<>();
    final List<FieldPath> overruled = new ArrayList<>();
    final List<FieldPath> echoes = new ArrayList<>();
    boolean lineageRefreshed;

    Run(
        Compiled<T> policy,
        GoldenRecord<T> current,
        CanonicalId id,
        Change<T> change,
        Map<FieldPath, Long> lastWritten,
        Instant now) {
      this.policy = policy;
      this.current = current;
      this.id = id;
      this.change = change;
      this.lastWritten = lastWritten == null ? Map.of() : lastWritten;
      this.system = change.source().system();
      this.lineage =
          new Lineage(
              system,
              change.sourceTimestamp(),
              change.sourceVersion(),
              now,
              change.correlationId());
      this.working = current == null ? new HashMap<>() : new HashMap<>(current.fields());
      this.incoming = policy.shape.flatten(change.entity());
      this.explicit = !change.changedFields().isEmpty();
    }

    MergeResult<T> run() {
      Set<Unit> units = candidateUnits();
      List<Unit> later = new ArrayList<>();
      for (Unit u : units) {
        if (u.rule != null && u.rule.isOwned() && u.rule.owner().dependsOnState()) {
          later.add(u);
        } else {
          mergeUnit(u);
        }
      }
      for (Unit u : later) {
        mergeUnit(u);
      }
      boolean effective = !changes.isEmpty();
      if (!effective && !lineageRefreshed && current != null) {
        return result(current, false);
      }
      GoldenRecord<T> next =
          new GoldenRecord<>(
              id,
              change.entityType(),
              Collections.unmodifiableMap(working),
              current == null ? 1 : current.version() + 1,
              current == null ? system : current.createdBy().orElse(system),
              null);
      try {
        next.entity();
      } catch (ValidationException e) {
        List<FieldError> errors = new ArrayList<>(e.errors());
        for (Dropped d : dropped) {
          errors.add(FieldError.redacted(d.field().value(), "was dropped: " + d.reason()));
        }
        throw new ValidationException(
            "golden " + change.entityType() + " " + id + " after merging a change from " + system,
            errors);
      }
      return result(next, effective);
    }

    private MergeResult<T> result(GoldenRecord<T> record, boolean effective) {
      return new MergeResult<>(
          record,
          current == null,
          effective,
          changes,
          applied,
          dropped,
          parked,
          stale,
          overruled,
          echoes,
          false,
          system);
    }

    private Set<Unit> candidateUnits() {
      Set<Unit> units = new LinkedHashSet<>();
      if (!explicit) {
        for (FieldPath leaf : incoming.keySet()) {
          units.add(policy.unitOf(leaf));
        }
        return units;
      }
      for (FieldPath f : change.changedFields()) {
        boolean found = false;
        for (Unit u : policy.units()) {
          if (u.path.contains(f) || f.contains(u.path)) {
            units.add(u);
            found = true;
          }
        }
        if (!found) {
          units.add(policy.unitOf(f));
        }
      }
      return units;
    }

    private void mergeUnit(Unit u) {
      List<FieldPath> leaves = u.leaves(incoming, working);
      Map<FieldPath, Object> inc;
      Map<FieldPath, Object> cur;
      boolean provided;
      Lineage curLineage = null;
      if (leaves.size() == 1) {
        // The common case, one leaf: no sorted maps to build.
        FieldPath leaf = leaves.get(0);
        Object v = incoming.get(leaf);
        FieldValue fv = working.get(leaf);
        inc = v == null ? Map.of() : Map.of(leaf, v);
        cur = fv == null ? Map.of() : Map.of(leaf, fv.value());
        curLineage = fv == null ? null : fv.lineage();
        provided = v != null;
      } else {
        inc = new TreeMap<>();
        cur = new TreeMap<>();
        provided = false;
        for (FieldPath leaf : leaves) {
          Object v = incoming.get(leaf);
          if (v != null) {
            inc.put(leaf, v);
            provided = true;
          }
          FieldValue fv = working.get(leaf);
          if (fv != null) {
            cur.put(leaf, fv.value());
            if (curLineage == null) {
              curLineage = fv.lineage();
            }
          }
        }
      }
      if (!provided && !explicit) {
        return;
      }
      if (!lastWritten.isEmpty() && isEcho(u, inc)) {
        echoes.add(u.path);
        return;
      }
      boolean equal = inc.equals(cur);
      Candidate incCand =
          new Candidate(
              valueOf(u, inc), system, lineage.sourceTimestamp(), lineage.sourceVersion());
      Candidate curCand =
          curLineage == null
              ? null
              : new Candidate(
                  valueOf(u, cur),
                  curLineage.system(),
                  curLineage.sourceTimestamp(),
                  curLineage.sourceVersion());
      FieldRule rule = u.rule;
      if (rule != null && rule.isOwned()) {
        SystemId owner = rule.owner().owner(state());
        if (!system.equals(owner)) {
          if (cur.isEmpty() && rule.othersMayInitialize()) {
            apply(u, inc, cur);
          } else if (!equal) {
            dropped.add(
                new Dropped(u.path, system, owner, "'" + u.path + "' is owned by " + owner));
          }
          return;
        }
        if (curCand != null
            && curCand.system().equals(system)
            && Candidate.compareRecency(incCand, curCand) < 0) {
          if (!equal) {
            stale.add(u.path);
          }
          return;
        }
        if (equal) {
          if (curCand == null || Candidate.compareRecency(incCand, curCand) > 0) {
            refresh(u);
          }
        } else {
          apply(u, inc, cur);
        }
        return;
      }
      ConflictRule conflictRule = rule != null ? rule.conflictRule() : policy.policy.defaultRule();
      if (curCand == null) {
        if (!inc.isEmpty()) {
          apply(u, inc, cur);
        }
        return;
      }
      switch (conflictRule.resolve(curCand, incCand)) {
        case TAKE_INCOMING:
          if (equal) {
            // The rule ranks the incoming value higher: it takes over the lineage, so that later
            // decisions compare against the winner whatever the order changes arrived in.
            refresh(u);
          } else {
            apply(u, inc, cur);
          }
          break;
        case KEEP_CURRENT:
          if (!equal) {
            if (Candidate.compareRecency(incCand, curCand) < 0) {
              stale.add(u.path);
            } else {
              overruled.add(u.path);
            }
          }
          break;
        case REVIEW:
          if (!equal) {
            parked.add(new Parked(u.path, cur, curLineage, inc, lineage));
          }
          break;
        default:
          throw new IllegalStateException("unknown verdict");
      }
    }

    private boolean isEcho(Unit u, Map<FieldPath, Object> inc) {
      boolean any = false;
      for (FieldPath leaf : u.leaves(incoming, working)) {
        Long written = lastWritten.get(leaf);
        long hash = FieldHash.of(inc.get(leaf));
        if (written == null) {
          if (hash != 0) {
            return false;
          }
        } else {
          if (written != hash) {
            return false;
          }
          any = true;
        }
      }
      return any;
    }

    private void refresh(Unit u) {
      for (FieldPath leaf : u.leaves(incoming, working)) {
        FieldValue fv = working.get(leaf);
        if (fv != null) {
          working.put(leaf, new FieldValue(fv.value(), lineage));
          lineageRefreshed = true;
        }
      }
    }

    private void apply(Unit u, Map<FieldPath, Object> inc, Map<FieldPath, Object> cur) {
      for (FieldPath leaf : u.leaves(incoming, working)) {
        Object before = cur.get(leaf);
        Object after = inc.get(leaf);
        if (after == null) {
          working.remove(leaf);
        } else {
          working.put(leaf, new FieldValue(after, lineage));
        }
        if (!Objects.equals(before, after)) {
          changes.add(new FieldChange(leaf, before, after));
        }
      }
      applied.add(u.path);
    }

    private Object valueOf(Unit u, Map<FieldPath, Object> leaves) {
      return u.group ? leaves : leaves.get(u.path);
    }

    private RecordState state() {
      Map<FieldPath, FieldValue> snapshot = working;
      SystemId creator = current == null ? system : current.createdBy().orElse(system);
      return new RecordState() {
        @Override
        public Object value(FieldPath path) {
          FieldValue v = snapshot.get(path);
          if (v != null) {
            return v.value();
          }
          Map<FieldPath, Object> group = new LinkedHashMap<>();
          snapshot.forEach(
              (k, fv) -> {
                if (path.contains(k)) {
                  group.put(k, fv.value());
                }
              });
          return group.isEmpty() ? null : group;
        }

        @Override
        public Optional<SystemId> createdBy() {
          return Optional.of(creator);
        }
      };
    }
  }

  /** A rule's unit: one field, or a group whose leaves move together. */
  private static final class Unit {
    final FieldPath path;
    final FieldRule rule;
    final boolean group;
    final List<FieldPath> leaves;

    Unit(FieldPath path, FieldRule rule, boolean group, List<FieldPath> leaves) {
      this.path = path;
      this.rule = rule;
      this.group = group;
      this.leaves = leaves;
    }

    /** The unit's leaves; a rule on {@code extensions} also covers custom fields present. */
    List<FieldPath> leaves(Map<FieldPath, Object> incoming, Map<FieldPath, FieldValue> working) {
      if (!group || !(path.isExtension() || path.value().equals(FieldPath.EXTENSIONS))) {
        return leaves;
      }
      Set<FieldPath> all = new LinkedHashSet<>(leaves);
      for (FieldPath p : incoming.keySet()) {
        if (path.contains(p)) {
          all.add(p);
        }
      }
      for (FieldPath p : working.keySet()) {
        if (path.contains(p)) {
          all.add(p);
        }
      }
      return List.copyOf(all);
    }

    @Override
    public String toString() {
      return path.value();
    }
  }

  /** A policy with its units precomputed. */
  private static final class Compiled<T extends CanonicalEntity> {
    final OwnershipPolicy<T> policy;
    final EntityShape<T> shape;
    final Map<FieldPath, Unit> unitByLeaf = new HashMap<>();
    final List<Unit> ruleUnits = new ArrayList<>();
    final Map<FieldPath, Unit> extensionUnits = new ConcurrentHashMap<>();

    Compiled(OwnershipPolicy<T> policy) {
      this.policy = policy;
      this.shape = EntityShape.of(policy.entityType().javaType());
      for (FieldRule r : policy.rules()) {
        List<FieldPath> leaves = new ArrayList<>();
        for (FieldPath leaf : shape.leaves()) {
          if (r.path().contains(leaf)) {
            leaves.add(leaf);
          }
        }
        boolean group = !(leaves.size() == 1 && leaves.get(0).equals(r.path()));
        Unit u = new Unit(r.path(), r, group, List.copyOf(leaves));
        ruleUnits.add(u);
        leaves.forEach(l -> unitByLeaf.put(l, u));
      }
      for (FieldPath leaf : shape.leaves()) {
        unitByLeaf.computeIfAbsent(leaf, l -> new Unit(l, null, false, List.of(l)));
      }
    }

    Unit unitOf(FieldPath leaf) {
      Unit u = unitByLeaf.get(leaf);
      if (u != null) {
        return u;
      }
      for (Unit r : ruleUnits) {
        if (r.path.contains(leaf)) {
          return r;
        }
      }
      return extensionUnits.computeIfAbsent(
          leaf, l -> new Unit(l, policy.ruleFor(l).orElse(null), false, List.of(l)));
    }

    Iterable<Unit> units() {
      Set<Unit> all = new LinkedHashSet<>(unitByLeaf.values());
      return all;
    }
  }

  /** Builds a {@link Merger}. Not thread-safe. */
  public static final class Builder {
    private final List<OwnershipPolicy<?>> policies = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Adds the policy of one entity type, replacing an earlier one for the same type.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(OwnershipPolicy<?> policy) {
      policies.removeIf(p -> p.entityType().equals(policy.entityType()));
      policies.add(policy);
      return this;
    }

    /**
     * Sets the clock lineage and the clock-skew check read; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how far ahead of this host's clock a source timestamp may be; 5 minutes by default.
     *
     * @param skew the allowed skew, zero or more
     * @return this builder
     */
    public Builder maxClockSkew(Duration skew) {
      if (skew == null || skew.isNegative()) {
        throw ValidationException.of("Merger", "maxClockSkew", skew, "must be zero or more");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /**
     * Builds the merger.
     *
     * @return the merger
     */
    public Merger build() {
      return new Merger(this);
    }
  }
}
