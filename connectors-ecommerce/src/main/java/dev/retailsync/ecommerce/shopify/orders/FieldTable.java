package dev.retailsync.ecommerce.shopify.orders;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The per-field plumbing the mappings share: for each canonical field, a default reader, an
 * optional override, and a typed setter on the entity's builder. A reader's failure, or a value of
 * the wrong type, becomes a {@link MappingException} naming the field.
 */
final class FieldTable<B> {

  private record Slot<B>(Class<?> type, Class<?> element, BiConsumer<B, Object> setter) {}

  private final String subject;
  private final Map<FieldPath, Slot<B>> slots = new LinkedHashMap<>();

  FieldTable(String subject) {
    this.subject = subject;
  }

  /** Declares a field whose value is a single object of the given type. */
  <T> FieldTable<B> field(FieldPath field, Class<T> type, BiConsumer<B, T> setter) {
    slots.put(field, new Slot<>(type, null, (b, v) -> setter.accept(b, type.cast(v))));
    return this;
  }

  /** Declares a field whose value is a list of the given element type. */
  <T> FieldTable<B> listField(FieldPath field, Class<T> element, BiConsumer<B, List<T>> setter) {
    slots.put(
        field,
        new Slot<>(
            List.class,
            element,
            (b, v) -> {
              List<T> typed = new ArrayList<>();
              for (Object o : (List<?>) v) {
                typed.add(element.cast(o));
              }
              setter.accept(b, typed);
            }));
    return this;
  }

  Set<FieldPath> fields() {
    return slots.keySet();
  }

  /** Checks overrides name declared fields. */
  void checkOverrides(Map<FieldPath, ?> overrides) {
    for (FieldPath f : overrides.keySet()) {
      if (!slots.containsKey(f)) {
        throw ValidationException.of(
            subject + " mapping",
            "override",
            f,
            "is not a field this mapping sets; overridable fields are " + slots.keySet());
      }
    }
  }

  /** Reads every field into the builder. */
  void apply(
      B builder,
      ShopifySource src,
      Map<FieldPath, Function<ShopifySource, ?>> defaults,
      Map<FieldPath, Function<ShopifySource, ?>> overrides) {
    for (Map.Entry<FieldPath, Slot<B>> e : slots.entrySet()) {
      FieldPath field = e.getKey();
      Function<ShopifySource, ?> reader = overrides.getOrDefault(field, defaults.get(field));
      if (reader == null) {
        continue;
      }
      Object value;
      try {
        value = reader.apply(src);
      } catch (MappingException me) {
        throw me.path() != null && me.path().startsWith(field.toString())
            ? me
            : new MappingException(
                field + (me.path() == null ? "" : " (" + me.path() + ")"), me.getMessage(), me);
      } catch (ValidationException ve) {
        throw fromValidation(field.toString(), ve);
      } catch (RuntimeException re) {
        throw new MappingException(field.toString(), "could not be read: " + re, re);
      }
      if (value == null) {
        continue;
      }
      Slot<B> slot = e.getValue();
      if (!slot.type().isInstance(value)
          || (slot.element() != null && !allInstances((List<?>) value, slot.element()))) {
        throw new MappingException(
            field.toString(),
            "an override returned "
                + value.getClass().getSimpleName()
                + " where "
                + (slot.element() == null
                    ? slot.type().getSimpleName()
                    : "a List of " + slot.element().getSimpleName())
                + " is needed",
            null);
      }
      slot.setter().accept(builder, value);
    }
  }

  private static boolean allInstances(List<?> values, Class<?> element) {
    for (Object o : values) {
      if (!element.isInstance(o)) {
        return false;
      }
    }
    return true;
  }

  /** Turns a model's validation failure into a mapping failure naming the first field. */
  static MappingException fromValidation(String prefix, ValidationException ve) {
    List<FieldError> errors = ve.errors();
    String path =
        errors.isEmpty()
            ? prefix
            : prefix == null || prefix.isEmpty()
                ? errors.get(0).path()
                : prefix + "." + errors.get(0).path();
    return new MappingException(path, ve.getMessage(), ve);
  }
}
