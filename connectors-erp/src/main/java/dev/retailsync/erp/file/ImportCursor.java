package dev.retailsync.erp.file;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an import stands: the files fully read but not yet archived (the host had not yet stored
 * the cursor that says so), and the file being read with the index of its next record. Encoded in
 * the opaque {@link Cursor} as {@code file1;<done>;<current>;<next>}.
 */
record ImportCursor(List<Fingerprint> done, Fingerprint current, int next) {
  private static final String PREFIX = "file1;";

  /** A file's identity: its name, its size and the SHA-256 of its content. */
  record Fingerprint(String name, long size, String sha256) {
    String encode() {
      return URLEncoder.encode(name, StandardCharsets.UTF_8) + ":" + size + ":" + sha256;
    }

    static Fingerprint decode(String text) {
      String[] p = text.split(":");
      if (p.length != 3) {
        throw new IllegalArgumentException(text);
      }
      return new Fingerprint(
          URLDecoder.decode(p[0], StandardCharsets.UTF_8), Long.parseLong(p[1]), p[2]);
    }
  }

  ImportCursor {
    done = List.copyOf(done);
  }

  static ImportCursor decode(Cursor cursor) {
    if (cursor.isBeginning()) {
      return new ImportCursor(List.of(), null, 0);
    }
    String v = cursor.value();
    try {
      if (!v.startsWith(PREFIX)) {
        throw new IllegalArgumentException(v);
      }
      String[] parts = v.substring(PREFIX.length()).split(";", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException(v);
      }
      List<Fingerprint> done = new ArrayList<>();
      for (String d : parts[0].split(",")) {
        if (!d.isEmpty()) {
          done.add(Fingerprint.decode(d));
        }
      }
      Fingerprint current = parts[1].isEmpty() ? null : Fingerprint.decode(parts[1]);
      return new ImportCursor(done, current, Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          "Cursor",
          "value",
          v.length() > 64 ? v.substring(0, 64) + "..." : v,
          "is not a cursor of the flat-file connector (file1;...); pass Cursor.beginning() or a"
              + " cursor this connector returned");
    }
  }

  Cursor encode() {
    StringBuilder b = new StringBuilder(PREFIX);
    for (int i = 0; i < done.size(); i++) {
      b.append(i > 0 ? "," : "").append(done.get(i).encode());
    }
    b.append(';').append(current == null ? "" : current.encode()).append(';').append(next);
    return Cursor.of(b.toString());
  }
}
