package dev.retailsync.core.state;

import java.time.Clock;

/** The idempotency store kit against the in-memory store. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreKit {
  @Override
  protected IdempotencyStore newStore(Clock clock) {
    return new InMemoryIdempotencyStore(clock);
  }
}
