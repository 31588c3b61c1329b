package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import java.util.Optional;
import java.util.Set;

/**
 * A live connection to one system. It offers, per canonical entity type, the capabilities the
 * platform has: a {@link ChangeFeed} (what changed since a cursor), a {@link RecordReader} (records
 * by id, in batches) and a {@link RecordWriter} (batch upsert with one outcome per record), plus
 * domain operations (such as an ERP's order submission) looked up by their interface.
 *
 * <p>Implementations must be thread-safe: the engine may poll one entity type while it writes
 * another. The creator owns the connector and closes it.
 */
public interface Connector extends AutoCloseable {

  /**
   * Returns the system this connector talks to.
   *
   * @return the system id
   */
  SystemId system();

  /**
   * Returns the entity types this connector handles in any way.
   *
   * @return the entity types
   */
  Set<EntityType<?>> entityTypes();

  /**
   * Returns the change feed for an entity type.
   *
   * @param type the entity type
   * @param <T> the entity's Java type
   * @return the feed, or empty when the platform cannot report changes of that type
   */
  default <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    return Optional.empty();
  }

  /**
   * Returns the reader for an entity type.
   *
   * @param type the entity type
   * @param <T> the entity's Java type
   * @return the reader, or empty when records of that type cannot be read
   */
  default <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    return Optional.empty();
  }

  /**
   * Returns the writer for an entity type.
   *
   * @param type the entity type
   * @param <T> the entity's Java type
   * @return the writer, or empty when records of that type cannot be written
   */
  default <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    return Optional.empty();
  }

  /**
   * Returns a domain operation this platform offers, such as order submission with the ERP's
   * synchronous validation, availability lookup or return authorisation.
   *
   * @param operationType the operation's interface
   * @param <O> the operation's type
   * @return the operation, or empty when the platform does not offer it
   */
  default <O> Optional<O> operation(Class<O> operationType) {
    return Optional.empty();
  }

  /** Releases what the connector holds (connections, threads it started). Idempotent. */
  @Override
  default void close() {}
}
