package dev.retailsync.core.state;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The CrossReferenceStore kit on PostgreSQL, each store in a schema of its own. */
class PostgresCrossReferenceStoreIT extends CrossReferenceStoreKit {
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
  protected CrossReferenceStore newStore() {
    String schema = Databases.freshSchema();
    SCHEMAS.add(schema);
    return JdbcStateStores.builder(Databases.postgres()).schema(schema).build().crossReferences();
  }
}
