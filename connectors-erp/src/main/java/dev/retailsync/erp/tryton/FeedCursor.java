package dev.retailsync.erp.tryton;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The account feed's position: the highest stamp delivered, and the records (model tag, id and
 * stamp) delivered within the overlap window before it, so a re-read of the window drops them. Text
 * form: {@code t1;<micros>;<tag><id>@<micros>,...}.
 *
 * @param highWater the highest stamp delivered, or {@code null} at the start
 * @param seen the records delivered in the overlap window
 */
record FeedCursor(Instant highWater, Set<String> seen) {
  private static final String VERSION = "t1";

  static FeedCursor of(Instant highWater, Set<String> seen) {
    return new FeedCursor(highWater, Set.copyOf(seen));
  }

  boolean isStart() {
    return highWater == null;
  }

  static FeedCursor parse(Cursor cursor) {
    return parse(cursor, "Tryton account feed");
  }

  static FeedCursor parse(Cursor cursor, String feed) {
    if (cursor == null || cursor.isBeginning()) {
      return new FeedCursor(null, Set.of());
    }
    String[] parts = cursor.value().split(";", -1);
    try {
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        throw new IllegalArgumentException("unknown format");
      }
      Instant high = parts[1].isEmpty() ? null : fromMicros(Long.parseLong(parts[1]));
      Set<String> seen = new TreeSet<>();
      if (!parts[2].isEmpty()) {
        for (String s : parts[2].split(",")) {
          stampOf(s);
          seen.add(s);
        }
      }
      return new FeedCursor(high, seen);
    } catch (RuntimeException e) {
      throw ValidationException.of(
          feed,
          "cursor",
          cursor.value().length() > 60 ? cursor.value().substring(0, 60) + "…" : cursor.value(),
          "is not a cursor this feed issued; start from Cursor.beginning()");
    }
  }

  Cursor toCursor() {
    if (highWater == null) {
      return Cursor.beginning();
    }
    return Cursor.of(
        VERSION + ";" + micros(highWater) + ";" + String.join(",", new TreeSet<>(seen)));
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  static Instant stampOf(String seenKey) {
    int at = seenKey.indexOf('@');
    if (at < 2) {
      throw new IllegalArgumentException("bad entry " + seenKey);
    }
    return fromMicros(Long.parseLong(seenKey.substring(at + 1)));
  }
}
