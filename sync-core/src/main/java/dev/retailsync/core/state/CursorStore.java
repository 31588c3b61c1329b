package dev.retailsync.core.state;

import dev.retailsync.api.spi.Cursor;
import java.util.Optional;

/**
 * Where each flow's change feed stands: the cursor after the last page whose every change was
 * applied or dead-lettered. The engine saves it only then, so a crash replays at most one page.
 *
 * <p>Implementations are thread-safe.
 */
public interface CursorStore {
  /**
   * Reads a flow's cursor.
   *
   * @param flow the flow's name
   * @return the cursor, or empty when the flow has not completed a page
   */
  Optional<Cursor> load(String flow);

  /**
   * Saves a flow's cursor, replacing the one before.
   *
   * @param flow the flow's name
   * @param cursor the cursor
   */
  void save(String flow, Cursor cursor);

  /**
   * Saves a flow's cursor on behalf of a lease holder, only while the lease is held: a holder that
   * paused and lost its lease (expired, released or taken over) cannot move the cursor, so it
   * cannot skip changes the new holder has not applied. The cursor also keeps the fencing token of
   * the last lease that saved it and refuses older tokens.
   *
   * @param flow the flow's name
   * @param cursor the cursor
   * @param lease the lease the caller holds for the flow's poller
   * @return {@code false} when the lease is no longer held; the cursor is then unchanged
   */
  boolean save(String flow, Cursor cursor, Lease lease);
}
