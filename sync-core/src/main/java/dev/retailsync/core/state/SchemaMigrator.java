package dev.retailsync.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Creates and migrates the SDK's schema: versioned scripts applied in order at start, each in its
 * own transaction, with the applied versions recorded; refuses to run against a schema newer than
 * this release knows.
 */
final class SchemaMigrator {
  /** The migration scripts, version 1 first: script {@code n} takes the schema to version n. */
  private static final List<String> SCRIPTS = List.of("V1__state.sql", "V2__engine_state.sql");

  /** The newest schema version this release knows. */
  static final int LATEST = SCRIPTS.size();

  private SchemaMigrator() {}

  static int migrate(Jdbc jdbc, Clock clock) {
    jdbc.inTransaction(
        "create the schema version table",
        c -> {
          try (Statement s = c.createStatement()) {
            if (!jdbc.prefix.isEmpty()) {
              s.execute(
                  "CREATE SCHEMA IF NOT EXISTS "
                      + jdbc.prefix.substring(0, jdbc.prefix.length() - 1));
            }
            s.execute(
                jdbc.sql(
                    "CREATE TABLE IF NOT EXISTS {schema}rs_schema_version ("
                        + "version INT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)"));
          }
          return null;
        });
    int current = jdbc.inTransaction("read the schema version", c -> currentVersion(c, jdbc));
    if (current > LATEST) {
      throw new StateStoreException(
          "The database schema is at version "
              + current
              + " but this release of retail-sync knows versions up to "
              + LATEST
              + "; upgrade retail-sync (a newer release wrote this schema)",
          null,
          false);
    }
    for (int v = current + 1; v <= LATEST; v++) {
      int version = v;
      jdbc.inTransaction(
          "apply schema migration V" + v,
          c -> {
            if (jdbc.dialect == Jdbc.Dialect.POSTGRESQL) {
              // Two instances starting at once: one migrates, the other waits and then skips.
              try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7349217)");
              }
            }
            if (currentVersion(c, jdbc) >= version) {
              return null;
            }
            try (Statement s = c.createStatement()) {
              for (String stmt : stripComments(script(version)).split(";")) {
                String sql = stmt.strip();
                if (!sql.isBlank()) {
                  s.execute(jdbc.sql(sql));
                }
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    jdbc.sql("INSERT INTO {schema}rs_schema_version VALUES (?, ?)"))) {
              ps.setInt(1, version);
              ps.setLong(2, Jdbc.nanos(clock.instant()));
              ps.executeUpdate();
            }
            return null;
          });
    }
    return LATEST;
  }

  private static int currentVersion(Connection c, Jdbc jdbc) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM {schema}rs_schema_version"))) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static String script(int version) {
    String name = SCRIPTS.get(version - 1);
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder sb = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (!t.startsWith("--")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString().strip();
  }
}
