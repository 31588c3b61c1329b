package dev.retailsync.core.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The nickname table in {@code nicknames.txt}: each line is a group of given names that people use
 * for one another ({@code william: bill, billy, will, liam}). Two names are variants when they
 * share a group. A name may sit in several groups (Alex is Alexander and Alexandra).
 */
final class Nicknames {
  private static final Map<String, String> HEADS = new HashMap<>();
  private static final Map<String, long[]> GROUPS = load();

  private Nicknames() {}

  /** Returns whether two folded given names belong to a common nickname group. */
  static boolean variants(String a, String b) {
    long[] ga = GROUPS.get(a);
    long[] gb = GROUPS.get(b);
    if (ga == null || gb == null) {
      return false;
    }
    for (int i = 0; i < ga.length; i++) {
      if ((ga[i] & gb[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Returns a canonical form: the first group head the name belongs to, or the name itself. */
  static String canonical(String name) {
    return HEADS.getOrDefault(name, name);
  }

  private static Map<String, long[]> load() {
    Map<String, long[]> groups = new HashMap<>();
    try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.txt")) {
      if (in == null) {
        throw new IllegalStateException("nicknames.txt is missing from the sync-core jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      java.util.List<String[]> lines = new java.util.ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        lines.add(line.replace(":", ",").split(","));
      }
      int words = (lines.size() + 63) / 64;
      for (int g = 0; g < lines.size(); g++) {
        String head = null;
        for (String n : lines.get(g)) {
          String name = Text.fold(n);
          if (name.isEmpty()) {
            continue;
          }
          if (head == null) {
            head = name;
          }
          groups.computeIfAbsent(name, k -> new long[words])[g / 64] |= 1L << (g % 64);
          HEADS.putIfAbsent(name, head);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return groups;
  }
}
