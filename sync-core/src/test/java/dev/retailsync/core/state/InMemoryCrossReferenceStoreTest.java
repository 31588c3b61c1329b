package dev.retailsync.core.state;

/** The cross-reference store kit against the in-memory store. */
class InMemoryCrossReferenceStoreTest extends CrossReferenceStoreKit {
  @Override
  protected CrossReferenceStore newStore() {
    return new InMemoryCrossReferenceStore();
  }
}
