package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.internal.Checks;
import java.util.List;

/**
 * One page of a {@link ChangeFeed}: the changes, the records the feed read but could not map, the
 * cursor to resume after them, and whether the source has more right now.
 *
 * <p>A record the feed cannot map is never left out silently: it goes in {@link #rejected()}, and
 * the engine keeps it as a dead letter (reason {@code MAPPING}) before it advances the cursor past
 * the page.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param changes the changes, in source order
 * @param rejected the records read in this page that could not be mapped, in source order; never
 *     {@code null}, empty when every record mapped
 * @param next the cursor to pass to the next poll once these changes are applied and the rejected
 *     records kept
 * @param hasMore whether another poll right away would return more changes
 * @param <T> the entity's Java type
 */
public record ChangePage<T extends CanonicalEntity>(
    List<Change<T>> changes, List<FeedRejection> rejected, Cursor next, boolean hasMore) {

  // Checks the components; see the class documentation for the rules.
  public ChangePage {
    changes = Checks.list("ChangePage", "changes", changes);
    rejected = Checks.list("ChangePage", "rejected", rejected);
    Checks.required("ChangePage", "next", next);
  }

  /**
   * Returns a page in which every record read was mapped (no rejections).
   *
   * @param changes the changes, in source order
   * @param next the cursor to pass to the next poll once these changes are applied
   * @param hasMore whether another poll right away would return more changes
   * @throws dev.retailsync.api.ValidationException if {@code next} is {@code null} or {@code
   *     changes} holds {@code null} ({@code null} changes count as none)
   */
  public ChangePage(List<Change<T>> changes, Cursor next, boolean hasMore) {
    this(changes, List.of(), next, hasMore);
  }
}
