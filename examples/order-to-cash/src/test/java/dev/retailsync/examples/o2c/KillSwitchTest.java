package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.InMemoryCursorStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
  private static final SystemId TRYTON = SystemId.of("tryton");
  private final CursorStore stored = new InMemoryCursorStore();
  private final KillSwitch kill = new KillSwitch(OrderToCash.ORDERS, TRYTON);
  private final CursorStore cursors = kill.wrap(stored);

  private static SyncEvent delivered(String flow, SystemId system, String outcome) {
    return new SyncEvent(
        Stage.DELIVERED, flow, system, EntityType.ORDER, null, Instant.EPOCH, outcome);
  }

  @Test
  void itKillsTheFirstSaveOfTheFlowsCursorAfterACreateAndOnlyThat() {
    cursors.save(OrderToCash.ORDERS, Cursor.of("c1"));
    kill.onEvent(delivered(OrderToCash.ORDERS, TRYTON, "UNCHANGED"));
    kill.onEvent(delivered(OrderToCash.PARTIES, TRYTON, "CREATED"));
    cursors.save(OrderToCash.ORDERS, Cursor.of("c2"));
    assertFalse(kill.fired(), "not armed by other outcomes or other flows");

    kill.onEvent(delivered(OrderToCash.ORDERS, TRYTON, "CREATED"));
    cursors.save(OrderToCash.PARTIES, Cursor.of("p1"));
    assertThrows(KillSwitch.Killed.class, () -> cursors.save(OrderToCash.ORDERS, Cursor.of("c3")));

    assertTrue(kill.fired());
    assertEquals(Optional.of(Cursor.of("c2")), kill.cursorAtKill());
    assertEquals(Optional.of(Cursor.of("c2")), stored.load(OrderToCash.ORDERS), "not saved");
    cursors.save(OrderToCash.ORDERS, Cursor.of("c3"));
    assertEquals(Optional.of(Cursor.of("c3")), stored.load(OrderToCash.ORDERS), "fires once");
  }
}
