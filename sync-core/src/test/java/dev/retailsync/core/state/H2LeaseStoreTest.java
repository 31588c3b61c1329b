package dev.retailsync.core.state;

import java.time.Clock;

/** The lease store kit on embedded H2. */
class H2LeaseStoreTest extends LeaseStoreKit {
  @Override
  protected Stores newStores(Clock clock) {
    JdbcStateStores stores = JdbcStateStores.builder(Databases.freshH2()).clock(clock).build();
    return new Stores(stores.leases(), stores.cursors());
  }
}
