package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.SHOP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Back-pressure, per-key ordering, batching and coalescing. */
class DeliveryTest {
  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void aProducerIsSlowedWhenTheQueueIsFullAndNothingIsDropped() throws Exception {
    Flow<Account> pushed =
        Flow.builder("webhooks", EntityType.ACCOUNT).sourceSystem(ERP).addTarget(fx.crm).build();
    List<Change<Account>> changes = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      changes.add(fx.change(ERP, "A-" + i, account("A-" + i, "Company " + i)));
    }
    try (SyncEngine engine = fx.engine().addFlow(pushed).queueCapacity(2).build()) {
      Thread producer = new Thread(() -> changes.forEach(engine::accept), "producer");
      producer.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(Thread.State.WAITING, producer.getState(), "the producer is held back");
      assertEquals(2, engine.queued(), "the queue never grows past its capacity");

      int processed = 0;
      while (producer.isAlive() || engine.queued() > 0) {
        processed += engine.drain();
        Thread.onSpinWait();
      }
      producer.join();

      assertEquals(5, processed);
      assertEquals(
          List.of("Company 1", "Company 2", "Company 3", "Company 4", "Company 5"),
          fx.crm.written().stream().map(r -> r.entity().name()).sorted().toList());
      assertEquals(List.of(), engine.deadLetters().list(DeadLetterFilter.all()));
    }
  }

  @Test
  void changesToOneKeyArriveInOrderUnderParallelDelivery() throws Exception {
    List<Change<Account>> page = new ArrayList<>();
    for (int round = 1; round <= 5; round++) {
      for (int k = 1; k <= 8; k++) {
        page.add(fx.change(ERP, "A-" + k, account("A-" + k, "A-" + k + " rev " + round)));
      }
    }
    fx.erp.publish(page);
    fx.crm.maxBatchSize(3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (SyncEngine engine =
        fx.engine()
            .addFlow(fx.accountsErpToCrm())
            .deliveryExecutor(pool)
            .deliveryParallelism(4)
            .build()) {
      engine.runOnce();

      Map<String, List<String>> byKey =
          fx.crm.written().stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.entity().accountNumber(),
                      Collectors.mapping(r -> r.entity().name(), Collectors.toList())));
      assertEquals(8, byKey.size());
      byKey.forEach(
          (k, names) ->
              assertEquals(
                  List.of(k + " rev 1", k + " rev 2", k + " rev 3", k + " rev 4", k + " rev 5"),
                  names,
                  "every change of " + k + " counts, in order"));
      assertTrue(fx.crm.batches().stream().allMatch(b -> b.size() <= 3));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchesAreCutAtTheWritersBatchSize() {
    List<Change<Account>> page = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      page.add(fx.change(ERP, "A-" + i, account("A-" + i, "Company " + i)));
    }
    fx.erp.publish(page);
    fx.crm.maxBatchSize(2);
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).deliveryParallelism(1).build()) {
      engine.runOnce();

      assertEquals(List.of(2, 2, 1), fx.crm.batches().stream().map(List::size).toList());
    }
  }

  @Test
  void inventoryUpdatesToOneSkuCoalesceToTheLast() {
    ScriptedConnector<InventoryPosition> wms =
        new ScriptedConnector<>(ERP, EntityType.INVENTORY_POSITION);
    ScriptedConnector<InventoryPosition> shop =
        new ScriptedConnector<>(SHOP, EntityType.INVENTORY_POSITION);
    wms.publish(
        List.of(
            fx.stock(ERP, "SKU-1", "WH1", 5),
            fx.stock(ERP, "SKU-2", "WH1", 7),
            fx.stock(ERP, "SKU-1", "WH1", 4),
            fx.stock(ERP, "SKU-1", "WH1", 3)));
    Flow<InventoryPosition> stock =
        Flow.builder("stock", EntityType.INVENTORY_POSITION)
            .source(wms)
            .addTarget(shop)
            .coalesce(true)
            .build();
    try (SyncEngine engine = fx.engine().addFlow(stock).build()) {
      engine.runOnce();

      List<WriteRequest<InventoryPosition>> written = shop.written();
      assertEquals(2, written.size(), "one write per SKU and location");
      Map<String, BigDecimal> levels =
          written.stream()
              .collect(Collectors.toMap(r -> r.entity().sku(), r -> r.entity().available()));
      assertEquals(Map.of("SKU-1", BigDecimal.valueOf(3), "SKU-2", BigDecimal.valueOf(7)), levels);
      assertEquals(2, engine.report().counts(SHOP, "inventory-position").created());
    }
  }
}
