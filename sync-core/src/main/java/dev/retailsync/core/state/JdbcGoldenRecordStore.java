package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.golden.GoldenJson;
import dev.retailsync.core.golden.GoldenRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * A {@link GoldenRecordStore} on JDBC: one row per record, compare-and-set on its version; every
 * call is one statement in auto-commit mode.
 */
final class JdbcGoldenRecordStore implements GoldenRecordStore {
  private final Jdbc jdbc;
  private final String select;
  private final String insert;
  private final String update;

  JdbcGoldenRecordStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.select =
        jdbc.sql(
            "SELECT version, created_by, entity_json, lineage_json FROM {schema}rs_golden_record"
                + " WHERE entity_type = ? AND canonical_id = ?");
    this.insert =
        jdbc.insertIfAbsentDeferredSql(
            "INSERT INTO {schema}rs_golden_record (entity_type, canonical_id, version, created_by,"
                + " entity_json, lineage_json) VALUES (?, ?, ?, ?, ?, ?)");
    this.update =
        jdbc.updateDeferredSql(
            "UPDATE {schema}rs_golden_record SET version = ?, created_by = ?, entity_json = ?,"
                + " lineage_json = ? WHERE entity_type = ? AND canonical_id = ? AND version = ?");
  }

  @Override
  public <T extends CanonicalEntity> Optional<GoldenRecord<T>> find(
      EntityType<T> type, CanonicalId id) {
    return jdbc.autoCommit(
        "read golden " + type + " " + id,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, type.name());
            ps.setString(2, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  GoldenJson.read(
                      id,
                      type,
                      rs.getString("entity_json"),
                      rs.getString("lineage_json"),
                      rs.getLong("version"),
                      SystemId.of(rs.getString("created_by"))));
            }
          }
        });
  }

  @Override
  public boolean save(GoldenRecord<?> record, long expectedVersion) {
    String entity = GoldenJson.entityJson(record);
    String lineage = GoldenJson.lineageJson(record);
    String createdBy = record.createdBy().orElseThrow().value();
    // One statement each way (an insert that does nothing on a taken key, or a compare-and-set
    // update), so it runs in auto-commit mode: atomic without an explicit transaction.
    return jdbc.autoCommit(
        "save golden " + record.entityType() + " " + record.id(),
        c -> {
          if (expectedVersion == 0) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
              ps.setString(1, record.entityType().name());
              ps.setString(2, record.id().value());
              ps.setLong(3, record.version());
              ps.setString(4, createdBy);
              ps.setString(5, entity);
              ps.setString(6, lineage);
              return Jdbc.insertIfAbsent(ps);
            }
          }
          try (PreparedStatement ps = c.prepareStatement(update)) {
            ps.setLong(1, record.version());
            ps.setString(2, createdBy);
            ps.setString(3, entity);
            ps.setString(4, lineage);
            ps.setString(5, record.entityType().name());
            ps.setString(6, record.id().value());
            ps.setLong(7, expectedVersion);
            return ps.executeUpdate() == 1;
          }
        });
  }
}
