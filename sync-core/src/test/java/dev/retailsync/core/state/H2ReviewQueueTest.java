package dev.retailsync.core.state;

/** The ReviewQueue kit on embedded H2. */
class H2ReviewQueueTest extends ReviewQueueKit {
  @Override
  protected ReviewQueue newQueue() {
    return JdbcStateStores.builder(Databases.freshH2()).build().reviewQueue();
  }
}
