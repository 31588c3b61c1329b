package dev.retailsync.core.deadletter;

import java.util.List;
import java.util.Optional;

/**
 * Keeps dead letters for inspection, replay and purge.
 *
 * <p>Implementations are thread-safe and atomic per letter id.
 */
public interface DeadLetterStore {
  /**
   * Adds a letter, or records another failure of an existing one with the same id: the stored
   * letter then keeps its first failure time and replay count, counts one more failure, takes the
   * new reason, message, errors and last failure time, and is open again unless quarantined.
   *
   * @param letter the letter
   * @return the letter as stored
   */
  DeadLetter add(DeadLetter letter);

  /**
   * Reads a letter.
   *
   * @param id the letter's id
   * @return the letter, or empty
   */
  Optional<DeadLetter> find(String id);

  /**
   * Lists letters, oldest first failure first (then by id).
   *
   * @param filter which letters
   * @return the letters
   */
  List<DeadLetter> list(DeadLetterFilter filter);

  /**
   * Replaces a stored letter (status and counters change as it is replayed).
   *
   * @param letter the letter, with the id of a stored one
   * @return {@code false} when no letter has that id
   */
  boolean update(DeadLetter letter);

  /**
   * Removes letters.
   *
   * @param filter which letters
   * @return how many were removed
   */
  int purge(DeadLetterFilter filter);
}
