package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ConflictException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.internal.FieldFingerprints;
import dev.retailsync.core.state.GoldenRecordStore;
import dev.retailsync.core.state.ReviewItem;
import dev.retailsync.core.state.ReviewQueue;
import dev.retailsync.core.state.WriteFingerprintStore;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Golden records kept in stores: merges changes under the ownership policies ({@link Merger}),
 * saves the result with compare-and-set (re-merging when another writer got there first), parks
 * conflicts in the review queue, applies review decisions, remembers what was written to each
 * system for echo suppression, and counts what ownership dropped.
 *
 * <p>Instances are thread-safe; create one per host and reuse it.
 */
public final class GoldenRecords {
  private static final int MAX_ATTEMPTS = 8;

  private final Merger merger;
  private final GoldenRecordStore store;
  private final ReviewQueue reviews;
  private final WriteFingerprintStore fingerprints;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Map<DropKey, LongAdder> dropCounts = new ConcurrentHashMap<>();
  private final LongAdder echoCount = new LongAdder();

  /**
   * Counts of fields dropped by ownership, by sending system, field and owner.
   *
   * @param system the system that sent the field
   * @param field the field or group
   * @param owner the system that owns it
   */
  public record DropKey(SystemId system, FieldPath field, SystemId owner) {}

  private GoldenRecords(Builder b) {
    this.merger = required("merger", b.merger);
    this.store = required("store", b.store);
    this.reviews = required("reviewQueue", b.reviews);
    this.fingerprints = required("fingerprints", b.fingerprints);
    this.clock = b.clock;
    this.ids = b.ids;
  }

  private static <X> X required(String name, X value) {
    if (value == null) {
      throw ValidationException.of("GoldenRecords", name, null, "is required");
    }
    return value;
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
   * Merges a change into the golden record it belongs to and stores the result.
   *
   * @param id the canonical id identity resolution gave the record
   * @param change the change
   * @param <T> the entity's Java type
   * @return what the merge did
   * @throws ValidationException if the change is refused (see {@link Merger#merge}); nothing is
   *     stored then
   * @throws ConflictException if the record kept changing under concurrent writers (retryable)
   */
  public <T extends CanonicalEntity> MergeResult<T> apply(CanonicalId id, Change<T> change) {
    Map<FieldPath, Long> written = fingerprints.lastWritten(change.source().system(), id);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      GoldenRecord<T> current = store.find(change.entityType(), id).orElse(null);
      MergeResult<T> result = merger.merge(current, id, change, written);
      if (result.record() != current) {
        long expected = current == null ? 0 : current.version();
        if (!store.save(result.record(), expected)) {
          continue;
        }
      }
      afterMerge(id, change, result);
      return result;
    }
    throw new ConflictException(
        "golden " + change.entityType() + " " + id + " kept changing under concurrent merges",
        null,
        new ErrorContext(change.source().system(), "merge", change.correlationId(), MAX_ATTEMPTS),
        true);
  }

  private <T extends CanonicalEntity> void afterMerge(
      CanonicalId id, Change<T> change, MergeResult<T> result) {
    for (Dropped d : result.dropped()) {
      dropCounts
          .computeIfAbsent(new DropKey(d.system(), d.field(), d.owner()), k -> new LongAdder())
          .increment();
    }
    if (!result.echoes().isEmpty()) {
      echoCount.increment();
    }
    for (Parked p : result.parked()) {
      reviews.add(
          new ReviewItem(
              ids.get(),
              change.entityType(),
              id,
              p.field(),
              p.currentValues(),
              p.currentLineage(),
              p.proposedValues(),
              p.proposedLineage(),
              ReviewItem.Status.OPEN,
              clock.instant(),
              null));
    }
  }

  /**
   * Reads a golden record.
   *
   * @param type the entity type
   * @param id the canonical id
   * @param <T> the entity's Java type
   * @return the record, or empty
   */
  public <T extends CanonicalEntity> Optional<GoldenRecord<T>> find(
      EntityType<T> type, CanonicalId id) {
    return store.find(type, id);
  }

  /**
   * Decides a parked conflict. Accepting applies the proposed value with its original lineage (a
   * value that has since changed in the golden record is still replaced: the reviewer saw both);
   * rejecting keeps the golden record as it is.
   *
   * @param reviewId the review item's id
   * @param accept whether to accept the proposed value
   * @return the decided item, or empty when no open item has that id
   */
  public Optional<ReviewItem> decide(String reviewId, boolean accept) {
    Optional<ReviewItem> open =
        reviews.find(reviewId).filter(i -> i.status() == ReviewItem.Status.OPEN);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    ReviewItem item = open.get();
    if (accept) {
      applyDecision(item, item.entityType());
    }
    return reviews.decide(
        reviewId,
        accept ? ReviewItem.Status.ACCEPTED : ReviewItem.Status.REJECTED,
        clock.instant());
  }

  private <T extends CanonicalEntity> void applyDecision(ReviewItem item, EntityType<T> type) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      GoldenRecord<T> current = store.find(type, item.canonicalId()).orElse(null);
      if (current == null) {
        return;
      }
      Map<FieldPath, FieldValue> fields = new HashMap<>(current.fields());
      fields.keySet().removeIf(item.field()::contains);
      item.proposedValues()
          .forEach(
              (leaf, value) -> fields.put(leaf, new FieldValue(value, item.proposedLineage())));
      GoldenRecord<T> next =
          GoldenRecord.restore(
              current.id(), type, fields, current.version() + 1, current.createdBy().orElseThrow());
      next.entity();
      if (store.save(next, current.version())) {
        return;
      }
    }
    throw new ConflictException(
        "golden " + type + " " + item.canonicalId() + " kept changing while applying a review",
        null,
        ErrorContext.none(),
        true);
  }

