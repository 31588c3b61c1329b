package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.util.List;

/**
 * What merging one change into a golden record did, field by field (fields are named by their
 * rule's unit: a field, or a group such as {@code shipping.address} that moves as a whole).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param record the golden record after the merge (the same instance when nothing changed)
 * @param created whether the merge created the golden record
 * @param effective whether any value changed; when {@code false} nothing is written anywhere
 * @param changes the leaf values that changed, before and after
 * @param applied the fields applied
 * @param dropped the fields dropped because another system owns them
 * @param parked the shared fields parked for review
 * @param stale the fields ignored because the golden record holds a newer value
 * @param overruled the shared fields whose conflict rule kept the value held
 * @param echoes the fields that only repeated what the SDK last wrote to the source
 * @param deletedAtSource whether the change was a delete (nothing is merged for it)
 * @param source the system the change came from
 * @param <T> the entity's Java type
 */
public record MergeResult<T extends CanonicalEntity>(
    GoldenRecord<T> record,
    boolean created,
    boolean effective,
    List<FieldChange> changes,
    List<FieldPath> applied,
    List<Dropped> dropped,
    List<Parked> parked,
    List<FieldPath> stale,
    List<FieldPath> overruled,
    List<FieldPath> echoes,
    boolean deletedAtSource,
    SystemId source) {

  // Copies the lists; see the class documentation for the components.
  public MergeResult {
    changes = List.copyOf(changes);
    applied = List.copyOf(applied);
    dropped = List.copyOf(dropped);
    parked = List.copyOf(parked);
    stale = List.copyOf(stale);
    overruled = List.copyOf(overruled);
    echoes = List.copyOf(echoes);
  }

  /**
   * Tells whether the change was nothing but an echo of what the SDK wrote to its source.
   *
   * @return {@code true} when every field the change carried was an echo
   */
  public boolean isEcho() {
    return !echoes.isEmpty()
        && applied.isEmpty()
        && dropped.isEmpty()
        && parked.isEmpty()
        && stale.isEmpty()
        && overruled.isEmpty();
  }
}
