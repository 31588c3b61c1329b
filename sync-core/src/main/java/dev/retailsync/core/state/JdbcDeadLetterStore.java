package dev.retailsync.core.state;

import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.json.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DeadLetterStore} on JDBC. The change is kept as canonical JSON; the filter's criteria
 * are columns, so listing and purging select in the database. Listing reads in bounded pages,
 * ordered by first failure and id.
 *
 * <p>A letter of a source record the feed could not map has no change: its {@code change_json}
 * column holds {@code {"sourceRecord": {...}}} instead (the record's system, id, entity type,
 * correlation id and what is known of its version). A change's JSON never has that top-level field,
 * so letters written before feed rejections existed read as before and the schema needs no
 * migration.
 */
final class JdbcDeadLetterStore implements DeadLetterStore {
  /** How many letters one query reads at most. */
  static final int PAGE = 500;

  private static final CanonicalJson JSON = CanonicalJson.create();
  private static final String COLUMNS =
      "id, flow, source_system, target_system, entity_type, reason, status, first_failed_at,"
          + " last_failed_at, failures, replays, message, status_note, fields_json, errors_json,"
          + " change_json";

  private final Jdbc jdbc;
  private final String insert;

  JdbcDeadLetterStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.insert =
        jdbc.insertIfAbsentSql(
            "INSERT INTO {schema}rs_dead_letter ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  @Override
  public DeadLetter add(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    return jdbc.inTransaction(
        "add dead letter " + letter.id(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, letter);
            if (Jdbc.insertIfAbsent(ps)) {
              return letter;
            }
          }
          DeadLetter stored =
              find(c, letter.id(), true)
                  .orElseThrow(
                      () ->
                          new StateStoreException(
                              "dead letter " + letter.id() + " was added and then vanished",
                              null,
                              true));
          DeadLetter merged = stored.failedAgain(letter);
          update(c, merged);
          return merged;
        });
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    Objects.requireNonNull(id, "id");
    return jdbc.inTransaction("read dead letter " + id, c -> find(c, id, false));
  }

  private Optional<DeadLetter> find(Connection c, String id, boolean lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM {schema}rs_dead_letter WHERE id = ?"
                    + (lock ? " FOR UPDATE" : "")))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(letter(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<DeadLetter> list(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    List<DeadLetter> out = new ArrayList<>();
    DeadLetter last = null;
    while (true) {
      List<DeadLetter> page = page(filter, last);
      for (DeadLetter l : page) {
        if (filter.matches(l)) {
          out.add(l);
        }
      }
      if (page.size() < PAGE) {
        return List.copyOf(out);
      }
      last = page.get(page.size() - 1);
    }
  }

  private List<DeadLetter> page(DeadLetterFilter filter, DeadLetter after) {
    return jdbc.inTransaction(
        "list dead letters",
        c -> {
          List<Object> args = new ArrayList<>();
          StringBuilder where = where(filter, args);
          if (after != null) {
            where.append(" AND (first_failed_at > ? OR (first_failed_at = ? AND id > ?))");
            args.add(Jdbc.nanos(after.firstFailedAt()));
            args.add(Jdbc.nanos(after.firstFailedAt()));
            args.add(after.id());
          }
          String sql =
              "SELECT "
                  + COLUMNS
                  + " FROM {schema}rs_dead_letter"
                  + where
                  + " ORDER BY first_failed_at, id FETCH FIRST "
                  + PAGE
                  + " ROWS ONLY";
          try (PreparedStatement ps = c.prepareStatement(jdbc.sql(sql))) {
            bindAll(ps, args);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(letter(rs));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean update(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    return jdbc.inTransaction("update dead letter " + letter.id(), c -> update(c, letter));
  }

  private boolean update(Connection c, DeadLetter letter) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            jdbc.sql(
                "UPDATE {schema}rs_dead_letter SET id = ?, flow = ?, source_system = ?,"
                    + " target_system = ?, entity_type = ?, reason = ?, status = ?,"
                    + " first_failed_at = ?, last_failed_at = ?, failures = ?, replays = ?,"
                    + " message = ?, status_note = ?, fields_json = ?, errors_json = ?,"
                    + " change_json = ? WHERE id = ?"))) {
      bind(ps, letter);
      ps.setString(17, letter.id());
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public int purge(DeadLetterFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return jdbc.inTransaction(
        "purge dead letters",
        c -> {
          List<Object> args = new ArrayList<>();
          String sql = "DELETE FROM {schema}rs_dead_letter" + where(filter, args);
          try (PreparedStatement ps = c.prepareStatement(jdbc.sql(sql))) {
            bindAll(ps, args);
            return ps.executeUpdate();
          }
        });
  }

  private static StringBuilder where(DeadLetterFilter filter, List<Object> args) {
    StringBuilder w = new StringBuilder(" WHERE 1 = 1");
    filter
        .flow()
        .ifPresent(
            f -> {
              w.append(" AND flow = ?");
              args.add(f);
            });
    filter
        .system()
        .ifPresent(
            s -> {
              w.append(" AND (source_system = ? OR target_system = ?)");
              args.add(s.value());
              args.add(s.value());
            });
    filter
        .entityType()
        .ifPresent(
            t -> {
              w.append(" AND entity_type = ?");
              args.add(t.name());
            });
    filter
        .reason()
        .ifPresent(
            r -> {
              w.append(" AND reason = ?");
              args.add(r.name());
            });
    filter
        .status()
        .ifPresent(
            s -> {
              w.append(" AND status = ?");
              args.add(s.name());
            });
    filter
        .from()
        .ifPresent(
            f -> {
              w.append(" AND last_failed_at >= ?");
              args.add(Jdbc.nanos(f));
            });
    filter
        .to()
        .ifPresent(
            t -> {
              w.append(" AND last_failed_at < ?");
              args.add(Jdbc.nanos(t));
            });
    return w;
  }

  private static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  private static void bind(PreparedStatement ps, DeadLetter l) throws SQLException {
    ps.setString(1, l.id());
    ps.setString(2, l.flow());
    ps.setString(3, l.system().value());
    if (l.target() == null) {
      ps.setNull(4, Types.VARCHAR);
    } else {
      ps.setString(4, l.target().value());
    }
    ps.setString(5, l.entityType().name());
    ps.setString(6, l.reason().name());
    ps.setString(7, l.status().name());
    Jdbc.setNanos(ps, 8, l.firstFailedAt());
    Jdbc.setNanos(ps, 9, l.lastFailedAt());
    ps.setInt(10, l.failures());
    ps.setInt(11, l.replays());
    ps.setString(12, l.message());
    ps.setString(13, l.statusNote());
    ps.setString(14, JSON.write(l.fields().stream().map(FieldPath::value).sorted().toList()));
    ps.setString(15, JSON.write(l.errors()));
    ps.setString(16, l.change() != null ? JSON.write(l.change()) : writeSource(l.sourceRecord()));
  }

  private static final String SOURCE_RECORD = "sourceRecord";

  private static String writeSource(DeadLetter.SourceRecord r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("system", r.id().system().value());
    m.put("id", r.id().id());
    m.put("entityType", r.entityType().name());
    m.put("correlationId", r.correlationId().value());
    if (r.sourceTimestamp() != null) {
      m.put("sourceTimestamp", r.sourceTimestamp().toString());
    }
    if (r.sourceVersion() != null) {
      m.put("sourceVersion", r.sourceVersion());
    }
    return JSON.write(Map.of(SOURCE_RECORD, m));
  }

  /** Reads a stored source record, or returns {@code null} when the JSON is a change. */
  private static DeadLetter.SourceRecord readSource(String json) {
    // Cheap test first: most letters are of changes, whose JSON never names the field.
    if (!json.contains("\"" + SOURCE_RECORD + "\"")) {
      return null;
    }
    Map<?, ?> outer = JSON.read(json, Map.class);
    if (!(outer.get(SOURCE_RECORD) instanceof Map<?, ?> m)) {
      return null;
    }
    String timestamp = (String) m.get("sourceTimestamp");
    return new DeadLetter.SourceRecord(
        ExternalId.of((String) m.get("system"), (String) m.get("id")),
        EntityType.of((String) m.get("entityType")),
        CorrelationId.of((String) m.get("correlationId")),
        timestamp == null ? null : Instant.parse(timestamp),
        (String) m.get("sourceVersion"));
  }

  private static DeadLetter letter(ResultSet rs) throws SQLException {
    String target = rs.getString("target_system");
    Instant first = Jdbc.getInstant(rs, "first_failed_at");
    Instant last = Jdbc.getInstant(rs, "last_failed_at");
    String changeJson = rs.getString("change_json");
    DeadLetter.SourceRecord source = readSource(changeJson);
    return new DeadLetter(
        rs.getString("id"),
        rs.getString("flow"),
        source == null ? JSON.readChange(changeJson) : null,
        target == null ? null : SystemId.of(target),
        Arrays.stream(JSON.read(rs.getString("fields_json"), String[].class))
            .map(FieldPath::of)
            .collect(java.util.stream.Collectors.toSet()),
        FailureReason.valueOf(rs.getString("reason")),
        rs.getString("message"),
        Arrays.asList(JSON.read(rs.getString("errors_json"), FieldError[].class)),
        first,
        last,
        rs.getInt("failures"),
        rs.getInt("replays"),
        DeadLetter.Status.valueOf(rs.getString("status")),
        rs.getString("status_note"),
        source);
  }
}
