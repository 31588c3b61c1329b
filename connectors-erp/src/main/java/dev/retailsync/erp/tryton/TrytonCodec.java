package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Tryton's tagged JSON values ({@code {"__class__":"Decimal","decimal":"45.50"}}, {@code date},
 * {@code datetime}, {@code time}, {@code timedelta}, {@code bytes}) to and from Java types, with
 * the leniencies the real server needs: unnormalised decimal strings, booleans as {@code 1}/{@code
 * 0} on SQLite, bytes base64-encoded with a newline every 76 characters.
 *
 * <p>Datetimes are naive UTC on the wire ({@code create_date}, {@code write_date} are {@code
 * CURRENT_TIMESTAMP}); this codec reads them as {@link Instant}s. Stateless and thread-safe.
 */
final class TrytonCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String CLASS = "__class__";

  private TrytonCodec() {}

  /**
   * Encodes a Java value as Tryton expects it: tagged objects for decimals, dates, datetimes,
   * times, durations and bytes; JSON nodes and plain scalars as they are.
   *
   * @param value the value, or {@code null}
   * @return the JSON node
   * @throws IllegalArgumentException for a type Tryton has no encoding for
   */
  static JsonNode encode(Object value) {
    if (value == null) {
      return F.nullNode();
    }
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof BigDecimal d) {
      return tagged("Decimal").put("decimal", d.toPlainString());
    }
    if (value instanceof LocalDate d) {
      return tagged("date")
          .put("year", d.getYear())
          .put("month", d.getMonthValue())
          .put("day", d.getDayOfMonth());
    }
    if (value instanceof Instant i) {
      return encode(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
    if (value instanceof LocalDateTime t) {
      // All seven keys are required on input.
      return tagged("datetime")
          .put("year", t.getYear())
          .put("month", t.getMonthValue())
          .put("day", t.getDayOfMonth())
          .put("hour", t.getHour())
          .put("minute", t.getMinute())
          .put("second", t.getSecond())
          .put("microsecond", t.getNano() / 1000);
    }
    if (value instanceof LocalTime t) {
      return tagged("time")
          .put("hour", t.getHour())
          .put("minute", t.getMinute())
          .put("second", t.getSecond())
          .put("microsecond", t.getNano() / 1000);
    }
    if (value instanceof Duration d) {
      return tagged("timedelta").put("seconds", d.toNanos() / 1e9);
    }
    if (value instanceof byte[] b) {
      return tagged("bytes").put("base64", Base64.getMimeEncoder().encodeToString(b));
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer n) {
      return F.numberNode(n);
    }
    if (value instanceof Long n) {
      return F.numberNode(n);
    }
    if (value instanceof Double n) {
      return F.numberNode(n);
    }
    throw new IllegalArgumentException(
        "Tryton has no JSON encoding for " + value.getClass().getName());
  }

  /**
   * Decodes a tagged value into its Java type ({@link BigDecimal}, {@link LocalDate}, {@link
   * Instant}, {@link LocalTime}, {@link Duration}, {@code byte[]}); other nodes come back as they
   * are.
   *
   * @param node the node, or {@code null}
   * @return the Java value, the node itself, or {@code null} for JSON null or a missing node
   * @throws IllegalArgumentException for a tag this codec does not know
   */
  static Object decode(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject() || !node.has(CLASS)) {
      return node;
    }
    String tag = node.get(CLASS).asText();
    return switch (tag) {
      case "Decimal" -> decimal(node);
      case "date" -> date(node);
      case "datetime" -> datetime(node);
      case "time" ->
          LocalTime.of(
              node.path("hour").asInt(),
              node.path("minute").asInt(),
              node.path("second").asInt(),
              node.path("microsecond").asInt() * 1000);
      case "timedelta" -> Duration.ofNanos(Math.round(node.path("seconds").asDouble() * 1e9));
      case "bytes" -> bytes(node);
      default -> throw new IllegalArgumentException("unknown Tryton value tag " + tag);
    };
  }

  /**
   * Reads a Numeric: a tagged Decimal (its string is not normalised: {@code "10.00"}, {@code "0"},
   * {@code "12.5"}), or a plain number or numeric string as some backends return.
   *
   * @param node the node
   * @return the value, or {@code null}
   * @throws IllegalArgumentException when the node is not a number
   */
  static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      expect(node, "Decimal");
      return new BigDecimal(node.path("decimal").asText());
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return new BigDecimal(node.asText());
    }
    throw new IllegalArgumentException("not a Tryton Decimal: " + node);
  }

  /**
   * Reads a date: tagged, or an ISO string as SQLite sometimes echoes.
   *
   * @param node the node
   * @return the date, or {@code null}
   */
  static LocalDate date(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return LocalDate.parse(node.asText());
    }
    expect(node, "date");
    return LocalDate.of(
        node.path("year").asInt(), node.path("month").asInt(), node.path("day").asInt());
  }

  /**
   * Reads a naive UTC datetime.
   *
   * @param node the node
   * @return the instant, or {@code null}
   */
  static Instant datetime(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    expect(node, "datetime");
    return LocalDateTime.of(
            node.path("year").asInt(),
            node.path("month").asInt(),
            node.path("day").asInt(),
            node.path("hour").asInt(),
            node.path("minute").asInt(),
            node.path("second").asInt(),
            node.path("microsecond").asInt() * 1000)
        .toInstant(ZoneOffset.UTC);
  }

  /**
   * Reads bytes, base64 with line breaks (Python's {@code encodebytes}).
   *
   * @param node the node
   * @return the bytes, or {@code null}
   */
  static byte[] bytes(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    expect(node, "bytes");
    return Base64.getMimeDecoder().decode(node.path("base64").asText());
  }

  /**
   * Reads a boolean leniently: JSON booleans (PostgreSQL) or {@code 1}/{@code 0} (SQLite).
   *
   * @param node the node
   * @return the value; {@code false} for null or missing
   */
  static boolean bool(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.asInt() != 0;
    }
    throw new IllegalArgumentException("not a Tryton boolean: " + node);
  }

  /**
   * Reads a text field that Tryton sends as {@code null} (or, for empty selections, {@code false})
   * when unset.
   *
   * @param node the node
   * @return the text, or {@code null} when unset or blank
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isBoolean()) {
      return null;
    }
    String s = node.asText();
    return s.isBlank() ? null : s;
  }

  private static ObjectNode tagged(String tag) {
    ObjectNode n = F.objectNode();
    n.put(CLASS, tag);
    return n;
  }

  private static void expect(JsonNode node, String tag) {
    String actual = node.path(CLASS).asText(null);
    if (!tag.equals(actual)) {
      throw new IllegalArgumentException("expected a Tryton " + tag + " value, got " + node);
    }
  }
}
