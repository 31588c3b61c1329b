package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ValidationException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory {@link WebhookDedupeStore}: claims expire at their deadline, and when more
 * than {@code maxEntries} are live the oldest claim is evicted first, so memory stays bounded under
 * any load. Size {@code maxEntries} for the peak delivery rate times the dedupe window (at 10
 * deliveries a second over 4 hours, 144,000); an evicted id that is redelivered is taken again,
 * which the engine's own idempotency then absorbs.
 *
 * <p>Thread-safe (one lock; every operation is O(1) amortised).
 */
public final class InMemoryWebhookDedupeStore implements WebhookDedupeStore {
  private final int maxEntries;
  // Insertion order is claim order; expiry deadlines grow with it for a fixed window, so the head
  // is always the first to expire.
  private final LinkedHashMap<String, Instant> claims = new LinkedHashMap<>();
  private long evicted;

  private InMemoryWebhookDedupeStore(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Returns a store holding at most the given number of live claims.
   *
   * @param maxEntries the bound, 1 or more
   * @return the store
   * @throws ValidationException naming {@code maxEntries} when it is below 1
   */
  public static InMemoryWebhookDedupeStore withMaxEntries(int maxEntries) {
    if (maxEntries < 1) {
      throw ValidationException.of(
          "InMemoryWebhookDedupeStore", "maxEntries", maxEntries, "must be 1 or more");
    }
    return new InMemoryWebhookDedupeStore(maxEntries);
  }

  @Override
  public synchronized boolean claim(String webhookId, Instant now, Instant expiresAt) {
    purge(now);
    Instant held = claims.get(webhookId);
    if (held != null && held.isAfter(now)) {
      return false;
    }
    claims.remove(webhookId);
    claims.put(webhookId, expiresAt);
    while (claims.size() > maxEntries) {
      Iterator<String> it = claims.keySet().iterator();
      it.next();
      it.remove();
      evicted++;
    }
    return true;
  }

  @Override
  public synchronized void release(String webhookId) {
    claims.remove(webhookId);
  }

  /**
   * Returns how many claims are held, expired ones included until the next claim purges them.
   *
   * @return the count
   */
  public synchronized int size() {
    return claims.size();
  }

  /**
   * Returns how many live claims were evicted because the bound was reached.
   *
   * @return the count
   */
  public synchronized long evicted() {
    return evicted;
  }

  private void purge(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = claims.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isAfter(now)) {
        return;
      }
      it.remove();
    }
  }

  @Override
  public synchronized String toString() {
    return "InMemoryWebhookDedupeStore[size=" + claims.size() + ", maxEntries=" + maxEntries + "]";
  }
}
