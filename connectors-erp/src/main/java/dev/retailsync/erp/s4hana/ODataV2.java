package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData v2 JSON ("verbose") wire values of SAP Gateway: {@code /Date(ms)/} and {@code
 * /Date(ms+offset)/} dates, {@code PT13H20M00S} times, decimals as strings, the {@code d} and
 * {@code d.results} envelopes, and URL literals ({@code 'text'}, {@code datetime'…'}, {@code
 * datetimeoffset'…'}, {@code 12.50M}). Decimals are read and written exactly, never through a
 * {@code double}.
 */
final class ODataV2 {
  /** Reads numbers as {@link BigDecimal} so that a number a server sends unquoted stays exact. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final Pattern DATE = Pattern.compile("/Date\\((-?\\d+)(?:([+-])(\\d{1,4}))?\\)/");
  private static final Pattern TIME =
      Pattern.compile("PT(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)(?:\\.(\\d{1,9}))?S)?");
  private static final DateTimeFormatter LITERAL_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private ODataV2() {}

  /**
   * Reads an {@code Edm.DateTime} or {@code Edm.DateTimeOffset} value. The milliseconds are UTC
   * whatever the offset says; the offset (minutes) only tells the sender's local time.
   *
   * @param text such as {@code /Date(1786521151187+0000)/}
   * @return the instant, or {@code null} for {@code null} or empty text
   * @throws IllegalArgumentException when the text is not an OData v2 date
   */
  static Instant instant(String text) {
    OffsetDateTime odt = offsetDateTime(text);
    return odt == null ? null : odt.toInstant();
  }

