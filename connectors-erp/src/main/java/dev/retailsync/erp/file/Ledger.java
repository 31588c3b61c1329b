package dev.retailsync.erp.file;

import dev.retailsync.erp.file.ImportCursor.Fingerprint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The files imported for good (read to the end, the host's cursor past them, and archived), by
 * name, size and content hash, appended to {@code imported-files.log} in the state directory: a
 * file dropped again with the same name and content is not imported twice, even after the host lost
 * its cursor.
 */
final class Ledger {
  private final Path file;
  private Set<Fingerprint> entries;

  Ledger(Path stateDir) {
    this.file = stateDir.resolve("imported-files.log");
  }

  synchronized boolean contains(Fingerprint fp) throws IOException {
    return load().contains(fp);
  }

  synchronized void add(Fingerprint fp, Instant at) throws IOException {
    if (load().contains(fp)) {
      return;
    }
    String line = fp.sha256() + "\t" + fp.size() + "\t" + fp.name() + "\t" + at + "\n";
    Files.createDirectories(file.getParent());
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    entries.add(fp);
  }

  private Set<Fingerprint> load() throws IOException {
    if (entries == null) {
      Set<Fingerprint> set = new HashSet<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] p = line.split("\t");
          // A torn last line (a crash while appending) is ignored: the file is archived again.
          if (p.length == 4) {
            set.add(new Fingerprint(p[2], Long.parseLong(p[1]), p[0]));
          }
        }
      }
      entries = set;
    }
    return entries;
  }
}
