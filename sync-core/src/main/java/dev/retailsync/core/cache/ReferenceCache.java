package dev.retailsync.core.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A cache of reference data (tax categories, payment-term descriptions, price books, describe
 * metadata, tokens) that loads missing entries and expires and refreshes them as its {@link
 * CacheSettings} say. A refresh that fails keeps serving the old value until the TTL ends; after
 * that the next read loads again and sees the failure.
 *
 * <p>Implementations are thread-safe; create them with {@link #create}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ReferenceCache<K, V> {
  /**
   * Returns the value for a key, loading it when absent or expired.
   *
   * @param key the key
   * @return the value
   * @throws RuntimeException what the loader threw, when it had to load
   */
  V get(K key);

  /**
   * Returns the value for a key when it is cached and not expired.
   *
   * @param key the key
   * @return the value, or empty
   */
  Optional<V> getIfPresent(K key);

  /**
   * Removes a key, so the next read loads it (for invalidation by events).
   *
   * @param key the key
   */
  void invalidate(K key);

  /** Removes every entry. */
  void invalidateAll();

  /**
   * Creates a cache.
   *
   * @param settings TTL, refresh and size
   * @param loader loads a value; it must not return {@code null}
   * @param clock the clock entries expire by (a fake clock in tests)
   * @param refreshExecutor where background refreshes run ({@code Runnable::run} in tests)
   * @param <K> the key type
   * @param <V> the value type
   * @return the cache
   */
  static <K, V> ReferenceCache<K, V> create(
      CacheSettings settings, Function<K, V> loader, Clock clock, Executor refreshExecutor) {
    return new CaffeineReferenceCache<>(
        Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(loader, "loader"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(refreshExecutor, "refreshExecutor"));
  }
}
