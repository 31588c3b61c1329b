package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.internal.Checks;
import java.time.Instant;

/**
 * A record as read from a system: its id there, its canonical form, and the version token and
 * modification time the system reported.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the record's id in the system
 * @param entity the record in canonical form
 * @param version the system's version token (an ETag, a timestamp), or {@code null} when it has
 *     none
 * @param lastModified when the system last changed the record, or {@code null} when unknown
 * @param <T> the entity's Java type
 */
public record RemoteRecord<T extends CanonicalEntity>(
    ExternalId id, T entity, String version, Instant lastModified) {

  // Checks the components; see the class documentation for the rules.
  public RemoteRecord {
    Checks.required("RemoteRecord", "id", id);
    Checks.required("RemoteRecord", "entity", entity);
  }
}
