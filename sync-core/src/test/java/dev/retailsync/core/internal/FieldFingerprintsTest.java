package dev.retailsync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact fingerprint map behaves as the general map it replaces. */
class FieldFingerprintsTest {
  private static final FieldPath NAME = FieldPath.of("name");
  private static final FieldPath CITY = FieldPath.of("billing.address.city");
  private static final FieldPath EMAIL = FieldPath.of("billing.email");
  private static final FieldPath PHONE = FieldPath.of("phone");

  private static FieldFingerprints of(Object... pathsAndHashes) {
    FieldPath[] p = new FieldPath[pathsAndHashes.length / 2];
    long[] h = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (FieldPath) pathsAndHashes[2 * i];
      h[i] = (Long) pathsAndHashes[2 * i + 1];
    }
    return FieldFingerprints.of(p, h, p.length);
  }

  @Test
  void looksUpEveryPathItHoldsAndNoOther() {
    FieldFingerprints f = of(CITY, 1L, EMAIL, 2L, NAME, 3L);

    assertEquals(3L, f.get(NAME));
    assertEquals(1L, f.get(CITY));
    assertEquals(2L, f.get(EMAIL));
    assertNull(f.get(PHONE));
    assertNull(f.get("name"));
    assertTrue(f.containsKey(EMAIL));
    assertFalse(f.containsKey(PHONE));
    assertEquals(Map.of(CITY, 1L, EMAIL, 2L, NAME, 3L), f);
    assertEquals(Map.of(CITY, 1L, EMAIL, 2L, NAME, 3L).hashCode(), f.hashCode());
  }

  @Test
  void pathsGivenOutOfOrderAreSortedAndTheLastOfARepeatWins() {
    FieldFingerprints f = of(NAME, 3L, CITY, 1L, NAME, 4L);

    assertEquals(Map.of(CITY, 1L, NAME, 4L), f);
    assertEquals(List.of(CITY, NAME), List.copyOf(f.keySet()));
  }

  @Test
  void aLaterWriteReplacesTheFieldsItWroteAndKeepsTheOthers() {
    FieldFingerprints earlier = of(CITY, 1L, EMAIL, 2L, NAME, 3L);
    FieldFingerprints later = of(EMAIL, 20L, PHONE, 40L);

    assertEquals(
        Map.of(CITY, 1L, EMAIL, 20L, NAME, 3L, PHONE, 40L),
        FieldFingerprints.merge(earlier, later));
  }

  @Test
  void mergingAgreesWithAGeneralMapOnRandomWrites() {
    Random r = new Random(7);
    List<FieldPath> all =
        List.of(CITY, EMAIL, NAME, PHONE, FieldPath.of("credit.limit"), FieldPath.of("status"));
    Map<FieldPath, Long> expected = new HashMap<>();
    FieldFingerprints actual = FieldFingerprints.of(new FieldPath[0], new long[0], 0);
    for (int round = 0; round < 200; round++) {
      Map<FieldPath, Long> write = new HashMap<>();
      for (FieldPath p : all) {
        if (r.nextBoolean()) {
          write.put(p, r.nextLong());
        }
      }
      FieldPath[] p = write.keySet().toArray(new FieldPath[0]);
      long[] h = new long[p.length];
      for (int i = 0; i < p.length; i++) {
        h[i] = write.get(p[i]);
      }
      expected.putAll(write);
      actual = FieldFingerprints.merge(actual, FieldFingerprints.of(p, h, p.length));
      assertEquals(expected, actual);
      assertEquals(actual, expected);
    }
  }

  @Test
  void itIsEqualToAGeneralMapWithTheSameEntriesBothWays() {
    FieldFingerprints f = of(CITY, 1L, NAME, 3L);
    Map<FieldPath, Long> same = new HashMap<>(Map.of(NAME, 3L, CITY, 1L));

    assertEquals(same, f);
    assertEquals(f, same);
    assertEquals(same.hashCode(), f.hashCode());
    assertEquals(f, of(CITY, 1L, NAME, 3L));
    assertNotEquals(f, Map.of(NAME, 3L, CITY, 2L));
    assertNotEquals(f, Map.of(NAME, 3L));
    assertNotEquals(f, Map.of(NAME, 3L, "billing.address.city", 1L));
    assertEquals("{billing.address.city=1, name=3}", f.toString());
    assertEquals(List.of(CITY, NAME), List.copyOf(f.keySet()));
    assertEquals(List.of(1L, 3L), List.copyOf(f.values()));
    assertTrue(f.keySet().contains(NAME));
    assertTrue(f.containsValue(3L));
    assertFalse(f.containsValue(2L));
    Map<FieldPath, Long> seen = new HashMap<>();
    f.forEach(seen::put);
    assertEquals(same, seen);
  }

  @Test
  void itCannotBeChanged() {
    FieldFingerprints f = of(NAME, 3L);

    assertThrows(UnsupportedOperationException.class, () -> f.put(PHONE, 1L));
    assertThrows(UnsupportedOperationException.class, () -> f.remove(NAME));
    assertThrows(UnsupportedOperationException.class, f::clear);
    assertThrows(UnsupportedOperationException.class, () -> f.putAll(Map.of(PHONE, 1L)));
    assertThrows(UnsupportedOperationException.class, () -> f.keySet().remove(NAME));
    assertThrows(UnsupportedOperationException.class, () -> f.values().clear());
    assertEquals(Map.of(NAME, 3L), f);
  }
}
