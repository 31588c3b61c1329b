package dev.retailsync.ecommerce.shopify;

import java.time.Duration;

/**
 * Hears what the Shopify client notices about the API it talks to: a version that fell forward, a
 * deprecation notice, throttling waits and retries. Hosts bridge it to their metrics or alerts.
 * Every method has a no-op default.
 *
 * <p>Implementations must be thread-safe and quick; they run on the calling thread.
 */
public interface ShopifyListener {

  /** The listener that ignores everything. */
  ShopifyListener NONE = new ShopifyListener() {};

  /**
   * Called when the server answered with another API version than the one requested: the requested
   * version is no longer supported and Shopify fell forward to the oldest supported one.
   *
   * @param requested the pinned version, such as {@code 2025-01}
   * @param served the version in {@code X-Shopify-API-Version}
   */
  default void versionFellForward(String requested, String served) {}

  /**
   * Called when a response carries {@code X-Shopify-API-Deprecated-Reason}.
   *
   * @param reason the header's value
   */
  default void deprecated(String reason) {}

  /**
   * Called before the client waits for the cost bucket to refill.
   *
   * @param requestedCost the cost of the request that waits
   * @param wait how long it waits
   */
  default void costWait(int requestedCost, Duration wait) {}

  /**
   * Called before the client sends a request again.
   *
   * @param attempt the attempt that failed, from 1
   * @param reason why, such as {@code THROTTLED}, {@code HTTP 503} or {@code timeout}
   * @param wait how long it waits first
   */
  default void retrying(int attempt, String reason, Duration wait) {}

  /**
   * Called when a record read from Shopify cannot be mapped; a feed then carries it in its page as
   * a rejection ({@link dev.retailsync.api.spi.ChangePage#rejected()}) instead of a change.
   *
   * @param id the record's GID
   * @param reason why, naming the field
   */
  default void skipped(String id, String reason) {}
}
