package dev.retailsync.core.identity;

import dev.retailsync.api.SystemId;
import java.time.Instant;

/**
 * Where a surviving value came from.
 *
 * <p>Instances are immutable and thread-safe and carry no field value.
 *
 * @param field the field name
 * @param recordId the record the value was taken from
 * @param source that record's system, or {@code null} when unknown
 * @param updatedAt when that record was last updated, or {@code null} when unknown
 * @param rule the rule that picked it
 * @param supportingRecords how many records had the same value (after folding)
 */
public record SurvivedField(
    String field,
    String recordId,
    SystemId source,
    Instant updatedAt,
    SurvivorshipRule rule,
    int supportingRecords) {}
