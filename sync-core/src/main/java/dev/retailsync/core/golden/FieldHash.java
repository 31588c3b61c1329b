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
    String text;
    if (value instanceof String s) {
      text = "s" + s;
    } else if (value instanceof Enum<?> e) {
      text = "e" + e.name();
    } else if (value instanceof BigDecimal d) {
      text = "n" + d.toPlainString();
    } else if (value instanceof Number || value instanceof Boolean) {
      text = "n" + value;
    } else if (value instanceof TemporalAccessor) {
      text = "t" + value;
    } else if (value instanceof Money m) {
      text = "m" + m.amount().toPlainString() + m.currency();
    } else {
      text = "j" + CanonicalJson.create().write(value);
    }
    long h = OFFSET;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= PRIME;
    }
    return h == 0 ? 1 : h;
  }
}
