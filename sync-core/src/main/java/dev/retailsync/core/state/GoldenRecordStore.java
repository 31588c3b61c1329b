package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.core.golden.GoldenRecord;
import java.util.Optional;

/**
 * Golden records with their lineage, by entity type and canonical id. Writes are compare-and-set on
 * the record's version, so two merges of one record never overwrite each other silently.
 *
 * <p>Implementations are thread-safe.
 */
public interface GoldenRecordStore {

  /**
   * Reads a golden record.
   *
   * @param type the entity type
   * @param id the canonical id
   * @param <T> the entity's Java type
   * @return the record, or empty when none is stored
   */
  <T extends CanonicalEntity> Optional<GoldenRecord<T>> find(EntityType<T> type, CanonicalId id);

  /**
   * Stores a golden record if the stored version is the one the caller read.
   *
   * @param record the new version of the record
   * @param expectedVersion the version the caller merged into, or 0 when it created the record
   * @return {@code true} if stored; {@code false} if another writer got there first (re-read and
   *     merge again)
   */
  boolean save(GoldenRecord<?> record, long expectedVersion);
}
