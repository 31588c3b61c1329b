package dev.retailsync.core.observability;

import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The AuditTrail kit on PostgreSQL, each store in a schema of its own. */
class PostgresAuditTrailIT extends AuditTrailKit {
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
  protected AuditTrail newTrail() {
    String schema = Databases.freshSchema();
    SCHEMAS.add(schema);
    return JdbcStateStores.builder(Databases.postgres()).schema(schema).build().auditTrail();
  }
}
