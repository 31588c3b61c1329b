package dev.retailsync.api.policy;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.internal.Checks;
import java.util.Set;

/**
 * Names the system that owns a field, possibly depending on the golden record's state: the
 * capturing channel owns an order's lines until the ERP accepts the order, the ERP afterwards.
 *
 * <p>Implementations must be thread-safe and side-effect free.
 */
@FunctionalInterface
public interface OwnerSelector {

  /**
   * Returns the owner of the field for a record in the given state.
   *
   * @param state the golden record as it stands (after the change's state-independent fields are
   *     applied)
   * @return the owner, never {@code null}
   */
  SystemId owner(RecordState state);

  /**
   * Tells whether the owner may change with the record's state. The core evaluates such selectors
   * after the change's other fields are applied, so that, say, an ERP accepting an order in the
   * same change that edits its lines is already the lines' owner.
   *
   * @return {@code true} unless the selector always names one system
   */
  default boolean dependsOnState() {
    return true;
  }

  /**
   * Returns a selector that always names one system.
   *
   * @param system the owner
   * @return the selector
   */
  static OwnerSelector fixed(SystemId system) {
    Checks.required("OwnerSelector", "system", system);
    return new OwnerSelector() {
      @Override
      public SystemId owner(RecordState state) {
        return system;
      }

      @Override
      public boolean dependsOnState() {
        return false;
      }

      @Override
      public String toString() {
        return system.value();
      }
    };
  }

  /**
   * Returns a selector under which the system that created the record owns the field while another
   * field's value is one of {@code editableStates} (or absent), and {@code afterwards} owns it from
   * then on. For orders: {@code creatorWhile(Order.Fields.STATUS, Set.of("CAPTURED"), erp)}.
   *
   * @param stateField the field whose value decides, such as an order's status
   * @param editableStates the values (enum names or text) while which the creator owns the field
   * @param afterwards the owner once the state has moved on
   * @return the selector
   */
  static OwnerSelector creatorWhile(
      FieldPath stateField, Set<String> editableStates, SystemId afterwards) {
    Checks.required("OwnerSelector", "stateField", stateField);
    Checks.required("OwnerSelector", "afterwards", afterwards);
    Set<String> editable = Set.copyOf(editableStates);
    return new OwnerSelector() {
      @Override
      public SystemId owner(RecordState state) {
        Object v = state.value(stateField);
        String name = v instanceof Enum<?> e ? e.name() : v == null ? null : v.toString();
        if (name == null || editable.contains(name)) {
          return state.createdBy().orElse(afterwards);
        }
        return afterwards;
      }

      @Override
      public String toString() {
        return "creator while " + stateField + " in " + editable + ", then " + afterwards;
      }
    };
  }
}
