package dev.retailsync.core.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * A value served by {@link LastKnownGood}: fresh from the source, or the last value the source
 * gave, marked stale, while the source is down.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the value
 * @param asOf when the source gave it
 * @param stale {@code true} when the source could not be reached and this is the last known value
 * @param <V> the value type
 */
public record Served<V>(V value, Instant asOf, boolean stale) {
  // Checks the components; see the class documentation for the rules.
  public Served {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(asOf, "asOf");
  }
}
