package dev.retailsync.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fallback for lookups: asks the source every time, remembers each answer, and when the source is
 * down (a retryable {@link SyncException}, such as a timeout, a 5xx or an open circuit) serves the
 * last answer marked stale, as long as it is no older than {@code maxStaleness}. The example is
 * availability: a shop keeps selling on the last known stock level for a few minutes while the
 * inventory source is down, and knows that it does. A non-retryable failure (the request itself is
 * wrong) is never hidden.
 *
 * <p>Instances are thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class LastKnownGood<K, V> {
  private record Known<V>(V value, Instant asOf) {}

  private final Function<K, V> source;
  private final Clock clock;
  private final Cache<K, Known<V>> known;

  private LastKnownGood(Function<K, V> source, Duration maxStaleness, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.known =
        Caffeine.newBuilder()
            .ticker(
                () -> {
                  Instant now = clock.instant();
                  return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
            .expireAfterWrite(maxStaleness)
            .maximumSize(100_000)
            .build();
  }

  /**
   * Creates a fallback over a source.
   *
   * @param source the live lookup; it must not return {@code null}
   * @param maxStaleness how old a value may be and still be served while the source is down
   * @param clock the clock ages are measured with
   * @param <K> the key type
   * @param <V> the value type
   * @return the fallback
   * @throws ValidationException if {@code maxStaleness} is not positive
   */
  public static <K, V> LastKnownGood<K, V> create(
      Function<K, V> source, Duration maxStaleness, Clock clock) {
    if (maxStaleness == null || maxStaleness.isNegative() || maxStaleness.isZero()) {
      throw ValidationException.of(
          "LastKnownGood", "maxStaleness", maxStaleness, "must be positive");
    }
    return new LastKnownGood<>(
        Objects.requireNonNull(source, "source"), maxStaleness, Objects.requireNonNull(clock));
  }

  /**
   * Looks a key up: fresh from the source, or the last known value marked stale.
   *
   * @param key the key
   * @return the served value
   * @throws SyncException the source's failure, when it is not retryable or nothing recent enough
   *     is known
   */
  public Served<V> get(K key) {
    try {
      V value = Objects.requireNonNull(source.apply(key), "the source returned null");
      Instant now = clock.instant();
      known.put(key, new Known<>(value, now));
      return new Served<>(value, now, false);
    } catch (SyncException e) {
      Known<V> last = e.isRetryable() ? known.getIfPresent(key) : null;
      if (last == null) {
        throw e;
      }
      return new Served<>(last.value(), last.asOf(), true);
    }
  }

  /**
   * Returns an availability lookup that falls back to the last known positions while the live one
   * is down, for flows that must keep answering: the positions served stale keep the {@code asOf}
   * of when they were read, so callers see how old they are.
   *
   * @param live the connector's lookup
   * @param maxStaleness how old a served answer may be
   * @param clock the clock ages are measured with
   * @return the lookup with the fallback
   */
  public static dev.retailsync.api.spi.AvailabilityLookup availability(
      dev.retailsync.api.spi.AvailabilityLookup live, Duration maxStaleness, Clock clock) {
    Objects.requireNonNull(live, "live");
    record Query(java.util.List<String> skus, String location) {}
    LastKnownGood<Query, java.util.List<dev.retailsync.api.model.InventoryPosition>> fallback =
        create(q -> live.availability(q.skus(), q.location()), maxStaleness, clock);
    return (skus, location) ->
        fallback.get(new Query(java.util.List.copyOf(skus), location)).value();
  }
}
