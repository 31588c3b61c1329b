package dev.retailsync.core.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The idempotency kit on PostgreSQL with deferred flushes ({@code flushEveryWrite(false)}). */
class PostgresDeferredFlushIdempotencyStoreIT extends IdempotencyStoreKit {
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
  protected IdempotencyStore newStore(Clock clock) {
    String schema = Databases.freshSchema();
    SCHEMAS.add(schema);
    return JdbcStateStores.builder(Databases.postgres())
        .schema(schema)
        .clock(clock)
        .flushEveryWrite(false)
        .build()
        .idempotency();
  }
}
