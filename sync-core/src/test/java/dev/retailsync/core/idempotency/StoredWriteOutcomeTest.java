package dev.retailsync.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.WriteOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredWriteOutcomeTest {
  private static final SystemId TRYTON = SystemId.of("tryton");

  @Test
  void aRejectionKeepsItsNamedFieldsThroughTheStore() {
    WriteOutcome rejected =
        WriteOutcome.rejected(
            "k",
            "CREDIT_HOLD",
            "credit: limit reached; sale waits | as a quotation.",
            List.of(
                FieldError.redacted("credit", "limit reached: a.b|c~d:e"),
                FieldError.redacted("lines[0].sku", "unknown")));
    WriteOutcome back = StoredWriteOutcome.decode(StoredWriteOutcome.encode(rejected), "k", TRYTON);
    assertEquals(rejected, back);
  }

  @Test
  void outcomesStoredBeforeFieldsWereKeptStillDecode() {
    WriteOutcome created = WriteOutcome.created("k", ExternalId.of(TRYTON, "42"), "p42:1");
    String stored = StoredWriteOutcome.encode(created);
    String fiveParts = stored.substring(0, stored.lastIndexOf('.'));
    assertEquals(created, StoredWriteOutcome.decode(fiveParts, "k", TRYTON));
    assertEquals(created, StoredWriteOutcome.decode(stored, "k", TRYTON));
  }
}
