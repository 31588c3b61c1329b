package dev.retailsync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import java.util.List;
import java.util.Set;

/** Helpers the default mappings share. */
final class MappingSupport {
  private MappingSupport() {}

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * Returns a field's API name, or throws naming the argument.
   *
   * @throws dev.retailsync.api.ValidationException when the value is not a field name
   */
  static String fieldName(String subject, String argument, String value) {
    if (value == null || !value.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw dev.retailsync.api.ValidationException.of(
          subject, argument, value, "must be a Salesforce field name, such as ERP_Customer_Id__c");
    }
    return value;
  }

  /**
   * Returns a record id with the object's key prefix, or throws naming the argument.
   *
   * @throws dev.retailsync.api.ValidationException when the value is not such an id
   */
  static String recordId(
      String subject, String argument, String value, String prefix, String object) {
    if (value == null || !value.matches(prefix + "[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
      throw dev.retailsync.api.ValidationException.of(
          subject,
          argument,
          value,
          "must be a " + object + " id (15 or 18 characters starting with " + prefix + ")");
    }
    return value;
  }

  /** Whether a name is a custom field ({@code __c}, or a person account's {@code __pc}). */
  static boolean custom(String name, String externalIdField) {
    return (name.endsWith("__c") || name.endsWith("__pc")) && !name.equals(externalIdField);
  }

  /** Writes the extensions that are custom fields, limited to the given fields when any. */
  static void writeCustom(
      com.fasterxml.jackson.databind.node.ObjectNode r,
      java.util.Map<String, Object> extensions,
      String externalIdField,
      Set<FieldPath> fields) {
    extensions.forEach(
        (k, v) -> {
          if (custom(k, externalIdField) && wanted(fields, FieldPath.extension(k))) {
            r.set(k, JSON.valueToTree(v));
          }
        });
  }

  /**
   * Reads the custom fields of a record as extensions: numbers as {@link java.math.BigDecimal},
   * booleans as {@link Boolean}, anything else as text; nulls are left out.
   */
  static void readCustom(
      JsonNode r, String externalIdField, java.util.function.BiConsumer<String, Object> put) {
    r.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (custom(e.getKey(), externalIdField) && !v.isNull()) {
                put.accept(
                    e.getKey(),
                    v.isNumber()
                        ? v.decimalValue()
                        : v.isBoolean() ? Boolean.valueOf(v.asBoolean()) : (Object) v.asText());
              }
            });
  }

  /** The given canonical fields and one field per extension, in order. */
  static Set<FieldPath> withExtensions(
      java.util.Map<String, Object> extensions, FieldPath... fields) {
    Set<FieldPath> out = new java.util.LinkedHashSet<>(List.of(fields));
    extensions.keySet().forEach(k -> out.add(FieldPath.extension(k)));
    return out;
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

  /** A field's text, or {@code null} when absent, null or blank. */
  static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  /** The primary contact point of a type, else the first, else {@code null}. */
  static String first(List<ContactPoint> points, ContactPointType type) {
    String any = null;
    for (ContactPoint p : points) {
      if (p.type() == type) {
        if (Boolean.TRUE.equals(p.primary())) {
          return p.value();
        }
        any = any == null ? p.value() : any;
      }
    }
    return any;
  }

  /** Adds a contact point when the value is there. */
  static void addPoint(List<ContactPoint> points, ContactPointType type, String value) {
    if (value != null) {
      points.add(ContactPoint.of(type, value));
    }
  }

  /**
   * Reads a Salesforce opt-out flag: {@code true} is a denial, {@code false} says nothing about
   * consent.
   */
  static ConsentState optOut(JsonNode r, String field) {
    return r.path(field).asBoolean(false) ? ConsentState.DENIED : ConsentState.UNKNOWN;
  }
}
