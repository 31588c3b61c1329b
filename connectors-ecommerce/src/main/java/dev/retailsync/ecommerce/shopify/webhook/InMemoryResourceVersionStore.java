package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory {@link ResourceVersionStore}: the least recently updated resources are
 * forgotten first once {@code maxEntries} are held. A forgotten resource has no version to compare
 * with, so its next delivery is taken; the engine's merge (newest source timestamp wins) is the
 * second line of defence.
 *
 * <p>Thread-safe (one lock).
 */
public final class InMemoryResourceVersionStore implements ResourceVersionStore {
  private final int maxEntries;
  private final Map<String, Instant> versions;

  private InMemoryResourceVersionStore(int maxEntries) {
    this.maxEntries = maxEntries;
    this.versions =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > InMemoryResourceVersionStore.this.maxEntries;
          }
        };
  }

  /**
   * Returns a store remembering at most the given number of resources.
   *
   * @param maxEntries the bound, 1 or more
   * @return the store
   * @throws ValidationException naming {@code maxEntries} when it is below 1
   */
  public static InMemoryResourceVersionStore withMaxEntries(int maxEntries) {
    if (maxEntries < 1) {
      throw ValidationException.of(
          "InMemoryResourceVersionStore", "maxEntries", maxEntries, "must be 1 or more");
    }
    return new InMemoryResourceVersionStore(maxEntries);
  }

  @Override
  public synchronized Instant version(String resourceId) {
    return versions.get(resourceId);
  }

  @Override
  public synchronized void advance(String resourceId, Instant version) {
    Instant held = versions.get(resourceId);
    if (held == null || version.isAfter(held)) {
      versions.put(resourceId, version);
    }
  }

  @Override
  public synchronized String toString() {
    return "InMemoryResourceVersionStore[size="
        + versions.size()
        + ", maxEntries="
        + maxEntries
        + "]";
  }
}
