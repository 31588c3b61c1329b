package dev.retailsync.core.identity;

import java.util.Arrays;

/**
 * The blocking index: 64-bit key hashes to the positions of the records that have the key, in an
 * open-addressing table so that a million records with several keys each fit in little memory. Not
 * thread-safe; the resolver guards it. A hash collision only adds candidates, it never loses one.
 */
final class BlockIndex {
  private long[] keys = new long[1024];
  private int[][] lists = new int[1024][];
  private int size;

  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  void add(long key, int record) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int slot = slot(key);
    int[] list = lists[slot];
    if (list == null) {
      keys[slot] = key;
      lists[slot] = new int[] {1, record};
      size++;
      return;
    }
    int n = list[0];
    if (n + 1 == list.length) {
      list = Arrays.copyOf(list, list.length * 2);
      lists[slot] = list;
    }
    list[n + 1] = record;
    list[0] = n + 1;
  }

  /** Returns the list ({@code [size, r1, r2, ...]}) for a key, or {@code null}. */
  int[] get(long key) {
    return lists[slot(key)];
  }

  int keys() {
    return size;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (lists[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[][] oldLists = lists;
    keys = new long[oldKeys.length * 2];
    lists = new int[oldKeys.length * 2][];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldLists[i] != null) {
        int s = slot(oldKeys[i]);
        keys[s] = oldKeys[i];
        lists[s] = oldLists[i];
      }
    }
  }
}
