package dev.retailsync.core.observability;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives every stage's events, so a host can bridge the engine to Micrometer, OpenTelemetry or
 * its own logs without the core depending on a metrics library (after OkHttp's {@code
 * EventListener}). The default does nothing.
 *
 * <p>Implementations must be thread-safe and fast: they are called on the engine's threads, inside
 * the data path, with the MDC keys of {@link SyncMdc} set. An exception a listener throws is caught
 * and logged; it never fails a change.
 */
public interface SyncListener {
  /** The listener that does nothing. */
  SyncListener NONE = new SyncListener() {};

  /**
   * Receives one event.
   *
   * @param event what happened
   */
  default void onEvent(SyncEvent event) {}

  /**
   * Returns a listener that passes every event to a consumer.
   *
   * @param consumer the consumer; thread-safe
   * @return the listener
   */
  static SyncListener of(Consumer<SyncEvent> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return new SyncListener() {
      @Override
      public void onEvent(SyncEvent event) {
        consumer.accept(event);
      }
    };
  }
}
