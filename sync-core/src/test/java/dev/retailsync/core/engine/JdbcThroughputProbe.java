package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.EntityType;
import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.core.state.SmallPool;
import java.util.function.Function;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Changes per second through the full path (poll, validate, dedupe, resolve, merge, plan, deliver,
 * record outcomes, advance the cursor) with every store in memory, on embedded H2 and on
 * PostgreSQL. Opt-in: {@code -Dretailsync.throughput=true -Dtest=JdbcThroughputProbe} ({@code
 * -Dretailsync.throughput.changes=...}, 5,000 by default).
 */
@EnabledIfSystemProperty(named = "retailsync.throughput", matches = "true")
class JdbcThroughputProbe {
  private static final int CHANGES = Integer.getInteger("retailsync.throughput.changes", 5000);

  @Test
  void measure() throws Exception {
    run("warm-up", 1000, fx -> fx.engine());
    run("in-memory", CHANGES, fx -> fx.engine());
    JdbcConnectionPool h2 =
        JdbcConnectionPool.create("jdbc:h2:mem:throughput;DB_CLOSE_DELAY=-1", "sa", "");
    try {
      run(
          "H2",
          CHANGES,
          fx -> fx.engine().stateStores(JdbcStateStores.builder(h2).clock(fx.clock).build()));
    } finally {
      h2.dispose();
    }
    if (Databases.postgresReachable()) {
      String schema = Databases.freshSchema();
      try (SmallPool pg = new SmallPool(Databases.postgres())) {
        run(
            "PostgreSQL",
            CHANGES,
            fx ->
                fx.engine()
                    .stateStores(
                        JdbcStateStores.builder(pg).schema(schema).clock(fx.clock).build()));
      } finally {
        Databases.dropSchema(schema);
      }
    }
  }

  private static void run(
      String label, int changes, Function<EngineFixtures, SyncEngine.Builder> engine) {
    EngineFixtures fx = new EngineFixtures();
    CrashRestartTest.Target target = new CrashRestartTest.Target();
    for (int i = 0; i < changes; i++) {
      fx.erp.publish(java.util.List.of(fx.change(ERP, "A-" + i, account("A-" + i, "Name " + i))));
    }
    try (SyncEngine e =
        engine
            .apply(fx)
            .addFlow(
                Flow.builder("accounts", EntityType.ACCOUNT)
                    .source(fx.erp)
                    .addTarget(target)
                    .pageSize(200)
                    .build())
            .build()) {
      long start = System.nanoTime();
      int n = e.runOnce("accounts");
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(changes, n);
      System.out.printf(
          "throughput %-11s %,7d changes in %6.2f s: %,9.0f changes/s%n",
          label, changes, seconds, changes / seconds);
    }
  }
}
