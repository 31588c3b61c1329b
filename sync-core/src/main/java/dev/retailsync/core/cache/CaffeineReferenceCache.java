package dev.retailsync.core.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** {@link ReferenceCache} on Caffeine, with a ticker read from the engine's clock. */
final class CaffeineReferenceCache<K, V> implements ReferenceCache<K, V> {
  private final LoadingCache<K, V> cache;

  CaffeineReferenceCache(
      CacheSettings settings, Function<K, V> loader, Clock clock, Executor refreshExecutor) {
    Caffeine<Object, Object> b =
        Caffeine.newBuilder()
            .ticker(
                () -> {
                  Instant now = clock.instant();
                  return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
            .executor(refreshExecutor)
            .expireAfterWrite(settings.ttl())
            .maximumSize(settings.maximumSize());
    if (settings.refreshAfter() != null) {
      b.refreshAfterWrite(settings.refreshAfter());
    }
    this.cache = b.build(loader::apply);
  }

  @Override
  public V get(K key) {
    return cache.get(key);
  }

  @Override
  public Optional<V> getIfPresent(K key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  @Override
  public void invalidate(K key) {
    cache.invalidate(key);
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }
}
