package dev.retailsync.core.state;

import dev.retailsync.api.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conflicts parked for a person to decide.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReviewQueue {

  /**
   * Adds an open item.
   *
   * @param item the item; its id must be new
   * @throws IllegalArgumentException if an item with that id exists
   */
  void add(ReviewItem item);

  /**
   * Reads an item.
   *
   * @param id the item's id
   * @return the item, or empty
   */
  Optional<ReviewItem> find(String id);

  /**
   * Lists open items of an entity type, oldest first.
   *
   * @param type the entity type, or {@code null} for all
   * @param limit the most items to return
   * @return the items
   */
  List<ReviewItem> open(EntityType<?> type, int limit);

  /**
   * Decides an open item.
   *
   * @param id the item's id
   * @param decision {@link ReviewItem.Status#ACCEPTED} or {@link ReviewItem.Status#REJECTED}
   * @param at when it was decided
   * @return the decided item, or empty if there is no open item with that id (unknown, or already
   *     decided by someone else)
   */
  Optional<ReviewItem> decide(String id, ReviewItem.Status decision, Instant at);
}
