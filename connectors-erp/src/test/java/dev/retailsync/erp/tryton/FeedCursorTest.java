package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedCursorTest {
  @Test
  void roundTripsHighWaterAndSeenRecords() {
    Instant t = Instant.parse("2026-11-25T17:31:22.166696Z");
    FeedCursor c = FeedCursor.of(t, Set.of("p5@" + FeedCursor.micros(t), "a3@1795627800000000"));
    FeedCursor back = FeedCursor.parse(c.toCursor());
    assertEquals(c, back);
    assertEquals(t, FeedCursor.stampOf("p5@" + FeedCursor.micros(t)));
  }

  @Test
  void theBeginningHasNoHighWater() {
    assertTrue(FeedCursor.parse(Cursor.beginning()).isStart());
    assertEquals(Cursor.beginning(), FeedCursor.of(null, Set.of()).toCursor());
  }

  @Test
  void aForeignCursorIsRefusedNamingIt() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> FeedCursor.parse(Cursor.of("2026-01-01")));
    assertTrue(e.getMessage().contains("cursor"), e.getMessage());
  }
}
