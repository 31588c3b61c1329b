package dev.retailsync.erp.businesscentral.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData v4 {@code $filter} the fake understands: comparisons ({@code eq ne gt ge lt
 * le}) of a property with a literal (quoted string, GUID, number, date-time, {@code true}, {@code
 * false}, {@code null}), joined by {@code and} / {@code or}, with parentheses.
 */
final class ODataFilter {
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:(\\()|(\\))|'((?:[^']|'')*)'|"
              + "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2}))|"
              + "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})|"
              + "(-?[0-9]+(?:\\.[0-9]+)?)|([A-Za-z_][A-Za-z0-9_/]*))");

  private final List<Object> tokens = new ArrayList<>();
  private int pos;

  private record Word(String text) {}

  private enum Paren {
    OPEN,
    CLOSE
  }

  private ODataFilter(String text) {
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        if (text.substring(at).isBlank()) {
          break;
        }
        throw new IllegalArgumentException("cannot parse $filter at: " + text.substring(at));
      }
      if (m.group(1) != null) {
        tokens.add(Paren.OPEN);
      } else if (m.group(2) != null) {
        tokens.add(Paren.CLOSE);
      } else if (m.group(3) != null) {
        tokens.add(m.group(3).replace("''", "'"));
      } else if (m.group(4) != null) {
        tokens.add(Instant.parse(m.group(4)));
      } else if (m.group(5) != null) {
        tokens.add(m.group(5).toLowerCase(java.util.Locale.ROOT));
      } else if (m.group(6) != null) {
        tokens.add(new BigDecimal(m.group(6)));
      } else {
        tokens.add(new Word(m.group(7)));
      }
      at = m.end();
    }
  }

  static Predicate<JsonNode> parse(String text) {
    if (text == null || text.isBlank()) {
      return r -> true;
    }
    ODataFilter f = new ODataFilter(text);
    Predicate<JsonNode> p = f.or();
    if (f.pos != f.tokens.size()) {
      throw new IllegalArgumentException("unexpected text in $filter: " + text);
    }
    return p;
  }

  private Predicate<JsonNode> or() {
    Predicate<JsonNode> left = and();
    while (word("or")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<JsonNode> and() {
    Predicate<JsonNode> left = factor();
    while (word("and")) {
      left = left.and(factor());
    }
    return left;
  }

  private Predicate<JsonNode> factor() {
    if (pos < tokens.size() && tokens.get(pos) == Paren.OPEN) {
      pos++;
      Predicate<JsonNode> inner = or();
      if (pos >= tokens.size() || tokens.get(pos) != Paren.CLOSE) {
        throw new IllegalArgumentException("missing ) in $filter");
      }
      pos++;
      return inner;
    }
    if (pos + 3 > tokens.size()) {
      throw new IllegalArgumentException("incomplete comparison in $filter");
    }
    Object field = tokens.get(pos++);
    Object op = tokens.get(pos++);
    Object literal = tokens.get(pos++);
    if (!(field instanceof Word f) || !(op instanceof Word o)) {
      throw new IllegalArgumentException("expected <property> <operator> <literal> in $filter");
    }
    Object value =
        literal instanceof Word w
            ? switch (w.text()) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              case "null" -> null;
              default -> throw new IllegalArgumentException("unknown literal " + w.text());
            }
            : literal;
    String name = f.text();
    String operator = o.text();
    return r -> test(r.get(name), operator, value);
  }

  private boolean word(String w) {
    if (pos < tokens.size() && tokens.get(pos) instanceof Word x && x.text().equals(w)) {
      pos++;
      return true;
    }
    return false;
  }

  private static boolean test(JsonNode field, String op, Object value) {
    int cmp;
    if (value == null) {
      boolean isNull = field == null || field.isNull();
      return op.equals("eq") ? isNull : !isNull;
    }
    if (field == null || field.isNull()) {
      return op.equals("ne");
    }
    if (value instanceof Instant i) {
      cmp = Instant.parse(field.asText()).compareTo(i);
    } else if (value instanceof BigDecimal d) {
      cmp = field.decimalValue().compareTo(d);
    } else if (value instanceof Boolean b) {
      cmp = field.asBoolean() == b ? 0 : 1;
    } else {
      cmp = field.asText().compareToIgnoreCase(value.toString());
    }
    switch (op) {
      case "eq":
        return cmp == 0;
      case "ne":
        return cmp != 0;
      case "gt":
        return cmp > 0;
      case "ge":
        return cmp >= 0;
      case "lt":
        return cmp < 0;
      case "le":
        return cmp <= 0;
      default:
        throw new IllegalArgumentException("unknown operator " + op);
    }
  }
}
