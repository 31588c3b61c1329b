package dev.retailsync.ecommerce.shopify;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the plan of an inventory adjustment lives between attempts and across restarts: the
 * idempotency key it was sent with (in the mutation's directive) and the {@code changeFromQuantity}
 * it expected. A delta is not idempotent by itself: after a timeout the shop may or may not have
 * applied it, and a fresh read cannot tell. Resending the saved plan with its saved key lets
 * Shopify answer with the first result instead of applying the delta twice. The plan is saved
 * before the mutation is sent.
 *
 * <p>Hosts that must survive a restart pass a durable implementation (a table keyed by change id);
 * {@link #inMemory()} survives retries within one process. Implementations must be thread-safe.
 */
public interface InventoryKeyStore {

  /**
   * Returns the saved plan of a change.
   *
   * @param changeId the caller's id of the logical change
   * @return the plan, or empty when none was saved
   */
  Optional<Plan> find(String changeId);

  /**
   * Saves (or replaces) the plan of a change.
   *
   * @param changeId the caller's id of the logical change
   * @param plan the plan
   */
  void save(String changeId, Plan plan);

  /**
   * Forgets a change whose outcome is final (applied, or rejected for good).
   *
   * @param changeId the caller's id of the logical change
   */
  void remove(String changeId);

  /**
   * Returns a store in memory.
   *
   * @return the store
   */
  static InventoryKeyStore inMemory() {
    ConcurrentHashMap<String, Plan> map = new ConcurrentHashMap<>();
    return new InventoryKeyStore() {
      @Override
      public Optional<Plan> find(String changeId) {
        return Optional.ofNullable(map.get(changeId));
      }

      @Override
      public void save(String changeId, Plan plan) {
        map.put(changeId, plan);
      }

      @Override
      public void remove(String changeId) {
        map.remove(changeId);
      }
    };
  }

  /**
   * A planned adjustment: the key it is sent with and the quantity it expects to change from.
   *
   * @param idempotencyKey the {@code @idempotent} key
   * @param changeFromQuantity the quantity read before planning
   */
  record Plan(String idempotencyKey, int changeFromQuantity) {}
}
