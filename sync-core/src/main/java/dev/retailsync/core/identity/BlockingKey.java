package dev.retailsync.core.identity;

import java.util.List;
import java.util.Objects;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A cheap key that puts records which might match into one block; only records sharing at least one
 * key with an inbound record are scored against it. A resolver OR-s several keys (e-mail, phone,
 * birth date, phonetic surname with given name, ...) so that a duplicate missed by one key is found
 * by another.
 *
 * <p>A key is made of {@link Part}s over normalised values; if any part yields {@code null}, the
 * record has no key of this kind. Instances are immutable and thread-safe.
 */
public final class BlockingKey {
  /** The normalised values of one record, by field name. */
  @FunctionalInterface
  public interface FieldValues {
    /**
     * Returns a normalised value.
     *
     * @param field the field name
     * @return the normalised value, or {@code null} when missing
     */
    String get(String field);
  }

  /** One component of a key. Implementations must be thread-safe. */
  @FunctionalInterface
  public interface Part {
    /**
     * Computes the component.
     *
     * @param values the record's normalised values
     * @return the component, or {@code null} when the record lacks what it needs
     */
    String apply(FieldValues values);
  }

  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  private final String name;
  private final List<Part> parts;

  private BlockingKey(String name, List<Part> parts) {
    this.name = name;
    this.parts = parts;
  }

  /**
   * Returns a key made of parts.
   *
   * @param name the key's name, shown in blocking statistics
   * @param parts the parts, at least one
   * @return the key
   * @throws IllegalArgumentException if there are no parts
   */
  public static BlockingKey of(String name, Part... parts) {
    Objects.requireNonNull(name, "name");
    if (parts.length == 0) {
      throw new IllegalArgumentException("blocking key " + name + " needs at least one part");
    }
    return new BlockingKey(name, List.of(parts));
  }

  /**
   * Returns the key's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Computes the key of a record.
   *
   * @param values the record's normalised values
   * @return the key, or {@code null} when the record has none
   */
  public String key(FieldValues values) {
    StringBuilder sb = new StringBuilder(name).append('\u0001');
    for (Part p : parts) {
      String v = p.apply(values);
      if (v == null) {
        return null;
      }
      sb.append(v).append('\u0001');
    }
    return sb.toString();
  }

  /**
   * Returns the whole normalised value.
   *
   * @param field the field name
   * @return the part
   */
  public static Part value(String field) {
    return v -> v.get(field);
  }

  /**
   * Returns the first characters of the normalised value.
   *
   * @param field the field name
   * @param length how many characters
   * @return the part
   */
  public static Part prefix(String field, int length) {
    return v -> {
      String s = v.get(field);
      return s == null ? null : s.substring(0, Math.min(length, s.length()));
    };
  }

  /**
   * Returns the first characters of the normalised value with its spaces removed.
   *
   * @param field the field name
   * @param length how many characters
   * @return the part
   */
  public static Part compact(String field, int length) {
    return v -> {
      String s = v.get(field);
      if (s == null) {
        return null;
      }
      s = s.replace(" ", "");
      return s.substring(0, Math.min(length, s.length()));
    };
  }

  /**
   * Returns the last digits of the normalised value, for phone numbers written with and without a
   * country code.
   *
   * @param field the field name
   * @param length how many digits
   * @return the part
   */
  public static Part lastDigits(String field, int length) {
    return v -> {
      String s = v.get(field);
      if (s == null) {
        return null;
      }
      String d = Text.digits(s);
      return d.length() < length ? d : d.substring(d.length() - length);
    };
  }

  /**
   * Returns the Double Metaphone code of the value's first word.
   *
   * @param field the field name
   * @return the part
   */
  public static Part phonetic(String field) {
    return v -> {
      String s = v.get(field);
      if (s == null) {
        return null;
      }
      int sp = s.indexOf(' ');
      String code = METAPHONE.doubleMetaphone(sp > 0 ? s.substring(0, sp) : s);
      return code == null || code.isEmpty() ? s : code;
    };
  }

  /**
   * Returns the Double Metaphone code of the value's nickname-group head, so that Bill and William
   * share a key.
   *
   * @param field the field name
   * @return the part
   */
  public static Part phoneticName(String field) {
    return v -> {
      String s = v.get(field);
      if (s == null) {
        return null;
      }
      int sp = s.indexOf(' ');
      String first = Nicknames.canonical(sp > 0 ? s.substring(0, sp) : s);
      String code = METAPHONE.doubleMetaphone(first);
      return code == null || code.isEmpty() ? first : code;
    };
  }

  /**
   * Returns the Double Metaphone codes of several name fields in sorted order, so that a given name
   * and a family name entered the wrong way round still share the key.
   *
   * @param fields the field names
   * @return the part
   */
  public static Part phoneticNames(String... fields) {
    Part[] parts = new Part[fields.length];
    for (int i = 0; i < fields.length; i++) {
      parts[i] = phoneticName(fields[i]);
    }
    return v -> {
      String[] codes = new String[parts.length];
      for (int i = 0; i < parts.length; i++) {
        codes[i] = parts[i].apply(v);
        if (codes[i] == null) {
          return null;
        }
      }
      java.util.Arrays.sort(codes);
      return String.join("|", codes);
    };
  }

  /**
   * Returns the first letter of the value.
   *
   * @param field the field name
   * @return the part
   */
  public static Part initial(String field) {
    return prefix(field, 1);
  }

  /**
   * Returns a part that is empty instead of absent, for components that sharpen a key when present.
   *
   * @param part the part
   * @return the part
   */
  public static Part optional(Part part) {
    return v -> {
      String s = part.apply(v);
      return s == null ? "" : s;
    };
  }

  @Override
  public String toString() {
    return "BlockingKey[" + name + "]";
  }
}
