package dev.retailsync.erp.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.VersionToken;
import dev.retailsync.erp.file.ImportCursor.Fingerprint;
import dev.retailsync.erp.file.internal.AtomicFiles;
import dev.retailsync.erp.file.internal.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import, export, index and reads of one entity type's files. All work on one type runs under one
 * lock: a directory is a single shared resource, and its files are not written concurrently.
 */
final class EntityChannel<T extends CanonicalEntity> {
  private static final Logger LOG = LoggerFactory.getLogger(EntityChannel.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final FileConnector.Settings s;
  private final FileLayout<T> layout;
  private final Codec<T> codec;
  private final Mirror<T> mirror;
  private final AtomicInteger exports = new AtomicInteger();
  private final Map<String, Fingerprint> fingerprints = new HashMap<>();
  private final Map<Fingerprint, ParsedFile<T>> parsed = new LinkedHashMap<>();

  EntityChannel(FileConnector.Settings settings, FileLayout<T> layout) {
    this.s = settings;
    this.layout = layout;
    this.codec = layout.codec(null);
    this.mirror = new Mirror<>(settings.state(), layout.prefix(), layout.entityType().javaType());
  }

  FileLayout<T> layout() {
    return layout;
  }

  // ---------------------------------------------------------------- export (the writer)

  List<WriteOutcome> upsert(List<WriteRequest<T>> batch) {
    synchronized (this) {
      WriteOutcome[] outcomes = new WriteOutcome[batch.size()];
      List<Integer> toWrite = new ArrayList<>();
      List<Mirror.Entry<T>> entries = new ArrayList<>();
      List<Codec.Encoded> encoded = new ArrayList<>();
      Map<String, Current<T>> pending;
      ErpError unreadable = null;
      try {
        pending = pending();
      } catch (IOException e) {
        // Records the mapping refuses are still refused; the others wait for the directory.
        pending = Map.of();
        unreadable = failure(e, "upsert");
      }
      Instant now = s.clock().instant();
      // A key written twice in one batch: the second write sees the first.
      Map<String, Current<T>> inBatch = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        WriteRequest<T> request = batch.get(i);
        T entity = request.entity();
        List<FieldError> problems = new ArrayList<>();
        String key = codec.key(entity);
        if (key == null || key.isBlank()) {
          problems.add(
              FieldError.redacted(
                  codec.keyField(),
                  "is required: it is the key column '"
                      + layout.headers().get(codec.keyField())
                      + "' the ERP matches records by"));
        }
        problems.addAll(codec.check(entity));
        Codec.Encoded enc = encode(entity);
        checkWritable(enc, problems);
        if (!problems.isEmpty()) {
          outcomes[i] =
              WriteOutcome.rejected(
                  request.key(),
                  "FILE_MAPPING",
                  "the record cannot be written to a " + layout.prefix() + " file: " + problems,
                  problems);
          continue;
        }
        if (unreadable != null) {
          outcomes[i] = unreadable.toOutcome(request.key());
          continue;
        }
        String version = version(enc);
        ExternalId id = ExternalId.of(s.system(), key);
        Current<T> current;
        try {
          current = inBatch.containsKey(key) ? inBatch.get(key) : current(key, pending);
        } catch (IOException e) {
          outcomes[i] = failure(e, "upsert").toOutcome(request.key());
          continue;
        }
        if (request.expectedVersion() != null
            && current != null
            && !current.version.equals(request.expectedVersion())) {
          outcomes[i] =
              ErpError.of(
                      ErpErrorKind.CONFLICT,
                      0,
                      "FILE_VERSION_CHANGED",
                      "the ERP's files changed "
                          + key
                          + " since version "
                          + request.expectedVersion()
                          + " (now "
                          + current.version
                          + ", from "
                          + current.file
                          + "); read it again and plan the write anew")
                  .withCurrentVersion(VersionToken.etag(current.version))
                  .toOutcome(request.key());
          continue;
        }
        if (current != null && current.version.equals(version)) {
          outcomes[i] = WriteOutcome.unchanged(request.key(), id, version);
          continue;
        }
        outcomes[i] =
            current == null
                ? WriteOutcome.created(request.key(), id, version)
                : WriteOutcome.updated(request.key(), id, version);
        toWrite.add(i);
        encoded.add(enc);
        T stored = roundTrip(entity, enc);
        entries.add(new Mirror.Entry<>(key, stored, version, now, null));
        inBatch.put(key, new Current<>(stored, version, now, "(this batch)"));
      }
      if (toWrite.isEmpty()) {
        return List.of(outcomes);
      }
      String name;
      try {
        name = export(encoded, now);
      } catch (IOException e) {
        ErpError error = failure(e, "export");
        for (int i : toWrite) {
          outcomes[i] = error.toOutcome(batch.get(i).key());
        }
        return List.of(outcomes);
      }
      List<Mirror.Entry<T>> withFile = new ArrayList<>();
      for (Mirror.Entry<T> e : entries) {
        withFile.add(new Mirror.Entry<>(e.key(), e.entity(), e.version(), e.at(), name));
      }
      try {
        mirror.put(withFile);
      } catch (IOException e) {
        // The file is out: the records are written. Without the index a repeated write exports
        // them once more, which the ERP applies as the same upsert by key.
        LOG.warn("exported {} but could not update the index: {}", name, e.toString());
      }
      return List.of(outcomes);
    }
  }

