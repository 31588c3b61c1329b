package dev.retailsync.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.core.json.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored (JDBC write fingerprints) and compared after restarts, so a faster way of
 * computing one must give the very same number: a list hashes as its canonical JSON text.
 */
class FieldHashTest {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  /** The documented definition: FNV-1a over the canonical JSON's characters, after a 'j' tag. */
  private static long viaJson(Object value) {
    long h = OFFSET ^ 'j';
    String text = CanonicalJson.create().write(value);
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= PRIME;
    }
    return h == 0 ? 1 : h;
  }

  @Test
  void aListHashesAsItsCanonicalJson() {
    for (List<?> list :
        List.of(
            List.of("1 Main Street"),
            List.of("Hauptstraße 5", "2. OG", "c/o Müller"),
            List.of("quote \" inside", "back\\slash"),
            List.of("tab\there", "line\nbreak"),
            List.of("", " "),
            List.of("x", 42),
            List.of(List.of("nested")))) {
      assertEquals(viaJson(list), FieldHash.of(list), list::toString);
    }
  }
}
