package dev.retailsync.erp.file.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.erp.file.internal.AtomicFiles;
import dev.retailsync.erp.file.internal.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An ERP that exchanges flat files, in-process, for tests: it picks up the files the connector
 * exports into the outbox (CSV or JSON Lines), applies them to its tables as upserts by key column,
 * and drops export files of its changed records into the inbox, written under a hidden temporary
 * name and renamed, stamped with the test's clock. Its state can be inspected and changed ("edited
 * in the ERP's own screens"), and its file share can be taken offline.
 *
 * <p>Default key columns follow the connector's default layouts: {@code customers} by {@code
 * customer_no}, {@code inventory} by {@code sku} and {@code location}, {@code orders} by {@code
 * order_no} and {@code shipments} by {@code shipment_no} (one row per line: rows of one number in a
 * file are that document's lines; elsewhere a later row of the same key replaces an earlier one).
 *
 * <p>Thread-safe; no JUnit or other test library needed.
 */
public final class FakeFileErp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path inbox;
  private final Path outbox;
  private final Path processed;
  private final Clock clock;
  private final Map<String, List<String>> keyColumns = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Map<String, String>>>> tables = new TreeMap<>();
  private final Map<String, Set<String>> changed = new TreeMap<>();
  private final Set<String> multiRow = new LinkedHashSet<>(List.of("orders", "shipments"));
  private final List<String> consumed = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();
  private int sequence;

  /**
   * Creates an ERP exchanging files through the connector's default folders of {@code directory}.
   *
   * @param directory the exchange directory ({@code inbox} and {@code outbox} in it)
   * @param clock the clock that stamps the files it drops
   */
  public FakeFileErp(Path directory, Clock clock) {
    this.inbox = directory.resolve("inbox");
    this.outbox = directory.resolve("outbox");
    this.processed = directory.resolve("erp-processed");
    this.clock = clock;
    keyColumns.put("customers", List.of("customer_no"));
    keyColumns.put("inventory", List.of("sku", "location"));
    keyColumns.put("orders", List.of("order_no"));
    keyColumns.put("shipments", List.of("shipment_no"));
  }

  /**
   * Sets the key columns of one file prefix.
   *
   * @param prefix the file prefix, such as {@code customers}
   * @param headers the columns whose values identify a record
   * @return this ERP
   */
  public synchronized FakeFileErp keyColumns(String prefix, String... headers) {
    keyColumns.put(prefix, List.of(headers));
    return this;
  }

  /**
   * Runs one exchange cycle, as the ERP's scheduled job does: imports every outbox file, then
   * exports its changed records to the inbox.
   *
   * @return the names of the files it dropped into the inbox
   */
  public synchronized List<String> exchange() {
    consumeOutbox();
    return exportChanges();
  }

  /**
   * Imports every complete file in the outbox, in name order, and moves it out of the outbox.
   *
   * @return the names of the files imported
   */
  public synchronized List<String> consumeOutbox() {
    List<String> names = new ArrayList<>();
    try {
      if (!Files.isDirectory(outbox)) {
        return names;
      }
      List<Path> files;
      try (Stream<Path> list = Files.list(outbox)) {
        files =
            list.filter(Files::isRegularFile)
                .filter(f -> !AtomicFiles.inProgress(f.getFileName().toString()))
                .sorted()
                .toList();
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        String prefix = prefixOf(name);
        List<Map<String, String>> rows =
            name.endsWith(".jsonl")
                ? jsonRows(Files.readString(f, StandardCharsets.UTF_8))
                : csvRows(Files.readString(f, StandardCharsets.UTF_8));
        apply(prefix, rows);
        Files.createDirectories(processed);
        Files.move(f, processed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        consumed.add(name);
        names.add(name);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops one CSV file per prefix with the records changed since the last export into the inbox.
   *
   * @return the names of the files dropped
   */
  public synchronized List<String> exportChanges() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : changed.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Map<String, List<Map<String, String>>> table = tables.get(e.getKey());
      Set<String> columns = new LinkedHashSet<>();
      List<Map<String, String>> rows = new ArrayList<>();
      for (String key : e.getValue()) {
        for (Map<String, String> row : table.get(key)) {
          columns.addAll(row.keySet());
          rows.add(row);
        }
      }
      StringBuilder csv = new StringBuilder();
      Csv.writeRow(csv, new ArrayList<>(columns), ',');
      for (Map<String, String> row : rows) {
        List<String> fields = new ArrayList<>();
        columns.forEach(c -> fields.add(row.getOrDefault(c, "")));
        Csv.writeRow(csv, fields, ',');
      }
      String name =
          e.getKey() + "-erp-" + STAMP.format(clock.instant()) + "-" + (++sequence) + ".csv";
      drop(name, csv.toString());
      names.add(name);
      e.getValue().clear();
    }
    return names;
  }

  /**
   * Changes one column of a record, as a user does in the ERP's screens; the next export carries
   * it. For an order, every line row of the order gets the value.
   *
   * @param prefix the file prefix, such as {@code customers}
   * @param key the record's key (key column values joined by {@code @})
   * @param column the column
   * @param value the new value
   * @throws IllegalArgumentException if the ERP has no such record
   */
  public synchronized void change(String prefix, String key, String column, String value) {
    List<Map<String, String>> rows = tables.getOrDefault(prefix, Map.of()).get(key);
    if (rows == null) {
      throw new IllegalArgumentException("the ERP has no " + prefix + " record " + key);
    }
    for (Map<String, String> row : rows) {
      row.put(column, value);
    }
    changed.computeIfAbsent(prefix, p -> new LinkedHashSet<>()).add(key);
  }

  /**
   * Creates or replaces records in the ERP's tables, as its users do; the next export carries them.
   *
   * @param prefix the file prefix
   * @param rows the rows, by column header
   */
  public synchronized void put(String prefix, List<Map<String, String>> rows) {
    apply(prefix, rows);
  }

  /**
   * Drops a file into the inbox atomically, stamped with the clock, as the ERP's export job does.
   *
   * @param name the file name
   * @param content the content, written as UTF-8
   */
  public synchronized void drop(String name, String content) {
    try {
      Files.createDirectories(inbox);
      AtomicFiles.write(
          inbox.resolve(name), content.getBytes(StandardCharsets.UTF_8), clock.instant());
      dropped.add(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the ERP's records of one prefix: key to the record's rows (one, or one per order line).
   *
   * @param prefix the file prefix
   * @return a copy of the table
   */
  public synchronized Map<String, List<Map<String, String>>> records(String prefix) {
    Map<String, List<Map<String, String>>> copy = new TreeMap<>();
    tables
        .getOrDefault(prefix, Map.of())
        .forEach(
            (k, rows) -> {
              List<Map<String, String>> list = new ArrayList<>();
              rows.forEach(r -> list.add(Map.copyOf(r)));
              copy.put(k, List.copyOf(list));
            });
    return copy;
  }

  /**
   * Returns the outbox files the ERP has imported, in order.
   *
   * @return the file names
   */
  public synchronized List<String> consumedFiles() {
    return List.copyOf(consumed);
  }

  /**
   * Returns the files the ERP has dropped into the inbox, in order.
   *
   * @return the file names
   */
  public synchronized List<String> droppedFiles() {
    return List.copyOf(dropped);
  }

  /**
   * Takes the file share offline: the outbox and inbox folders are replaced by plain files, so
   * every write or listing in them fails with an I/O error, as on an unmounted share.
   */
  public synchronized void takeShareOffline() {
    try {
      for (Path dir : List.of(inbox, outbox)) {
        Path parked = dir.resolveSibling(dir.getFileName() + ".offline");
        if (Files.exists(dir)) {
          Files.move(dir, parked);
        }
        Files.writeString(dir, "offline");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Brings the file share back online with its content. */
  public synchronized void bringShareOnline() {
    try {
      for (Path dir : List.of(inbox, outbox)) {
        Path parked = dir.resolveSibling(dir.getFileName() + ".offline");
        if (Files.isRegularFile(dir)) {
          Files.delete(dir);
        }
        if (Files.exists(parked)) {
          Files.move(parked, dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void apply(String prefix, List<Map<String, String>> rows) {
    List<String> keys = keyColumns.get(prefix);
    if (keys == null) {
      throw new IllegalArgumentException("no key columns for files named " + prefix + "*");
    }
    Map<String, List<Map<String, String>>> table =
        tables.computeIfAbsent(prefix, p -> new TreeMap<>());
    Map<String, List<Map<String, String>>> byKey = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      List<String> parts = new ArrayList<>();
      keys.forEach(k -> parts.add(row.getOrDefault(k, "")));
      String key = String.join("@", parts);
      if (!multiRow.contains(prefix)) {
        // A record written twice in one file: the later row wins, as an upsert by key does.
        byKey.remove(key);
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new LinkedHashMap<>(row));
    }
    byKey.forEach(
        (key, list) -> {
          table.put(key, list);
          changed.computeIfAbsent(prefix, p -> new LinkedHashSet<>()).add(key);
        });
  }

  private String prefixOf(String name) {
    for (String prefix : keyColumns.keySet()) {
      if (name.startsWith(prefix)) {
        return prefix;
      }
    }
    throw new IllegalArgumentException("the ERP does not know files named " + name);
  }

  private static List<Map<String, String>> csvRows(String text) {
    List<Csv.Row> rows = Csv.parse(text, ',');
    List<Map<String, String>> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = rows.get(0).fields();
    for (Csv.Row r : rows.subList(1, rows.size())) {
      if (r.problem() != null || r.fields().size() != header.size()) {
        throw new IllegalStateException(
            "the ERP cannot read row " + r.number() + ": " + r.problem());
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), r.fields().get(i));
      }
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, String>> jsonRows(String text) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      Map<String, String> head = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("lines")) {
          head.put(
              e.getKey(),
              e.getValue().isNumber()
                  ? e.getValue().decimalValue().toPlainString()
                  : e.getValue().asText());
        }
      }
      JsonNode lines = node.get("lines");
      if (lines == null || lines.isEmpty()) {
        out.add(head);
        continue;
      }
      for (JsonNode l : lines) {
        Map<String, String> row = new LinkedHashMap<>(head);
        for (Map.Entry<String, JsonNode> e : l.properties()) {
          row.put(
              e.getKey(),
              e.getValue().isNumber()
                  ? e.getValue().decimalValue().toPlainString()
                  : e.getValue().asText());
        }
        out.add(row);
      }
    }
    return out;
  }
}
