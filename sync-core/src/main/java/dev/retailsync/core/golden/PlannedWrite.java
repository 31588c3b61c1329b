package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.util.Set;

/**
 * One write a merge calls for: which system should receive which fields of the golden record.
 *
 * @param target the system to write to
 * @param fields the leaf fields to write, sorted
 * @param entity the golden record as an entity (the writer sends only {@code fields})
 * @param <T> the entity's Java type
 */
public record PlannedWrite<T extends CanonicalEntity>(
    SystemId target, Set<FieldPath> fields, T entity) {

  @Override
  public String toString() {
    return "PlannedWrite[" + target + " " + fields + "]";
  }
}
