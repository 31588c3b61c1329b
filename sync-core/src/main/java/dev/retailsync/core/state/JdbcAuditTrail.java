package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.json.CanonicalJson;
import dev.retailsync.core.observability.AuditEntry;
import dev.retailsync.core.observability.AuditTrail;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AuditTrail} on JDBC. Sequence numbers come from a counter row that each append updates
 * in its own transaction: the row lock orders appends, so an entry is committed before any entry
 * with a higher number and a reader paging by sequence never skips one. On PostgreSQL the update
 * and the insert are one statement.
 */
final class JdbcAuditTrail implements AuditTrail {
  /** The most entries one read returns, whatever the limit asked. */
  static final int MAX_READ = 10_000;

  private static final CanonicalJson JSON = CanonicalJson.create();

  private static final String ENTRY_COLUMNS =
      "at_nanos, flow, correlation_id, system_id, entity_type, canonical_id, decision, rule_name,"
          + " fields_json";

  private final Jdbc jdbc;
  private final String appendAtOnce;

  JdbcAuditTrail(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.appendAtOnce =
        jdbc.sql(
            "WITH c AS (UPDATE {schema}rs_counter SET counter_value = counter_value + 1"
                + " WHERE name = 'audit' RETURNING counter_value)"
                + " INSERT INTO {schema}rs_audit (seq, "
                + ENTRY_COLUMNS
                + ") SELECT c.counter_value, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM c"
                + jdbc.noFlushJoin()
                + " RETURNING seq");
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (jdbc.dialect == Jdbc.Dialect.POSTGRESQL) {
      // One statement: the counter's update, whose row lock is held until the insert commits
      // with it, and the insert of the entry under the new number.
      return jdbc.autoCommit(
          "append to the audit trail",
          c -> {
            try (PreparedStatement ps = c.prepareStatement(appendAtOnce)) {
              bind(ps, 1, entry);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw new StateStoreException("the audit counter row is missing", null, false);
                }
                return entry.withSequence(rs.getLong(1));
              }
            }
          });
    }
    return jdbc.inTransaction(
        "append to the audit trail",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "UPDATE {schema}rs_counter SET counter_value = counter_value + 1"
                          + " WHERE name = 'audit'"))) {
            ps.executeUpdate();
          }
          long seq;
          try (PreparedStatement ps =
                  c.prepareStatement(
                      jdbc.sql(
                          "SELECT counter_value FROM {schema}rs_counter WHERE name = 'audit'"));
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new StateStoreException("the audit counter row is missing", null, false);
            }
            seq = rs.getLong(1);
          }
          AuditEntry stored = entry.withSequence(seq);
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "INSERT INTO {schema}rs_audit (seq, "
                          + ENTRY_COLUMNS
                          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            ps.setLong(1, seq);
            bind(ps, 2, stored);
            ps.executeUpdate();
          }
          return stored;
        });
  }

  /** Binds an entry's columns but its sequence number, from {@code first} on. */
  private static void bind(PreparedStatement ps, int first, AuditEntry e) throws SQLException {
    int i = first;
    Jdbc.setNanos(ps, i++, e.at());
    setString(ps, i++, e.flow());
    setString(ps, i++, e.correlationId() == null ? null : e.correlationId().value());
    setString(ps, i++, e.system() == null ? null : e.system().value());
    setString(ps, i++, e.entityType());
    setString(ps, i++, e.canonicalId() == null ? null : e.canonicalId().value());
    ps.setString(i++, e.decision());
    setString(ps, i++, e.rule());
    ps.setString(i, JSON.write(e.fields()));
  }

  @Override
  public List<AuditEntry> read(long afterSequence, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return jdbc.inTransaction(
        "read the audit trail",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "SELECT seq, at_nanos, flow, correlation_id, system_id, entity_type,"
                          + " canonical_id, decision, rule_name, fields_json FROM {schema}rs_audit"
                          + " WHERE seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY"))) {
            ps.setLong(1, afterSequence);
            ps.setInt(2, Math.min(limit, MAX_READ));
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(entry(rs));
              }
            }
            return List.copyOf(out);
          }
        });
  }

  private static void setString(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    String correlation = rs.getString("correlation_id");
    String system = rs.getString("system_id");
    String canonical = rs.getString("canonical_id");
    return new AuditEntry(
        rs.getLong("seq"),
        Jdbc.getInstant(rs, "at_nanos"),
        rs.getString("flow"),
        correlation == null ? null : CorrelationId.of(correlation),
        system == null ? null : SystemId.of(system),
        rs.getString("entity_type"),
        canonical == null ? null : CanonicalId.of(canonical),
        rs.getString("decision"),
        rs.getString("rule_name"),
        Arrays.asList(JSON.read(rs.getString("fields_json"), String[].class)));
  }
}
