package dev.retailsync.api.policy;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides between the value a golden record holds for a shared field and an incoming value from
 * another system (or a newer one from the same system). Built-in rules: {@link #newestWins()},
 * {@link #precedence(SystemId...)} and {@link #review()}; a host may write its own.
 *
 * <p>A rule should be a total order on candidates (the built-ins are): then applying the same
 * changes in any order gives the same golden record. Implementations must be thread-safe and
 * side-effect free.
 */
@FunctionalInterface
public interface ConflictRule {

  /** What the rule decided. */
  enum Verdict {
    /** Keep the value held. */
    KEEP_CURRENT,
    /** Replace it with the incoming value. */
    TAKE_INCOMING,
    /** Keep the value held and park the incoming one for a person to decide. */
    REVIEW
  }

  /**
   * Decides between the value held and an incoming one. Called only when they differ, or with equal
   * values to decide whose lineage to keep.
   *
   * @param current the value the golden record holds
   * @param incoming the value a change brings
   * @return the verdict
   */
  Verdict resolve(Candidate current, Candidate incoming);

  /**
   * Returns the rule "the newest source timestamp wins", with deterministic tie-breaks (see {@link
   * Candidate#compareRecency}).
   *
   * @return the rule
   */
  static ConflictRule newestWins() {
    return Rules.NEWEST_WINS;
  }

  /**
   * Returns the rule "the system listed first wins": a value from a system earlier in the list
   * replaces one from a later system (or from a system not listed), never the other way round;
   * between values of equal rank the newest wins.
   *
   * @param systems the systems, most trusted first; at least one, no repeats
   * @return the rule
   * @throws ValidationException if the list is empty or repeats a system
   */
  static ConflictRule precedence(SystemId... systems) {
    if (systems.length == 0) {
      throw ValidationException.of(
          "ConflictRule", "precedence", "[]", "needs at least one system, most trusted first");
    }
    Map<SystemId, Integer> rank = new HashMap<>();
    for (int i = 0; i < systems.length; i++) {
      if (rank.put(Objects.requireNonNull(systems[i], "system"), systems.length - i) != null) {
        throw ValidationException.of(
            "ConflictRule", "precedence", systems[i], "lists this system twice");
      }
    }
    List<SystemId> order = List.of(systems);
    return new ConflictRule() {
      @Override
      public Verdict resolve(Candidate current, Candidate incoming) {
        int c =
            Integer.compare(
                rank.getOrDefault(incoming.system(), 0), rank.getOrDefault(current.system(), 0));
        if (c == 0) {
          c = Candidate.compareRecency(incoming, current);
        }
        return c > 0 ? Verdict.TAKE_INCOMING : Verdict.KEEP_CURRENT;
      }

      @Override
      public String toString() {
        return "precedence" + order;
      }
    };
  }

  /**
   * Returns the rule "a person decides": when two systems disagree, the golden record keeps its
   * value and the incoming one is parked for review with both values. A system updating its own
   * value is not a conflict: the newest wins.
   *
   * @return the rule
   */
  static ConflictRule review() {
    return Rules.REVIEW;
  }
}
