package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import java.time.Instant;
import java.util.Set;

/**
 * One entry of a canonical id's history in a {@link CrossReferenceStore}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the store-wide sequence number, increasing
 * @param type what happened
 * @param canonicalId the canonical id the event is about
 * @param other the other canonical id of a merge or unmerge (the absorbed one), or {@code null}
 * @param externalIds the external ids linked, moved or moved back
 * @param at when it happened, by the store's clock
 * @param reason the caller's reason, or {@code null}
 */
public record CrossReferenceEvent(
    long sequence,
    Type type,
    CanonicalId canonicalId,
    CanonicalId other,
    Set<ExternalId> externalIds,
    Instant at,
    String reason) {

  /** Copies the set. */
  public CrossReferenceEvent {
    externalIds = Set.copyOf(externalIds);
  }

  /** What happened to a canonical id. */
  public enum Type {
    /** An external id was linked to the canonical id. */
    LINK,
    /** Another canonical id was merged into this one; its external ids moved here. */
    MERGE,
    /** A merge was undone: the absorbed canonical id got its external ids back. */
    UNMERGE
  }
}
