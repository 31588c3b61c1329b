package dev.retailsync.core.observability;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decision in the audit trail: what changed (field paths, never values), by which rule, from
 * which system, for which golden record. Entries carry no personal data: values are not recorded,
 * external ids (which may be e-mail addresses) are not recorded, and failure messages are reduced
 * to their reason and field paths.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the entry's position in the trail, from 1, assigned by the trail
 * @param at when the decision was made
 * @param flow the flow's name
 * @param correlationId the change's correlation id
 * @param system the system the decision concerns (source for merges, target for writes)
 * @param entityType the entity type's name
 * @param canonicalId the golden record, or {@code null} before identity was resolved
 * @param decision what was decided, such as {@code merged}, {@code written}, {@code dead-lettered}
 * @param rule the rule or reason behind it, such as {@code ownership} or {@code VALIDATION}
 * @param fields the field paths concerned
 */
public record AuditEntry(
    long sequence,
    Instant at,
    String flow,
    CorrelationId correlationId,
    SystemId system,
    String entityType,
    CanonicalId canonicalId,
    String decision,
    String rule,
    List<String> fields) {
  // Checks the components; see the class documentation for the rules.
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(decision, "decision");
    fields = List.copyOf(fields);
  }

  /**
   * Returns a copy with the given sequence number; trails call it when they append.
   *
   * @param seq the sequence number
   * @return the copy
   */
  public AuditEntry withSequence(long seq) {
    return new AuditEntry(
        seq, at, flow, correlationId, system, entityType, canonicalId, decision, rule, fields);
  }
}
