package dev.retailsync.core.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The lease store kit on PostgreSQL, each test's stores in a schema of their own. */
class PostgresLeaseStoreIT extends LeaseStoreKit {
  private static final List<String> SCHEMAS = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    Assumptions.assumeTrue(Databases.postgresReachable(), "PostgreSQL is not reachable");
  }

  @AfterAll
  static void dropSchemas() {
    SCHEMAS.forEach(Databases::dropSchema);
  }

  @Override
  protected Stores newStores(Clock clock) {
    String schema = Databases.freshSchema();
    SCHEMAS.add(schema);
    JdbcStateStores stores =
        JdbcStateStores.builder(Databases.postgres()).schema(schema).clock(clock).build();
    return new Stores(stores.leases(), stores.cursors());
  }
}
