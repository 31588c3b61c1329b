package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Decides, for every inbound record, "same as canonical X", "new" or "a person should look", with a
 * probability and a per-field explanation, before anything is written anywhere.
 *
 * <p>Three ways to use it:
 *
 * <ul>
 *   <li><b>Incremental</b>: {@link #resolveAndAdd(IdentityRecord)} resolves a record against the
 *       in-memory index and adds it, under the candidate's canonical id on a MATCH and under a new
 *       one otherwise; {@link #resolve(IdentityRecord)} only looks.
 *   <li><b>Batch</b> (an initial load): {@link #cluster(List)} groups records into parties. Links
 *       are taken strongest first, and two groups are joined only if no pair across them is a
 *       household or has negative evidence overall, so a chain A~B~C never merges A and C when they
 *       are different people.
 *   <li><b>Linking two systems</b>: {@link #linkOneToOne(List, List)} pairs each record of one side
 *       with at most one of the other.
 * </ul>
 *
 * <p>Candidates come from OR-ed blocking keys; every candidate is scored field by field
 * (Fellegi-Sunter log-odds, missing values give no evidence); deterministic keys and, with a {@link
 * CrossReferenceStore}, an external id already known short-circuit to a match. Bad values never
 * throw: they are missing and the explanation says why.
 *
 * <p>Thread-safe: lookups run concurrently, additions one at a time. Create one per entity type and
 * reuse it.
 */
public final class IdentityResolver {
  private final Scorer scorer;
  private final Index index;
  private final CrossReferenceStore crossReferences;
  private final Supplier<CanonicalId> ids;
  private final Map<CanonicalId, List<Integer>> members = new HashMap<>();

  /** Absorbed canonical id to {survivor, the positions it had}, while merged. */
  private final Map<CanonicalId, Object[]> merges = new HashMap<>();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private IdentityResolver(Builder b) {
    this.scorer = new Scorer(b.config);
    this.index = new Index(scorer);
    this.crossReferences = b.crossReferences;
    this.ids = b.ids;
  }

  /**
   * Returns a resolver without a cross-reference store that makes random canonical ids.
   *
   * @param config the configuration
   * @return the resolver
   */
  public static IdentityResolver create(ResolverConfig config) {
    return builder(config).build();
  }

  /**
   * Returns a new builder.
   *
   * @param config the configuration
   * @return the builder
   */
  public static Builder builder(ResolverConfig config) {
    return new Builder(config);
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  public ResolverConfig config() {
    return scorer.config;
  }

  /**
   * Returns how many records the index holds.
   *
   * @return the number of records
   */
  public int size() {
    lock.readLock().lock();
    try {
      return index.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Resolves a record against the index without adding it.
   *
   * @param record the record
   * @return the decision; its canonical id is the candidate's on a MATCH, else {@code null}
   */
  public Decision resolve(IdentityRecord record) {
    Objects.requireNonNull(record, "record");
    lock.readLock().lock();
    try {
      return decide(scorer.normalise(record, -1), record);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Resolves a record against the index and adds it: on a MATCH under the candidate's canonical id,
   * otherwise under a new one (a REVIEW decision names the candidate so a person can merge later).
   * With a cross-reference store, the record's external id is linked to the canonical id.
   *
   * @param record the record
   * @return the decision, with the canonical id the record now has
   */
  public Decision resolveAndAdd(IdentityRecord record) {
    Objects.requireNonNull(record, "record");
    lock.writeLock().lock();
    try {
      Entry e = scorer.normalise(record, index.size());
      Decision d = decide(e, record);
      CanonicalId id = d.band() == Band.MATCH ? d.canonicalId() : ids.get();
      d = d.withCanonicalId(id);
      e.canonicalId = id;
      index.add(e);
      members.computeIfAbsent(id, k -> new ArrayList<>(2)).add(e.index);
      ExternalId ext = record.externalId();
      if (crossReferences != null && ext != null) {
        crossReferences.link(ext, id);
      }
      return d;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Adds a record the host already resolved, under its canonical id, without deciding anything.
   *
   * @param record the record
   * @param canonicalId its canonical id
   */
  public void add(IdentityRecord record, CanonicalId canonicalId) {
    Objects.requireNonNull(canonicalId, "canonicalId");
    lock.writeLock().lock();
    try {
      Entry e = scorer.normalise(record, index.size());
      e.canonicalId = canonicalId;
      index.add(e);
      members.computeIfAbsent(canonicalId, k -> new ArrayList<>(2)).add(e.index);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Merges one canonical id into another, typically after a person reviewed a REVIEW decision: the
   * absorbed id's records now resolve to the survivor, and with a cross-reference store its
   * external ids move there too (with history). {@link #unmerge} undoes it.
   *
   * @param survivor the canonical id that remains
   * @param absorbed the canonical id merged away
   * @param reason why, for the cross-reference history
   * @throws IllegalArgumentException if both are the same, the absorbed id has no records here, or
   *     it is already merged
   */
  public void merge(CanonicalId survivor, CanonicalId absorbed, String reason) {
    Objects.requireNonNull(survivor, "survivor");
    Objects.requireNonNull(absorbed, "absorbed");
    lock.writeLock().lock();
    try {
      if (survivor.equals(absorbed)) {
        throw new IllegalArgumentException("cannot merge " + survivor + " into itself");
      }
      if (merges.containsKey(absorbed)) {
        throw new IllegalArgumentException(absorbed + " is already merged; unmerge it first");
      }
      List<Integer> moving = members.get(absorbed);
      if (moving == null || moving.isEmpty()) {
        throw new IllegalArgumentException(absorbed + " has no records in this resolver");
      }
      if (crossReferences != null) {
        crossReferences.merge(survivor, absorbed, reason);
      }
      List<Integer> moved = List.copyOf(moving);
      for (int i : moved) {
        index.entries.get(i).canonicalId = survivor;
      }
      members.computeIfAbsent(survivor, k -> new ArrayList<>()).addAll(moved);
      members.remove(absorbed);
      merges.put(absorbed, new Object[] {survivor, moved});
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Undoes a {@link #merge}: the records the absorbed id had when it was merged resolve to it again
   * (records added to the survivor since stay there), and with a cross-reference store its external
   * ids move back.
   *
   * @param survivor the canonical id that absorbed the other
   * @param absorbed the canonical id to restore
   * @param reason why, for the cross-reference history
   * @throws IllegalArgumentException if {@code absorbed} is not merged into {@code survivor} here
   */
  public void unmerge(CanonicalId survivor, CanonicalId absorbed, String reason) {
    lock.writeLock().lock();
    try {
      Object[] merge = merges.get(absorbed);
      if (merge == null || !merge[0].equals(survivor)) {
        throw new IllegalArgumentException(absorbed + " is not merged into " + survivor);
      }
      if (crossReferences != null) {
        crossReferences.unmerge(survivor, absorbed, reason);
      }
      @SuppressWarnings("unchecked")
      List<Integer> moved = (List<Integer>) merge[1];
      List<Integer> back = new ArrayList<>();
      for (int i : moved) {
        Entry e = index.entries.get(i);
        if (survivor.equals(e.canonicalId)) {
          e.canonicalId = absorbed;
          back.add(i);
        }
      }
      List<Integer> survivors = members.get(survivor);
      if (survivors != null) {
        survivors.removeAll(back);
      }
      members.put(absorbed, back);
      merges.remove(absorbed);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Compares two records directly, without blocking; useful to explain a pair.
   *
   * @param a one record
   * @param b the other record
   * @return the decision about {@code a} with {@code b} as the candidate
   */
  public Decision compare(IdentityRecord a, IdentityRecord b) {
    Entry ea = scorer.normalise(a, -1);
    Entry eb = scorer.normalise(b, -2);
    lock.readLock().lock();
    try {
      return scorer.decision(ea, eb, scorer.judge(ea, eb, index), null);
    } finally {
      lock.readLock().unlock();
    }
  }

  private Decision decide(Entry e, IdentityRecord record) {
    ExternalId ext = record.externalId();
    if (crossReferences != null && ext != null) {
      Optional<CanonicalId> known = crossReferences.canonicalIdOf(ext);
      if (known.isPresent()) {
        return known(e, known.get(), ext);
      }
    }
    int[] candidates = index.candidates(e);
    if (candidates.length == 0) {
      return scorer.noCandidate(e, null);
    }
    Scorer.Verdict best = null;
    Scorer.Verdict scratch = scorer.newVerdict();
    Entry bestEntry = null;
    List<String> households = new ArrayList<>();
    for (int c : candidates) {
      Entry cand = index.entries.get(c);
      Scorer.Verdict v = scorer.judge(e, cand, index, scratch);
      if (v.household) {
        households.add(cand.id);
      }
      if (best == null || better(v, best)) {
        // Keep the best verdict and reuse the other one: no allocation per candidate.
        scratch = best == null ? scorer.newVerdict() : best;
        best = v;
        bestEntry = cand;
      }
    }
    Decision d = scorer.decision(e, bestEntry, best, null);
    if (d.band() == Band.MATCH) {
      d = d.withCanonicalId(bestEntry.canonicalId);
      String conflict = conflict(e, bestEntry.canonicalId, bestEntry.index);
      if (conflict != null) {
        d =
            d.withBand(
                    Band.REVIEW,
                    "another record of canonical id "
                        + bestEntry.canonicalId
                        + " ("
                        + conflict
                        + ") is a different person; a merge would chain them")
                .withCanonicalId(null);
      }
    }
    return households.isEmpty() ? d : d.withHouseholds(households);
  }

  private static boolean better(Scorer.Verdict v, Scorer.Verdict best) {
    if ((v.deterministicField != null) != (best.deterministicField != null)) {
      return v.deterministicField != null;
    }
    return v.bits > best.bits;
  }

  /** Returns the id of a member of the canonical id that must not be merged with e, or null. */
  private String conflict(Entry e, CanonicalId id, int except) {
    List<Integer> ms = members.get(id);
    if (ms == null) {
      return null;
    }
    for (int m : ms) {
      if (m == except) {
        continue;
      }
      Entry other = index.entries.get(m);
      Scorer.Verdict v = scorer.judge(e, other, index);
      if (cannotLink(v)) {
        return other.id;
      }
    }
    return null;
  }

  /**
   * Two records must not end up in one party when they are a household, or when their fields, taken
   * together, speak against a match (negative evidence), whatever links them through others.
   */
  private static boolean cannotLink(Scorer.Verdict v) {
    return v.deterministicField == null && (v.household || v.bits < 0);
  }

  private Decision known(Entry e, CanonicalId id, ExternalId ext) {
    List<FieldContribution> fields = new ArrayList<>();
    for (FieldRule r : scorer.config.fields()) {
      fields.add(new FieldContribution(r.field(), "missing", Double.NaN, 0, "not compared"));
    }
    return new Decision(
        e.id,
        Band.MATCH,
        null,
        id,
        1,
        Double.POSITIVE_INFINITY,
        new Explanation(
            "MATCH: " + ext + " is already linked to " + id + " in the cross-reference",
            fields,
            List.of("deterministic key: shared external id in the cross-reference")),
        List.of());
  }

  /**
   * Resolves a batch (an initial load) into parties, without touching the index: records are
   * compared within their blocks, links are taken strongest first, and two groups are joined only
   * when no pair across them is a household or has negative evidence overall.
   *
   * @param records the records; ids must be distinct
   * @return the clusters, reviews and households
   */
  public Clustering cluster(List<IdentityRecord> records) {
    Index local = new Index(scorer);
    List<Entry> entries = new ArrayList<>(records.size());
    for (IdentityRecord r : records) {
      Entry e = scorer.normalise(r, entries.size());
      entries.add(e);
      local.add(e);
    }
    List<double[]> links = new ArrayList<>();
    List<Decision> reviews = new ArrayList<>();
    List<RecordPair> households = new ArrayList<>();
    Map<Long, Scorer.Verdict> verdicts = new HashMap<>();
    long comparisons = 0;
    for (Entry e : entries) {
      for (int c : local.candidates(e)) {
        if (c >= e.index) {
          continue;
        }
        Entry other = entries.get(c);
        Scorer.Verdict v = scorer.judge(e, other, local);
        comparisons++;
        if (v.household) {
          households.add(new RecordPair(other.id, e.id));
        } else if (v.band == Band.MATCH) {
          // Only links are kept; any other pair the clustering needs is judged again.
          verdicts.put(pairKey(e.index, c), v);
          double strength = v.deterministicField != null ? Double.MAX_VALUE : v.bits;
          links.add(new double[] {strength, c, e.index});
        } else if (v.band == Band.REVIEW) {
          reviews.add(scorer.decision(e, other, v, null));
        }
      }
    }
    links.sort(Comparator.comparingDouble((double[] l) -> -l[0]));
    int[] parent = new int[entries.size()];
    List<List<Integer>> groups = new ArrayList<>(entries.size());
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      groups.add(null);
    }
    for (double[] l : links) {
      int a = find(parent, (int) l[1]);
      int b = find(parent, (int) l[2]);
      if (a == b) {
        continue;
      }
      List<Integer> ga = groups.get(a) == null ? List.of(a) : groups.get(a);
      List<Integer> gb = groups.get(b) == null ? List.of(b) : groups.get(b);
      if (!compatible(ga, gb, entries, local, verdicts)) {
        Entry x = entries.get((int) l[2]);
        Entry y = entries.get((int) l[1]);
        reviews.add(
            scorer
                .decision(x, y, verdicts.get(pairKey(x.index, y.index)), null)
                .withBand(
                    Band.REVIEW,
                    "batch clustering refused the link: it would chain different people"));
        continue;
      }
      List<Integer> merged = new ArrayList<>(ga.size() + gb.size());
      merged.addAll(ga);
      merged.addAll(gb);
      parent[b] = a;
      groups.set(a, merged);
      groups.set(b, null);
    }
    Map<Integer, List<String>> clusters = new HashMap<>();
    List<List<String>> out = new ArrayList<>();
    for (Entry e : entries) {
      int root = find(parent, e.index);
      List<String> c = clusters.get(root);
      if (c == null) {
        c = new ArrayList<>();
        clusters.put(root, c);
        out.add(c);
      }
      c.add(e.id);
    }
    return new Clustering(out, reviews, households, comparisons);
  }

  private boolean compatible(
      List<Integer> ga,
      List<Integer> gb,
      List<Entry> entries,
      Index local,
      Map<Long, Scorer.Verdict> verdicts) {
    for (int a : ga) {
      for (int b : gb) {
        Scorer.Verdict v = verdicts.get(pairKey(Math.max(a, b), Math.min(a, b)));
        if (v == null) {
          v = scorer.judge(entries.get(a), entries.get(b), local);
        }
        if (cannotLink(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static long pairKey(int hi, int lo) {
    return ((long) hi << 32) | (lo & 0xffffffffL);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * Links two systems' records one-to-one: every record of each side is linked to at most one of
   * the other, strongest pairs first, MATCH band only.
   *
   * @param left the records of one system
   * @param right the records of the other
   * @return one MATCH decision per link, about the left record with the right one as candidate
   */
  public List<Decision> linkOneToOne(List<IdentityRecord> left, List<IdentityRecord> right) {
    Index rightIndex = new Index(scorer);
    for (IdentityRecord r : right) {
      rightIndex.add(scorer.normalise(r, rightIndex.size()));
    }
    List<Object[]> links = new ArrayList<>();
    for (IdentityRecord r : left) {
      Entry e = scorer.normalise(r, -1);
      for (int c : rightIndex.candidates(e)) {
        Entry other = rightIndex.entries.get(c);
        Scorer.Verdict v = scorer.judge(e, other, rightIndex);
        if (v.band == Band.MATCH) {
          links.add(new Object[] {v, e, other});
        }
      }
    }
    links.sort(
        (x, y) -> {
          Scorer.Verdict a = (Scorer.Verdict) x[0];
          Scorer.Verdict b = (Scorer.Verdict) y[0];
          return better(a, b) ? -1 : better(b, a) ? 1 : 0;
        });
    Set<String> usedLeft = new HashSet<>();
    Set<String> usedRight = new HashSet<>();
    List<Decision> out = new ArrayList<>();
    for (Object[] l : links) {
      Entry e = (Entry) l[1];
      Entry other = (Entry) l[2];
      if (usedLeft.contains(e.id) || usedRight.contains(other.id)) {
        continue;
      }
      usedLeft.add(e.id);
      usedRight.add(other.id);
      out.add(scorer.decision(e, other, (Scorer.Verdict) l[0], null));
    }
    return out;
  }

  /**
   * Returns the candidate pairs blocking yields for a batch, so that a host can measure pairs
   * completeness and reduction ratio apart from match quality.
   *
   * @param records the records
   * @return every pair sharing at least one blocking key (within the size cap), once
   */
  public List<RecordPair> candidatePairs(List<IdentityRecord> records) {
    Index local = new Index(scorer);
    List<RecordPair> out = new ArrayList<>();
    for (IdentityRecord r : records) {
      Entry e = scorer.normalise(r, local.size());
      local.add(e);
    }
    for (Entry e : local.entries) {
      int[] cs = local.candidates(e);
      Arrays.stream(cs)
          .filter(c -> c < e.index)
          .forEach(c -> out.add(new RecordPair(local.entries.get(c).id, e.id)));
    }
    return out;
  }

  /** Builds an {@link IdentityResolver}. Not thread-safe. */
  public static final class Builder {
    private final ResolverConfig config;
    private CrossReferenceStore crossReferences;
    private Supplier<CanonicalId> ids = () -> CanonicalId.of(UUID.randomUUID());

    private Builder(ResolverConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets the cross-reference store: external ids it knows resolve to their canonical id without
     * scoring, and {@link #resolveAndAdd(IdentityRecord)} links the ids it assigns.
     *
     * @param crossReferences the store, or {@code null} for none
     * @return this builder
     */
    public Builder crossReferences(CrossReferenceStore crossReferences) {
      this.crossReferences = crossReferences;
      return this;
    }

    /**
     * Sets where new canonical ids come from; the default makes random UUIDs.
     *
     * @param ids the id supplier
     * @return this builder
     */
    public Builder canonicalIds(Supplier<CanonicalId> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return the resolver
     */
    public IdentityResolver build() {
      return new IdentityResolver(this);
    }
  }
}
