package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.internal.Checks;
import java.util.Set;

/**
 * One record to write: the caller's key for it, the canonical record, the record's id in the target
 * when known, the version the caller last saw, the fields to write, and the idempotency key that
 * makes a retry safe.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param key the caller's key, unique within a batch; the outcome carries it back
 * @param entity the record to write
 * @param target the record's id in the target system, or {@code null} when the writer must find or
 *     create it (by its external-id field)
 * @param expectedVersion the version token the caller last read, for compare-and-set, or {@code
 *     null}
 * @param fields the fields to write; empty means every field the mapping writes
 * @param idempotencyKey the key under which the write's effect is recorded, or {@code null}
 * @param correlationId the correlation id of the change that caused the write, for the connector to
 *     send along where the platform takes one (a request header), or {@code null}
 * @param <T> the entity's Java type
 */
public record WriteRequest<T extends CanonicalEntity>(
    String key,
    T entity,
    ExternalId target,
    String expectedVersion,
    Set<FieldPath> fields,
    IdempotencyKey idempotencyKey,
    CorrelationId correlationId) {

  // Checks the components; see the class documentation for the rules.
  public WriteRequest {
    Checks.requiredText("WriteRequest", "key", key);
    Checks.required("WriteRequest", "entity", entity);
    fields = Checks.sortedSet("WriteRequest", "fields", fields);
  }

  /**
   * Returns a request to write every field of a record.
   *
   * @param key the caller's key
   * @param entity the record
   * @param <T> the entity's Java type
   * @return the request
   */
  public static <T extends CanonicalEntity> WriteRequest<T> of(String key, T entity) {
    return new WriteRequest<>(key, entity, null, null, Set.of(), null, null);
  }

  /**
   * Returns a request for a write with everything but the correlation id.
   *
   * @param key the caller's key
   * @param entity the record
   * @param target the record's id in the target, or {@code null}
   * @param expectedVersion the version token last read, or {@code null}
   * @param fields the fields to write; empty for all
   * @param idempotencyKey the key under which the write's effect is recorded, or {@code null}
   * @param <T> the entity's Java type
   * @return the request
   */
  public static <T extends CanonicalEntity> WriteRequest<T> of(
      String key,
      T entity,
      ExternalId target,
      String expectedVersion,
      Set<FieldPath> fields,
      IdempotencyKey idempotencyKey) {
    return new WriteRequest<>(key, entity, target, expectedVersion, fields, idempotencyKey, null);
  }
}
