package dev.retailsync.ecommerce.shopify.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of Shopify's search syntax the fake understands: terms {@code field:value} with the
 * comparators {@code >}, {@code >=}, {@code <}, {@code <=}, values quoted with single or double
 * quotes, terms joined by {@code AND} (or a space) and {@code OR}. Fields: {@code id}, {@code sku},
 * {@code email}, {@code phone}, {@code updated_at}, {@code created_at}.
 */
final class SearchQuery {
  private SearchQuery() {}

  static Predicate<JsonNode> parse(String query) {
    if (query == null || query.isBlank()) {
      return n -> true;
    }
    String[] groups = query.split("\\s+OR\\s+");
    Predicate<JsonNode> lookup = lookup(groups);
    if (lookup != null) {
      return lookup;
    }
    Predicate<JsonNode> any = n -> false;
    for (String group : groups) {
      Predicate<JsonNode> all = n -> true;
      for (String term : terms(group)) {
        if (term.equals("AND")) {
          continue;
        }
        all = all.and(term(term));
      }
      any = any.or(all);
    }
    return any;
  }

  /** A long OR of equalities on one field (sku:A OR sku:B ...) as a set lookup. */
  private static Predicate<JsonNode> lookup(String[] groups) {
    String field = null;
    java.util.Set<String> values = new java.util.HashSet<>();
    for (String g : groups) {
      List<String> t = terms(g);
      if (t.size() != 1) {
        return null;
      }
      String term = t.get(0);
      int colon = term.indexOf(':');
      if (colon < 0) {
        return null;
      }
      String f = term.substring(0, colon);
      String v = term.substring(colon + 1);
      if (!(f.equals("sku") || f.equals("email"))
          || (field != null && !field.equals(f))
          || v.startsWith(">")
          || v.startsWith("<")) {
        return null;
      }
      field = f;
      values.add(f.equals("email") ? v.toLowerCase(Locale.ROOT) : v);
    }
    if (field == null) {
      return null;
    }
    if (field.equals("sku")) {
      return n -> values.contains(n.path("sku").asText());
    }
    return n ->
        values.contains(
            n.path("defaultEmailAddress").path("emailAddress").asText().toLowerCase(Locale.ROOT));
  }

  private static List<String> terms(String group) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    char quote = 0;
    for (char c : group.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          b.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (Character.isWhitespace(c)) {
        if (b.length() > 0) {
          out.add(b.toString());
          b.setLength(0);
        }
      } else {
        b.append(c);
      }
    }
    if (b.length() > 0) {
      out.add(b.toString());
    }
    return out;
  }

  private static Predicate<JsonNode> term(String term) {
    int colon = term.indexOf(':');
    if (colon < 0) {
      String t = term.toLowerCase(Locale.ROOT);
      return n -> n.toString().toLowerCase(Locale.ROOT).contains(t);
    }
    String field = term.substring(0, colon);
    String rest = term.substring(colon + 1);
    String op = "=";
    for (String o : new String[] {">=", "<=", ">", "<"}) {
      if (rest.startsWith(o)) {
        op = o;
        rest = rest.substring(o.length());
        break;
      }
    }
    String value = rest;
    String cmp = op;
    switch (field) {
      case "id":
        return n -> {
          String id = n.path("id").asText();
          return id.equals(value) || id.endsWith("/" + value);
        };
      case "sku":
        return n -> value.equals(n.path("sku").asText());
      case "email":
        return n ->
            value.equalsIgnoreCase(n.path("defaultEmailAddress").path("emailAddress").asText());
      case "phone":
        return n -> value.equals(n.path("defaultPhoneNumber").path("phoneNumber").asText());
      case "updated_at":
      case "created_at":
        {
          Instant bound = instant(value);
          String prop = field.equals("updated_at") ? "updatedAt" : "createdAt";
          return n -> {
            String v = n.path(prop).asText(null);
            if (v == null) {
              return false;
            }
            int c = Instant.parse(v).compareTo(bound);
            switch (cmp) {
              case ">":
                return c > 0;
              case ">=":
                return c >= 0;
              case "<":
                return c < 0;
              case "<=":
                return c <= 0;
              default:
                return c == 0;
            }
          };
        }
      default:
        return n -> value.equals(n.path(field).asText());
    }
  }

  private static Instant instant(String v) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }
}
