package dev.retailsync.ecommerce.shopify.webhook;

import java.time.Instant;

/**
 * The newest version ({@code updated_at}) the intake has handed on per resource, so an older
 * delivery arriving after a newer one (Shopify does not order webhooks, and a retry carries the
 * payload as of trigger time) is recognised as stale. The default is {@link
 * InMemoryResourceVersionStore}; a host with several instances plugs in a shared store.
 *
 * <p>Implementations must be thread-safe, and {@link #advance} must keep the newest version.
 */
public interface ResourceVersionStore {

  /**
   * Returns the newest version handed on for a resource.
   *
   * @param resourceId the resource, such as {@code gid://shopify/Order/1}
   * @return the version, or {@code null} when none is known
   */
  Instant version(String resourceId);

  /**
   * Records a version the sink has taken; an older one than held leaves the store unchanged.
   *
   * @param resourceId the resource
   * @param version the delivery's {@code updated_at}
   */
  void advance(String resourceId, Instant version);
}
