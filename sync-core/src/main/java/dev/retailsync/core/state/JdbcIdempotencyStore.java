package dev.retailsync.core.state;

import dev.retailsync.api.IdempotencyKey;
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
import java.util.function.Supplier;

/**
 * An {@link IdempotencyStore} on JDBC. A claim inserts the key (the primary key makes exactly one
 * of concurrent inserts win) or, for an existing key, decides with the same rules as every store
 * ({@code Claims}) and takes over with a compare-and-set on the row's version, so no lock is held
 * between statements. Every statement runs in auto-commit mode: a new key costs one insert. Time
 * comes from the injected clock, never from the database.
 */
final class JdbcIdempotencyStore implements IdempotencyStore {
  private static final String COLUMNS =
      "idem_key, row_version, fingerprint, state, lease_token, lease_expires_at, outcome,"
          + " retryable, created_at, expires_at";

  private final Jdbc jdbc;
  private final Clock clock;
  private final Supplier<String> tokens;
  private final String insert;

  JdbcIdempotencyStore(Jdbc jdbc, Clock clock, Supplier<String> tokens) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tokens = tokens;
    this.insert =
        jdbc.insertIfAbsentDeferredSql(
            "INSERT INTO {schema}rs_idempotency ("
                + COLUMNS
                + ") VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  private record Row(IdempotencyRecord record, long rowVersion) {}

  @Override
  public Claim claim(IdempotencyKey key, String fingerprint, Duration lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    for (int attempt = 0; attempt < 16; attempt++) {
      Instant now = clock.instant();
      Claim claim =
          jdbc.autoCommit(
              "claim idempotency key",
              c -> {
                String token = tokens.get();
                // On PostgreSQL a new key (the usual case) is claimed by one insert and only a key
                // already there is read; on H2, where a statement costs no round trip but a
                // refused insert costs an exception, the key is read first.
                Row old = jdbc.dialect == Jdbc.Dialect.H2 ? read(c, key) : null;
                if (old == null) {
                  IdempotencyRecord fresh = inProgress(key, fingerprint, token, now, lease, now);
                  if (insert(c, fresh)) {
                    return new Claim(Claim.Status.NEW, fresh, token, false);
                  }
                  old = read(c, key);
                  if (old == null) {
                    return null; // purged in between: try again
                  }
                }
                Claims.Decision d = Claims.decide(old.record(), fingerprint, now);
                if (d.status() != Claim.Status.NEW) {
                  return new Claim(d.status(), old.record(), null, false);
                }
                IdempotencyRecord takeover =
                    inProgress(
                        key,
                        fingerprint,
                        token,
                        now,
                        lease,
                        d.expired() ? now : old.record().createdAt());
                return update(c, takeover, old.rowVersion())
                    ? new Claim(Claim.Status.NEW, takeover, token, d.takeover())
                    : null;
              });
      if (claim != null) {
        return claim;
      }
    }
    throw new StateStoreException(
        "Could not claim idempotency key '" + key.value() + "' under heavy contention; retry",
        null,
        true);
  }

  private static IdempotencyRecord inProgress(
      IdempotencyKey key,
      String fingerprint,
      String token,
      Instant now,
      Duration lease,
      Instant createdAt) {
    return new IdempotencyRecord(
        key,
        fingerprint,
        IdempotencyRecord.State.IN_PROGRESS,
        token,
        now.plus(lease),
        null,
        false,
        createdAt,
        null);
  }

  @Override
  public boolean complete(
      IdempotencyKey key, String leaseToken, String outcome, Duration retention) {
    return finish(key, leaseToken, IdempotencyRecord.State.SUCCEEDED, outcome, false, retention);
  }

  @Override
  public boolean fail(
      IdempotencyKey key, String leaseToken, boolean retryable, String reason, Duration retention) {
    return finish(key, leaseToken, IdempotencyRecord.State.FAILED, reason, retryable, retention);
  }

  private boolean finish(
      IdempotencyKey key,
      String leaseToken,
      IdempotencyRecord.State state,
      String outcome,
      boolean retryable,
      Duration retention) {
    Instant now = clock.instant();
    return jdbc.autoCommit(
        "finish idempotency key",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "UPDATE {schema}rs_idempotency SET state = ?, outcome = ?, retryable = ?,"
                          + " lease_expires_at = NULL, expires_at = ?,"
                          + " row_version = row_version + 1"
                          + " WHERE idem_key = ? AND state = 'IN_PROGRESS' AND lease_token = ?"))) {
            ps.setString(1, state.name());
            ps.setString(2, outcome);
            ps.setBoolean(3, retryable);
            Jdbc.setNanos(ps, 4, now.plus(retention));
            ps.setString(5, key.value());
            ps.setString(6, leaseToken);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    Instant now = clock.instant();
    return jdbc.autoCommit(
        "read idempotency key",
        c -> {
          Row r = read(c, key);
          return r == null || Claims.expired(r.record(), now)
              ? Optional.empty()
              : Optional.of(r.record());
        });
  }

