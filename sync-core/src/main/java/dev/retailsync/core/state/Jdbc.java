package dev.retailsync.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** JDBC plumbing shared by the JDBC stores: connections, transactions, errors, instants. */
final class Jdbc {
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  enum Dialect {
    H2,
    POSTGRESQL
  }

  /** Work on a connection inside a transaction. */
  interface Work<R> {
    R run(Connection c) throws SQLException;
  }

  /**
   * A one-row subquery that makes the PostgreSQL transaction it runs in commit without waiting for
   * its write-ahead log to be flushed ({@code synchronous_commit} off for that transaction only).
   */
  private static final String NO_FLUSH =
      "(SELECT set_config('synchronous_commit', 'off', true)) AS rs_no_flush";

  final DataSource dataSource;
  final String prefix;
  final Dialect dialect;

  /**
   * Whether the writes that {@link JdbcStateStores.Builder#flushEveryWrite(boolean)} names commit
   * without waiting for their flush (PostgreSQL only).
   */
  final boolean deferFlush;

  Jdbc(DataSource dataSource, String schema, boolean flushEveryWrite) {
    this.dataSource = dataSource;
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      throw new StateStoreException(
          "schema '" + schema + "' is not a plain SQL identifier (letters, digits, '_')",
          null,
          false);
    }
    this.prefix = schema == null ? "" : schema + ".";
    this.dialect = inTransaction("detect the database", c -> dialectOf(c));
    this.deferFlush = dialect == Dialect.POSTGRESQL && !flushEveryWrite;
  }

  String sql(String template) {
    return template.replace("{schema}", prefix);
  }

  <R> R inTransaction(String what, Work<R> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        R r = work.run(c);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /**
   * Work on a connection in auto-commit mode: for work whose statements are each atomic on their
   * own (one read, one write, or a compare-and-set that needs no lock between statements). It saves
   * the round trip of an explicit commit and, for a read, the transaction's begin and end.
   */
  <R> R autoCommit(String what, Work<R> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      if (!auto) {
        c.setAutoCommit(true);
      }
      try {
        return work.run(c);
      } finally {
        if (!auto) {
          c.setAutoCommit(false);
        }
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  static StateStoreException translate(String what, SQLException e) {
    boolean transientError =
        e instanceof SQLTransientException
            || e instanceof SQLRecoverableException
            || e instanceof SQLNonTransientConnectionException
            || (e.getSQLState() != null
                && (e.getSQLState().startsWith("08")
                    || e.getSQLState().equals("40001")
                    || e.getSQLState().equals("40P01")));
    return new StateStoreException(
        "Cannot "
            + what
            + ": "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")"
            + (transientError ? "; the database may be unavailable, retry later" : ""),
        e,
        transientError);
  }

  /**
   * Returns an {@code INSERT} that does nothing when the key exists: PostgreSQL's {@code ON
   * CONFLICT DO NOTHING} (a failed insert would abort its transaction there); on H2 the plain
   * insert, whose duplicate-key error {@link #insertIfAbsent(PreparedStatement)} absorbs.
   */
  String insertIfAbsentSql(String insert) {
    return dialect == Dialect.POSTGRESQL ? sql(insert) + " ON CONFLICT DO NOTHING" : sql(insert);
  }

  /**
   * Returns {@link #insertIfAbsentSql} of an {@code INSERT ... VALUES (...)} whose commit, when
   * {@link #deferFlush}, does not wait for the flush: the values are selected from {@link
   * #NO_FLUSH}.
   */
  String insertIfAbsentDeferredSql(String insert) {
    if (!deferFlush) {
      return insertIfAbsentSql(insert);
    }
    int v = insert.lastIndexOf(" VALUES (");
    return sql(insert.substring(0, v))
        + " SELECT "
        + insert.substring(v + " VALUES (".length(), insert.length() - 1)
        + " FROM "
        + NO_FLUSH
        + " ON CONFLICT DO NOTHING";
  }

  /**
   * Returns an {@code UPDATE ... WHERE ...} whose commit, when {@link #deferFlush}, does not wait
   * for the flush.
   */
  String updateDeferredSql(String update) {
    if (!deferFlush) {
      return sql(update);
    }
    int w = update.indexOf(" WHERE ");
    return sql(update.substring(0, w) + " FROM " + NO_FLUSH + update.substring(w));
  }

  /** Returns {@link #NO_FLUSH} when {@link #deferFlush}, to join into a PostgreSQL statement. */
  String noFlushJoin() {
    return deferFlush ? ", " + NO_FLUSH : "";
  }

  /** Runs an insert from {@link #insertIfAbsentSql}; returns whether a row was inserted. */
  static boolean insertIfAbsent(PreparedStatement ps) throws SQLException {
    try {
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    return e instanceof SQLIntegrityConstraintViolationException || "23505".equals(e.getSQLState());
  }

  private static Dialect dialectOf(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return Dialect.H2;
    }
    if (product.contains("postgres")) {
      return Dialect.POSTGRESQL;
    }
    throw new StateStoreException(
        "Unsupported database '" + product + "': the JDBC stores run on H2 and PostgreSQL",
        null,
        false);
  }

  static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static void setNanos(PreparedStatement ps, int index, Instant i) throws SQLException {
    if (i == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, nanos(i));
    }
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : instant(v);
  }
}
