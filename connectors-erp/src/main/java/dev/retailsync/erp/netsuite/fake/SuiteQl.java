package dev.retailsync.erp.netsuite.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The subset of SuiteQL the fake evaluates: {@code SELECT} of columns, {@code *} and {@code
 * TO_CHAR(col, 'YYYY-MM-DD HH24:MI:SS') AS alias} from one table, a {@code WHERE} of comparisons,
 * {@code IN} lists, {@code IS [NOT] NULL}, {@code AND}, {@code OR} and parentheses, with string,
 * number and {@code TO_TIMESTAMP}/{@code TO_DATE} literals, and an {@code ORDER BY} whose every key
 * says {@code ASC} or {@code DESC} (NetSuite's pages are unstable otherwise). Anything else is an
 * error naming what the fake does not understand.
 */
final class SuiteQl {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter USER_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

  /** A query the fake cannot evaluate, or one NetSuite would refuse. */
  static final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryException(String message) {
      super(message);
    }
  }

  record Column(String expr, String alias, String format) {}

  record Order(String column, boolean ascending) {}

  record Query(
      String table,
      List<Column> columns,
      Predicate<Map<String, Object>> where,
      List<Order> order) {}

  private final List<String> tokens;
  private int pos;

  private SuiteQl(String q) {
    this.tokens = tokenize(q);
  }

  static Query parse(String q) {
    SuiteQl p = new SuiteQl(q);
    return p.query();
  }

  private static List<String> tokenize(String q) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder s = new StringBuilder("'");
        i++;
        while (i < q.length()) {
          if (q.charAt(i) == '\'') {
            if (i + 1 < q.length() && q.charAt(i + 1) == '\'') {
              s.append('\'');
              i += 2;
              continue;
            }
            break;
          }
          s.append(q.charAt(i++));
        }
        if (i >= q.length()) {
          throw new QueryException("unterminated string literal");
        }
        i++;
        out.add(s.toString());
      } else if ("(),*".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("<>=!".indexOf(c) >= 0) {
        int j = i + 1;
        while (j < q.length() && "<>=".indexOf(q.charAt(j)) >= 0) {
          j++;
        }
        out.add(q.substring(i, j));
        i = j;
      } else {
        int j = i;
        while (j < q.length()
            && !Character.isWhitespace(q.charAt(j))
            && "(),*'<>=!".indexOf(q.charAt(j)) < 0) {
          j++;
        }
        out.add(q.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean accept(String keyword) {
    String t = peek();
    if (t != null && t.equalsIgnoreCase(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw new QueryException("unexpected end of query");
    }
    return tokens.get(pos++);
  }

  private void expect(String keyword) {
    String t = next();
    if (!t.equalsIgnoreCase(keyword)) {
      throw new QueryException("expected " + keyword + " but found " + t);
    }
  }

  private Query query() {
    expect("SELECT");
    List<Column> columns = new ArrayList<>();
    do {
      columns.add(column());
    } while (accept(","));
    expect("FROM");
    String table = next().toLowerCase(Locale.ROOT);
    Predicate<Map<String, Object>> where = r -> true;
    if (accept("WHERE")) {
      where = or();
    }
    List<Order> order = new ArrayList<>();
    if (accept("ORDER")) {
      expect("BY");
      do {
        String col = next().toLowerCase(Locale.ROOT);
        if (accept("ASC")) {
          order.add(new Order(col, true));
        } else if (accept("DESC")) {
          order.add(new Order(col, false));
        } else {
          throw new QueryException(
              "ORDER BY " + col + " needs ASC or DESC: NetSuite's pages are unstable without it");
        }
      } while (accept(","));
    }
    if (peek() != null) {
      throw new QueryException("the fake does not understand '" + peek() + "'");
    }
    return new Query(table, columns, where, order);
  }

  private Column column() {
    if (accept("*")) {
      return new Column("*", "*", null);
    }
    String t = next();
    if (t.equalsIgnoreCase("TO_CHAR")) {
      expect("(");
      String col = next().toLowerCase(Locale.ROOT);
      expect(",");
      String fmt = literal(next());
      expect(")");
      String alias = col;
      if (accept("AS")) {
        alias = next().toLowerCase(Locale.ROOT);
      }
      if (!fmt.equals("YYYY-MM-DD HH24:MI:SS") && !fmt.equals("YYYY-MM-DD")) {
        throw new QueryException(
            "the fake's TO_CHAR knows 'YYYY-MM-DD HH24:MI:SS' and 'YYYY-MM-DD'");
      }
      return new Column(col, alias, fmt);
    }
    String col = t.toLowerCase(Locale.ROOT);
    String alias = col;
    if (accept("AS")) {
      alias = next().toLowerCase(Locale.ROOT);
    }
    return new Column(col, alias, null);
  }

  private Predicate<Map<String, Object>> or() {
    Predicate<Map<String, Object>> p = and();
    while (accept("OR")) {
      p = p.or(and());
    }
    return p;
  }

  private Predicate<Map<String, Object>> and() {
    Predicate<Map<String, Object>> p = factor();
    while (accept("AND")) {
      p = p.and(factor());
    }
    return p;
  }

  private Predicate<Map<String, Object>> factor() {
    if (accept("(")) {
      Predicate<Map<String, Object>> p = or();
      expect(")");
      return p;
    }
    if (accept("NOT")) {
      return factor().negate();
    }
    String col = next().toLowerCase(Locale.ROOT);
    if (accept("IS")) {
      boolean not = accept("NOT");
      expect("NULL");
      return r -> (r.get(col) == null) != not;
    }
    boolean notIn = accept("NOT");
    if (accept("IN")) {
      expect("(");
      List<Object> values = new ArrayList<>();
      do {
        values.add(value());
      } while (accept(","));
      expect(")");
      java.util.Set<String> set = new java.util.HashSet<>();
      values.forEach(v -> set.add(String.valueOf(v)));
      return r -> (r.get(col) != null && set.contains(String.valueOf(r.get(col)))) != notIn;
    }
    String op = next();
    Object v = value();
    return switch (op) {
      case "=" -> r -> r.get(col) != null && compare(r.get(col), v) == 0;
      case "!=", "<>" -> r -> r.get(col) != null && compare(r.get(col), v) != 0;
      case ">" -> r -> r.get(col) != null && compare(r.get(col), v) > 0;
      case ">=" -> r -> r.get(col) != null && compare(r.get(col), v) >= 0;
      case "<" -> r -> r.get(col) != null && compare(r.get(col), v) < 0;
      case "<=" -> r -> r.get(col) != null && compare(r.get(col), v) <= 0;
      default -> throw new QueryException("the fake does not know the operator " + op);
    };
  }

  private Object value() {
    String t = next();
    if (t.startsWith("'")) {
      return t.substring(1);
    }
    if (t.equalsIgnoreCase("TO_TIMESTAMP") || t.equalsIgnoreCase("TO_DATE")) {
      expect("(");
      String v = literal(next());
      expect(",");
      String fmt = literal(next());
      expect(")");
      if (fmt.equals("YYYY-MM-DD HH24:MI:SS")) {
        return LocalDateTime.parse(v, STAMP).toInstant(ZoneOffset.UTC);
      }
      if (fmt.equals("YYYY-MM-DD")) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      throw new QueryException("the fake's TO_TIMESTAMP knows 'YYYY-MM-DD HH24:MI:SS'");
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new QueryException("the fake cannot read the value " + t);
    }
  }

  private static String literal(String token) {
    if (!token.startsWith("'")) {
      throw new QueryException("expected a string literal but found " + token);
    }
    return token.substring(1);
  }

  /** Compares a row value with a literal: numbers as numbers, instants as instants. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Instant || b instanceof Instant) {
      return ((Instant) a).compareTo((Instant) b);
    }
    if (b instanceof Long lb) {
      try {
        return Long.compare(Long.parseLong(String.valueOf(a)), lb);
      } catch (NumberFormatException e) {
        return String.valueOf(a).compareTo(String.valueOf(b));
      }
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  static Comparator<Map<String, Object>> comparator(List<Order> order) {
    Comparator<Map<String, Object>> c = (x, y) -> 0;
    for (Order o : order) {
      Comparator<Map<String, Object>> k =
          (x, y) -> {
            Object a = x.get(o.column());
            Object b = y.get(o.column());
            if (a == null || b == null) {
              return a == null ? (b == null ? 0 : -1) : 1;
            }
            Object bb = b;
            if (a instanceof String sa
                && b instanceof String sb
                && sa.matches("\\d+")
                && sb.matches("\\d+")) {
              bb = Long.parseLong(sb);
            }
            return compare(a, bb);
          };
      c = c.thenComparing(o.ascending() ? k : k.reversed());
    }
    return c;
  }

  /**
   * A value as a SuiteQL row shows it: dates in the user's format unless TO_CHAR says otherwise.
   */
  static Object render(Object v, String format) {
    if (v instanceof Instant at) {
      if ("YYYY-MM-DD HH24:MI:SS".equals(format)) {
        return STAMP.format(at.atZone(ZoneOffset.UTC));
      }
      if ("YYYY-MM-DD".equals(format)) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
      }
      return USER_DATE.format(at.atZone(ZoneOffset.UTC));
    }
    return v;
  }
}
