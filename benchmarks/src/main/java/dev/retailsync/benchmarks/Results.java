package dev.retailsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one benchmark run: printed as a table and written as JSON Lines to {@code
 * benchmarks/target/results/NAME.jsonl}, one object per row with at least {@code case} and {@code
 * engine}.
 */
final class Results {
  private final String name;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  Results(String name) {
    this.name = name;
  }

  /** Adds a row; keys keep their order in the table. */
  void add(Map<String, Object> row) {
    if (!row.containsKey("case") || !row.containsKey("engine")) {
      throw new IllegalArgumentException("a row needs 'case' and 'engine': " + row);
    }
    rows.add(new LinkedHashMap<>(row));
  }

  /** Prints the table and writes the JSON Lines file. */
  void publish() {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    Map<String, Integer> width = new LinkedHashMap<>();
    for (String c : columns) {
      int w = c.length();
      for (Map<String, Object> r : rows) {
        w = Math.max(w, format(r.get(c)).length());
      }
      width.put(c, w);
    }
    StringBuilder sb = new StringBuilder("\n");
    for (String c : columns) {
      sb.append(String.format("%-" + width.get(c) + "s  ", c));
    }
    sb.append('\n');
    for (String c : columns) {
      sb.append("-".repeat(width.get(c))).append("  ");
    }
    sb.append('\n');
    for (Map<String, Object> r : rows) {
      for (String c : columns) {
        sb.append(String.format("%-" + width.get(c) + "s  ", format(r.get(c))));
      }
      sb.append('\n');
    }
    System.out.println(sb);
    Path dir = Path.of("benchmarks", "target", "results");
    StringBuilder jsonl = new StringBuilder();
    for (Map<String, Object> r : rows) {
      jsonl.append(json(r)).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".jsonl"), jsonl, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("rows written to " + dir.resolve(name + ".jsonl"));
  }

  private static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d >= 100 ? String.format("%,.0f", d) : String.format("%.3f", d);
    }
    return v.toString();
  }

  private static String json(Map<String, Object> row) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      if (v instanceof Number) {
        sb.append(v);
      } else {
        sb.append('"')
            .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return sb.append('}').toString();
  }
}
