package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.core.golden.Lineage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A shared field two systems disagree on, waiting for a person: the value the golden record keeps
 * and the value proposed, each with its lineage.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} shows ids, field and systems,
 * never the values, which may be personal data.
 *
 * @param id the item's id
 * @param entityType the entity type
 * @param canonicalId the golden record's id
 * @param field the field or group
 * @param currentValues the leaves the golden record holds
 * @param currentLineage where they came from, or {@code null}
 * @param proposedValues the leaves proposed
 * @param proposedLineage where they came from
 * @param status whether it is open or how it was decided
 * @param createdAt when it was parked
 * @param decidedAt when it was decided, or {@code null} while open
 */
public record ReviewItem(
    String id,
    EntityType<?> entityType,
    CanonicalId canonicalId,
    FieldPath field,
    Map<FieldPath, Object> currentValues,
    Lineage currentLineage,
    Map<FieldPath, Object> proposedValues,
    Lineage proposedLineage,
    Status status,
    Instant createdAt,
    Instant decidedAt) {

  /** Where an item stands. */
  public enum Status {
    /** Waiting for a decision. */
    OPEN,
    /** The proposed value was accepted and applied. */
    ACCEPTED,
    /** The proposed value was rejected; the golden record keeps its value. */
    REJECTED
  }

  // Checks the components; see the class documentation for the rules.
  public ReviewItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(canonicalId, "canonicalId");
    Objects.requireNonNull(field, "field");
    currentValues = Map.copyOf(currentValues);
    proposedValues = Map.copyOf(proposedValues);
    Objects.requireNonNull(proposedLineage, "proposedLineage");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Returns a copy with a decision.
   *
   * @param decision {@link Status#ACCEPTED} or {@link Status#REJECTED}
   * @param at when it was decided
   * @return the copy
   */
  public ReviewItem decided(Status decision, Instant at) {
    return new ReviewItem(
        id,
        entityType,
        canonicalId,
        field,
        currentValues,
        currentLineage,
        proposedValues,
        proposedLineage,
        decision,
        createdAt,
        at);
  }

  @Override
  public String toString() {
    return "ReviewItem["
        + id
        + " "
        + entityType
        + " "
        + canonicalId
        + " "
        + field
        + ": "
        + (currentLineage == null ? "none" : currentLineage.system())
        + " vs "
        + proposedLineage.system()
        + ", "
        + status
        + "]";
  }
}
