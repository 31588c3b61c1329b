package dev.retailsync.api.internal;

import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Argument checks shared by the API's value types. Every failure is a {@link ValidationException}
 * naming the type, the component and the rejected value. Not part of the public API.
 */
public final class Checks {
  private Checks() {}

  /**
   * Requires a non-null value.
   *
   * @param subject the type being built
   * @param path the component
   * @param value the value
   * @param <T> the value type
   * @return the value
   */
  public static <T> T required(String subject, String path, T value) {
    if (value == null) {
      throw ValidationException.of(subject, path, null, "is required");
    }
    return value;
  }

  /**
   * Requires non-blank text and returns it unchanged.
   *
   * @param subject the type being built
   * @param path the component
   * @param value the value
   * @return the value
   */
  public static String requiredText(String subject, String path, String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.of(subject, path, value, "is required and must not be blank");
    }
    return value;
  }

  /**
   * Allows {@code null} but not blank text.
   *
   * @param subject the type being built
   * @param path the component
   * @param value the value
   * @return the value
   */
  public static String optionalText(String subject, String path, String value) {
    if (value != null && value.isBlank()) {
      throw ValidationException.of(
          subject, path, value, "must not be blank; leave it out (null) when there is no value");
    }
    return value;
  }

  /**
   * Requires printable ASCII text of at most {@code max} characters, for identifiers that travel in
   * HTTP headers and database keys.
   *
   * @param subject the type being built
   * @param path the component
   * @param value the value
   * @param max the maximum length
   * @return the value
   */
  public static String token(String subject, String path, String value, int max) {
    requiredText(subject, path, value);
    if (value.length() > max) {
      throw ValidationException.of(
          subject, path, value, "must be at most " + max + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw ValidationException.of(
            subject,
            path,
            value,
            "must be printable ASCII without spaces (offending character at index " + i + ")");
      }
    }
    return value;
  }

  /**
   * Allows {@code null}, otherwise requires a value of zero or more and returns it in canonical
   * form (see {@link #decimal}).
   *
   * @param subject the type being built
   * @param path the component
   * @param value the value
   * @return the canonical value, or {@code null}
   */
  public static BigDecimal nonNegative(String subject, String path, BigDecimal value) {
    if (value != null && value.signum() < 0) {
      throw ValidationException.of(subject, path, value.toPlainString(), "must not be negative");
    }
    return decimal(value);
  }

  /**
   * Returns a quantity in canonical form: trailing zeros stripped, never a negative scale, so that
   * {@code 2}, {@code 2.0} and {@code 2.000} are one value (and one diff) everywhere.
   *
   * @param value the value, or {@code null}
   * @return the canonical value, or {@code null}
   */
  public static BigDecimal decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * Copies a list, treating {@code null} as empty and rejecting {@code null} elements.
   *
   * @param subject the type being built
   * @param path the component
   * @param list the list
   * @param <T> the element type
   * @return an unmodifiable copy ({@link List#of} semantics: {@code contains(null)} throws), or the
   *     list itself when it is such a list already
   */
  public static <T> List<T> list(String subject, String path, Collection<? extends T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    Object[] copy = list.toArray();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == null) {
        throw ValidationException.of(subject, path + "[" + i + "]", null, "must not be null");
      }
    }
    // An immutable list of one or two elements holds them in itself: no array, no wrapper, which
    // matters for the values a golden record keeps (an entity's addresses and contacts). A list
    // made here before is kept as it is.
    @SuppressWarnings("unchecked")
    List<T> same = (List<T>) (list instanceof List<?> l && isImmutable(l) ? l : List.of(copy));
    return same;
  }

  private static final Class<?> LIST12 = List.of(1).getClass();
  private static final Class<?> LISTN = List.of(1, 2, 3).getClass();

  private static boolean isImmutable(List<?> l) {
    return l.getClass() == LIST12 || l.getClass() == LISTN;
  }

  /**
   * Copies a set, keeping iteration order, treating {@code null} as empty and rejecting {@code
   * null} elements.
   *
   * @param subject the type being built
   * @param path the component
   * @param set the set
   * @param <T> the element type
   * @return an unmodifiable copy
   */
  public static <T> Set<T> set(String subject, String path, Collection<? extends T> set) {
    if (set == null || set.isEmpty()) {
      return Set.of();
    }
    Set<T> copy = new LinkedHashSet<>();
    for (T t : set) {
      if (t == null) {
        throw ValidationException.of(subject, path, null, "must not contain null");
      }
      copy.add(t);
    }
    return Collections.unmodifiableSet(copy);
  }

  /**
   * Copies a set into sorted order, so that equal sets render identically; treats {@code null} as
   * empty and rejects {@code null} elements.
   *
   * @param subject the type being built
   * @param path the component
   * @param set the set
   * @param <T> the element type
   * @return an unmodifiable sorted copy
   */
  public static <T extends Comparable<? super T>> Set<T> sortedSet(
      String subject, String path, Collection<? extends T> set) {
    if (set == null || set.isEmpty()) {
      return Set.of();
    }
    if (set instanceof SortedArraySet<? extends T> own) {
      // Made here before (a change's or a request's set passed on): immutable, in order, no null.
      @SuppressWarnings("unchecked")
      Set<T> same = (Set<T>) own;
      return same;
    }
    if (set instanceof java.util.SortedSet<? extends T> sorted && sorted.comparator() == null) {
      // Already in natural order (a planner's field set): one linear copy into an array.
      @SuppressWarnings("unchecked")
      T[] copy = (T[]) new Comparable<?>[sorted.size()];
      int n = 0;
      for (T t : sorted) {
        if (t == null) {
          throw ValidationException.of(subject, path, null, "must not contain null");
        }
        if (n == copy.length) {
          // A set that grew while being read: copied by the tree, which takes what it then holds.
          return SortedArraySet.trusted(sortedArray(new java.util.TreeSet<T>(sorted)));
        }
        copy[n++] = t;
      }
      return SortedArraySet.trusted(n == copy.length ? copy : java.util.Arrays.copyOf(copy, n));
    }
    return SortedArraySet.trusted(sortedArray(new java.util.TreeSet<>(set(subject, path, set))));
  }

  private static <T extends Comparable<? super T>> T[] sortedArray(java.util.SortedSet<T> set) {
    @SuppressWarnings("unchecked")
    T[] out = (T[]) new Comparable<?>[set.size()];
    int n = 0;
    for (T t : set) {
      out[n++] = t;
    }
    return out;
  }

  /**
   * Copies an extensions map, sorted by name so that equal maps render identically; rejects blank
   * keys, keys that name a canonical property, and values that are not JSON-like (text, number,
   * boolean, {@code null}, lists and maps of those).
   *
   * @param subject the type being built
   * @param extensions the map, or {@code null}
   * @param reserved the property names of the type, which extensions may not use
   * @return an unmodifiable copy
   */
  public static Map<String, Object> extensions(
      String subject, Map<String, ?> extensions, Set<String> reserved) {
    if (extensions == null || extensions.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new TreeMap<>();
    for (Map.Entry<String, ?> e : extensions.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isBlank()) {
        throw ValidationException.of(subject, "extensions", key, "keys must not be blank");
      }
      if (reserved.contains(key)) {
        throw ValidationException.of(
            subject,
            "extensions." + key,
            key,
            "clashes with a canonical property of the same name; rename the custom field");
      }
      copy.put(key, jsonValue(subject, "extensions." + key, e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object jsonValue(String subject, String path, Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof BigDecimal
        || value instanceof Integer
        || value instanceof Long
        || value instanceof java.math.BigInteger) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      // Binary floating point is never exact; keep the decimal the number prints as.
      return new BigDecimal(value.toString());
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        copy.add(jsonValue(subject, path + "[" + i + "]", l.get(i)));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw ValidationException.of(subject, path, e.getKey(), "map keys must be text");
        }
        copy.put(k, jsonValue(subject, path + "." + k, e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw ValidationException.of(
        subject,
        path,
        value.getClass().getName(),
        "must be text, a number, a boolean, null, or a list or map of those");
  }
}
