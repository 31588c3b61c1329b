package dev.retailsync.api.spi;

import dev.retailsync.api.model.InventoryPosition;
import java.util.List;

/**
 * A domain operation of ERPs and commerce platforms: the current availability of items, per
 * location. Obtain it with {@code connector.operation(AvailabilityLookup.class)}. Implementations
 * are thread-safe.
 */
public interface AvailabilityLookup {

  /**
   * Returns the inventory positions of the given items.
   *
   * @param skus the items
   * @param location the location code, or {@code null} for every location
   * @return one position per item and location the system knows; unknown items are left out
   * @throws dev.retailsync.api.SyncException if the system cannot be read
   */
  List<InventoryPosition> availability(List<String> skus, String location);
}
