package dev.retailsync.core.internal;

import dev.retailsync.api.FieldPath;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

/**
 * The fingerprints of the fields written to a system for one record, as an immutable map kept in
 * two arrays: the paths in natural order and their fingerprints. Cheaper than a general map for
 * what the engine does with it on every write (build it from a planner's sorted field set, keep it,
 * merge a later write into it) and for its look-ups by path (a binary search over a few dozen
 * paths). Not part of the SDK's API: stores receive it as a {@code Map<FieldPath, Long>}.
 *
 * <p>Immutable and thread-safe; it rejects every mutating call of {@link Map}.
 */
public final class FieldFingerprints implements Map<FieldPath, Long> {
  private static final FieldFingerprints EMPTY =
      new FieldFingerprints(new FieldPath[0], new long[0]);

  // Path arrays of maps built lately, by the hash of their paths: most records of a type are
  // written
  // the same few sets of fields (all of them on create, one or two on update), so maps share one
  // paths array per set (never changed after it is built) instead of each holding its own copy. A
  // single slot would not do: writes of different sets interleave and would evict each other.
  private static final int SLOTS = 64;
  private static final AtomicReferenceArray<FieldPath[]> SHARED = new AtomicReferenceArray<>(SLOTS);

  private final FieldPath[] paths;
  private final long[] hashes;

  // No other field: a store keeps one instance per record, so it implements Map rather than
  // extending AbstractMap (whose two cached views would be 8 more bytes each) and caches no view.

  private FieldFingerprints(FieldPath[] paths, long[] hashes) {
    this.paths = paths;
    this.hashes = hashes;
  }

  /**
   * Builds the map from parallel arrays, which it takes over (the caller no longer touches them).
   * Paths that are not in strictly ascending order are sorted (and a repeated path keeps its last
   * fingerprint).
   *
   * @param paths the paths, without {@code null}
   * @param hashes the fingerprints, one per path
   * @param n how many of the arrays' slots are used
   * @return the map
   */
  public static FieldFingerprints of(FieldPath[] paths, long[] hashes, int n) {
    if (n == 0) {
      return EMPTY;
    }
    for (int i = 1; i < n; i++) {
      if (paths[i - 1].compareTo(paths[i]) >= 0) {
        return sorted(paths, hashes, n);
      }
    }
    return new FieldFingerprints(
        share(paths, n), n == hashes.length ? hashes : Arrays.copyOf(hashes, n));
  }

  /** The first {@code n} paths, as the shared array when one holds the same ones. */
  private static FieldPath[] share(FieldPath[] paths, int n) {
    int h = n;
    for (int i = 0; i < n; i++) {
      h = 31 * h + paths[i].hashCode();
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    FieldPath[] last = SHARED.get(slot);
    if (last != null && last.length == n) {
      int i = 0;
      while (i < n && (last[i] == paths[i] || last[i].equals(paths[i]))) {
        i++;
      }
      if (i == n) {
        return last;
      }
    }
    FieldPath[] p = n == paths.length ? paths : Arrays.copyOf(paths, n);
    SHARED.set(slot, p);
    return p;
  }

  private static FieldFingerprints sorted(FieldPath[] paths, long[] hashes, int n) {
    java.util.TreeMap<FieldPath, Long> m = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put(paths[i], hashes[i]);
    }
    FieldPath[] p = new FieldPath[m.size()];
    long[] h = new long[m.size()];
    int i = 0;
    for (Map.Entry<FieldPath, Long> e : m.entrySet()) {
      p[i] = e.getKey();
      h[i++] = e.getValue();
    }
    return new FieldFingerprints(p, h);
  }

