package dev.retailsync.core.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/** Databases for the JDBC store tests: a fresh embedded H2, or a fresh schema on PostgreSQL. */
public final class Databases {
  private Databases() {}

  /** A new, empty in-memory H2 database that lives as long as the JVM. */
  public static DataSource freshH2() {
    return new UrlDataSource(
        "jdbc:h2:mem:rs" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
        "sa");
  }

  /** PostgreSQL on 127.0.0.1:5432, database test, trust authentication. */
  public static DataSource postgres() {
    return new UrlDataSource(
        "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3",
        System.getProperty("retailsync.pg.user", "postgres"));
  }

  /** Whether PostgreSQL answers; prints one clear line when it does not. */
  public static boolean postgresReachable() {
    try (Connection c = postgres().getConnection()) {
      return c.isValid(3);
    } catch (SQLException e) {
      System.out.println(
          "PostgreSQL on 127.0.0.1:5432 (database test) is not reachable, so the *IT tests are"
              + " skipped: "
              + e.getMessage());
      return false;
    }
  }

  /** A new schema name, unique per call, so that runs never collide. */
  public static String freshSchema() {
    return ("rs_it_" + UUID.randomUUID().toString().replace("-", "")).toLowerCase(Locale.ROOT);
  }

  /** Drops the schemas this JVM created on PostgreSQL. */
  public static void dropSchema(String schema) {
    try (Connection c = postgres().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
