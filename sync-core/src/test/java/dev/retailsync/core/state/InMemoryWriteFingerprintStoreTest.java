package dev.retailsync.core.state;

/** The write fingerprint store kit against the in-memory store. */
class InMemoryWriteFingerprintStoreTest extends WriteFingerprintStoreKit {
  @Override
  protected WriteFingerprintStore newStore() {
    return new InMemoryWriteFingerprintStore();
  }
}
