package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/**
 * Where the {@link WebhookIntake} hands verified deliveries: the host's queue, or an adapter to the
 * engine such as {@code ShopifyWebhookChanges} in front of {@code SyncEngine::accept}. Shopify
 * gives the whole request five seconds, so a sink must only enqueue, never process.
 *
 * <p>A sink reports a full queue or an unavailable store by throwing: a {@link SyncException} whose
 * {@link SyncException#isRetryable()} is {@code false} (a payload that can never be mapped) makes
 * the verdict {@link WebhookVerdict.Status#REJECTED}, which is acknowledged so Shopify neither
 * retries it nor drops the subscription; any other exception makes it {@link
 * WebhookVerdict.Status#UNAVAILABLE} (HTTP 503), and Shopify delivers it again.
 *
 * <p>Implementations must be thread-safe: hosts call the intake from many request threads.
 */
@FunctionalInterface
public interface WebhookSink {

  /**
   * Takes one delivery.
   *
   * @param event the verified event
   * @throws RuntimeException when the event cannot be queued now (see the class documentation)
   */
  void accept(WebhookEvent event);

  /**
   * Returns a sink that offers each event to a bounded queue without waiting: when the queue is
   * full the delivery is answered {@link WebhookVerdict.Status#UNAVAILABLE} (503) at once and
   * Shopify delivers it again later, instead of the request thread blocking past Shopify's
   * five-second budget. The host's own worker takes from the queue and processes.
   *
   * @param queue the queue
   * @return the sink
   */
  static WebhookSink offerTo(BlockingQueue<? super WebhookEvent> queue) {
    Objects.requireNonNull(queue, "queue");
    return event -> {
      if (!queue.offer(event)) {
        throw new SyncException(
            "the webhook queue is full; Shopify will deliver " + event.webhookId() + " again",
            null,
            ErrorContext.of(SystemId.SHOPIFY, "webhook"),
            true);
      }
    };
  }
}
