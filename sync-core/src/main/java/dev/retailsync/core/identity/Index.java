package dev.retailsync.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalised records, their blocking index and the term frequencies of the fields that use them.
 * Not thread-safe; the resolver guards it.
 */
final class Index {
  private static final int TF_MIN_RECORDS = 100;
  private static final int INTERN_LIMIT = 50_000;

  final Scorer scorer;
  final List<Entry> entries = new ArrayList<>();
  private final BlockIndex blocks = new BlockIndex();
  private final List<Map<String, int[]>> terms = new ArrayList<>();
  private final int[] termTotals;
  private final List<Map<String, String>> interned = new ArrayList<>();
  private final java.util.concurrent.atomic.LongAdder skippedBlocks =
      new java.util.concurrent.atomic.LongAdder();

  Index(Scorer scorer) {
    this.scorer = scorer;
    int n = scorer.rules.length;
    termTotals = new int[n];
    for (int i = 0; i < n; i++) {
      terms.add(scorer.rules[i].termFrequency() ? new HashMap<>() : null);
      interned.add(new HashMap<>());
    }
  }

  Entry add(Entry e) {
    intern(e);
    entries.add(e);
    for (BlockingKey k : scorer.config.blockingKeys()) {
      String key = k.key(e);
      if (key != null) {
        blocks.add(BlockIndex.hash(key), e.index);
      }
    }
    for (int f = 0; f < terms.size(); f++) {
      Map<String, int[]> m = terms.get(f);
      if (m != null && e.values[f] != null) {
        m.computeIfAbsent(e.values[f], v -> new int[1])[0]++;
        termTotals[f]++;
      }
    }
    return e;
  }

  /**
   * Shares one string instance per distinct value of a field (names, towns, postcodes and dates
   * repeat a lot), so that a million records fit in far less memory. Each field's table stops
   * growing at {@link #INTERN_LIMIT} distinct values, so unique values such as e-mail addresses
   * cost nothing extra.
   */
  private void intern(Entry e) {
    for (int f = 0; f < e.values.length; f++) {
      String v = e.values[f];
      if (v == null) {
        continue;
      }
      Map<String, String> table = interned.get(f);
      String shared = table.get(v);
      if (shared != null) {
        e.values[f] = shared;
      } else if (table.size() < INTERN_LIMIT) {
        table.put(v, v);
      }
    }
  }

  int size() {
    return entries.size();
  }

  long skippedBlocks() {
    return skippedBlocks.sum();
  }

  /** Returns the sorted, distinct positions of the records sharing a key with {@code e}. */
  int[] candidates(Entry e) {
    int[] out = new int[16];
    int n = 0;
    int max = scorer.config.maxBlockSize();
    for (BlockingKey k : scorer.config.blockingKeys()) {
      String key = k.key(e);
      if (key == null) {
        continue;
      }
      int[] list = blocks.get(BlockIndex.hash(key));
      if (list == null) {
        continue;
      }
      int size = list[0];
      if (size > max) {
        skippedBlocks.increment();
        continue;
      }
      if (n + size > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, n + size));
      }
      for (int i = 1; i <= size; i++) {
        if (list[i] != e.index) {
          out[n++] = list[i];
        }
      }
    }
    Arrays.sort(out, 0, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || out[m - 1] != out[i]) {
        out[m++] = out[i];
      }
    }
    return Arrays.copyOf(out, m);
  }

  /**
   * Returns the relative frequency of a value of a term-frequency field, or {@code -1} when there
   * are too few records to tell.
   */
  double frequency(int field, String value) {
    Map<String, int[]> m = terms.get(field);
    if (m == null || termTotals[field] < TF_MIN_RECORDS) {
      return -1;
    }
    int[] c = m.get(value);
    return (c == null ? 1 : c[0]) / (double) termTotals[field];
  }
}
