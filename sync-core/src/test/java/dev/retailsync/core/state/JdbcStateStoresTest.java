package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Schema creation and migration of the JDBC stores, and their typed errors. */
class JdbcStateStoresTest {

  private static int appliedVersions(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void createsTheSchemaOnceAndRecordsItsVersion() throws SQLException {
    DataSource ds = Databases.freshH2();
    JdbcStateStores.builder(ds).build();
    JdbcStateStores.builder(ds).build();
    assertEquals(JdbcStateStores.schemaVersion(), appliedVersions(ds, "rs_schema_version"));
  }

  @Test
  void putsTheTablesInTheConfiguredSchema() throws SQLException {
    DataSource ds = Databases.freshH2();
    JdbcStateStores.builder(ds).schema("retailsync").build();
    assertEquals(
        JdbcStateStores.schemaVersion(), appliedVersions(ds, "retailsync.rs_schema_version"));
  }

  @Test
  void refusesASchemaWrittenByANewerRelease() throws SQLException {
    DataSource ds = Databases.freshH2();
    JdbcStateStores.builder(ds).build();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO rs_schema_version VALUES (99, 0)");
    }
    StateStoreException e =
        assertThrows(StateStoreException.class, () -> JdbcStateStores.builder(ds).build());
    assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade retail-sync"), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void aDatabaseThatIsDownIsARetryableTypedError() {
    DataSource down = new UrlDataSource("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1", "x");
    StateStoreException e =
        assertThrows(StateStoreException.class, () -> JdbcStateStores.builder(down).build());
    assertTrue(e.isRetryable(), e.getMessage());
  }

  @Test
  void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
    StateStoreException e =
        assertThrows(
            StateStoreException.class,
            () -> JdbcStateStores.builder(Databases.freshH2()).schema("x; DROP TABLE y").build());
    assertTrue(e.getMessage().contains("plain SQL identifier"), e.getMessage());
  }

  @Test
  void anIdentityReviewItemRoundTripsThroughTheJdbcQueue() {
    ReviewQueue q = JdbcStateStores.builder(Databases.freshH2()).build().reviewQueue();
    java.time.Instant at = java.time.Instant.parse("2026-11-25T12:00:00Z");
    ReviewItem item =
        new ReviewItem(
            "identity/shopify:gid-5",
            dev.retailsync.api.EntityType.ACCOUNT,
            dev.retailsync.api.CanonicalId.of("g-1"),
            dev.retailsync.core.engine.IdentityReviews.FIELD,
            java.util.Map.of(),
            null,
            java.util.Map.of(
                dev.retailsync.api.FieldPath.extension("externalId"), "shopify:gid-5",
                dev.retailsync.api.FieldPath.extension("confidence"), "0.812"),
            new dev.retailsync.core.golden.Lineage(
                dev.retailsync.api.SystemId.SHOPIFY,
                at,
                null,
                at,
                dev.retailsync.api.CorrelationId.of("c-1")),
            ReviewItem.Status.OPEN,
            at,
            null);
    q.add(item);
    assertEquals(java.util.Optional.of(item), q.find(item.id()));
  }
}
