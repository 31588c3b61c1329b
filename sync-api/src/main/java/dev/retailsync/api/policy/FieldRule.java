package dev.retailsync.api.policy;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;

/**
 * The rule for one field or field group of an {@link OwnershipPolicy}: either an owner (fixed or
 * depending on the record's state), or a conflict rule for a field several systems share. A rule on
 * a group (such as {@code shipping.address}) treats the group as one unit: its leaves are always
 * taken together from one system, never mixed.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the field or group
 * @param owner who owns it, or {@code null} for a shared field
 * @param conflictRule how to decide between systems, or {@code null} for an owned field
 * @param othersMayInitialize for an owned field: whether another system may set it while the golden
 *     record has no value for it (a channel creating an account as {@code PROVISIONAL})
 */
public record FieldRule(
    FieldPath path, OwnerSelector owner, ConflictRule conflictRule, boolean othersMayInitialize) {

  // Checks the components; see the class documentation for the rules.
  public FieldRule {
    Checks.required("FieldRule", "path", path);
    if ((owner == null) == (conflictRule == null)) {
      throw ValidationException.of(
          "FieldRule", "owner", path, "a rule has either an owner or a conflict rule, not both");
    }
  }

  /**
   * Tells whether one system owns the field (the others' writes to it are dropped).
   *
   * @return {@code true} for owned fields
   */
  public boolean isOwned() {
    return owner != null;
  }
}
