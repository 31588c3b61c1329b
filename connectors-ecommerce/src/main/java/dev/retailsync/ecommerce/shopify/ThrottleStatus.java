package dev.retailsync.ecommerce.shopify;

/**
 * The cost budget Shopify reported in a response's {@code extensions.cost.throttleStatus}: the
 * bucket's size, what was left after the request, and how fast it refills. Plan limits differ and
 * change over time, so these figures are only ever read from responses, never configured.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maximumAvailable the bucket's size in points
 * @param currentlyAvailable the points left when the response was produced
 * @param restoreRate the points restored per second
 */
public record ThrottleStatus(
    double maximumAvailable, double currentlyAvailable, double restoreRate) {

  /** Checks the figures are usable. */
  public ThrottleStatus {
    if (maximumAvailable <= 0 || restoreRate <= 0 || currentlyAvailable < 0) {
      throw new IllegalArgumentException(
          "throttleStatus needs a positive maximumAvailable and restoreRate and a non-negative"
              + " currentlyAvailable, was "
              + maximumAvailable
              + "/"
              + currentlyAvailable
              + "/"
              + restoreRate);
    }
  }
}
