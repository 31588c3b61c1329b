package dev.retailsync.core.state;

/** The WriteFingerprintStore kit on embedded H2. */
class H2WriteFingerprintStoreTest extends WriteFingerprintStoreKit {
  @Override
  protected WriteFingerprintStore newStore() {
    return JdbcStateStores.builder(Databases.freshH2()).build().writeFingerprints();
  }
}
