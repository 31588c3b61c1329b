package dev.retailsync.core.state;

import java.time.Clock;

/** The idempotency kit on embedded H2. */
class H2IdempotencyStoreTest extends IdempotencyStoreKit {
  @Override
  protected IdempotencyStore newStore(Clock clock) {
    return JdbcStateStores.builder(Databases.freshH2()).clock(clock).build().idempotency();
  }
}
