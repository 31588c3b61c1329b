package dev.retailsync.ecommerce.shopify.webhook;

import java.time.Instant;

/**
 * Observes the {@link WebhookIntake}'s verdicts, for metrics and for the {@link
 * SubscriptionMonitor}, which learns from them when each topic last delivered. The default does
 * nothing.
 *
 * <p>Implementations must be thread-safe and fast: they run on the host's request thread.
 */
@FunctionalInterface
public interface WebhookListener {

  /** A listener that does nothing. */
  WebhookListener NONE = (verdict, at) -> {};

  /**
   * Called once per delivery with the intake's verdict.
   *
   * @param verdict the verdict
   * @param at when the intake decided it
   */
  void onVerdict(WebhookVerdict verdict, Instant at);
}
