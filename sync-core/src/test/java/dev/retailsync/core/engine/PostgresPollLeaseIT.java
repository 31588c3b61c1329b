package dev.retailsync.core.engine;

import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engines (instances of a host) on one PostgreSQL schema, every store on JDBC and each engine
 * with its own {@link JdbcStateStores}: one polls the flow, the other takes over when it stops
 * renewing its lease.
 */
class PostgresPollLeaseIT {
  private final EngineFixtures fx = new EngineFixtures();
  private final String schema = Databases.freshSchema();

  @BeforeAll
  static void requirePostgres() {
    Assumptions.assumeTrue(Databases.postgresReachable(), "PostgreSQL is not reachable");
  }

  @AfterEach
  void dropSchema() {
    Databases.dropSchema(schema);
  }

  private SyncEngine instance(String holder) {
    JdbcStateStores stores =
        JdbcStateStores.builder(Databases.postgres()).schema(schema).clock(fx.clock).build();
    return fx.engine()
        .stateStores(stores)
        .pollLeases(stores.leases(), holder, PollLeaseTest.TTL)
        .addFlow(fx.accountsErpToCrm())
        .build();
  }

  @Test
  void oneInstancePollsAFlowAndTheOtherTakesOverWhenItStopsRenewing() {
    try (SyncEngine a = instance("instance-a");
        SyncEngine b = instance("instance-b")) {
      PollLeaseTest.twoInstances(fx, a, b);
    }
  }
}