  @Override
  public int purgeExpired() {
    Instant now = clock.instant();
    return jdbc.autoCommit(
        "purge expired idempotency keys",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "DELETE FROM {schema}rs_idempotency WHERE expires_at IS NOT NULL"
                          + " AND expires_at <= ?"))) {
            Jdbc.setNanos(ps, 1, now);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int expireLeases() {
    Instant now = clock.instant();
    return jdbc.autoCommit(
        "end live idempotency leases",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "UPDATE {schema}rs_idempotency SET lease_expires_at = ?,"
                          + " row_version = row_version + 1"
                          + " WHERE state = 'IN_PROGRESS' AND lease_expires_at > ?"))) {
            Jdbc.setNanos(ps, 1, now);
            Jdbc.setNanos(ps, 2, now);
            return ps.executeUpdate();
          }
        });
  }

  private Row read(Connection c, IdempotencyKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql("SELECT " + COLUMNS + " FROM {schema}rs_idempotency WHERE idem_key = ?"))) {
      ps.setString(1, key.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Row(
            new IdempotencyRecord(
                key,
                rs.getString("fingerprint"),
                IdempotencyRecord.State.valueOf(rs.getString("state")),
                rs.getString("lease_token"),
                Jdbc.getInstant(rs, "lease_expires_at"),
                rs.getString("outcome"),
                rs.getBoolean("retryable"),
                Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "expires_at")),
            rs.getLong("row_version"));
      }
    }
  }

  private boolean insert(Connection c, IdempotencyRecord r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      bind(ps, r);
      return Jdbc.insertIfAbsent(ps);
    }
  }

  private boolean update(Connection c, IdempotencyRecord r, long rowVersion) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.updateDeferredSql(
                "UPDATE {schema}rs_idempotency SET idem_key = ?, fingerprint = ?, state = ?,"
                    + " lease_token = ?, lease_expires_at = ?, outcome = ?, retryable = ?,"
                    + " created_at = ?, expires_at = ?, row_version = row_version + 1"
                    + " WHERE idem_key = ? AND row_version = ?"))) {
      int i = bind(ps, r);
      ps.setString(i++, r.key().value());
      ps.setLong(i, rowVersion);
      return ps.executeUpdate() == 1;
    }
  }

  private static int bind(PreparedStatement ps, IdempotencyRecord r) throws SQLException {
    ps.setString(1, r.key().value());
    ps.setString(2, r.fingerprint());
    ps.setString(3, r.state().name());
    ps.setString(4, r.leaseToken());
    Jdbc.setNanos(ps, 5, r.leaseExpiresAt());
    if (r.outcome() == null) {
      ps.setNull(6, Types.VARCHAR);
    } else {
      ps.setString(6, r.outcome());
    }
    ps.setBoolean(7, r.retryable());
    Jdbc.setNanos(ps, 8, r.createdAt());
    Jdbc.setNanos(ps, 9, r.expiresAt());
    return 10;
  }
}
