package dev.retailsync.core.observability;

import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing the engine did, for {@link SyncListener}s: which stage, in which flow, for which system
 * and entity type, under which correlation id, and a short detail that never holds personal data
 * (field paths, counts, reasons; never values).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param stage the stage
 * @param flow the flow's name
 * @param system the system concerned: the source, or the target for delivery stages
 * @param entityType the entity type
 * @param correlationId the change's correlation id, or {@code null} for page-level events
 * @param at when it happened, by the engine's clock
 * @param detail a short description without personal data; empty when there is nothing to add
 */
public record SyncEvent(
    Stage stage,
    String flow,
    SystemId system,
    EntityType<?> entityType,
    CorrelationId correlationId,
    Instant at,
    String detail) {
  // Checks the components; see the class documentation for the rules.
  public SyncEvent {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(at, "at");
    detail = detail == null ? "" : detail;
  }
}
