package dev.retailsync.core.deadletter;

/** The dead-letter store kit against the in-memory store. */
class InMemoryDeadLetterStoreTest extends DeadLetterStoreKit {
  @Override
  protected DeadLetterStore newStore() {
    return new InMemoryDeadLetterStore();
  }
}
