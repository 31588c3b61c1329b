package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.core.golden.GoldenJson;
import dev.retailsync.core.golden.Lineage;
import dev.retailsync.core.json.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link ReviewQueue} on JDBC. */
final class JdbcReviewQueue implements ReviewQueue {
  private static final CanonicalJson JSON = CanonicalJson.create();
  private static final String COLUMNS =
      "id, entity_type, canonical_id, field, current_values, current_lineage, proposed_values,"
          + " proposed_lineage, status, created_at, decided_at";

  private final Jdbc jdbc;

  JdbcReviewQueue(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void add(ReviewItem item) {
    if (item.status() != ReviewItem.Status.OPEN) {
      throw new IllegalArgumentException("only open items can be added, was " + item.status());
    }
    boolean added =
        jdbc.inTransaction(
            "add review item " + item.id(),
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      jdbc.sql(
                          "INSERT INTO {schema}rs_review_item ("
                              + COLUMNS
                              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
                ps.setString(1, item.id());
                ps.setString(2, item.entityType().name());
                ps.setString(3, item.canonicalId().value());
                ps.setString(4, item.field().value());
                ps.setString(5, GoldenJson.valuesJson(item.currentValues()));
                if (item.currentLineage() == null) {
                  ps.setNull(6, Types.VARCHAR);
                } else {
                  ps.setString(6, JSON.write(item.currentLineage()));
                }
                ps.setString(7, GoldenJson.valuesJson(item.proposedValues()));
                ps.setString(8, JSON.write(item.proposedLineage()));
                ps.setString(9, item.status().name());
                Jdbc.setNanos(ps, 10, item.createdAt());
                Jdbc.setNanos(ps, 11, item.decidedAt());
                ps.executeUpdate();
                return true;
              } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                  return false;
                }
                throw e;
              }
            });
    if (!added) {
      throw new IllegalArgumentException("a review item with id " + item.id() + " exists");
    }
  }

  @Override
  public Optional<ReviewItem> find(String id) {
    return jdbc.inTransaction("read review item " + id, c -> find(c, id));
  }

  private Optional<ReviewItem> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql("SELECT " + COLUMNS + " FROM {schema}rs_review_item WHERE id = ?"))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(item(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<ReviewItem> open(EntityType<?> type, int limit) {
    return jdbc.inTransaction(
        "list open review items",
        c -> {
          String sql =
              "SELECT "
                  + COLUMNS
                  + " FROM {schema}rs_review_item WHERE status = 'OPEN'"
                  + (type == null ? "" : " AND entity_type = ?")
                  + " ORDER BY created_at, id FETCH FIRST ? ROWS ONLY";
          try (PreparedStatement ps = c.prepareStatement(jdbc.sql(sql))) {
            int i = 1;
            if (type != null) {
              ps.setString(i++, type.name());
            }
            ps.setInt(i, Math.max(0, limit));
            List<ReviewItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(item(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Optional<ReviewItem> decide(String id, ReviewItem.Status decision, Instant at) {
    if (decision == ReviewItem.Status.OPEN) {
      throw new IllegalArgumentException("a decision is ACCEPTED or REJECTED");
    }
    return jdbc.inTransaction(
        "decide review item " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  jdbc.sql(
                      "UPDATE {schema}rs_review_item SET status = ?, decided_at = ?"
                          + " WHERE id = ? AND status = 'OPEN'"))) {
            ps.setString(1, decision.name());
            Jdbc.setNanos(ps, 2, at);
            ps.setString(3, id);
            if (ps.executeUpdate() != 1) {
              return Optional.empty();
            }
          }
          return find(c, id);
        });
  }

  private static ReviewItem item(ResultSet rs) throws SQLException {
    EntityType<?> type = EntityType.of(rs.getString("entity_type"));
    String currentLineage = rs.getString("current_lineage");
    return new ReviewItem(
        rs.getString("id"),
        type,
        CanonicalId.of(rs.getString("canonical_id")),
        FieldPath.of(rs.getString("field")),
        GoldenJson.readValues(type, rs.getString("current_values")),
        currentLineage == null ? null : JSON.read(currentLineage, Lineage.class),
        GoldenJson.readValues(type, rs.getString("proposed_values")),
        JSON.read(rs.getString("proposed_lineage"), Lineage.class),
        ReviewItem.Status.valueOf(rs.getString("status")),
        Jdbc.getInstant(rs, "created_at"),
        Jdbc.getInstant(rs, "decided_at"));
  }
}
