package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.AuditEntry;
import dev.retailsync.core.observability.AuditTrail;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The writes that commit without waiting for their flush on PostgreSQL ({@code
 * flushEveryWrite(false)}): they are visible to other connections at once, and the setting stays
 * with their own transaction, never with the host's pooled connection.
 */
class PostgresDeferredFlushIT {
  private static final String SCHEMA = Databases.freshSchema();

  @BeforeAll
  static void requirePostgres() {
    Assumptions.assumeTrue(Databases.postgresReachable(), "PostgreSQL is not reachable");
  }

  @AfterAll
  static void dropSchema() {
    Databases.dropSchema(SCHEMA);
  }

  @Test
  void deferredWritesAreVisibleAtOnceAndLeaveThePooledConnectionFlushingEveryCommit()
      throws SQLException {
    try (SmallPool pool = new SmallPool(Databases.postgres())) {
      JdbcStateStores stores =
          JdbcStateStores.builder(pool).schema(SCHEMA).flushEveryWrite(false).build();
      IdempotencyKey key = IdempotencyKey.of("deferred-1");
      Claim claim = stores.idempotency().claim(key, "fp", Duration.ofMinutes(5));
      CanonicalId id = CanonicalId.of("g-deferred");
      ExternalId external = ExternalId.of(SystemId.of("erp"), "C-1");
      stores.crossReferences().link(EntityType.ACCOUNT, external, id);
      stores
          .writeFingerprints()
          .recordWritten(SystemId.of("erp"), id, Map.of(FieldPath.of("name"), 42L));
      AuditTrail audit = stores.auditTrail();
      AuditEntry stored =
          audit.append(
              new AuditEntry(
                  0,
                  Instant.parse("2026-01-01T00:00:00Z"),
                  "customers",
                  null,
                  SystemId.of("shop"),
                  "account",
                  id,
                  "created",
                  "ownership",
                  List.of("name")));

      // The one pooled connection that ran every write still waits for the flush of a commit.
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
        assertTrue(rs.next());
        assertEquals("on", rs.getString(1));
      }
      // Another connection (another instance) sees every write.
      JdbcStateStores other = JdbcStateStores.builder(Databases.postgres()).schema(SCHEMA).build();
      assertEquals(Claim.Status.NEW, claim.status());
      assertEquals(
          Claim.Status.IN_PROGRESS,
          other.idempotency().claim(key, "fp", Duration.ofMinutes(5)).status());
      assertEquals(
          java.util.Optional.of(id), other.crossReferences().find(EntityType.ACCOUNT, external));
      assertEquals(
          Map.of(FieldPath.of("name"), 42L),
          other.writeFingerprints().lastWritten(SystemId.of("erp"), id));
      assertEquals(List.of(stored), other.auditTrail().read(0, 10));
      assertEquals(1, stored.sequence());
    }
  }
}