  private Codec.Encoded encode(T entity) {
    Codec.Encoded enc = codec.encode(entity);
    Map<String, String> header = new LinkedHashMap<>(enc.header());
    Extensions.encode(entity, header, layout.headers().keySet());
    return new Codec.Encoded(header, enc.lines());
  }

  private void checkWritable(Codec.Encoded enc, List<FieldError> problems) {
    CharsetEncoder encoder = s.charset().newEncoder();
    List<Map<String, String>> all = new ArrayList<>();
    all.add(enc.header());
    all.addAll(enc.lines());
    for (Map<String, String> values : all) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getValue() != null && !encoder.canEncode(e.getValue())) {
          problems.add(
              FieldError.redacted(
                  e.getKey(),
                  "holds characters "
                      + s.charset().name()
                      + " cannot write (column '"
                      + layout.headers().getOrDefault(e.getKey(), e.getKey())
                      + "'); the ERP's files are "
                      + s.charset().name()));
        }
      }
    }
  }

  private T roundTrip(T entity, Codec.Encoded enc) {
    // What the ERP will hold is what the file carries: read back through the same mapping.
    List<RowError> errors = new ArrayList<>();
    List<Codec.Values> lines = new ArrayList<>();
    for (Map<String, String> l : enc.lines()) {
      lines.add(new Codec.Values(nonNull(l), layout.headers(), "(export)", 0, errors));
    }
    try {
      Map<String, String> header = nonNull(enc.header());
      T back =
          codec.decode(new Codec.Values(header, layout.headers(), "(export)", 0, errors), lines);
      return back != null && errors.isEmpty() ? Extensions.apply(back, header) : entity;
    } catch (RuntimeException e) {
      return entity;
    }
  }

  private Map<String, String> nonNull(Map<String, String> values) {
    Map<String, String> m = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null && layout.headers().containsKey(k)) {
            m.put(k, v);
          }
        });
    return m;
  }

  private String export(List<Codec.Encoded> records, Instant now) throws IOException {
    Files.createDirectories(s.outbox());
    byte[] content =
        (s.format() == FileFormat.CSV ? csv(records) : jsonLines(records)).getBytes(s.charset());
    while (true) {
      String name =
          layout.prefix()
              + "-"
              + STAMP.format(now)
              + "-"
              + String.format("%04d", exports.incrementAndGet())
              + "."
              + s.format().extension();
      try {
        AtomicFiles.write(s.outbox().resolve(name), content, null);
        return name;
      } catch (FileAlreadyExistsException taken) {
        // An export of an earlier run in the same millisecond: take the next number.
      }
    }
  }

  private String csv(List<Codec.Encoded> records) {
    List<String> fields = new ArrayList<>(layout.headers().keySet());
    StringBuilder out = new StringBuilder();
    Csv.writeRow(out, new ArrayList<>(layout.headers().values()), s.delimiter());
    for (Codec.Encoded r : records) {
      List<Map<String, String>> lines = r.lines().isEmpty() ? List.of(Map.of()) : r.lines();
      for (Map<String, String> line : lines) {
        List<String> row = new ArrayList<>(fields.size());
        for (String f : fields) {
          String v = r.header().get(f);
          row.add(v != null ? v : line.get(f));
        }
        Csv.writeRow(out, row, s.delimiter());
      }
    }
    return out.toString();
  }

  private String jsonLines(List<Codec.Encoded> records) {
    Map<String, Boolean> numeric = new HashMap<>();
    Map<String, Boolean> line = new HashMap<>();
    codec.fields().forEach(f -> numeric.put(f.name(), f.numeric()));
    codec.fields().forEach(f -> line.put(f.name(), f.line()));
    StringBuilder out = new StringBuilder();
    for (Codec.Encoded r : records) {
      ObjectNode node = JSON.createObjectNode();
      put(node, r.header(), numeric);
      if (line.containsValue(true)) {
        ArrayNode arr = node.putArray("lines");
        for (Map<String, String> l : r.lines()) {
          put(arr.addObject(), l, numeric);
        }
      }
      out.append(node).append('\n');
    }
    return out.toString();
  }

  private void put(ObjectNode node, Map<String, String> values, Map<String, Boolean> numeric) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      String header = layout.headers().get(e.getKey());
      if (header == null || e.getValue() == null) {
        continue;
      }
      if (numeric.getOrDefault(e.getKey(), false)) {
        node.put(header, new BigDecimal(e.getValue()));
      } else {
        node.put(header, e.getValue());
      }
    }
  }

  private String version(Codec.Encoded enc) {
    StringBuilder b = new StringBuilder();
    for (String field : layout.headers().keySet()) {
      b.append(field).append('=').append(enc.header().get(field)).append('\u001f');
    }
    for (Map<String, String> l : enc.lines()) {
      b.append('\u001e');
      for (String field : layout.headers().keySet()) {
        if (l.containsKey(field)) {
          b.append(field).append('=').append(l.get(field)).append('\u001f');
        }
      }
    }
    return "\"" + sha256(b.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 20) + "\"";
  }

  // ---------------------------------------------------------------- reads

  List<RemoteRecord<T>> read(List<String> ids) {
    synchronized (this) {
      try {
        Map<String, Current<T>> pending = pending();
        List<RemoteRecord<T>> found = new ArrayList<>();
        for (String id : ids) {
          if (isRejectedRowId(id)) {
            // The dead letter of a rejected row is replayed by reading it again: say why not.
            throw new MappingException(
                "record",
                "row "
                    + id.substring(id.lastIndexOf('#') + 1)
                    + " of "
                    + id.substring(0, id.lastIndexOf('#'))
                    + " was rejected when the file was imported, and the file connector cannot"
                    + " read an archived row again: fix the row in the ERP, export it again, then"
                    + " purge this letter",
                null);
          }
          Current<T> c = current(id, pending);
          if (c != null) {
            found.add(new RemoteRecord<>(ExternalId.of(s.system(), id), c.entity, c.version, c.at));
          }
        }
        return found;
      } catch (IOException e) {
        throw failure(e, "read").toException(ErrorContext.of(s.system(), "read"));
      }
    }
  }

  List<T> all() {
    synchronized (this) {
      try {
        Map<String, Current<T>> view = new LinkedHashMap<>();
        for (Mirror.Entry<T> e : mirror.all()) {
          view.put(e.key(), current(e.key(), Map.of()));
        }
        pending().forEach((k, v) -> view.merge(k, v, (a, b) -> b.at.isBefore(a.at) ? a : b));
        List<T> list = new ArrayList<>();
        view.values().forEach(c -> list.add(c.entity));
        return list;
      } catch (IOException e) {
        throw failure(e, "read").toException(ErrorContext.of(s.system(), "read"));
      }
    }
  }

  /** The record as the ERP has it now, as far as its files tell, with its version and source. */
  private record Current<T>(T entity, String version, Instant at, String file) {}

  private Current<T> current(String key, Map<String, Current<T>> pending) throws IOException {
    Optional<Mirror.Entry<T>> m = mirror.get(key);
    Current<T> p = pending.get(key);
    if (m.isEmpty()) {
      return p;
    }
    Mirror.Entry<T> e = m.get();
    Current<T> known =
        new Current<>(e.entity(), e.version(), e.at(), e.file() == null ? "(index)" : e.file());
    return p != null && !p.at.isBefore(e.at()) ? p : known;
  }

  /** Records of inbox files not yet archived, newest file and row last. */
  private Map<String, Current<T>> pending() throws IOException {
    Map<String, Current<T>> view = new HashMap<>();
    for (Path file : inboxFiles()) {
      Fingerprint fp = fingerprint(file);
      if (s.ledger().contains(fp)) {
        continue;
      }
      ParsedFile<T> p = parsed(file, fp);
      for (ParsedFile.Parsed<T> r : p.records) {
        if (r.ok()) {
          view.put(
              r.key(),
              new Current<>(r.entity(), version(encode(r.entity())), p.modified, fp.name()));
        }
      }
    }
    return view;
  }

  // ---------------------------------------------------------------- import (the change feed)

  ChangePage<T> poll(Cursor cursor, int maxChanges) {
    ImportCursor at = ImportCursor.decode(cursor);
    synchronized (this) {
      try {
        return pollLocked(at, Math.max(1, maxChanges));
      } catch (IOException e) {
        throw failure(e, "poll").toException(ErrorContext.of(s.system(), "poll"));
      }
    }
  }

  private ChangePage<T> pollLocked(ImportCursor at, int max) throws IOException {
    List<Path> files = inboxFiles();
    // Files the host has confirmed (its cursor says they were read to the end) go to the archive.
    List<Fingerprint> done = new ArrayList<>();
    for (Fingerprint fp : at.done()) {
      Path file = s.inbox().resolve(fp.name());
      if (Files.isRegularFile(file) && fingerprint(file).equals(fp)) {
        archive(file, fp);
        files.remove(file);
      }
    }
    Path current = null;
    Fingerprint currentFp = null;
    int next = 0;
    if (at.current() != null) {
      Path file = s.inbox().resolve(at.current().name());
      if (files.contains(file) && fingerprint(file).equals(at.current())) {
        current = file;
        currentFp = at.current();
        next = at.next();
      } else {
        LOG.warn(
            "{} changed or disappeared while it was being imported; its remaining rows are not"
                + " imported",
            at.current().name());
      }
    }
    if (current == null) {
      for (Path file : files) {
        Fingerprint fp = fingerprint(file);
        if (s.ledger().contains(fp)) {
          LOG.info("{} was imported before (same name, size and content); archiving it", fp.name());
          archive(file, fp);
          continue;
        }
        current = file;
        currentFp = fp;
        next = 0;
        break;
      }
    }
    if (current == null) {
      return new ChangePage<>(List.of(), new ImportCursor(done, null, 0).encode(), false);
    }
    ParsedFile<T> p = parsed(current, currentFp);
    List<Change<T>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    List<Mirror.Entry<T>> imported = new ArrayList<>();
    int i = next;
    for (; i < p.records.size() && i - next < max; i++) {
      ParsedFile.Parsed<T> r = p.records.get(i);
      if (!r.ok()) {
        s.rejected().rejected(layout.entityType(), r.errors());
        rejected.add(rejection(currentFp, p, r));
        continue;
      }
      String version = version(encode(r.entity()));
      String rowId = currentFp.sha256().substring(0, 16) + ":" + r.row();
      changes.add(
          Change.builder(layout.entityType())
              .type(ChangeType.UPSERTED)
              .source(ExternalId.of(s.system(), r.key()))
              .entity(r.entity())
              .sourceTimestamp(p.modified)
              .sourceVersion(version)
              .correlationId(CorrelationId.of("file:" + currentFp.name() + "#" + r.row()))
              .idempotencyKey(IdempotencyKey.of("file:" + rowId))
              .build());
      imported.add(new Mirror.Entry<>(r.key(), r.entity(), version, p.modified, currentFp.name()));
    }
    mirror.put(imported);
    if (i < p.records.size()) {
      return new ChangePage<>(
          changes, rejected, new ImportCursor(done, currentFp, i).encode(), true);
    }
    done.add(currentFp);
    boolean more = false;
    for (Path file : files) {
      if (!file.equals(current) && !s.ledger().contains(fingerprint(file))) {
        more = true;
        break;
      }
    }
    return new ChangePage<>(changes, rejected, new ImportCursor(done, null, 0).encode(), more);
  }

  /** The source id of a rejected row: the file's name and the row, such as {@code a.csv#3}. */
  static String rejectedRowId(String file, int row) {
    return file + "#" + row;
  }

  /**
   * A rejected row as a feed rejection, so the engine keeps it as a dead letter: one field error
   * per offending column (without the row's values), the file's modification time and the first 16
   * hex digits of its SHA-256 as the version.
   */
  private FeedRejection rejection(Fingerprint fp, ParsedFile<T> p, ParsedFile.Parsed<T> r) {
    List<FieldError> errors = new ArrayList<>();
    for (RowError e : r.errors()) {
      errors.add(
          FieldError.redacted(
              e.column().isBlank() ? "(row)" : e.column(),
              e.message().isBlank() ? "could not be imported" : e.message()));
    }
    return new FeedRejection(
        ExternalId.of(s.system(), rejectedRowId(fp.name(), r.row())),
        errors,
        "row "
            + r.row()
            + " of "
            + fp.name()
            + " could not be imported; the file connector cannot read an archived row again, so"
            + " fix the row in the ERP and export it again, then purge this letter (the errors are"
            + " also in "
            + fp.name()
            + ".rejected.csv beside the archived file)",
        p.modified,
        fp.sha256().substring(0, 16));
  }

  /**
   * Tells whether an id names a rejected row of one of this channel's files ({@code <file>#<row>})
   * rather than a record's key.
   */
  private boolean isRejectedRowId(String id) {
    int hash = id.lastIndexOf('#');
    if (hash <= 0 || hash == id.length() - 1) {
      return false;
    }
    for (int k = hash + 1; k < id.length(); k++) {
      if (!Character.isDigit(id.charAt(k))) {
        return false;
      }
    }
    return mine(id.substring(0, hash));
  }

  private void archive(Path file, Fingerprint fp) throws IOException {
    ParsedFile<T> p = parsed(file, fp);
    Files.createDirectories(s.archive());
    StringBuilder report = new StringBuilder();
    for (ParsedFile.Parsed<T> r : p.records) {
      for (RowError e : r.errors()) {
        if (report.length() == 0) {
          Csv.writeRow(report, List.of("row", "column", "message"), ',');
        }
        Csv.writeRow(report, List.of(Integer.toString(e.row()), e.column(), e.message()), ',');
      }
    }
    String name = fp.name();
    if (Files.exists(s.archive().resolve(name))) {
      name = name + "." + fp.sha256().substring(0, 12);
    }
    if (report.length() > 0 && !Files.exists(s.archive().resolve(name + ".rejected.csv"))) {
      AtomicFiles.write(
          s.archive().resolve(name + ".rejected.csv"),
          report.toString().getBytes(StandardCharsets.UTF_8),
          null);
    }
    // Ledger first: a crash before the move leaves a file the ledger knows, archived next poll.
    s.ledger().add(fp, s.clock().instant());
    if (!Files.exists(s.archive().resolve(name))) {
      Files.move(file, s.archive().resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.delete(file);
    }
    parsed.remove(fp);
  }

  private List<Path> inboxFiles() throws IOException {
    if (!Files.isDirectory(s.inbox())) {
      if (Files.exists(s.inbox())) {
        throw new java.nio.file.NotDirectoryException(s.inbox().toString());
      }
      return new ArrayList<>();
    }
    try (Stream<Path> list = Files.list(s.inbox())) {
      List<Path> files =
          new ArrayList<>(
              list.filter(Files::isRegularFile)
                  .filter(f -> mine(f.getFileName().toString()))
                  .sorted()
                  .toList());
      if (!s.settle().isZero()) {
        // An ERP that writes in place: leave a file alone until it has not changed for a while.
        Instant settled = s.clock().instant().minus(s.settle());
        List<Path> ready = new ArrayList<>();
        for (Path f : files) {
          if (!Files.getLastModifiedTime(f).toInstant().isAfter(settled)) {
            ready.add(f);
          }
        }
        return ready;
      }
      return files;
    }
  }

  private boolean mine(String name) {
    return !AtomicFiles.inProgress(name)
        && name.startsWith(layout.prefix())
        && (name.endsWith("." + FileFormat.CSV.extension())
            || name.endsWith("." + FileFormat.JSON_LINES.extension()));
  }

  private Fingerprint fingerprint(Path file) throws IOException {
    String cacheKey =
        file.getFileName() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
    Fingerprint fp = fingerprints.get(cacheKey);
    if (fp == null) {
      MessageDigest digest = digest();
      long size = 0;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
          digest.update(buf, 0, n);
          size += n;
        }
      }
      fp =
          new Fingerprint(
              file.getFileName().toString(), size, HexFormat.of().formatHex(digest.digest()));
      if (fingerprints.size() > 1024) {
        fingerprints.clear();
      }
      fingerprints.put(cacheKey, fp);
    }
    return fp;
  }

  private ParsedFile<T> parsed(Path file, Fingerprint fp) throws IOException {
    ParsedFile<T> p = parsed.get(fp);
    if (p == null) {
      byte[] bytes = Files.readAllBytes(file);
      if (!sha256(bytes).equals(fp.sha256())) {
        fingerprints.clear();
        throw new IOException(fp.name() + " changed while it was being read; try again");
      }
      p =
          ParsedFile.parse(
              fp,
              Files.getLastModifiedTime(file).toInstant(),
              bytes,
              layout,
              s.charset(),
              s.delimiter());
      if (parsed.size() >= 8) {
        parsed.remove(parsed.keySet().iterator().next());
      }
      parsed.put(fp, p);
    }
    return p;
  }

  private ErpError failure(IOException e, String what) {
    ErpErrorKind kind =
        e instanceof AccessDeniedException ? ErpErrorKind.PERMISSION : ErpErrorKind.TRANSIENT;
    return ErpError.of(
        kind,
        0,
        kind == ErpErrorKind.PERMISSION ? "FILE_ACCESS_DENIED" : "FILE_IO",
        what
            + " in "
            + s.root()
            + " failed: "
            + e.getClass().getSimpleName()
            + " "
            + e.getMessage()
            + (kind == ErpErrorKind.PERMISSION
                ? "; grant the process read and write access to the exchange directories"
                : "; the exchange directory may be offline, retry later"));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
