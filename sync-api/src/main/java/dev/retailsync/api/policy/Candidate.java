package dev.retailsync.api.policy;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.internal.Checks;
import java.time.Instant;

/**
 * One contender for a shared field: a value and where it came from. For a field group (such as
 * {@code shipping.address}) the value is a map from each leaf's path to its value.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the value, or {@code null} for a cleared field
 * @param system the system the value came from
 * @param sourceTimestamp when the source recorded it, or {@code null} when the source did not say
 * @param sourceVersion the source's version of the record, or {@code null}
 */
public record Candidate(
    Object value, SystemId system, Instant sourceTimestamp, String sourceVersion) {

  // Checks the components; see the class documentation for the rules.
  public Candidate {
    Checks.required("Candidate", "system", system);
  }

  /**
   * Orders two candidates by recency, deterministically: source timestamp (unknown is oldest), then
   * source version (numerically when both are numbers), then system id, then the value's text. Used
   * by {@link ConflictRule#newestWins()} and as the tie-break of {@link ConflictRule#precedence}.
   *
   * @param a one candidate
   * @param b the other
   * @return a negative number, zero or a positive number as {@code a} is older than, as recent as,
   *     or newer than {@code b}
   */
  public static int compareRecency(Candidate a, Candidate b) {
    int c = compareNullsFirst(a.sourceTimestamp, b.sourceTimestamp);
    if (c != 0) {
      return c;
    }
    c = compareVersions(a.sourceVersion, b.sourceVersion);
    if (c != 0) {
      return c;
    }
    c = a.system.compareTo(b.system);
    if (c != 0) {
      return c;
    }
    return String.valueOf(a.value).compareTo(String.valueOf(b.value));
  }

  private static int compareNullsFirst(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  private static int compareVersions(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (isNumber(a) && isNumber(b)) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 1 && s.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
