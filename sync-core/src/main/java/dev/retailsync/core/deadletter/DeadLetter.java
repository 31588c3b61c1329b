package dev.retailsync.core.deadletter;

import dev.retailsync.api.Change;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A change (or one of its writes) that could not be applied, kept with its reason so nothing is
 * lost: the original change, for replay through the whole path; for a failed write, the target and
 * the fields to write; the failure's reason, message and field errors; how often it failed and was
 * replayed; and its status.
 *
 * <p>A source record that the flow's change feed read but could not map (a {@link
 * dev.retailsync.api.spi.FeedRejection}) has no change: its letter carries the {@link SourceRecord}
 * instead (reason {@link FailureReason#MAPPING}), and a replay reads the record again by id from
 * the source. Every letter carries exactly one of {@link #change()} and {@link #sourceRecord()}.
 *
 * <p>{@link #toString()} shows ids, reason and field paths only: the change and the field errors'
 * rejected values may hold personal data.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the letter's id: one per flow, change and target, so a change that fails again updates
 *     its letter instead of adding one
 * @param flow the flow's name
 * @param change the original change, as received; {@code null} for a letter of a source record the
 *     feed could not map
 * @param target for a failed write, the system it was for; {@code null} for inbound failures
 * @param fields for a failed write, the fields to write; empty otherwise
 * @param reason why it failed
 * @param message what happened, without record values
 * @param errors the field errors named by validation or by the target
 * @param firstFailedAt when it first failed
 * @param lastFailedAt when it last failed
 * @param failures how many times it failed
 * @param replays how many times it was replayed
 * @param status open, resolved or quarantined
 * @param statusNote why the status is what it is (such as the loop guard's verdict), or empty
 * @param sourceRecord for a record the feed could not map, the record in the source; {@code null}
 *     when the letter has a change
 */
public record DeadLetter(
    String id,
    String flow,
    Change<?> change,
    SystemId target,
    Set<FieldPath> fields,
    FailureReason reason,
    String message,
    List<FieldError> errors,
    Instant firstFailedAt,
    Instant lastFailedAt,
    int failures,
    int replays,
    Status status,
    String statusNote,
    SourceRecord sourceRecord) {

  /**
   * A source record the flow's change feed read but could not map to the canonical model: its id in
   * the source, the flow's entity type, and what the feed knew of its version.
   *
   * <p>Instances are immutable and thread-safe.
   *
   * @param id the record's id in the source system
   * @param entityType the entity type the flow reads
   * @param correlationId the correlation id the engine gave the rejection when it polled it
   * @param sourceTimestamp when the source last changed the record, or {@code null} when unknown
   * @param sourceVersion the record's version in the source, or {@code null} when unknown
   */
  public record SourceRecord(
      ExternalId id,
      EntityType<?> entityType,
      CorrelationId correlationId,
      Instant sourceTimestamp,
      String sourceVersion) {

    // Checks the components; see the class documentation for the rules.
    public SourceRecord {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(entityType, "entityType");
      Objects.requireNonNull(correlationId, "correlationId");
    }
  }

  /** Where a letter stands. */
  public enum Status {
    /** Waiting to be replayed or purged. */
    OPEN,
    /** Replayed successfully; kept for inspection until purged. */
    RESOLVED,
    /** Stopped by the loop guard: replay only by hand, after fixing the cause. */
    QUARANTINED
  }

  // Checks the components; see the class documentation for the rules.
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(flow, "flow");
    if ((change == null) == (sourceRecord == null)) {
      throw new IllegalArgumentException(
          "a dead letter carries exactly one of change and sourceRecord; it had "
              + (change == null ? "neither" : "both"));
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(firstFailedAt, "firstFailedAt");
    Objects.requireNonNull(lastFailedAt, "lastFailedAt");
    Objects.requireNonNull(status, "status");
    fields = Set.copyOf(fields);
    errors = List.copyOf(errors);
    message = message == null ? "" : message;
    statusNote = statusNote == null ? "" : statusNote;
  }

  /**
   * Returns a letter of a change, without a source record: the form every letter had before feed
   * rejections became letters.
   *
   * @param id the letter's id
   * @param flow the flow's name
   * @param change the original change, as received
   * @param target for a failed write, the system it was for; {@code null} for inbound failures
   * @param fields for a failed write, the fields to write; empty otherwise
   * @param reason why it failed
   * @param message what happened, without record values
   * @param errors the field errors
   * @param firstFailedAt when it first failed
   * @param lastFailedAt when it last failed
   * @param failures how many times it failed
   * @param replays how many times it was replayed
   * @param status open, resolved or quarantined
   * @param statusNote why the status is what it is, or empty
   */
  public DeadLetter(
      String id,
      String flow,
      Change<?> change,
      SystemId target,
      Set<FieldPath> fields,
      FailureReason reason,
      String message,
      List<FieldError> errors,
      Instant firstFailedAt,
      Instant lastFailedAt,
      int failures,
      int replays,
      Status status,
      String statusNote) {
    this(
        id,
        flow,
        Objects.requireNonNull(change, "change"),
        target,
        fields,
        reason,
        message,
        errors,
        firstFailedAt,
        lastFailedAt,
        failures,
        replays,
        status,
        statusNote,
        null);
  }

  /**
   * Returns the source system of the change, or of the source record the feed could not map.
   *
   * @return the system
   */
  public SystemId system() {
    return change != null ? change.source().system() : sourceRecord.id().system();
  }

  /**
   * Returns the id in its source system of the change's record, or of the source record the feed
   * could not map.
   *
   * @return the source id
   */
  public ExternalId sourceId() {
    return change != null ? change.source() : sourceRecord.id();
  }

  /**
   * Returns the entity type of the change, or of the flow that read the source record.
   *
   * @return the entity type
   */
  public EntityType<?> entityType() {
    return change != null ? change.entityType() : sourceRecord.entityType();
  }

  /**
   * Returns the change's correlation id, or the one the engine gave the rejected source record.
   *
   * @return the correlation id
   */
  public CorrelationId correlationId() {
    return change != null ? change.correlationId() : sourceRecord.correlationId();
  }

  /**
   * Tells whether this letter is of a source record the feed could not map (it has no change).
   *
   * @return {@code true} when {@link #sourceRecord()} is set
   */
  public boolean isFeedRejection() {
    return sourceRecord != null;
  }

  /**
   * Returns a copy with another status and note.
   *
   * @param next the status
   * @param note why
   * @return the copy
   */
  public DeadLetter withStatus(Status next, String note) {
    return new DeadLetter(
        id,
        flow,
        change,
        target,
        fields,
        reason,
        message,
        errors,
        firstFailedAt,
        lastFailedAt,
        failures,
        replays,
        next,
        note,
        sourceRecord);
  }

  /**
   * Returns this stored letter after another failure of the same change: it keeps its first failure
   * time and replay count, counts the new failures, takes the new target, fields, reason, message,
   * errors and last failure time, and is open again unless quarantined (a quarantined letter keeps
   * its note).
   *
   * @param next the new failure, with this letter's id
   * @return the merged letter
   */
  public DeadLetter failedAgain(DeadLetter next) {
    Status merged = status == Status.QUARANTINED ? Status.QUARANTINED : Status.OPEN;
    return new DeadLetter(
        id,
        flow,
        change,
        next.target(),
        next.fields(),
        next.reason(),
        next.message(),
        next.errors(),
        firstFailedAt,
        next.lastFailedAt(),
        failures + next.failures(),
        replays,
        merged,
        merged == Status.QUARANTINED ? statusNote : next.statusNote(),
        sourceRecord);
  }

  /**
   * Returns a copy with one more replay counted.
   *
   * @return the copy
   */
  public DeadLetter withReplay() {
    return new DeadLetter(
        id,
        flow,
        change,
        target,
        fields,
        reason,
        message,
        errors,
        firstFailedAt,
        lastFailedAt,
        failures,
        replays + 1,
        status,
        statusNote,
        sourceRecord);
  }

  @Override
  public String toString() {
    return "DeadLetter[id="
        + id
        + ", flow="
        + flow
        + ", source="
        + system()
        + ", entityType="
        + entityType()
        + (sourceRecord == null ? "" : ", sourceRecord=" + sourceRecord.id())
        + (target == null ? "" : ", target=" + target)
        + ", reason="
        + reason
        + ", fields="
        + errors.stream().map(FieldError::path).collect(Collectors.toList())
        + ", failures="
        + failures
        + ", replays="
        + replays
        + ", status="
        + status
        + "]";
  }
}
