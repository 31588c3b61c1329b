package dev.retailsync.erp.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.erp.file.internal.Csv;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inbox file read into records: each a canonical entity or the errors that kept it out, in file
 * order. A file whose header cannot be read is one rejected record naming the header's problems.
 */
final class ParsedFile<T extends CanonicalEntity> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record of the file: its index among the records, its first row, and entity or errors. */
  record Parsed<T>(int index, int row, String key, T entity, List<RowError> errors) {
    boolean ok() {
      return entity != null;
    }
  }

  final ImportCursor.Fingerprint fingerprint;
  final Instant modified;
  final List<Parsed<T>> records;

  private ParsedFile(ImportCursor.Fingerprint fp, Instant modified, List<Parsed<T>> records) {
    this.fingerprint = fp;
    this.modified = modified;
    this.records = List.copyOf(records);
  }

  static <T extends CanonicalEntity> ParsedFile<T> parse(
      ImportCursor.Fingerprint fp,
      Instant modified,
      byte[] bytes,
      FileLayout<T> layout,
      Charset charset,
      char delimiter) {
    Reader<T> r = new Reader<>(fp.name(), layout, layout.codec(modified));
    String text;
    try {
      text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      r.fileError(
          "(file)", "is not valid " + charset.name() + " text; export it as " + charset.name());
      return new ParsedFile<>(fp, modified, r.out);
    }
    if (fp.name().endsWith("." + FileFormat.JSON_LINES.extension())) {
      r.jsonLines(text);
    } else {
      r.csv(text, delimiter);
    }
    return new ParsedFile<>(fp, modified, r.out);
  }

  private static final class Reader<T extends CanonicalEntity> {
    final String file;
    final FileLayout<T> layout;
    final Codec<T> codec;
    final Map<String, String> fieldOfHeader = new HashMap<>();
    final Map<String, Boolean> isLineField = new HashMap<>();
    final List<Parsed<T>> out = new ArrayList<>();

    Reader(String file, FileLayout<T> layout, Codec<T> codec) {
      this.file = file;
      this.layout = layout;
      this.codec = codec;
      layout.headers().forEach((field, header) -> fieldOfHeader.put(header, field));
      codec.fields().forEach(f -> isLineField.put(f.name(), f.line()));
    }

    boolean hasLines() {
      return codec.fields().stream().anyMatch(Codec.FieldDef::line);
    }

    void fileError(String column, String message) {
      out.add(
          new Parsed<>(out.size(), 1, null, null, List.of(new RowError(file, 1, column, message))));
    }

    void csv(String text, char delimiter) {
      List<Csv.Row> rows = Csv.parse(text, delimiter);
      if (rows.isEmpty()) {
        return;
      }
      Csv.Row head = rows.get(0);
      List<RowError> headerErrors = new ArrayList<>();
      List<String> fields = new ArrayList<>();
      if (head.problem() != null) {
        headerErrors.add(new RowError(file, head.number(), "(header)", head.problem()));
      }
      for (String h : head.fields()) {
        String header = h.strip();
        String field = fieldOfHeader.get(header);
        if (field == null && !layout.ignoredColumns().contains(header)) {
          headerErrors.add(unknownColumn(head.number(), header));
        }
        if (field != null && fields.contains(field)) {
          headerErrors.add(
              new RowError(file, head.number(), header, "appears twice in the header"));
        }
        fields.add(field);
      }
      String keyHeader = layout.headers().get(codec.keyField());
      if (!fields.contains(codec.keyField())) {
        headerErrors.add(
            new RowError(
                file,
                head.number(),
                keyHeader,
                "the key column is missing from the header; every "
                    + layout.entityType()
                    + " row needs it"));
      }
      if (!headerErrors.isEmpty()) {
        out.add(new Parsed<>(0, head.number(), null, null, headerErrors));
        return;
      }
      List<Map<String, String>> group = new ArrayList<>();
      List<Integer> groupRows = new ArrayList<>();
      String groupKey = null;
      for (Csv.Row row : rows.subList(1, rows.size())) {
        String problem = row.problem();
        if (problem == null && row.fields().size() != fields.size()) {
          problem =
              "has "
                  + row.fields().size()
                  + " fields but the header has "
                  + fields.size()
                  + "; quote values that contain the delimiter";
        }
        if (problem != null) {
          flush(group, groupRows);
          groupKey = null;
          out.add(
              new Parsed<>(
                  out.size(),
                  row.number(),
                  null,
                  null,
                  List.of(new RowError(file, row.number(), "(row)", problem))));
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          if (fields.get(i) != null) {
            values.put(fields.get(i), row.fields().get(i));
          }
        }
        String key = values.getOrDefault(codec.keyField(), "").strip();
        if (!hasLines() || key.isEmpty() || !key.equals(groupKey)) {
          flush(group, groupRows);
          groupKey = key.isEmpty() ? null : key;
        }
        group.add(values);
        groupRows.add(row.number());
      }
      flush(group, groupRows);
    }

    void flush(List<Map<String, String>> group, List<Integer> rows) {
      if (group.isEmpty()) {
        return;
      }
      List<RowError> errors = new ArrayList<>();
      Map<String, String> header = new LinkedHashMap<>(group.get(0));
      List<Codec.Values> lines = new ArrayList<>();
      if (hasLines()) {
        for (int i = 0; i < group.size(); i++) {
          Map<String, String> row = group.get(i);
          for (Map.Entry<String, String> e : row.entrySet()) {
            if (!isLineField.getOrDefault(e.getKey(), false)
                && !e.getValue().strip().equals(header.getOrDefault(e.getKey(), "").strip())) {
              errors.add(
                  new RowError(
                      file,
                      rows.get(i),
                      layout.headers().get(e.getKey()),
                      "differs from the order's first row ("
                          + rows.get(0)
                          + "); an order's columns repeat unchanged on each of its lines"));
            }
          }
          boolean emptyLine =
              row.entrySet().stream()
                  .allMatch(
                      e -> !isLineField.getOrDefault(e.getKey(), false) || e.getValue().isBlank());
          if (!emptyLine) {
            lines.add(new Codec.Values(row, layout.headers(), file, rows.get(i), errors));
          }
        }
      }
      decode(new Codec.Values(header, layout.headers(), file, rows.get(0), errors), lines, errors);
      group.clear();
      rows.clear();
    }

    void jsonLines(String text) {
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        int row = i + 1;
        String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
        if (line.isBlank()) {
          continue;
        }
        List<RowError> errors = new ArrayList<>();
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (java.io.IOException e) {
          node = null;
        }
        if (node == null || !node.isObject()) {
          out.add(
              new Parsed<>(
                  out.size(),
                  row,
                  null,
                  null,
                  List.of(
                      new RowError(
                          file, row, "(row)", "is not a JSON object on one line (JSON Lines)"))));
          continue;
        }
        Map<String, String> header = values(node, row, false, errors);
        List<Codec.Values> lineValues = new ArrayList<>();
        JsonNode arr = node.get("lines");
        if (hasLines() && arr != null && !arr.isNull()) {
          if (!arr.isArray()) {
            errors.add(new RowError(file, row, "lines", "must be an array of line objects"));
          } else {
            for (JsonNode l : arr) {
              if (!l.isObject()) {
                errors.add(new RowError(file, row, "lines", "holds something other than objects"));
                continue;
              }
              lineValues.add(
                  new Codec.Values(
                      values(l, row, true, errors), layout.headers(), file, row, errors));
            }
          }
        }
        decode(new Codec.Values(header, layout.headers(), file, row, errors), lineValues, errors);
      }
    }

    Map<String, String> values(JsonNode obj, int row, boolean line, List<RowError> errors) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        String header = e.getKey();
        if (!line && header.equals("lines") && hasLines()) {
          continue;
        }
        String field = fieldOfHeader.get(header);
        if (field == null || isLineField.getOrDefault(field, false) != line) {
          if (!layout.ignoredColumns().contains(header)) {
            errors.add(unknownColumn(row, header));
          }
          continue;
        }
        JsonNode v = e.getValue();
        if (v.isNull()) {
          continue;
        }
        if (v.isContainerNode()) {
          errors.add(new RowError(file, row, header, "must be a string, number or boolean"));
          continue;
        }
        values.put(field, v.isNumber() ? v.decimalValue().toPlainString() : v.asText());
      }
      return values;
    }

    RowError unknownColumn(int row, String header) {
      return new RowError(
          file,
          row,
          header,
          "is not a column of the "
              + layout.prefix()
              + " layout; map it with FileLayout.column(field, \""
              + header
              + "\") or accept it with ignoreColumn(\""
              + header
              + "\")");
    }

    void decode(Codec.Values header, List<Codec.Values> lines, List<RowError> errors) {
      T entity = null;
      try {
        entity = codec.decode(header, lines);
        if (entity != null) {
          entity = Extensions.apply(entity, header.raw());
        }
      } catch (ValidationException e) {
        for (FieldError f : e.errors()) {
          String column = layout.headers().getOrDefault(f.path(), f.path());
          errors.add(new RowError(file, header.row(), column, f.message()));
        }
        if (e.errors().isEmpty()) {
          errors.add(new RowError(file, header.row(), "(row)", e.getMessage()));
        }
      }
      if (!errors.isEmpty() || entity == null) {
        if (errors.isEmpty()) {
          errors.add(new RowError(file, header.row(), "(row)", "could not be read"));
        }
        out.add(new Parsed<>(out.size(), header.row(), null, null, List.copyOf(errors)));
      } else {
        out.add(new Parsed<>(out.size(), header.row(), codec.key(entity), entity, List.of()));
      }
    }
  }
}
