package dev.retailsync.core.observability;

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
}
