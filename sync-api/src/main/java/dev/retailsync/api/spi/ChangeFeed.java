package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;

/**
 * What changed in one system for one entity type since a cursor.
 *
 * <p>Contract: a poll returns changes in the order the source applied them, at most {@code
 * maxChanges} of them, and the cursor to resume after them; it never skips a change that happened
 * after the cursor (a feed over timestamps overlaps its windows and dedupes rather than risk a
 * gap). Polling again with the same cursor returns the same changes or later ones, so the host can
 * retry after a crash. Implementations are thread-safe.
 *
 * @param <T> the entity's Java type
 */
public interface ChangeFeed<T extends CanonicalEntity> {

  /**
   * Returns the next page of changes.
   *
   * @param cursor where the previous page ended, or {@link Cursor#beginning()}
   * @param maxChanges the most changes to return, at least 1
   * @return the page
   * @throws dev.retailsync.api.SyncException if the source cannot be read; {@link
   *     dev.retailsync.api.SyncException#isRetryable()} says whether to try again
   */
  ChangePage<T> poll(Cursor cursor, int maxChanges);
}
