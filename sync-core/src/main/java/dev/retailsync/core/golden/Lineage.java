package dev.retailsync.core.golden;

import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a field's value in a golden record came from: the source system, the source's timestamp and
 * version of the record, when the SDK received it, and the change that brought it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param system the system the value came from
 * @param sourceTimestamp when the source recorded it, or {@code null} when it did not say
 * @param sourceVersion the source's version of the record, or {@code null}
 * @param receivedAt when the SDK received the change
 * @param changeId the correlation id of the change that brought the value
 */
public record Lineage(
    SystemId system,
    Instant sourceTimestamp,
    String sourceVersion,
    Instant receivedAt,
    CorrelationId changeId) {

  // Checks the components; see the class documentation for the rules.
  public Lineage {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(changeId, "changeId");
  }
}
