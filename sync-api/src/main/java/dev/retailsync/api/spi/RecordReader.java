package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import java.util.List;

/**
 * Reads records of one entity type by their ids in the system, in batches.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <T> the entity's Java type
 */
public interface RecordReader<T extends CanonicalEntity> {

  /**
   * Returns the most ids one {@link #read} call accepts; callers split larger requests.
   *
   * @return the batch size, at least 1
   */
  int maxBatchSize();

  /**
   * Reads records by id. Ids that do not exist are left out of the result; they are not errors.
   *
   * @param ids the system's ids, at most {@link #maxBatchSize()}
   * @return the records found, in any order
   * @throws dev.retailsync.api.SyncException if the system cannot be read
   */
  List<RemoteRecord<T>> read(List<String> ids);
}
