package dev.retailsync.erp.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.core.json.CanonicalJson;
import dev.retailsync.erp.file.internal.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's local index of one entity type: for each key, the record as last exported to or
 * imported from the ERP, with its version and when. It decides whether an upsert creates, updates
 * or changes nothing, answers reads, and holds the version a write is checked against. Kept as an
 * append-only journal ({@code <prefix>.index.jsonl} in the state directory, last line per key
 * wins), compacted when it holds more than twice as many lines as keys.
 */
final class Mirror<T extends CanonicalEntity> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record as the ERP has it (as far as the files tell). */
  record Entry<T>(String key, T entity, String version, Instant at, String file) {}

  private final Path journal;
  private final Class<T> type;
  private Map<String, Entry<T>> entries;
  private long lines;

  Mirror(Path stateDir, String prefix, Class<T> type) {
    this.journal = stateDir.resolve(prefix + ".index.jsonl");
    this.type = type;
  }

  synchronized Optional<Entry<T>> get(String key) throws IOException {
    return Optional.ofNullable(load().get(key));
  }

  synchronized List<Entry<T>> all() throws IOException {
    return List.copyOf(load().values());
  }

  synchronized void put(List<Entry<T>> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, Entry<T>> map = load();
    StringBuilder text = new StringBuilder();
    for (Entry<T> e : batch) {
      text.append(line(e)).append('\n');
    }
    Files.createDirectories(journal.getParent());
    try (FileChannel ch =
        FileChannel.open(
            journal,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    for (Entry<T> e : batch) {
      map.put(e.key(), e);
    }
    lines += batch.size();
  }

  private Map<String, Entry<T>> load() throws IOException {
    if (entries != null) {
      return entries;
    }
    Map<String, Entry<T>> map = new LinkedHashMap<>();
    long count = 0;
    if (Files.exists(journal)) {
      for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Entry<T> e;
        try {
          e = parse(line);
        } catch (IOException | RuntimeException torn) {
          // A line cut short by a crash while appending: the write it records is retried.
          continue;
        }
        map.remove(e.key());
        map.put(e.key(), e);
        count++;
      }
    }
    entries = map;
    lines = count;
    if (lines > 2L * map.size() + 64) {
      compact();
    }
    return entries;
  }

  private void compact() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Entry<T> e : entries.values()) {
      text.append(line(e)).append('\n');
    }
    Path next = journal.resolveSibling(journal.getFileName() + ".compact");
    Files.deleteIfExists(next);
    AtomicFiles.write(next, text.toString().getBytes(StandardCharsets.UTF_8), null);
    Files.move(next, journal, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    lines = entries.size();
  }

  private String line(Entry<T> e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", e.key());
    n.put("version", e.version());
    n.put("at", e.at().toString());
    n.put("file", e.file());
    n.put("entity", CanonicalJson.create().write(e.entity()));
    return n.toString();
  }

  private Entry<T> parse(String line) throws IOException {
    JsonNode n = JSON.readTree(line);
    return new Entry<>(
        n.get("key").asText(),
        CanonicalJson.create().read(n.get("entity").asText(), type),
        n.get("version").asText(),
        Instant.parse(n.get("at").asText()),
        n.get("file").asText());
  }
}
