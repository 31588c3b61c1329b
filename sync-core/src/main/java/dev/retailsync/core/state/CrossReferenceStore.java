package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.List;
import java.util.Optional;

/**
 * The cross-reference of ids: which record in which system is which golden record. Identity
 * resolution reads it; delivery adds the target's id after a write.
 *
 * <p>Implementations are thread-safe and atomic per external id: one external id links to at most
 * one canonical id, and the first link wins.
 */
public interface CrossReferenceStore {
  /**
   * Finds the golden record an external record is linked to.
   *
   * @param type the entity type
   * @param external the record's id in its system
   * @return the canonical id, or empty when unlinked
   */
  Optional<CanonicalId> find(EntityType<?> type, ExternalId external);

  /**
   * Links an external record to a golden record, unless it is already linked.
   *
   * @param type the entity type
   * @param external the record's id in its system
   * @param id the canonical id
   * @return the canonical id the external record is linked to after the call: {@code id}, or the
   *     one it was already linked to
   */
  CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id);

  /**
   * Returns a golden record's id in one system.
   *
   * @param type the entity type
   * @param id the canonical id
   * @param system the system
   * @return the external id, or empty when the record is not linked there
   */
  Optional<ExternalId> externalId(EntityType<?> type, CanonicalId id, SystemId system);

  /**
   * Returns every external record linked to a golden record.
   *
   * @param type the entity type
   * @param id the canonical id
   * @return the external ids, sorted by system and id
   */
  List<ExternalId> externalIds(EntityType<?> type, CanonicalId id);
}
