package dev.retailsync.core.golden;

import dev.retailsync.api.model.Money;
import dev.retailsync.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;

/**
 * A stable 64-bit fingerprint of a field value: the same across JVMs and restarts (unlike {@code
 * hashCode()} of an enum), so it can be stored. Scalars hash their canonical text; anything else
 * its canonical JSON. FNV-1a; collisions are possible but do not matter for its use (echo detection
 * compares a value with the one last written).
 */
public final class FieldHash {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private FieldHash() {}

  /**
   * Returns the fingerprint of a value.
   *
   * @param value the value, or {@code null}
   * @return the fingerprint; 0 for {@code null}
   */
  public static long of(Object value) {
    if (value == null) {
      return 0;
    }
    long h;
    // Each kind hashes what its value is, never Object.hashCode of an enum (which differs from
    // JVM to JVM) and never an allocated string on the common paths (this runs per written field).
    if (value instanceof String s) {
      h = fnv(OFFSET ^ 's', s);
    } else if (value instanceof Enum<?> e) {
      h = fnv(OFFSET ^ 'e', e.name());
    } else if (value instanceof BigDecimal d) {
      h = mix(mix(OFFSET ^ 'n', d.unscaledValue().hashCode()), d.scale());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      h = mix(OFFSET ^ 'n', ((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      h = mix(OFFSET ^ 'b', b ? 1 : 0);
    } else if (value instanceof java.time.Instant i) {
      h = mix(mix(OFFSET ^ 't', i.getEpochSecond()), i.getNano());
    } else if (value instanceof java.time.LocalDate d) {
      h = mix(OFFSET ^ 'd', d.toEpochDay());
    } else if (value instanceof Money m) {
      h =
          fnv(
              mix(mix(OFFSET ^ 'm', m.amount().unscaledValue().hashCode()), m.amount().scale()),
              m.currency());
    } else if (value instanceof java.util.List<?> list && plainStrings(list)) {
      // The FNV of the list's canonical JSON, without writing it: ["a","b"] for strings that
      // need no escaping (a street address's lines).
      h = fnv(OFFSET ^ 'j', '[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          h = fnv(h, ',');
        }
        h = fnv(fnv(fnv(h, '"'), (String) list.get(i)), '"');
      }
      h = fnv(h, ']');
    } else if (value instanceof TemporalAccessor) {
      h = fnv(OFFSET ^ 't', value.toString());
    } else {
      h = fnv(OFFSET ^ 'j', CanonicalJson.create().write(value));
    }
    return h == 0 ? 1 : h;
  }

  /** Whether every element is a string that JSON writes as it is, between quotes. */
  private static boolean plainStrings(java.util.List<?> list) {
    for (Object o : list) {
      if (!(o instanceof String s)) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          return false;
        }
      }
    }
    return true;
  }

  private static long fnv(long h, char c) {
    return (h ^ c) * PRIME;
  }

  private static long fnv(long h, String text) {
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= PRIME;
    }
    return h;
  }

  private static long mix(long h, long v) {
    h ^= v;
    h *= PRIME;
    h ^= h >>> 29;
    return h;
  }
}
