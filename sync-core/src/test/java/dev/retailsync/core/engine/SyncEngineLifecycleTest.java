package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scheduled polling, the push worker, derived engines and closing. */
class SyncEngineLifecycleTest {
  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void startedEnginesPollOnTheirScheduleAndProcessPushedChangesOnTheirWorker() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Polled GmbH"))));
    Flow<Account> pushed =
        Flow.builder("pushed", EntityType.ACCOUNT)
            .sourceSystem(EngineFixtures.SHOP)
            .addTarget(fx.crm)
            .build();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).addFlow(pushed).build()) {
      engine.start(Duration.ofMinutes(1));
      engine.start(Duration.ofMinutes(1)); // idempotent

      fx.scheduler.runScheduled();
      assertEquals(1, fx.crm.written().size(), "polled by the scheduled run");

      engine.accept(fx.change(EngineFixtures.SHOP, "S-1", account("S-1", "Pushed AG")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (fx.crm.written().size() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(2, fx.crm.written().size(), "processed by the engine's worker");
    }
  }

  @Test
  void aDerivedEngineSharesStoresAndThreadsAndClosingItLeavesTheOriginalRunning() {
    try (SyncEngine engine =
        fx.engine().deliveryExecutor(null).addFlow(fx.accountsErpToCrm()).build()) {
      SyncEngine derived = engine.toBuilder().maxReplays(5).build();
      assertSame(engine.cursors(), derived.cursors());
      assertSame(engine.deadLetters(), derived.deadLetters());
      derived.close();

      fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
      engine.runOnce();
      assertEquals(1, fx.crm.written().size(), "the original's delivery threads still run");
    }
  }

  @Test
  void aClosedEngineRefusesWork() {
    SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build();
    engine.close();
    assertThrows(IllegalStateException.class, engine::runOnce);
  }

  @Test
  void aChangeNoFlowTakesIsRefusedAtTheDoor() {
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      assertThrows(
          ValidationException.class,
          () -> engine.accept(fx.change(EngineFixtures.CRM, "X", account("X", "Nobody"))));
      assertEquals(0, engine.queued());
    }
  }
}
