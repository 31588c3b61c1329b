package dev.retailsync.ecommerce.shopify;

import java.time.Duration;

/**
 * Waits. The client waits through a sleeper (never {@code Thread.sleep} directly) so that tests
 * pass one that advances a fake clock and records the waits.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for the given time.
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that blocks the calling thread.
   *
   * @return the sleeper
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
  }
}
