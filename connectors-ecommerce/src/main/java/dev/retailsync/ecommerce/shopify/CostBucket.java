package dev.retailsync.ecommerce.shopify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The client-side image of one shop's GraphQL cost bucket (a leaky bucket per app and shop). It is
 * fed by every response's {@code throttleStatus} and admits a request only when its requested cost
 * fits what the bucket holds now, counting the refill since the last report; otherwise it says how
 * long to wait: the deficit divided by the restore rate. Before the first response it admits
 * everything, since plan limits are never assumed.
 *
 * <p>Share one bucket between every client of the same app and shop. Thread-safe.
 */
public final class CostBucket {
  private ThrottleStatus status;
  private double available;
  private Instant at;

  private CostBucket() {}

  /**
   * Returns an empty bucket that knows nothing yet.
   *
   * @return the bucket
   */
  public static CostBucket create() {
    return new CostBucket();
  }

  /**
   * Reserves a request's cost if it fits now.
   *
   * @param cost the requested cost
   * @param now the current time
   * @return zero when admitted (the cost is deducted), otherwise how long to wait before asking
   *     again
   */
  public synchronized Duration reserve(int cost, Instant now) {
    if (status == null) {
      return Duration.ZERO;
    }
    double avail = availableAt(now);
    if (cost <= avail) {
      available = avail - cost;
      at = now;
      return Duration.ZERO;
    }
    double seconds = (cost - avail) / status.restoreRate();
    return Duration.ofNanos((long) Math.ceil(seconds * 1_000_000_000d));
  }

  /**
   * Records what a response reported.
   *
   * @param reported the response's throttle status
   * @param now when the response arrived
   */
  public synchronized void update(ThrottleStatus reported, Instant now) {
    status = reported;
    available = reported.currentlyAvailable();
    at = now;
  }

  /**
   * Returns the last reported status.
   *
   * @return the status, or empty before the first response
   */
  public synchronized Optional<ThrottleStatus> status() {
    return Optional.ofNullable(status);
  }

  /**
   * Returns the points the bucket holds now by this image (the last report plus the refill since).
   *
   * @param now the current time
   * @return the points, or empty before the first response
   */
  public synchronized Optional<Double> available(Instant now) {
    return status == null ? Optional.empty() : Optional.of(availableAt(now));
  }

  private double availableAt(Instant now) {
    double elapsed = Math.max(0, Duration.between(at, now).toNanos() / 1e9);
    return Math.min(status.maximumAvailable(), available + elapsed * status.restoreRate());
  }

  @Override
  public synchronized String toString() {
    return "CostBucket[" + (status == null ? "unknown" : status) + "]";
  }
}
