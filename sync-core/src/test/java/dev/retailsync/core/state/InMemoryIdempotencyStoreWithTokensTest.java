package dev.retailsync.core.state;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** The idempotency store kit against the in-memory store with the host's own lease tokens. */
class InMemoryIdempotencyStoreWithTokensTest extends IdempotencyStoreKit {
  @Override
  protected IdempotencyStore newStore(Clock clock) {
    AtomicLong n = new AtomicLong();
    return new InMemoryIdempotencyStore(clock, () -> "host-token-" + n.incrementAndGet());
  }
}
