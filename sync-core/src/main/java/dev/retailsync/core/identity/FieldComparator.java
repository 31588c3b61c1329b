package dev.retailsync.core.identity;

/**
 * Compares two normalised values of one field and says how similar they are, from {@code 0}
 * (nothing alike) to {@code 1} (the same). The scoring model turns the similarity into a level (for
 * example exact, close, far) with its own weight.
 *
 * <p>Implementations must be thread-safe and symmetric. {@link Comparators} has the standard ones.
 */
@FunctionalInterface
public interface FieldComparator {
  /**
   * Compares two normalised values.
   *
   * @param a one value, never {@code null}
   * @param b the other value, never {@code null}
   * @return the similarity in {@code [0, 1]}
   */
  double compare(String a, String b);
}
