package dev.retailsync.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LeaseStore} on JDBC: one row per lease name, kept after release so that fencing tokens
 * never repeat. Every change locks the row ({@code SELECT ... FOR UPDATE}), so acquisitions on
 * several instances are serialized by the database. Expiry is measured with the stores' clock;
 * instances sharing a database need clocks that agree to well within the lease's time to live.
 */
final class JdbcLeaseStore implements LeaseStore {
  private record Row(String holder, long token, long expiresAt) {}

  private final Jdbc jdbc;
  private final Clock clock;

  JdbcLeaseStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    InMemoryLeaseStore.checkTtl(ttl);
    return jdbc.inTransaction(
        "acquire lease " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.insertIfAbsentSql(
                      "INSERT INTO {schema}rs_lease (name, holder, token, expires_at)"
                          + " VALUES (?, NULL, 0, 0)"))) {
            ps.setString(1, name);
            Jdbc.insertIfAbsent(ps);
          }
          Instant now = clock.instant();
          long nowNanos = Jdbc.nanos(now);
          Row r = row(jdbc, c, name, true).orElseThrow();
          boolean live = r.holder() != null && r.expiresAt() > nowNanos;
          if (live && !r.holder().equals(holder)) {
            return Optional.empty();
          }
          long token = live ? r.token() : r.token() + 1;
          Instant expiresAt = now.plus(ttl);
          write(c, name, holder, token, Jdbc.nanos(expiresAt));
          return Optional.of(new Lease(name, holder, token, expiresAt));
        });
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    InMemoryLeaseStore.checkTtl(ttl);
    return jdbc.inTransaction(
        "renew lease " + lease.name(),
        c -> {
          Instant now = clock.instant();
          if (!holds(jdbc, c, lease, now, true)) {
            return Optional.empty();
          }
          Instant expiresAt = now.plus(ttl);
          write(c, lease.name(), lease.holder(), lease.token(), Jdbc.nanos(expiresAt));
          return Optional.of(new Lease(lease.name(), lease.holder(), lease.token(), expiresAt));
        });
  }

  @Override
  public boolean release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return jdbc.inTransaction(
        "release lease " + lease.name(),
        c -> {
          Optional<Row> r = row(jdbc, c, lease.name(), true);
          if (r.isEmpty()
              || !lease.holder().equals(r.get().holder())
              || r.get().token() != lease.token()) {
            return false;
          }
          write(c, lease.name(), null, lease.token(), 0L);
          return true;
        });
  }

  @Override
  public Optional<Lease> current(String name) {
    Objects.requireNonNull(name, "name");
    return jdbc.inTransaction(
        "read lease " + name,
        c -> {
          Instant now = clock.instant();
          return row(jdbc, c, name, false)
              .filter(r -> r.holder() != null && r.expiresAt() > Jdbc.nanos(now))
              .map(r -> new Lease(name, r.holder(), r.token(), Jdbc.instant(r.expiresAt())));
        });
  }

  @Override
  public boolean holds(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return jdbc.inTransaction(
        "check lease " + lease.name(), c -> holds(jdbc, c, lease, clock.instant(), false));
  }

  /**
   * Whether a lease is held at {@code now}; {@code lock} locks its row until the transaction ends.
   */
  static boolean holds(Jdbc jdbc, Connection c, Lease lease, Instant now, boolean lock)
      throws SQLException {
    return row(jdbc, c, lease.name(), lock)
        .filter(
            r ->
                lease.holder().equals(r.holder())
                    && r.token() == lease.token()
                    && r.expiresAt() > Jdbc.nanos(now))
        .isPresent();
  }

  private static Optional<Row> row(Jdbc jdbc, Connection c, String name, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql(
                "SELECT holder, token, expires_at FROM {schema}rs_lease WHERE name = ?"
                    + (lock ? " FOR UPDATE" : "")))) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)))
            : Optional.empty();
      }
    }
  }

  private void write(Connection c, String name, String holder, long token, long expiresAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql(
                "UPDATE {schema}rs_lease SET holder = ?, token = ?, expires_at = ? WHERE name = ?"))) {
      if (holder == null) {
        ps.setNull(1, Types.VARCHAR);
      } else {
        ps.setString(1, holder);
      }
      ps.setLong(2, token);
      ps.setLong(3, expiresAt);
      ps.setString(4, name);
      ps.executeUpdate();
    }
  }
}
