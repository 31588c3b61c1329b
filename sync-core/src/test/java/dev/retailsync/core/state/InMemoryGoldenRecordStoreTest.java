package dev.retailsync.core.state;

/** The golden record store kit against the in-memory store. */
class InMemoryGoldenRecordStoreTest extends GoldenRecordStoreKit {
  @Override
  protected GoldenRecordStore newStore() {
    return new InMemoryGoldenRecordStore();
  }
}
