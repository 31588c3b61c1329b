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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  /**
   * One merge in progress. Fields are addressed by slot: catalogue leaves by their index in the
   * entity's shape, custom fields by {@code size + n} for the n-th custom field this run meets.
   */
  private static final class Run<T extends CanonicalEntity> {
    final Compiled<T> policy;
    final GoldenRecord<T> current;
    final CanonicalId id;
    final Change<T> change;
    final Map<FieldPath, Long> lastWritten;
    final SystemId system;
    final Lineage lineage;
    final int size;
    final FieldValue[] working;
    Map<String, FieldValue> workingExt;
    boolean extCopied;
    final Object[] incoming;
    final boolean incomingRoundTrips;
    final Map<String, Object> incomingExt;
    final List<String> extSlots = new ArrayList<>();
    final boolean explicit;
    final List<FieldChange> changes;
    final List<FieldPath> applied;
    final List<Dropped> dropped = new ArrayList<>();
    final List<Parked> parked = new ArrayList<>();
    final List<FieldPath> stale = new ArrayList<>();
    final List<FieldPath> overruled = new ArrayList<>();
    final List<FieldPath> echoes = new ArrayList<>();
    boolean lineageRefreshed;
    RecordState stateView;

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
      this.size = policy.shape.size();
      this.working = current == null ? new FieldValue[size] : current.leafArray().clone();
      this.workingExt = current == null ? Map.of() : current.extensionMap();
      boolean[] roundTrips = {true};
      this.incoming = policy.shape.values(change.entity(), roundTrips);
      this.incomingRoundTrips = roundTrips[0];
      this.incomingExt = policy.shape.extensions(change.entity());
      this.explicit = !change.changedFields().isEmpty();
      // A new record takes every field it is sent: sized for that, not grown to it.
      this.changes = new ArrayList<>(current == null ? size : 10);
      this.applied = new ArrayList<>(current == null ? size : 10);
    }

    MergeResult<T> run() {
      List<Unit> units = candidateUnits();
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
      // A record that now holds exactly the change's values (typically a new one) is the change's
      // entity: built and checked already, so it is neither rebuilt nor checked again.
      T same = (effective || current == null) && holdsIncomingOnly() ? change.entity() : null;
      GoldenRecord<T> next =
          new GoldenRecord<>(
              id,
              change.entityType(),
              working,
              extCopied ? Map.copyOf(workingExt) : workingExt,
              current == null ? 1 : current.version() + 1,
              current == null ? system : current.createdBy().orElse(system),
              same != null ? same : effective || current == null ? null : current.entity());
      if ((effective || current == null) && same == null) {
        validate(next);
      }
      return result(next, effective);
    }

    private boolean holdsIncomingOnly() {
      if (!incomingRoundTrips || workingExt.size() != incomingExt.size()) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        FieldValue fv = working[i];
        if (fv == null ? incoming[i] != null : fv.value() != incoming[i]) {
          return false;
        }
      }
      for (Map.Entry<String, FieldValue> e : workingExt.entrySet()) {
        if (e.getValue().value() != incomingExt.get(e.getKey())) {
          return false;
        }
      }
      return true;
    }

    private void validate(GoldenRecord<T> next) {
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

    private int extSlot(String name) {
      int i = extSlots.indexOf(name);
      if (i < 0) {
        extSlots.add(name);
        i = extSlots.size() - 1;
      }
      return size + i;
    }

    private FieldPath path(int slot) {
      return slot < size
          ? policy.shape.leaves().get(slot)
          : EntityShape.extensionPath(extSlots.get(slot - size));
    }

    private Object inc(int slot) {
      return slot < size ? incoming[slot] : incomingExt.get(extSlots.get(slot - size));
    }

    private FieldValue cur(int slot) {
      return slot < size ? working[slot] : workingExt.get(extSlots.get(slot - size));
    }

    private void set(int slot, FieldValue v) {
      if (slot < size) {
        working[slot] = v;
        return;
      }
      if (!extCopied) {
        workingExt = new HashMap<>(workingExt);
        extCopied = true;
      }
      String name = extSlots.get(slot - size);
      if (v == null) {
        workingExt.remove(name);
      } else {
        workingExt.put(name, v);
      }
    }

    private List<Unit> candidateUnits() {
      List<Unit> units = new ArrayList<>(policy.unitCount);
      boolean[] seen = new boolean[policy.unitCount];
      if (!explicit) {
        for (int i = 0; i < size; i++) {
          if (incoming[i] != null) {
            Unit u = policy.unitByLeaf[i];
            if (!seen[u.id]) {
              seen[u.id] = true;
              units.add(u);
            }
          }
        }
        for (Map.Entry<String, Object> e : incomingExt.entrySet()) {
          if (e.getValue() != null) {
            units.add(extensionUnit(e.getKey()));
          }
        }
        return units;
      }
      for (FieldPath f : change.changedFields()) {
        if (f.isExtension()) {
          units.add(extensionUnit(f.name()));
          continue;
        }
        for (Unit u : policy.catalogueUnits) {
          if (!seen[u.id] && (u.path.contains(f) || f.contains(u.path))) {
            seen[u.id] = true;
            units.add(u);
          }
        }
      }
      return units;
    }

    private Unit extensionUnit(String name) {
      FieldPath p = EntityShape.extensionPath(name);
      return new Unit(-1, p, policy.ruleForExtension(p), false, new int[] {extSlot(name)});
    }

    private void mergeUnit(Unit u) {
      int[] slots = u.slots;
      boolean provided = false;
      boolean equal = true;
      boolean curEmpty = true;
      Lineage curLineage = null;
      for (int s : slots) {
        Object v = inc(s);
        FieldValue fv = cur(s);
        provided |= v != null;
        if (fv != null) {
          curEmpty = false;
          if (curLineage == null) {
            curLineage = fv.lineage();
          }
        }
        if (!Objects.equals(v, fv == null ? null : fv.value())) {
          equal = false;
        }
      }
      if (!provided && !explicit) {
        return;
      }
      if (!lastWritten.isEmpty() && isEcho(slots)) {
        echoes.add(u.path);
        return;
      }
      // Candidates are compared only against a current value: a field the record does not hold
      // yet (every field of a new record) needs neither, nor the group maps they carry.
      Candidate incCand =
          curLineage == null
              ? null
              : new Candidate(
                  candidateValue(u, true),
                  system,
                  lineage.sourceTimestamp(),
                  lineage.sourceVersion());
      Candidate curCand =
          curLineage == null
              ? null
              : new Candidate(
                  candidateValue(u, false),
                  curLineage.system(),
                  curLineage.sourceTimestamp(),
                  curLineage.sourceVersion());
      FieldRule rule = u.rule;
      if (rule != null && rule.isOwned()) {
        SystemId owner = rule.owner().owner(state());
        if (!system.equals(owner)) {
          if (curEmpty && rule.othersMayInitialize()) {
            apply(u);
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
          apply(u);
        }
        return;
      }
      ConflictRule conflictRule = rule != null ? rule.conflictRule() : policy.policy.defaultRule();
      if (curCand == null) {
        if (provided) {
          apply(u);
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
            apply(u);
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
            parked.add(new Parked(u.path, values(u, false), curLineage, values(u, true), lineage));
          }
          break;
        default:
          throw new IllegalStateException("unknown verdict");
      }
    }

    /** A single field's value, or a group's leaves by path (sorted). */
    private Object candidateValue(Unit u, boolean incomingSide) {
      if (!u.group) {
        int s = u.slots[0];
        if (incomingSide) {
          return inc(s);
        }
        FieldValue fv = cur(s);
        return fv == null ? null : fv.value();
      }
      return values(u, incomingSide);
    }

    private Map<FieldPath, Object> values(Unit u, boolean incomingSide) {
      Map<FieldPath, Object> m = new TreeMap<>();
      for (int s : u.slots) {
        Object v;
        if (incomingSide) {
          v = inc(s);
        } else {
          FieldValue fv = cur(s);
          v = fv == null ? null : fv.value();
        }
        if (v != null) {
          m.put(path(s), v);
        }
      }
      return m;
    }

    private boolean isEcho(int[] slots) {
      boolean any = false;
      for (int s : slots) {
        Long written = lastWritten.get(path(s));
        long hash = FieldHash.of(inc(s));
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
      for (int s : u.slots) {
        FieldValue fv = cur(s);
        if (fv != null) {
          set(s, new FieldValue(fv.value(), lineage));
          lineageRefreshed = true;
        }
      }
    }

    private void apply(Unit u) {
      for (int s : u.slots) {
        FieldValue fv = cur(s);
        Object before = fv == null ? null : fv.value();
        Object after = inc(s);
        set(s, after == null ? null : new FieldValue(after, lineage));
        if (!Objects.equals(before, after)) {
          changes.add(new FieldChange(path(s), before, after));
        }
      }
      applied.add(u.path);
    }

    private RecordState state() {
      RecordState view = stateView;
      if (view == null) {
        // A live view of the record being merged: selectors run synchronously, in between units.
        SystemId creator = current == null ? system : current.createdBy().orElse(system);
        view =
            new RecordState() {
              @Override
              public Object value(FieldPath path) {
                int i = policy.shape.indexOf(path);
                if (i >= 0) {
                  return working[i] == null ? null : working[i].value();
                }
                if (path.isExtension()) {
                  FieldValue fv = workingExt.get(path.name());
                  return fv == null ? null : fv.value();
                }
                Map<FieldPath, Object> group = new TreeMap<>();
                for (int j = 0; j < size; j++) {
                  FieldPath leaf = policy.shape.leaves().get(j);
                  if (working[j] != null && path.contains(leaf)) {
                    group.put(leaf, working[j].value());
                  }
                }
                return group.isEmpty() ? null : Collections.unmodifiableMap(group);
              }

              @Override
              public Optional<SystemId> createdBy() {
                return Optional.of(creator);
              }
            };
        stateView = view;
      }
      return view;
    }
  }

  /** A rule's unit: one field, or a group whose leaves move together. */
  private static final class Unit {
    final int id;
    final FieldPath path;
    final FieldRule rule;
    final boolean group;
    final int[] slots;

    Unit(int id, FieldPath path, FieldRule rule, boolean group, int[] slots) {
      this.id = id;
      this.path = path;
      this.rule = rule;
      this.group = group;
      this.slots = slots;
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
    final Unit[] unitByLeaf;
    final List<Unit> catalogueUnits = new ArrayList<>();
    final int unitCount;
    final Map<FieldPath, Optional<FieldRule>> extensionRules = new ConcurrentHashMap<>();

    Compiled(OwnershipPolicy<T> policy) {
      this.policy = policy;
      this.shape = EntityShape.of(policy.entityType().javaType());
      List<FieldPath> leaves = shape.leaves();
      this.unitByLeaf = new Unit[leaves.size()];
      int ids = 0;
      for (FieldRule r : policy.rules()) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
          if (r.path().contains(leaves.get(i))) {
            slots.add(i);
          }
        }
        if (slots.isEmpty()) {
          continue; // a rule on a custom field
        }
        boolean group = !(slots.size() == 1 && leaves.get(slots.get(0)).equals(r.path()));
        Unit u =
            new Unit(
                ids++, r.path(), r, group, slots.stream().mapToInt(Integer::intValue).toArray());
        catalogueUnits.add(u);
        for (int s : u.slots) {
          unitByLeaf[s] = u;
        }
      }
      for (int i = 0; i < leaves.size(); i++) {
        if (unitByLeaf[i] == null) {
          unitByLeaf[i] = new Unit(ids++, leaves.get(i), null, false, new int[] {i});
          catalogueUnits.add(unitByLeaf[i]);
        }
      }
      this.unitCount = ids;
    }

    FieldRule ruleForExtension(FieldPath path) {
      return extensionRules.computeIfAbsent(path, policy::ruleFor).orElse(null);
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
