package dev.retailsync.core.identity;

/**
 * Turns one raw field value into the form the comparators and blocking keys work on. A normaliser
 * never throws on bad input: an unusable value is {@link Normalised#missing(String) missing}, with
 * the reason.
 *
 * <p>Implementations must be thread-safe and pure. {@link Normalisers} has the standard ones.
 */
@FunctionalInterface
public interface Normaliser {
  /**
   * Normalises a raw value.
   *
   * @param raw the raw value; never {@code null} (absent values are not normalised)
   * @return the normalised value or the reason it is missing
   */
  Normalised normalise(String raw);
}
