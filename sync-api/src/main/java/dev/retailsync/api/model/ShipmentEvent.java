package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One tracking event of a shipment, as the warehouse or the carrier reports it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param type what happened, never {@code null}
 * @param occurredAt when it happened, never {@code null}
 * @param location where it happened (a depot, hub or city as the carrier names it), or {@code null}
 * @param description the carrier's description, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentEvent(
    @NotNull ShipmentEventType type,
    @NotNull Instant occurredAt,
    @Size(max = 255) String location,
    @Size(max = 1000) String description) {

  // Checks the components; see the class documentation for the rules.
  public ShipmentEvent {
    Checks.required("ShipmentEvent", "type", type);
    Checks.required("ShipmentEvent", "occurredAt", occurredAt);
    Checks.optionalText("ShipmentEvent", "location", location);
    Checks.optionalText("ShipmentEvent", "description", description);
  }
}
