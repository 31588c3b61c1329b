package dev.retailsync.core.state;

/** The review queue kit against the in-memory queue. */
class InMemoryReviewQueueTest extends ReviewQueueKit {
  @Override
  protected ReviewQueue newQueue() {
    return new InMemoryReviewQueue();
  }
}
