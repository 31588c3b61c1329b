package dev.retailsync.api.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;

/**
 * An immutable set in natural order kept in one array: what a sorted field set costs when it is
 * built once per write and only read afterwards (no tree nodes, iteration over an array, look-ups
 * by binary search). Not part of the SDK's API ({@code sync-core} has its own copy, since it does
 * not rely on this package).
 *
 * <p>Immutable and thread-safe; every mutating call throws {@link UnsupportedOperationException},
 * and the views {@link #subSet}, {@link #headSet} and {@link #tailSet} are immutable copies.
 *
 * @param <E> the element type
 */
public final class SortedArraySet<E extends Comparable<? super E>> extends AbstractSet<E>
    implements SortedSet<E> {
  private final E[] elements;

  private SortedArraySet(E[] elements) {
    this.elements = elements;
  }

  /**
   * Wraps elements that are already in strictly ascending natural order, without {@code null}; the
   * set takes the array over (the caller no longer touches it).
   *
   * @param sorted the elements
   * @param <E> the element type
   * @return the set
   * @throws IllegalArgumentException if the elements are not strictly ascending or one is null
   */
  public static <E extends Comparable<? super E>> SortedArraySet<E> ofSorted(E[] sorted) {
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] == null) {
        throw new IllegalArgumentException("a sorted set holds no null");
      }
      if (i > 0 && sorted[i - 1].compareTo(sorted[i]) >= 0) {
        throw new IllegalArgumentException("not in strictly ascending order at index " + i);
      }
    }
    return new SortedArraySet<>(sorted);
  }

  /** Wraps elements the caller knows to be strictly ascending and without null. */
  static <E extends Comparable<? super E>> SortedArraySet<E> trusted(E[] sorted) {
    return new SortedArraySet<>(sorted);
  }

  private int indexOf(Object o) {
    if (o == null || elements.length == 0) {
      return -1;
    }
    if (!elements[0].getClass().isInstance(o)) {
      return -1;
    }
    @SuppressWarnings("unchecked")
    E key = (E) o;
    return Arrays.binarySearch(elements, key);
  }

  /** The index of the first element not below {@code e}. */
  private int lowerBound(E e) {
    int i = Arrays.binarySearch(elements, e);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean contains(Object o) {
    return indexOf(o) >= 0;
  }

  @Override
  public int size() {
    return elements.length;
  }

  @Override
  public boolean isEmpty() {
    return elements.length == 0;
  }

  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < elements.length;
      }

      @Override
      public E next() {
        if (i >= elements.length) {
          throw new NoSuchElementException();
        }
        return elements[i++];
      }
    };
  }

  @Override
  public Object[] toArray() {
    return Arrays.copyOf(elements, elements.length, Object[].class);
  }

  @Override
  public Comparator<? super E> comparator() {
    return null;
  }

  private SortedArraySet<E> range(int from, int to) {
    return from == 0 && to == elements.length
        ? this
        : new SortedArraySet<>(Arrays.copyOfRange(elements, from, Math.max(from, to)));
  }

  @Override
  public SortedSet<E> subSet(E fromElement, E toElement) {
    if (fromElement.compareTo(toElement) > 0) {
      throw new IllegalArgumentException("fromElement > toElement");
    }
    return range(lowerBound(fromElement), lowerBound(toElement));
  }

  @Override
  public SortedSet<E> headSet(E toElement) {
    return range(0, lowerBound(toElement));
  }

  @Override
  public SortedSet<E> tailSet(E fromElement) {
    return range(lowerBound(fromElement), elements.length);
  }

  @Override
  public E first() {
    if (elements.length == 0) {
      throw new NoSuchElementException();
    }
    return elements[0];
  }

  @Override
  public E last() {
    if (elements.length == 0) {
      throw new NoSuchElementException();
    }
    return elements[elements.length - 1];
  }
}
