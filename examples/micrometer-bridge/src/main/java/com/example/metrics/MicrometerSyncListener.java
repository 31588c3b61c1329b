package com.example.metrics;

import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.observability.SyncListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Counts the engine's stage events in Micrometer: one counter {@code retailsync.events} tagged by
 * stage, flow, system and entity type. A host registers it with {@code
 * SyncEngine.builder().listener(new MicrometerSyncListener(registry))}.
 *
 * <p>Thread-safe: Micrometer's registry and counters are.
 */
public final class MicrometerSyncListener implements SyncListener {
  private final MeterRegistry registry;

  /**
   * Creates the bridge.
   *
   * @param registry the host's registry
   */
  public MicrometerSyncListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onEvent(SyncEvent event) {
    Counter.builder("retailsync.events")
        .description("Events of the retail-sync data path, by stage")
        .tag("stage", event.stage().name().toLowerCase(java.util.Locale.ROOT))
        .tag("flow", event.flow())
        .tag("system", event.system() == null ? "none" : event.system().value())
        .tag("entity", event.entityType() == null ? "none" : event.entityType().name())
        .register(registry)
        .increment();
  }
}
