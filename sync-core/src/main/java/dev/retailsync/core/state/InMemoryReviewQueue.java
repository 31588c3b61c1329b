package dev.retailsync.core.state;

import dev.retailsync.api.EntityType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ReviewQueue} in memory. */
public final class InMemoryReviewQueue implements ReviewQueue {
  private final ConcurrentMap<String, ReviewItem> items = new ConcurrentHashMap<>();

  /** Creates an empty queue. */
  public InMemoryReviewQueue() {}

  @Override
  public void add(ReviewItem item) {
    if (item.status() != ReviewItem.Status.OPEN) {
      throw new IllegalArgumentException("only open items can be added, was " + item.status());
    }
    if (items.putIfAbsent(item.id(), item) != null) {
      throw new IllegalArgumentException("a review item with id " + item.id() + " exists");
    }
  }

  @Override
  public Optional<ReviewItem> find(String id) {
    return Optional.ofNullable(items.get(id));
  }

  @Override
  public List<ReviewItem> open(EntityType<?> type, int limit) {
    return items.values().stream()
        .filter(i -> i.status() == ReviewItem.Status.OPEN)
        .filter(i -> type == null || i.entityType().equals(type))
        .sorted(Comparator.comparing(ReviewItem::createdAt).thenComparing(ReviewItem::id))
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<ReviewItem> decide(String id, ReviewItem.Status decision, Instant at) {
    if (decision == ReviewItem.Status.OPEN) {
      throw new IllegalArgumentException("a decision is ACCEPTED or REJECTED");
    }
    ReviewItem[] out = {null};
    items.computeIfPresent(
        id,
        (k, item) -> {
          if (item.status() != ReviewItem.Status.OPEN) {
            return item;
          }
          out[0] = item.decided(decision, at);
          return out[0];
        });
    return Optional.ofNullable(out[0]);
  }
}
