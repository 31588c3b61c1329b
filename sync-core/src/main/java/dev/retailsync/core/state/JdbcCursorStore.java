package dev.retailsync.core.state;

import dev.retailsync.api.spi.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CursorStore} on JDBC: one row per flow, with the fencing token of the last lease that
 * saved it.
 */
final class JdbcCursorStore implements CursorStore {
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcCursorStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Cursor> load(String flow) {
    Objects.requireNonNull(flow, "flow");
    return jdbc.autoCommit(
        "read the cursor of flow " + flow,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql("SELECT cursor_value FROM {schema}rs_cursor WHERE flow = ?"))) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Cursor.of(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void save(String flow, Cursor cursor) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(cursor, "cursor");
    jdbc.inTransaction(
        "save the cursor of flow " + flow, c -> write(c, flow, cursor, Long.MIN_VALUE));
  }

  @Override
  public boolean save(String flow, Cursor cursor, Lease lease) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(lease, "lease");
    return jdbc.inTransaction(
        "save the cursor of flow " + flow + " under lease " + lease.name(),
        c -> {
          // Locks the lease row: a takeover waits until this save commits, or this save sees it.
          if (!JdbcLeaseStore.holds(jdbc, c, lease, clock.instant(), true)) {
            return false;
          }
          return write(c, flow, cursor, lease.token());
        });
  }

  /**
   * Writes the cursor unless a lease with a newer fencing token saved it; {@code fence} {@link
   * Long#MIN_VALUE} writes without fencing and keeps the stored token.
   */
  boolean write(Connection c, String flow, Cursor cursor, long fence) throws SQLException {
    boolean fenced = fence != Long.MIN_VALUE;
    String update =
        fenced
            ? "UPDATE {schema}rs_cursor SET cursor_value = ?, fence = ? WHERE flow = ? AND fence <= ?"
            : "UPDATE {schema}rs_cursor SET cursor_value = ? WHERE flow = ?";
    for (int attempt = 0; attempt < 2; attempt++) {
      try (PreparedStatement ps = c.prepareStatement(jdbc.sql(update))) {
        ps.setString(1, cursor.value());
        if (fenced) {
          ps.setLong(2, fence);
          ps.setString(3, flow);
          ps.setLong(4, fence);
        } else {
          ps.setString(2, flow);
        }
        if (ps.executeUpdate() == 1) {
          return true;
        }
      }
      if (attempt == 0) {
        try (PreparedStatement ps =
            c.prepareStatement(
                jdbc.insertIfAbsentSql(
                    "INSERT INTO {schema}rs_cursor (flow, cursor_value, fence) VALUES (?, ?, ?)"))) {
          ps.setString(1, flow);
          ps.setString(2, cursor.value());
          ps.setLong(3, fenced ? fence : 0L);
          if (Jdbc.insertIfAbsent(ps)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
