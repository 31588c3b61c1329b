package dev.retailsync.core.state;

/** The CursorStore kit on embedded H2. */
class H2CursorStoreTest extends CursorStoreKit {
  @Override
  protected CursorStore newStore() {
    return JdbcStateStores.builder(Databases.freshH2()).build().cursors();
  }
}
