package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-reference of ids: which external id (system + id) belongs to which canonical id, with
 * merges of canonical ids and their undoing, and the history of both.
 *
 * <p>Implementations must be thread-safe; {@link InMemoryCrossReferenceStore} is the in-memory one.
 */
public interface CrossReferenceStore {
  /**
   * Links an external id to a canonical id, moving it if it was linked elsewhere.
   *
   * @param externalId the external id
   * @param canonicalId the canonical id
   */
  void link(ExternalId externalId, CanonicalId canonicalId);

  /**
   * Returns the canonical id an external id belongs to; after a merge, the surviving one.
   *
   * @param externalId the external id
   * @return the canonical id, or empty if the external id is unknown
   */
  Optional<CanonicalId> canonicalIdOf(ExternalId externalId);

  /**
   * Returns the external ids of a canonical id.
   *
   * @param canonicalId the canonical id
   * @return the external ids, empty if none
   */
  Set<ExternalId> externalIdsOf(CanonicalId canonicalId);

  /**
   * Returns the external id of a canonical id in one system.
   *
   * @param canonicalId the canonical id
   * @param system the system
   * @return the external ids in that system, empty if none
   */
  default Set<ExternalId> externalIdsOf(CanonicalId canonicalId, SystemId system) {
    Set<ExternalId> all = externalIdsOf(canonicalId);
    return all.stream()
        .filter(e -> e.system().equals(system))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Merges one canonical id into another: the absorbed one's external ids move to the survivor.
   *
   * @param survivor the canonical id that remains
   * @param absorbed the canonical id that is merged away
   * @param reason why, for the history
   * @return the MERGE event
   * @throws IllegalArgumentException if both are the same, or the absorbed id has no external ids
   *     or was already merged
   */
  CrossReferenceEvent merge(CanonicalId survivor, CanonicalId absorbed, String reason);

  /**
   * Undoes a merge: the external ids that the absorbed canonical id had when it was merged move
   * back to it (ids linked to the survivor since stay there).
   *
   * @param survivor the canonical id that absorbed the other
   * @param absorbed the canonical id to restore
   * @param reason why, for the history
   * @return the UNMERGE event
   * @throws IllegalArgumentException if {@code absorbed} is not currently merged into {@code
   *     survivor}
   */
  CrossReferenceEvent unmerge(CanonicalId survivor, CanonicalId absorbed, String reason);

  /**
   * Returns the history of a canonical id, oldest first.
   *
   * @param canonicalId the canonical id
   * @return the events that name it, as survivor or absorbed
   */
  List<CrossReferenceEvent> history(CanonicalId canonicalId);
}