  /**
   * Returns the fingerprints of an earlier write with those of a later one replacing them field by
   * field.
   *
   * @param earlier what was written before
   * @param later what was written now
   * @return the merged map
   */
  public static FieldFingerprints merge(FieldFingerprints earlier, FieldFingerprints later) {
    FieldPath[] a = earlier.paths;
    FieldPath[] b = later.paths;
    if (covers(a, b)) {
      // The usual update: it rewrites fields written before, so the paths stay those of earlier.
      long[] h = earlier.hashes.clone();
      int i = 0;
      for (int j = 0; j < b.length; j++) {
        while (a[i] != b[j] && !a[i].equals(b[j])) {
          i++;
        }
        h[i] = later.hashes[j];
      }
      return new FieldFingerprints(a, h);
    }
    FieldPath[] p = new FieldPath[a.length + b.length];
    long[] h = new long[p.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int c = i == a.length ? 1 : j == b.length ? -1 : a[i].compareTo(b[j]);
      if (c < 0) {
        p[n] = a[i];
        h[n++] = earlier.hashes[i++];
      } else {
        if (c == 0) {
          i++;
        }
        p[n] = b[j];
        h[n++] = later.hashes[j++];
      }
    }
    return new FieldFingerprints(
        n == b.length ? b : share(p, n), n == h.length ? h : Arrays.copyOf(h, n));
  }

  /** Whether every path of {@code b} is in {@code a} (both in ascending order). */
  private static boolean covers(FieldPath[] a, FieldPath[] b) {
    if (a == b) {
      return true;
    }
    if (b.length > a.length) {
      return false;
    }
    int i = 0;
    for (FieldPath p : b) {
      while (i < a.length && a[i] != p && a[i].compareTo(p) < 0) {
        i++;
      }
      if (i == a.length || (a[i] != p && !a[i].equals(p))) {
        return false;
      }
      i++;
    }
    return true;
  }

  private int indexOf(Object key) {
    if (!(key instanceof FieldPath path)) {
      return -1;
    }
    int lo = 0;
    int hi = paths.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = paths[mid].compareTo(path);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  public Long get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : hashes[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return paths.length;
  }

  @Override
  public boolean isEmpty() {
    return paths.length == 0;
  }

  @Override
  public boolean containsValue(Object value) {
    if (value instanceof Long v) {
      for (long h : hashes) {
        if (h == v) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Long put(FieldPath key, Long value) {
    throw new UnsupportedOperationException("immutable");
  }

  @Override
  public Long remove(Object key) {
    throw new UnsupportedOperationException("immutable");
  }

  @Override
  public void putAll(Map<? extends FieldPath, ? extends Long> m) {
    throw new UnsupportedOperationException("immutable");
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("immutable");
  }

  @Override
  public Set<FieldPath> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<FieldPath> iterator() {
        return Arrays.asList(paths).iterator();
      }

      @Override
      public boolean contains(Object o) {
        return indexOf(o) >= 0;
      }

      @Override
      public int size() {
        return paths.length;
      }
    };
  }

  @Override
  public Collection<Long> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<Long> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < paths.length;
          }

          @Override
          public Long next() {
            if (i >= paths.length) {
              throw new NoSuchElementException();
            }
            return hashes[i++];
          }
        };
      }

      @Override
      public int size() {
        return paths.length;
      }
    };
  }

  @Override
  public Set<Map.Entry<FieldPath, Long>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<FieldPath, Long>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < paths.length;
          }

          @Override
          public Map.Entry<FieldPath, Long> next() {
            if (i >= paths.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<FieldPath, Long> entry = Map.entry(paths[i], hashes[i]);
            i++;
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return paths.length;
      }
    };
  }

  @Override
  public void forEach(BiConsumer<? super FieldPath, ? super Long> action) {
    for (int i = 0; i < paths.length; i++) {
      action.accept(paths[i], hashes[i]);
    }
  }

  /** Equal to any map with the same mappings, as {@link Map#equals} requires. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != paths.length) {
      return false;
    }
    if (o instanceof FieldFingerprints f) {
      return Arrays.equals(paths, f.paths) && Arrays.equals(hashes, f.hashes);
    }
    try {
      for (int i = 0; i < paths.length; i++) {
        if (!Long.valueOf(hashes[i]).equals(m.get(paths[i]))) {
          return false;
        }
      }
    } catch (ClassCastException | NullPointerException e) {
      return false;
    }
    return true;
  }

  /** The sum of the entries' hash codes, as {@link Map#hashCode} requires. */
  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < paths.length; i++) {
      h += paths[i].hashCode() ^ Long.hashCode(hashes[i]);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < paths.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(paths[i]).append('=').append(hashes[i]);
    }
    return b.append('}').toString();
  }
}
