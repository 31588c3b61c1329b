package dev.retailsync.core.state;

/** The CrossReferenceStore kit on embedded H2. */
class H2CrossReferenceStoreTest extends CrossReferenceStoreKit {
  @Override
  protected CrossReferenceStore newStore() {
    return JdbcStateStores.builder(Databases.freshH2()).build().crossReferences();
  }
}
