package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CrossReferenceStore} on JDBC. The primary key on the external id makes the first link
 * win; a golden record's id in a system is the first external id of that system linked to it.
 */
final class JdbcCrossReferenceStore implements CrossReferenceStore {
  /** The most external ids one golden record returns; far more than there are systems. */
  static final int MAX_LINKS = 1000;

  private static final String FIRST_PER_SYSTEM =
      " AND seq = (SELECT MIN(f.seq) FROM {schema}rs_cross_reference f"
          + " WHERE f.entity_type = x.entity_type AND f.canonical_id = x.canonical_id"
          + " AND f.system_id = x.system_id)";

  private final Jdbc jdbc;
  private final String insert;

  JdbcCrossReferenceStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.insert =
        jdbc.insertIfAbsentDeferredSql(
            "INSERT INTO {schema}rs_cross_reference (entity_type, system_id, external_id,"
                + " canonical_id) VALUES (?, ?, ?, ?)");
  }

  @Override
  public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
    Objects.requireNonNull(external, "external");
    return jdbc.autoCommit("read a cross-reference", c -> find(c, type, external));
  }

  private Optional<CanonicalId> find(Connection c, EntityType<?> type, ExternalId external)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql(
                "SELECT canonical_id FROM {schema}rs_cross_reference"
                    + " WHERE entity_type = ? AND system_id = ? AND external_id = ?"))) {
      ps.setString(1, type.name());
      ps.setString(2, external.system().value());
      ps.setString(3, external.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(CanonicalId.of(rs.getString(1))) : Optional.empty();
      }
    }
  }

  @Override
  public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
    Objects.requireNonNull(external, "external");
    Objects.requireNonNull(id, "id");
    // Links are never removed, so the insert and the read of a link that was already there need no
    // transaction around them.
    return jdbc.autoCommit(
        "link a cross-reference",
        c -> {
          if (jdbc.dialect == Jdbc.Dialect.H2) {
            // A link already there is read, not refused (a refused insert costs an exception).
            Optional<CanonicalId> linked = find(c, type, external);
            if (linked.isPresent()) {
              return linked.get();
            }
          }
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, type.name());
            ps.setString(2, external.system().value());
            ps.setString(3, external.id());
            ps.setString(4, id.value());
            if (Jdbc.insertIfAbsent(ps)) {
              return id;
            }
          }
          return find(c, type, external)
              .orElseThrow(
                  () ->
                      new StateStoreException(
                          "a cross-reference was linked and then vanished", null, true));
        });
  }

  @Override
  public Optional<ExternalId> externalId(EntityType<?> type, CanonicalId id, SystemId system) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(system, "system");
    List<ExternalId> found = query(type, id, system, 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
    Objects.requireNonNull(id, "id");
    return query(type, id, null, MAX_LINKS);
  }

  private List<ExternalId> query(EntityType<?> type, CanonicalId id, SystemId system, int limit) {
    return jdbc.autoCommit(
        "read cross-references",
        c -> {
          String sql =
              "SELECT system_id, external_id FROM {schema}rs_cross_reference x"
                  + " WHERE entity_type = ? AND canonical_id = ?"
                  + (system == null ? "" : " AND system_id = ?")
                  + FIRST_PER_SYSTEM
                  + " ORDER BY system_id, external_id FETCH FIRST ? ROWS ONLY";
          try (PreparedStatement ps = c.prepareStatement(jdbc.sql(sql))) {
            int i = 1;
            ps.setString(i++, type.name());
            ps.setString(i++, id.value());
            if (system != null) {
              ps.setString(i++, system.value());
            }
            ps.setInt(i, limit);
            List<ExternalId> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(ExternalId.of(SystemId.of(rs.getString(1)), rs.getString(2)));
              }
            }
            return List.copyOf(out);
          }
        });
  }
}
