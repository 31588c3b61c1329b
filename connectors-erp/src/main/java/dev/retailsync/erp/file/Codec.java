package dev.retailsync.erp.file;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one entity type between canonical records and the named fields of a file's rows. Field names
 * are canonical paths ({@code accountNumber}, {@code credit.limit}, {@code lines.sku}); a {@link
 * FileLayout} gives each its column header.
 */
interface Codec<T extends CanonicalEntity> {

  /** A field the codec reads and writes: its canonical path, default header, and JSON type. */
  record FieldDef(String name, String defaultHeader, boolean numeric, boolean line) {}

  /** A record's field values, header fields and one map per line (orders only). */
  record Encoded(Map<String, String> header, List<Map<String, String>> lines) {}

  EntityType<T> type();

  List<FieldDef> fields();

  /** The field whose value is the record's key in the file and its id in the connector. */
  String keyField();

  /** Returns the key of a record, or {@code null} when it has none. */
  String key(T entity);

  /** Returns the record, or {@code null} when {@code header} or a line collected errors. */
  T decode(Values header, List<Values> lines);

  Encoded encode(T entity);

  /** Returns what keeps a record out of the files beyond a missing key; none by default. */
  default List<dev.retailsync.api.FieldError> check(T entity) {
    return List.of();
  }

  /** The values of one row (or one JSON object), by field, with typed reads that collect errors. */
  final class Values {
    private final Map<String, String> byField;
    private final Map<String, String> headers;
    private final String file;
    private final int row;
    private final List<RowError> errors;

    Values(
        Map<String, String> byField,
        Map<String, String> headers,
        String file,
        int row,
        List<RowError> errors) {
      this.byField = byField;
      this.headers = headers;
      this.file = file;
      this.row = row;
      this.errors = errors;
    }

    int row() {
      return row;
    }

    Map<String, String> raw() {
      return byField;
    }

    String text(String field) {
      String v = byField.get(field);
      if (v == null) {
        return null;
      }
      v = v.strip();
      return v.isEmpty() ? null : v;
    }

    String required(String field) {
      String v = text(field);
      if (v == null) {
        error(field, "is required (" + field + ") but empty");
      }
      return v;
    }

    BigDecimal decimal(String field) {
      String v = text(field);
      if (v == null) {
        return null;
      }
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        error(
            field,
            "'"
                + clip(v)
                + "' is not a decimal number ("
                + field
                + "); write digits with a dot as the decimal separator, such as 1234.50");
        return null;
      }
    }

    Integer whole(String field) {
      String v = text(field);
      if (v == null) {
        return null;
      }
      try {
        return Integer.valueOf(v);
      } catch (NumberFormatException e) {
        error(field, "'" + clip(v) + "' is not a whole number (" + field + ")");
        return null;
      }
    }

    Instant instant(String field) {
      String v = text(field);
      if (v == null) {
        return null;
      }
      try {
        return v.length() == 10
            ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(v);
      } catch (DateTimeParseException e) {
        error(
            field,
            "'"
                + clip(v)
                + "' is not an ISO-8601 date or instant ("
                + field
                + "), such as 2026-01-15 or 2026-01-15T10:15:30Z");
        return null;
      }
    }

    <E extends Enum<E>> E code(String field, Map<String, E> codes) {
      String v = text(field);
      if (v == null) {
        return null;
      }
      E e = codes.get(v.toUpperCase(Locale.ROOT));
      if (e == null) {
        error(
            field,
            "'" + clip(v) + "' is not a known code (" + field + "); known: " + codes.keySet());
      }
      return e;
    }

    void error(String field, String message) {
      errors.add(new RowError(file, row, headers.getOrDefault(field, field), message));
    }

    private static String clip(String v) {
      return v.length() > 32 ? v.substring(0, 32) + "..." : v;
    }
  }
}