  /**
   * Reads an {@code Edm.DateTimeOffset} value keeping its offset.
   *
   * @param text such as {@code /Date(1786521151187+0060)/}
   * @return the value, or {@code null}
   * @throws IllegalArgumentException when the text is not an OData v2 date
   */
  static OffsetDateTime offsetDateTime(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Matcher m = DATE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not an OData v2 date (expected /Date(<ms>)/ or /Date(<ms>+<minutes>)/): " + text);
    }
    Instant at = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    int minutes = m.group(2) == null ? 0 : Integer.parseInt(m.group(3));
    if (minutes > 18 * 60) {
      throw new IllegalArgumentException("offset out of range in OData v2 date: " + text);
    }
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(("-".equals(m.group(2)) ? -60 : 60) * minutes);
    return at.atOffset(offset);
  }

  /**
   * Reads a date-only {@code Edm.DateTime} value, which SAP sends as midnight UTC.
   *
   * @param text such as {@code /Date(1786492800000)/}
   * @return the date, or {@code null}
   */
  static LocalDate localDate(String text) {
    Instant at = instant(text);
    return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * Writes an {@code Edm.DateTime} value (UTC, no offset).
   *
   * @param at the instant, truncated to milliseconds
   * @return {@code /Date(<ms>)/}
   */
  static String dateTime(Instant at) {
    return "/Date(" + at.toEpochMilli() + ")/";
  }

  /**
   * Writes a date as the midnight-UTC {@code Edm.DateTime} SAP expects.
   *
   * @param date the date
   * @return {@code /Date(<ms>)/}
   */
  static String date(LocalDate date) {
    return dateTime(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * Writes an {@code Edm.DateTimeOffset} value.
   *
   * @param at the value
   * @return {@code /Date(<ms>+<minutes>)/}, minutes as four digits
   */
  static String dateTimeOffset(OffsetDateTime at) {
    int minutes = at.getOffset().getTotalSeconds() / 60;
    return "/Date("
        + at.toInstant().toEpochMilli()
        + (minutes < 0 ? "-" : "+")
        + String.format(java.util.Locale.ROOT, "%04d", Math.abs(minutes))
        + ")/";
  }

  /**
   * Reads an {@code Edm.Time} value.
   *
   * @param text such as {@code PT13H20M00S}
   * @return the time, or {@code null}
   * @throws IllegalArgumentException when the text is not an ISO duration of hours, minutes and
   *     seconds
   */
  static LocalTime time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Matcher m = TIME.matcher(text);
    if (!m.matches() || text.equals("PT")) {
      throw new IllegalArgumentException("not an OData v2 time (expected PT13H20M00S): " + text);
    }
    int h = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int nanos =
        m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "00000000").substring(0, 9));
    return LocalTime.of(h, min, s, nanos);
  }

  /**
   * Writes an {@code Edm.Time} value, to the second.
   *
   * @param time the time
   * @return such as {@code PT13H20M00S}
   */
  static String time(LocalTime time) {
    return String.format(
        java.util.Locale.ROOT,
        "PT%02dH%02dM%02dS",
        time.getHour(),
        time.getMinute(),
        time.getSecond());
  }

  /**
   * Reads an {@code Edm.Decimal} (a string on the wire; a number is accepted too) exactly.
   *
   * @param node the value
   * @return the decimal, or {@code null} for a missing, null or empty value
   * @throws IllegalArgumentException when the text is not a number
   */
  static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an OData v2 decimal: '" + text + "'", e);
    }
  }

  /**
   * Writes an {@code Edm.Decimal} as SAP expects it in a JSON body: a string, no exponent.
   *
   * @param value the decimal
   * @return such as {@code "19.99"}
   */
  static String decimal(BigDecimal value) {
    return value.toPlainString();
  }

  /**
   * Returns a string URL literal, quotes doubled.
   *
   * @param value the text
   * @return such as {@code 'O''Brien'}
   */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Returns an {@code Edm.DateTime} URL literal, to the second.
   *
   * @param at the instant
   * @return such as {@code datetime'2026-08-19T00:00:00'}
   */
  static String datetimeLiteral(Instant at) {
    return "datetime'" + LITERAL_DATETIME.format(at.truncatedTo(ChronoUnit.SECONDS)) + "'";
  }

  /**
   * Returns an {@code Edm.DateTimeOffset} URL literal, in UTC.
   *
   * @param at the instant
   * @return such as {@code datetimeoffset'2026-08-19T07:52:31Z'}
   */
  static String datetimeOffsetLiteral(Instant at) {
    return "datetimeoffset'" + LITERAL_DATETIME.format(at.truncatedTo(ChronoUnit.SECONDS)) + "Z'";
  }

  /**
   * Returns an {@code Edm.Decimal} URL literal.
   *
   * @param value the decimal
   * @return such as {@code 12.50M}
   */
  static String decimalLiteral(BigDecimal value) {
    return value.toPlainString() + "M";
  }

  /**
   * Returns the entities of a collection in any of the v2 shapes: the envelope {@code {"d":
   * {"results": [...]}}}, the v1 envelope {@code {"d": [...]}}, a navigation {@code {"results":
   * [...]}} or a plain array; a {@code __deferred} navigation has none.
   *
   * @param node the body or the navigation property
   * @return the entities, possibly empty
   */
  static List<JsonNode> results(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return out;
    }
    JsonNode n = node.has("d") ? node.get("d") : node;
    if (n.has("results")) {
      n = n.get("results");
    }
    if (n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  /**
   * Returns the single entity of a body {@code {"d": {...}}}.
   *
   * @param body the body
   * @return the entity
   */
  static JsonNode entity(JsonNode body) {
    return body.has("d") ? body.get("d") : body;
  }

  /**
   * Returns the text of a field, or {@code null} when it is missing, null or empty.
   *
   * @param entity the entity
   * @param field the field
   * @return the text or {@code null}
   */
  static String text(JsonNode entity, String field) {
    JsonNode v = entity.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /**
   * Returns the ETag of an entity, from its {@code __metadata.etag}.
   *
   * @param entity the entity
   * @return the ETag, or {@code null}
   */
  static String etag(JsonNode entity) {
    return text(entity.path("__metadata"), "etag");
  }
}
