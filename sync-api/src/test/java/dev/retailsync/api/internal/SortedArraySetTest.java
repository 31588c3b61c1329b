package dev.retailsync.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The array-backed sorted set answers as a TreeSet with the same elements does. */
class SortedArraySetTest {
  private static SortedSet<String> of(String... sorted) {
    return SortedArraySet.ofSorted(sorted);
  }

  @Test
  void answersAsATreeSetDoes() {
    SortedSet<String> set = of("billing.email", "name", "phone", "status");
    TreeSet<String> tree = new TreeSet<>(List.of("status", "name", "billing.email", "phone"));

    assertEquals(tree, set);
    assertEquals(set, tree);
    assertEquals(tree.hashCode(), set.hashCode());
    assertEquals(tree.toString(), set.toString());
    assertEquals(List.copyOf(tree), List.copyOf(set));
    assertTrue(set.contains("name"));
    assertFalse(set.contains("credit"));
    assertFalse(set.contains(42));
    assertFalse(set.contains(null));
    assertNull(set.comparator());
    assertEquals("billing.email", set.first());
    assertEquals("status", set.last());
    assertEquals(tree.subSet("c", "q"), set.subSet("c", "q"));
    assertEquals(tree.headSet("phone"), set.headSet("phone"));
    assertEquals(tree.tailSet("phone"), set.tailSet("phone"));
    assertEquals(tree.subSet("x", "z"), set.subSet("x", "z"));
    assertThrows(IllegalArgumentException.class, () -> set.subSet("q", "c"));
  }

  @Test
  void anEmptySetHasNoEnds() {
    SortedSet<String> set = of();

    assertTrue(set.isEmpty());
    assertEquals(Set.of(), set);
    assertThrows(NoSuchElementException.class, set::first);
    assertThrows(NoSuchElementException.class, set::last);
    assertThrows(NoSuchElementException.class, () -> set.iterator().next());
  }

  @Test
  void itCannotBeChanged() {
    SortedSet<String> set = of("a", "b");

    assertThrows(UnsupportedOperationException.class, () -> set.add("c"));
    assertThrows(UnsupportedOperationException.class, () -> set.remove("a"));
    assertThrows(UnsupportedOperationException.class, set::clear);
    assertThrows(UnsupportedOperationException.class, () -> set.removeIf(s -> true));
    assertEquals(Set.of("a", "b"), set);
  }

  @Test
  void elementsOutOfOrderRepeatedOrNullAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> of("b", "a"));
    assertThrows(IllegalArgumentException.class, () -> of("a", "a"));
    assertThrows(IllegalArgumentException.class, () -> of("a", null));
  }
}
