package dev.retailsync.erp.s4hana;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The position of an S/4HANA change feed: the last stamp delivered and the records ({@code
 * id@epochMillis}) delivered within the overlap before it, so a poll that looks back over the
 * overlap drops what it already delivered. Stored as {@code s4v1:<set>|<stamp>|<id@ms,…>}.
 *
 * @param stamp the last stamp delivered, or {@code null} at the beginning
 * @param seen what was delivered within the overlap
 */
record FeedCursor(Instant stamp, Set<String> seen) {
  private static final String PREFIX = "s4v1:";

  static FeedCursor parse(Cursor c, String set) {
    if (c.isBeginning()) {
      return new FeedCursor(null, Set.of());
    }
    String[] parts = c.value().split("\\|", -1);
    if (parts.length != 3 || !parts[0].equals(PREFIX + set)) {
      throw ValidationException.of(
          "Cursor", "value", c.value(), "is not a cursor of the S/4HANA " + set + " feed");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String s : parts[2].split(",")) {
      if (!s.isEmpty()) {
        seen.add(s);
      }
    }
    try {
      return new FeedCursor(parts[1].isEmpty() ? null : Instant.parse(parts[1]), seen);
    } catch (DateTimeParseException e) {
      throw ValidationException.of(
          "Cursor", "value", c.value(), "has no valid stamp: " + e.getParsedString());
    }
  }

  FeedCursor after(String id, Instant at, Duration overlap) {
    Instant last = stamp == null || at.isAfter(stamp) ? at : stamp;
    Instant floor = last.minus(overlap);
    Set<String> kept = new LinkedHashSet<>();
    for (String s : seen) {
      long ms = Long.parseLong(s.substring(s.lastIndexOf('@') + 1));
      if (!Instant.ofEpochMilli(ms).isBefore(floor)) {
        kept.add(s);
      }
    }
    kept.add(id + "@" + at.toEpochMilli());
    return new FeedCursor(last, kept);
  }

  Cursor toCursor(String set) {
    if (stamp == null) {
      return Cursor.beginning();
    }
    return Cursor.of(PREFIX + set + "|" + stamp + "|" + String.join(",", seen));
  }
}
