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

  /**
   * Returns a reader from its batch size and its read function, for connectors that need no class
   * of their own.
   *
   * @param maxBatchSize the most ids one call accepts, at least 1
   * @param read reads records by id
   * @param <T> the entity's Java type
   * @return the reader
   * @throws IllegalArgumentException if {@code maxBatchSize} is less than 1
   */
  static <T extends CanonicalEntity> RecordReader<T> of(
      int maxBatchSize, java.util.function.Function<List<String>, List<RemoteRecord<T>>> read) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be 1 or more, was " + maxBatchSize);
    }
    java.util.Objects.requireNonNull(read, "read");
    return new RecordReader<>() {
      @Override
      public int maxBatchSize() {
        return maxBatchSize;
      }

      @Override
      public List<RemoteRecord<T>> read(List<String> ids) {
        return read.apply(ids);
      }
    };
  }
}
