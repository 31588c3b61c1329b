package dev.retailsync.core.engine;

import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.core.state.SmallPool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crash-restart harness on PostgreSQL, each seed in a schema of its own; fewer seeds than on H2
 * ({@code -Dretailsync.crash.pgSeeds=...} for more).
 */
class PostgresCrashRestartIT {
  private static final int SEEDS = Integer.getInteger("retailsync.crash.pgSeeds", 10);

  @BeforeAll
  static void requirePostgres() {
    Assumptions.assumeTrue(Databases.postgresReachable(), "PostgreSQL is not reachable");
  }

  @Test
  void everyValidChangeIsAppliedOnceAndEveryInvalidOneDeadLetteredAcrossCrashes() throws Exception {
    int crashes = 0;
    // A pool, as a host would use: a connection per transaction would dominate the run time.
    try (SmallPool pool = new SmallPool(Databases.postgres())) {
      for (int seed = 1; seed <= SEEDS; seed++) {
        String schema = Databases.freshSchema();
        try {
          crashes +=
              CrashRestartTest.run(
                  seed,
                  40,
                  clock -> JdbcStateStores.builder(pool).schema(schema).clock(clock).build());
        } finally {
          Databases.dropSchema(schema);
        }
      }
    }
    System.out.println(
        "Crash-restart harness on PostgreSQL: " + SEEDS + " seeds, " + crashes + " crashes");
  }
}
