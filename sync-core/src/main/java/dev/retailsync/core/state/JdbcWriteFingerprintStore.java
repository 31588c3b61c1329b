package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link WriteFingerprintStore} on JDBC, one row per field, upserted in the database's way: on
 * PostgreSQL a record's whole map in one statement, on H2 one batch.
 */
final class JdbcWriteFingerprintStore implements WriteFingerprintStore {
  private final Jdbc jdbc;
  private final String upsert;

  JdbcWriteFingerprintStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.upsert =
        jdbc.dialect == Jdbc.Dialect.POSTGRESQL
            ? jdbc.sql(
                "INSERT INTO {schema}rs_write_fingerprint (system_id, canonical_id, field,"
                    + " fingerprint) SELECT ?, ?, f.field, f.fingerprint"
                    + " FROM unnest(?::varchar[], ?::bigint[]) AS f (field, fingerprint)"
                    + jdbc.noFlushJoin()
                    + " ON CONFLICT (system_id, canonical_id, field)"
                    + " DO UPDATE SET fingerprint = EXCLUDED.fingerprint")
            : jdbc.sql(
                "MERGE INTO {schema}rs_write_fingerprint (system_id, canonical_id, field,"
                    + " fingerprint) KEY (system_id, canonical_id, field) VALUES (?, ?, ?, ?)");
  }

  @Override
  public Map<FieldPath, Long> lastWritten(SystemId system, CanonicalId id) {
    return jdbc.autoCommit(
        "read write fingerprints",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "SELECT field, fingerprint FROM {schema}rs_write_fingerprint"
                          + " WHERE system_id = ? AND canonical_id = ?"))) {
            ps.setString(1, system.value());
            ps.setString(2, id.value());
            Map<FieldPath, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(FieldPath.of(rs.getString(1)), rs.getLong(2));
              }
            }
            return Map.copyOf(out);
          }
        });
  }

  @Override
  public void recordWritten(SystemId system, CanonicalId id, Map<FieldPath, Long> fingerprints) {
    if (fingerprints.isEmpty()) {
      return;
    }
    if (jdbc.dialect == Jdbc.Dialect.POSTGRESQL) {
      // The whole map in one statement (two arrays unnested into rows): one round trip, atomic.
      String[] fields = new String[fingerprints.size()];
      Long[] values = new Long[fingerprints.size()];
      int n = 0;
      for (Map.Entry<FieldPath, Long> e : fingerprints.entrySet()) {
        fields[n] = e.getKey().value();
        values[n++] = e.getValue();
      }
      jdbc.autoCommit(
          "record write fingerprints",
          c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
              ps.setString(1, system.value());
              ps.setString(2, id.value());
              ps.setArray(3, c.createArrayOf("varchar", fields));
              ps.setArray(4, c.createArrayOf("int8", values));
              ps.executeUpdate();
            }
            return null;
          });
      return;
    }
    jdbc.inTransaction(
        "record write fingerprints",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (Map.Entry<FieldPath, Long> e : fingerprints.entrySet()) {
              ps.setString(1, system.value());
              ps.setString(2, id.value());
              ps.setString(3, e.getKey().value());
              ps.setLong(4, e.getValue());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }
}
