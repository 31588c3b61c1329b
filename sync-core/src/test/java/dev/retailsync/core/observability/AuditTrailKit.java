package dev.retailsync.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditTrail} has (STYLE.md rule 19): append-only, in order, paged by
 * sequence number.
 */
public abstract class AuditTrailKit {
  /** The trail under test; a new, empty one for every test. */
  protected AuditTrail trail;

  /** Creates the kit. */
  protected AuditTrailKit() {}

  /**
   * Returns a new, empty trail.
   *
   * @return the trail
   */
  protected abstract AuditTrail newTrail();

  @BeforeEach
  void createTrail() {
    trail = newTrail();
  }

  static AuditEntry entry(String decision) {
    return new AuditEntry(
        99,
        Instant.parse("2026-11-25T10:00:00Z"),
        "accounts",
        CorrelationId.of("c-1"),
        SystemId.NETSUITE,
        "account",
        null,
        decision,
        "ownership",
        List.of("name"));
  }

  @Test
  void appendAssignsIncreasingSequenceNumbers() {
    assertEquals(1, trail.append(entry("merged")).sequence());
    assertEquals(2, trail.append(entry("written")).sequence());
  }

  @Test
  void entriesAreReadInAppendOrderAndPaged() {
    trail.append(entry("a"));
    trail.append(entry("b"));
    trail.append(entry("c"));

    assertEquals(List.of("a", "b"), trail.read(0, 2).stream().map(AuditEntry::decision).toList());
    assertEquals(List.of("c"), trail.read(2, 10).stream().map(AuditEntry::decision).toList());
    assertEquals(List.of(), trail.read(3, 10));
  }
}
