package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import java.util.List;

/**
 * Writes records of one entity type to a system by upsert, in batches.
 *
 * <p>Contract: {@link #upsert} returns exactly one {@link WriteOutcome} per request, keyed by the
 * request's {@link WriteRequest#key()}, whatever the platform's batching does underneath
 * (collections, composite calls, bulk jobs with unordered results). A record the platform refuses
 * is a {@link WriteOutcome.Status#REJECTED} outcome, not an exception; a record whose fate is
 * unknown or that may succeed later is {@link WriteOutcome.Status#RETRYABLE_FAILURE}. An exception
 * means the whole batch failed before any record's fate was known. Writes are idempotent: by
 * external-id upsert, or carrying the request's idempotency key. Implementations are thread-safe.
 *
 * @param <T> the entity's Java type
 */
public interface RecordWriter<T extends CanonicalEntity> {

  /**
   * Returns the most records one {@link #upsert} call accepts; callers split larger batches.
   *
   * @return the batch size, at least 1
   */
  int maxBatchSize();

  /**
   * Creates or updates records.
   *
   * @param batch the requests, at most {@link #maxBatchSize()}, with distinct keys
   * @return one outcome per request
   * @throws dev.retailsync.api.SyncException if the batch failed as a whole
   */
  List<WriteOutcome> upsert(List<WriteRequest<T>> batch);

  /**
   * Returns a writer from its batch size and its upsert function, for connectors that need no class
   * of their own.
   *
   * @param maxBatchSize the most records one call accepts, at least 1
   * @param upsert writes a batch and returns one outcome per request
   * @param <T> the entity's Java type
   * @return the writer
   * @throws IllegalArgumentException if {@code maxBatchSize} is less than 1
   */
  static <T extends CanonicalEntity> RecordWriter<T> of(
      int maxBatchSize,
      java.util.function.Function<List<WriteRequest<T>>, List<WriteOutcome>> upsert) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be 1 or more, was " + maxBatchSize);
    }
    java.util.Objects.requireNonNull(upsert, "upsert");
    return new RecordWriter<>() {
      @Override
      public int maxBatchSize() {
        return maxBatchSize;
      }

      @Override
      public List<WriteOutcome> upsert(List<WriteRequest<T>> batch) {
        return upsert.apply(batch);
      }
    };
  }
}
