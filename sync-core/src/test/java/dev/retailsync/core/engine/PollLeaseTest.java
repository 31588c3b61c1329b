package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.spi.Cursor;
import dev.retailsync.core.state.InMemoryCursorStore;
import dev.retailsync.core.state.InMemoryLeaseStore;
import dev.retailsync.core.state.Lease;
import dev.retailsync.core.state.LeaseStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two engines (instances of a host) on shared in-memory stores, polling one flow under a lease. */
class PollLeaseTest {
  static final Duration TTL = Duration.ofSeconds(30);

  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void oneInstancePollsAFlowAndTheOtherTakesOverWhenItStopsRenewing() {
    LeaseStore leases = new InMemoryLeaseStore(fx.clock);
    try (SyncEngine a =
            fx.engine()
                .cursors(new InMemoryCursorStore(leases))
                .pollLeases(leases, "instance-a", TTL)
                .addFlow(fx.accountsErpToCrm())
                .build();
        SyncEngine b = a.toBuilder().pollLeases(leases, "instance-b", TTL).build()) {
      twoInstances(fx, a, b);
    }
  }

  /** The scenario, for any stores the two engines share. */
  static void twoInstances(EngineFixtures fx, SyncEngine a, SyncEngine b) {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    assertEquals(1, a.runOnce("accounts"));

    fx.erp.publish(List.of(fx.change(ERP, "A-2", account("A-2", "Beta AG"))));
    assertEquals(0, b.runOnce("accounts"), "a holds the lease");
    assertEquals(1, a.runOnce("accounts"), "a holds it and keeps polling");

    fx.erp.publish(List.of(fx.change(ERP, "A-3", account("A-3", "Gamma KG"))));
    fx.clock.advance(TTL); // a stops renewing
    assertEquals(1, b.runOnce("accounts"), "b takes over from a's last cursor");
    assertEquals(0, a.runOnce("accounts"), "b holds the lease now");

    assertEquals(3, fx.crm.written().size(), "every change written once");
  }

  @Test
  void aHolderThatLostTheLeaseCannotAdvanceTheEnginesCursor() {
    LeaseStore leases = new InMemoryLeaseStore(fx.clock);
    InMemoryCursorStore cursors = new InMemoryCursorStore(leases);
    Lease old = leases.acquire("poll:accounts", "instance-a", TTL).orElseThrow();
    fx.clock.advance(TTL);
    try (SyncEngine b =
        fx.engine()
            .cursors(cursors)
            .pollLeases(leases, "instance-b", TTL)
            .addFlow(fx.accountsErpToCrm())
            .build()) {
      fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
      assertEquals(1, b.runOnce("accounts"));
      Cursor saved = cursors.load("accounts").orElseThrow();

      assertFalse(cursors.save("accounts", Cursor.beginning(), old));
      assertEquals(saved, cursors.load("accounts").orElseThrow());
    }
  }

  @Test
  void leaseSettingsAreChecked() {
    LeaseStore leases = new InMemoryLeaseStore(fx.clock);
    assertThrows(IllegalArgumentException.class, () -> fx.engine().pollLeases(leases, " ", TTL));
    assertThrows(
        IllegalArgumentException.class, () -> fx.engine().pollLeases(leases, "a", Duration.ZERO));
  }
}
