package dev.retailsync.core.state;

import java.time.Clock;

/** The lease store kit in memory. */
class InMemoryLeaseStoreTest extends LeaseStoreKit {
  @Override
  protected Stores newStores(Clock clock) {
    LeaseStore leases = new InMemoryLeaseStore(clock);
    return new Stores(leases, new InMemoryCursorStore(leases));
  }
}
