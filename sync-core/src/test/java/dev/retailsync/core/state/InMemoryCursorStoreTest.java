package dev.retailsync.core.state;

/** The cursor store kit against the in-memory store. */
class InMemoryCursorStoreTest extends CursorStoreKit {
  @Override
  protected CursorStore newStore() {
    return new InMemoryCursorStore();
  }
}
