package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An ordered, immutable set of field rules, which the default mappings are made of. */
final class FieldRules<T, B> {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, BcField<T, B>> rules;

  private FieldRules(Map<String, BcField<T, B>> rules) {
    this.rules = java.util.Collections.unmodifiableMap(rules);
  }

  @SafeVarargs
  static <T, B> FieldRules<T, B> of(BcField<T, B>... fields) {
    Map<String, BcField<T, B>> m = new LinkedHashMap<>();
    for (BcField<T, B> f : fields) {
      m.put(f.name(), f);
    }
    return new FieldRules<>(m);
  }

  FieldRules<T, B> with(BcField<T, B> field) {
    Map<String, BcField<T, B>> m = new LinkedHashMap<>(rules);
    m.put(java.util.Objects.requireNonNull(field, "field").name(), field);
    return new FieldRules<>(m);
  }

  FieldRules<T, B> without(String name) {
    if (!rules.containsKey(name)) {
      throw ValidationException.of(
          "mapping", "withoutField", name, "is not a field of this mapping; fields: " + names());
    }
    Map<String, BcField<T, B>> m = new LinkedHashMap<>(rules);
    m.remove(name);
    return new FieldRules<>(m);
  }

  List<String> names() {
    return List.copyOf(rules.keySet());
  }

  /** Writes every wanted field; collects one error per field that cannot be sent. */
  ObjectNode write(
      String subject, T entity, Set<FieldPath> fields, BcMappingContext ctx, ObjectNode into) {
    List<FieldError> errors = new ArrayList<>();
    for (BcField<T, B> f : rules.values()) {
      if (f.write() == null || !wanted(fields, f.canonical())) {
        continue;
      }
      try {
        Object v = f.write().apply(entity, ctx);
        if (v instanceof Map<?, ?> several) {
          several.forEach((k, x) -> into.set(String.valueOf(k), JSON.valueToTree(x)));
        } else if (v != null) {
          into.set(f.name(), JSON.valueToTree(v));
        }
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(subject, errors);
    }
    return into;
  }

  /** Reads every field the record carries into the builder. */
  void read(JsonNode record, B builder) {
    for (BcField<T, B> f : rules.values()) {
      JsonNode v = record.get(f.name());
      if (f.read() != null && v != null && !v.isNull()) {
        f.read().accept(record, builder);
      }
    }
  }

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

  /** Text of a node, or {@code null} when blank. */
  static String text(JsonNode n) {
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  /** Text of a record's field, or {@code null} when absent or blank. */
  static String text(JsonNode record, String field) {
    return text(record.get(field));
  }

  /** A decimal of a record's field, or {@code null}. */
  static BigDecimal decimal(JsonNode record, String field) {
    JsonNode n = record.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    try {
      return new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw ValidationException.of("Business Central record", field, n.asText(), "is not a number");
    }
  }

  /**
   * Checks a key for a Business Central Code field (a customer or item number): Code fields are
   * stored in upper case, so a key with lower-case letters would come back changed and never be
   * found by what the caller holds.
   */
  static String code(String canonicalField, String bcField, String value, int max) {
    limited(canonicalField, bcField, value, max);
    if (value != null && !value.equals(value.toUpperCase(java.util.Locale.ROOT))) {
      throw new ValidationException(
          "Business Central",
          List.of(
              FieldError.redacted(
                  canonicalField,
                  "has lower-case letters; Business Central's "
                      + bcField
                      + " is a Code field stored in upper case, so the record would come back"
                      + " under another key: send it in upper case")));
    }
    return value;
  }

  /** Checks a text's length against a Business Central field's size. */
  static String limited(String canonicalField, String bcField, String value, int max) {
    if (value != null && value.length() > max) {
      throw new ValidationException(
          "Business Central",
          List.of(
              FieldError.redacted(
                  canonicalField,
                  "is "
                      + value.length()
                      + " characters long; Business Central's "
                      + bcField
                      + " holds at most "
                      + max)));
    }
    return value;
  }
}
