package dev.retailsync.api.policy;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.util.Optional;

/**
 * A read-only view of a golden record, for rules whose answer depends on the record's state (such
 * as an order's status).
 *
 * <p>Implementations are immutable snapshots.
 */
public interface RecordState {

  /**
   * Returns the value of a field.
   *
   * @param path a leaf such as {@code status}, or a group such as {@code shipping.address}
   * @return the leaf's value; for a group, an unmodifiable map from each present leaf's path to its
   *     value; {@code null} when absent
   */
  Object value(FieldPath path);

  /**
   * Returns the system whose change created the golden record (for an order, the capturing
   * channel).
   *
   * @return the system, or empty when the record does not exist yet
   */
  Optional<SystemId> createdBy();
}
