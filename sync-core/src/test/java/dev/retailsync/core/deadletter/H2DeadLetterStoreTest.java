package dev.retailsync.core.deadletter;

import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;

/** The DeadLetterStore kit on embedded H2. */
class H2DeadLetterStoreTest extends DeadLetterStoreKit {
  @Override
  protected DeadLetterStore newStore() {
    return JdbcStateStores.builder(Databases.freshH2()).build().deadLetters();
  }
}
