package dev.retailsync.ecommerce.shopify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed GraphQL executable document (one operation): its type, its top-level fields with their
 * aliases, arguments, directives and selections. It is what the client estimates a request's cost
 * from before sending it, and what the fake executes.
 *
 * <p>The parser covers the executable subset Admin API clients send: one operation (named or
 * anonymous, with variable definitions), fields with aliases and arguments, inline fragments,
 * directives, and every literal kind (strings, block strings, numbers, enums, lists, objects,
 * variables). Named fragments are not supported and are refused with a clear error.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GraphQlDocument {
  /** The cost Shopify charges for a mutation field, before its payload selection. */
  static final int MUTATION_COST = 10;

  private final String operationType;
  private final List<Field> fields;

  private GraphQlDocument(String operationType, List<Field> fields) {
    this.operationType = operationType;
    this.fields = fields;
  }

  /**
   * Parses a document.
   *
   * @param text the document
   * @return the parsed document
   * @throws IllegalArgumentException if the text is not a GraphQL operation this parser covers,
   *     with the position and what was expected
   */
  public static GraphQlDocument parse(String text) {
    Objects.requireNonNull(text, "text");
    return new Parser(text).document();
  }

  /**
   * Returns the operation type.
   *
   * @return {@code query} or {@code mutation}
   */
  public String operationType() {
    return operationType;
  }

  /**
   * Tells whether the operation is a mutation.
   *
   * @return {@code true} for a mutation
   */
  public boolean isMutation() {
    return operationType.equals("mutation");
  }

  /**
   * Returns the top-level fields, in document order.
   *
   * @return the fields
   */
  public List<Field> fields() {
    return fields;
  }

  /**
   * Estimates the requested cost as Shopify documents it: scalars and enums 0, objects 1,
   * connections 2 plus {@code first} (or {@code last}) times the cost of one node, mutation fields
   * 10. Variables fill in page sizes given as {@code $first}.
   *
   * @param variables the request's variables
   * @return the estimated requested cost in points
   */
  public int estimateCost(Map<String, ?> variables) {
    Map<String, ?> vars = variables == null ? Map.of() : variables;
    int cost = 0;
    for (Field f : fields) {
      cost += isMutation() ? MUTATION_COST : cost(f, vars);
    }
    return cost;
  }

  private static int cost(Field f, Map<String, ?> vars) {
    if (f.selection().isEmpty()) {
      return 0;
    }
    Object first = f.argument("first", vars);
    if (first == null) {
      first = f.argument("last", vars);
    }
    if (f.argument("ids", vars) instanceof List<?> ids) {
      // nodes(ids:) returns one object per id
      int each = 1;
      for (Field c : f.selection()) {
        each += cost(c, vars);
      }
      return ids.size() * each;
    }
    if (first instanceof Number n) {
      int nodeCost = 0;
      for (Field c : f.selection()) {
        if (c.name().equals("pageInfo")) {
          continue;
        }
        if (c.name().equals("edges")) {
          for (Field e : c.selection()) {
            if (e.name().equals("node")) {
              nodeCost += cost(e, vars);
            }
          }
        } else {
          nodeCost += cost(c, vars);
        }
      }
      return 2 + n.intValue() * nodeCost;
    }
    int cost = 1;
    for (Field c : f.selection()) {
      cost += cost(c, vars);
    }
    return cost;
  }

  /**
   * A field in a selection: alias, name, arguments (values still holding variable references),
   * directives and sub-selection. Inline fragments are flattened into their parent's selection.
   *
   * @param alias the alias, or the name when there is none
   * @param name the field's name
   * @param arguments the arguments; values are {@link Variable}s, {@code String}s, {@code Long}s,
   *     {@code Double}s, {@code Boolean}s, {@link EnumValue}s, lists, maps or {@code null}
   * @param directives the directives by name, each with its arguments
   * @param selection the sub-selection; empty for a scalar
   */
  public record Field(
      String alias,
      String name,
      Map<String, Object> arguments,
      Map<String, Map<String, Object>> directives,
      List<Field> selection) {

    /** Copies the collections. */
    public Field {
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
      directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
      selection = List.copyOf(selection);
    }

    /**
     * Returns an argument with variables substituted.
     *
     * @param argName the argument's name
     * @param variables the request's variables
     * @return the value, or {@code null} when absent
     */
    public Object argument(String argName, Map<String, ?> variables) {
      return resolve(arguments.get(argName), variables == null ? Map.of() : variables);
    }

    /**
     * Returns a directive's argument with variables substituted.
     *
     * @param directive the directive's name, such as {@code idempotent}
     * @param argName the argument's name, such as {@code key}
     * @param variables the request's variables
     * @return the value, or {@code null} when the directive or argument is absent
     */
    public Object directiveArgument(String directive, String argName, Map<String, ?> variables) {
      Map<String, Object> d = directives.get(directive);
      return d == null ? null : resolve(d.get(argName), variables == null ? Map.of() : variables);
    }

    /**
     * Returns the sub-field of a given name.
     *
     * @param fieldName the name
     * @return the field, or {@code null} when not selected
     */
    public Field child(String fieldName) {
      for (Field f : selection) {
        if (f.name.equals(fieldName)) {
          return f;
        }
      }
      return null;
    }
  }

  /**
   * A reference to a variable in an argument.
   *
   * @param name the variable's name, without {@code $}
   */
  public record Variable(String name) {}

  /**
   * An enum literal in an argument, such as {@code UPDATED_AT}.
   *
   * @param value the literal
   */
  public record EnumValue(String value) {}

  /**
   * Substitutes variables in a value.
   *
   * @param value the value
   * @param variables the variables
   * @return the resolved value
   */
  static Object resolve(Object value, Map<String, ?> variables) {
    if (value instanceof Variable v) {
      return variables.get(v.name());
    }
    if (value instanceof EnumValue e) {
      return e.value();
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(resolve(o, variables));
      }
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), resolve(e.getValue(), variables));
      }
      return out;
    }
    return value;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    GraphQlDocument document() {
      skip();
      String type = "query";
      if (peek() != '{') {
        String word = name();
        if (word.equals("fragment")) {
          throw error("named fragments are not supported; use inline fragments");
        }
        if (!word.equals("query") && !word.equals("mutation")) {
          throw error("expected query, mutation or '{' but found '" + word + "'");
        }
        type = word;
        skip();
        if (isNameStart(peek())) {
          name();
          skip();
        }
        if (peek() == '(') {
          skipBalanced('(', ')');
        }
        directives();
      }
      List<Field> fields = selectionSet();
      skip();
      if (pos < s.length()) {
        throw error("only one operation per document is supported");
      }
      return new GraphQlDocument(type, List.copyOf(fields));
    }

    private List<Field> selectionSet() {
      expect('{');
      List<Field> out = new ArrayList<>();
      while (true) {
        skip();
        if (peek() == '}') {
          pos++;
          return out;
        }
        if (s.startsWith("...", pos)) {
          pos += 3;
          skip();
          if (s.startsWith("on", pos) && !isNameChar(charAt(pos + 2))) {
            pos += 2;
            skip();
            name();
            skip();
          } else if (isNameStart(peek())) {
            throw error("named fragment spreads are not supported; use inline fragments");
          }
          directives();
          out.addAll(selectionSet());
          continue;
        }
        out.add(field());
      }
    }

    private Field field() {
      String first = name();
      skip();
      String alias = first;
      String fieldName = first;
      if (peek() == ':') {
        pos++;
        skip();
        fieldName = name();
        skip();
      }
      Map<String, Object> args = peek() == '(' ? arguments() : Map.of();
      Map<String, Map<String, Object>> directives = directives();
      skip();
      List<Field> selection = peek() == '{' ? selectionSet() : List.of();
      return new Field(alias, fieldName, args, directives, selection);
    }

    private Map<String, Map<String, Object>> directives() {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      skip();
      while (peek() == '@') {
        pos++;
        String n = name();
        skip();
        out.put(n, peek() == '(' ? arguments() : Map.of());
        skip();
      }
      return out;
    }

    private Map<String, Object> arguments() {
      expect('(');
      Map<String, Object> out = new LinkedHashMap<>();
      while (true) {
        skip();
        if (peek() == ')') {
          pos++;
          return out;
        }
        String n = name();
        skip();
        expect(':');
        out.put(n, value());
      }
    }

    private Object value() {
      skip();
      char c = peek();
      if (c == '$') {
        pos++;
        return new Variable(name());
      }
      if (c == '"') {
        return string();
      }
      if (c == '[') {
        pos++;
        List<Object> list = new ArrayList<>();
        while (true) {
          skip();
          if (peek() == ']') {
            pos++;
            return list;
          }
          list.add(value());
        }
      }
      if (c == '{') {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
          skip();
          if (peek() == '}') {
            pos++;
            return map;
          }
          String n = name();
          skip();
          expect(':');
          map.put(n, value());
        }
      }
      if (c == '-' || Character.isDigit(c)) {
        int start = pos;
        pos++;
        while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
          pos++;
        }
        String num = s.substring(start, pos);
        try {
          return num.contains(".") || num.contains("e") || num.contains("E")
              ? (Object) Double.parseDouble(num)
              : (Object) Long.parseLong(num);
        } catch (NumberFormatException e) {
          throw error("malformed number '" + num + "'");
        }
      }
      String word = name();
      switch (word) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "null":
          return null;
        default:
          return new EnumValue(word);
      }
    }

    private String string() {
      if (s.startsWith("\"\"\"", pos)) {
        int end = s.indexOf("\"\"\"", pos + 3);
        if (end < 0) {
          throw error("unterminated block string");
        }
        String v = s.substring(pos + 3, end).replace("\\\"\"\"", "\"\"\"");
        pos = end + 3;
        return v.strip();
      }
      pos++;
      StringBuilder b = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
      throw error("unterminated string");
    }

    private void skipBalanced(char open, char close) {
      int depth = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '"') {
          string();
          continue;
        }
        pos++;
        if (c == open) {
          depth++;
        } else if (c == close && --depth == 0) {
          return;
        }
      }
      throw error("unbalanced '" + open + "'");
    }

    private String name() {
      skip();
      int start = pos;
      if (!isNameStart(peek())) {
        throw error("expected a name");
      }
      while (pos < s.length() && isNameChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private void expect(char c) {
      skip();
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skip() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '#') {
          while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
          }
        } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
          pos++;
        } else {
          return;
        }
      }
    }

    private char peek() {
      return charAt(pos);
    }

    private char charAt(int i) {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isNameStart(char c) {
      return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameChar(char c) {
      return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "GraphQL document: " + what + " at offset " + pos + " (near '" + near() + "')");
    }

    private String near() {
      return s.substring(Math.max(0, pos - 15), Math.min(s.length(), pos + 15)).replace('\n', ' ');
    }
  }
}
