package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** JSON helpers the mappings share: references, sublists, addresses, money, custom fields. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Whether a field is to be written: all are when none are named. */
  static boolean wanted(Set<FieldPath> fields, FieldPath f) {
    if (fields.isEmpty()) {
      return true;
    }
    for (FieldPath p : fields) {
      if (f.contains(p) || p.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** A field's text, or {@code null} when absent, null or blank; a reference gives its id. */
  static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isObject()) {
      n = n.get("id");
      if (n == null || n.isNull()) {
        return null;
      }
    }
    return n.asText().isBlank() ? null : n.asText();
  }

  /** A reference field's {@code externalId}, resolved by the connector, or {@code null}. */
  static String refExternalId(JsonNode r, String field) {
    JsonNode n = r.path(field).path("externalId");
    return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  /** A reference by internal id: {@code {"id": "12"}}. */
  static ObjectNode ref(String id) {
    ObjectNode n = object();
    n.put("id", id);
    return n;
  }

  /** A reference by external id: {@code {"externalId": "SKU-1"}}. */
  static ObjectNode refByExternalId(String externalId) {
    ObjectNode n = object();
    n.put("externalId", externalId);
    return n;
  }

  /** A boolean field: NetSuite's REST booleans, or SuiteQL's {@code 'T'}/{@code 'F'}. */
  static boolean bool(JsonNode r, String field) {
    JsonNode n = r.path(field);
    return n.isBoolean()
        ? n.asBoolean()
        : "T".equalsIgnoreCase(n.asText()) || "true".equals(n.asText());
  }

  /** A decimal field, read exactly (never through {@code double}); {@code null} when absent. */
  static BigDecimal decimal(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull() || n.asText().isBlank()) {
      return null;
    }
    try {
      return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw ValidationException.of("NetSuite record", field, n.asText(), "is not a number");
    }
  }

  static Money money(JsonNode r, String field, String currency) {
    BigDecimal amount = decimal(r, field);
    return amount == null || currency == null ? null : Money.of(amount, currency);
  }

  /** The lines of a sublist ({@code {"items": [...]}}); empty when it is absent or only links. */
  static List<JsonNode> lines(JsonNode r, String sublist) {
    List<JsonNode> out = new ArrayList<>();
    r.path(sublist).path("items").forEach(out::add);
    return out;
  }

  /** A date-time as the record service gives it (ISO 8601 with offset), or a plain date. */
  static Instant instant(JsonNode r, String field) {
    String v = text(r, field);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw ValidationException.of(
            "NetSuite record", field, v, "is not an ISO-8601 date or date-time");
      }
    }
  }

  static LocalDate date(JsonNode r, String field) {
    String v = text(r, field);
    if (v == null) {
      return null;
    }
    try {
      return v.length() > 10 ? OffsetDateTime.parse(v).toLocalDate() : LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ValidationException.of("NetSuite record", field, v, "is not an ISO-8601 date");
    }
  }

  /** Checks an external id: NetSuite reads {@code |} as a multi-select delimiter, and so on. */
  static String externalId(String subject, String field, String value) {
    if (value == null || !EXTERNAL_ID.matcher(value).matches()) {
      throw ValidationException.of(
          subject,
          field,
          value,
          "must be 1 to 255 letters, digits, '_' or '-' to serve as NetSuite externalId (the eid:"
              + " key of the upsert URL)");
    }
    return value;
  }

  /** An address subrecord ({@code addr1}, {@code addr2}, {@code city}, {@code state}, ...). */
  static ObjectNode address(PostalAddress a) {
    ObjectNode n = object();
    List<String> lines = a.lines() == null ? List.of() : a.lines();
    for (int i = 0; i < lines.size() && i < 3; i++) {
      n.put("addr" + (i + 1), lines.get(i));
    }
    if (lines.size() > 3) {
      throw ValidationException.of(
          "NetSuite address", "lines", lines.size(), "NetSuite holds at most 3 address lines");
    }
    putIfNotNull(n, "city", a.locality());
    putIfNotNull(n, "state", a.region());
    putIfNotNull(n, "zip", a.postalCode());
    if (a.country() != null) {
      n.set("country", ref(a.country()));
    }
    return n;
  }

  static PostalAddress address(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || !n.isObject()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (String f : List.of("addr1", "addr2", "addr3")) {
      String v = text(n, f);
      if (v != null) {
        lines.add(v);
      }
    }
    String country = text(n, "country");
    if (lines.isEmpty() && text(n, "city") == null && country == null) {
      return null;
    }
    return PostalAddress.builder()
        .lines(lines)
        .locality(text(n, "city"))
        .region(text(n, "state"))
        .postalCode(text(n, "zip"))
        .country(country)
        .build();
  }

  static void putIfNotNull(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  /** Writes the extensions whose names start with the custom-field prefix, as they are. */
  static void writeCustom(ObjectNode r, Map<String, Object> extensions, String prefix) {
    extensions.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            r.set(k, MAPPER.valueToTree(v));
          }
        });
  }

  /** Reads custom fields of a prefix as extensions: numbers exact, booleans, references' ids. */
  static void readCustom(
      JsonNode r, String prefix, java.util.function.BiConsumer<String, Object> put) {
    r.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (e.getKey().startsWith(prefix) && !v.isNull()) {
                put.accept(
                    e.getKey(),
                    v.isNumber()
                        ? v.decimalValue()
                        : v.isBoolean()
                            ? Boolean.valueOf(v.asBoolean())
                            : v.isObject() ? v.path("id").asText() : (Object) v.asText());
              }
            });
  }
}