  /**
   * Remembers what was written to a system for a record, so that the system's echo of it is
   * recognised and dropped. Call after a successful write.
   *
   * @param system the system written to
   * @param id the record's canonical id
   * @param written the leaf values written
   */
  public void recordWritten(SystemId system, CanonicalId id, Map<FieldPath, ?> written) {
    Map<FieldPath, Long> f = new HashMap<>();
    written.forEach((k, v) -> f.put(k, FieldHash.of(v)));
    fingerprints.recordWritten(system, id, f);
  }

  /**
   * Remembers that fields of a golden record were written to a system with the values the record
   * holds, as {@link #recordWritten(SystemId, CanonicalId, Map)} does with those values.
   *
   * @param system the system written to
   * @param record the golden record whose values were written
   * @param fields the leaf fields or groups written
   */
  public void recordWritten(SystemId system, GoldenRecord<?> record, Collection<FieldPath> fields) {
    FieldPath[] paths = new FieldPath[fields.size()];
    long[] hashes = new long[paths.length];
    int n = 0;
    for (FieldPath f : fields) {
      if (n == paths.length) {
        break; // a collection that grew while being read: what was there when sized is recorded
      }
      paths[n] = f;
      hashes[n++] = FieldHash.of(record.value(f));
    }
    // Built immutable once, in the planner's (sorted) order: the in-memory store keeps it as it is
    // and merges a later write into it without hashing paths.
    fingerprints.recordWritten(system, record.id(), FieldFingerprints.of(paths, hashes, n));
  }

  /**
   * Tells whether a system lacks a value: the SDK has not recorded writing exactly this value of
   * the field to it.
   *
   * @param system the system
   * @param id the record's canonical id
   * @param field the leaf field
   * @param value the value
   * @return {@code true} when the last recorded write of the field to the system had another value,
   *     or there was none
   */
  public boolean lacks(SystemId system, CanonicalId id, FieldPath field, Object value) {
    Long written = fingerprints.lastWritten(system, id).get(field);
    return written == null || written != FieldHash.of(value);
  }

  /**
   * Returns how many fields ownership dropped, by system, field and owner, since this instance was
   * created.
   *
   * @return a snapshot of the counts
   */
  public Map<DropKey, Long> droppedByOwnership() {
    Map<DropKey, Long> m = new HashMap<>();
    dropCounts.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /**
   * Returns how many changes carried echoes of the SDK's own writes since this instance was
   * created.
   *
   * @return the count
   */
  public long echoes() {
    return echoCount.sum();
  }

  /** Builds {@link GoldenRecords}. Not thread-safe. */
  public static final class Builder {
    private Merger merger;
    private GoldenRecordStore store;
    private ReviewQueue reviews;
    private WriteFingerprintStore fingerprints;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();

    private Builder() {}

    /**
     * Sets the merger; required.
     *
     * @param merger the merger
     * @return this builder
     */
    public Builder merger(Merger merger) {
      this.merger = merger;
      return this;
    }

    /**
     * Sets the golden record store; required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(GoldenRecordStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets the review queue; required.
     *
     * @param reviews the queue
     * @return this builder
     */
    public Builder reviewQueue(ReviewQueue reviews) {
      this.reviews = reviews;
      return this;
    }

    /**
     * Sets the store of write fingerprints; required.
     *
     * @param fingerprints the store
     * @return this builder
     */
    public Builder fingerprints(WriteFingerprintStore fingerprints) {
      this.fingerprints = fingerprints;
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how review item ids are issued; random UUIDs by default.
     *
     * @param ids issues unique ids
     * @return this builder
     */
    public Builder reviewIds(Supplier<String> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     * @throws ValidationException naming a missing component
     */
    public GoldenRecords build() {
      return new GoldenRecords(this);
    }
  }
}
