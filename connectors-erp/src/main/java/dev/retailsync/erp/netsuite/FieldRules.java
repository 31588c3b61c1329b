package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldPath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered field rules of a mapping: one writer and one reader per canonical field. Rules the
 * user set (or removed) are remembered apart from the defaults, so that a mapping whose tables
 * change can rebuild its defaults and keep the user's overrides.
 */
final class FieldRules<T, B> {
  record Rule<T, B>(NetSuiteFieldWriter<T> writer, NetSuiteFieldReader<B> reader) {}

  private final Map<FieldPath, Rule<T, B>> rules;
  private final Map<FieldPath, Optional<Rule<T, B>>> overrides;

  FieldRules() {
    this(Map.of(), Map.of());
  }

  private FieldRules(
      Map<FieldPath, Rule<T, B>> rules, Map<FieldPath, Optional<Rule<T, B>>> overrides) {
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  private static <T, B> Rule<T, B> rule(
      NetSuiteFieldWriter<T> writer, NetSuiteFieldReader<B> reader) {
    return new Rule<>(
        writer == null ? (e, r) -> {} : writer, reader == null ? (r, b) -> {} : reader);
  }

  /** Returns a copy with a default rule for the field. */
  FieldRules<T, B> withDefault(
      FieldPath field, NetSuiteFieldWriter<T> writer, NetSuiteFieldReader<B> reader) {
    Map<FieldPath, Rule<T, B>> copy = new LinkedHashMap<>(rules);
    copy.put(Objects.requireNonNull(field, "field"), rule(writer, reader));
    return new FieldRules<>(copy, overrides);
  }

  /** Returns a copy with the user's rule for the field, replacing the default. */
  FieldRules<T, B> with(
      FieldPath field, NetSuiteFieldWriter<T> writer, NetSuiteFieldReader<B> reader) {
    Rule<T, B> r = rule(writer, reader);
    Map<FieldPath, Rule<T, B>> copy = new LinkedHashMap<>(rules);
    copy.put(Objects.requireNonNull(field, "field"), r);
    Map<FieldPath, Optional<Rule<T, B>>> o = new LinkedHashMap<>(overrides);
    o.put(field, Optional.of(r));
    return new FieldRules<>(copy, o);
  }

  /** Returns a copy without the field's rule: the field is neither written nor read. */
  FieldRules<T, B> without(FieldPath field) {
    Map<FieldPath, Rule<T, B>> copy = new LinkedHashMap<>(rules);
    copy.remove(field);
    Map<FieldPath, Optional<Rule<T, B>>> o = new LinkedHashMap<>(overrides);
    o.put(field, Optional.empty());
    return new FieldRules<>(copy, o);
  }

  /** Returns fresh defaults with this instance's user overrides applied on top. */
  FieldRules<T, B> rebase(FieldRules<T, B> defaults) {
    Map<FieldPath, Rule<T, B>> copy = new LinkedHashMap<>(defaults.rules);
    overrides.forEach(
        (f, r) -> {
          if (r.isPresent()) {
            copy.put(f, r.get());
          } else {
            copy.remove(f);
          }
        });
    return new FieldRules<>(copy, overrides);
  }

  Set<FieldPath> fields() {
    return rules.keySet();
  }

  void write(T entity, ObjectNode record, Set<FieldPath> fields) {
    rules.forEach(
        (f, rule) -> {
          if (Json.wanted(fields, f)) {
            rule.writer().write(entity, record);
          }
        });
  }

  void read(JsonNode record, B builder) {
    rules.values().forEach(rule -> rule.reader().read(record, builder));
  }
}
