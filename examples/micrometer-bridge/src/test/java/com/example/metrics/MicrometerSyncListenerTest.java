package com.example.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bridge counts events by stage, flow, system and entity. */
class MicrometerSyncListenerTest {
  @Test
  void countsEventsByStageFlowSystemAndEntity() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerSyncListener listener = new MicrometerSyncListener(registry);
    SyncEvent delivered =
        new SyncEvent(
            Stage.DELIVERED,
            "accounts",
            SystemId.SALESFORCE,
            EntityType.ACCOUNT,
            null,
            Instant.parse("2026-11-25T10:00:00Z"),
            "CREATED");

    listener.onEvent(delivered);
    listener.onEvent(delivered);

    assertEquals(
        2.0,
        registry
            .get("retailsync.events")
            .tags("stage", "delivered", "flow", "accounts", "system", "salesforce")
            .tag("entity", "account")
            .counter()
            .count());
  }
}
