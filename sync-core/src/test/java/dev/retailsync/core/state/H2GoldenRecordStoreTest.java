package dev.retailsync.core.state;

/** The GoldenRecordStore kit on embedded H2. */
class H2GoldenRecordStoreTest extends GoldenRecordStoreKit {
  @Override
  protected GoldenRecordStore newStore() {
    return JdbcStateStores.builder(Databases.freshH2()).build().goldenRecords();
  }
}
