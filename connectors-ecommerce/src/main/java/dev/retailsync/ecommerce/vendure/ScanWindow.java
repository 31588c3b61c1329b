package dev.retailsync.ecommerce.vendure;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cursor and window arithmetic the Vendure scan feeds share (customers and orders): a scan sees
 * every record with its last-modified time and a stamp of its current version; the cursor holds the
 * newest time delivered and the stamps delivered within the overlap window before it, so a record
 * is delivered when it is newer than the cursor, or inside the window with a stamp not yet
 * delivered, and never twice for one version.
 *
 * <p>Cursor text: {@code <prefix><instant>;<id>=<stamp>;...}. Immutable.
 */
final class ScanWindow {
  /** One record as a scan saw it. */
  record Seen(String id, Instant modified, String stamp) {}

  /**
   * What one poll delivers.
   *
   * @param taken the records to deliver, oldest first
   * @param hasMore whether candidates were left for the next poll
   * @param cursor the cursor after them
   */
  record Selection(List<Seen> taken, boolean hasMore, Cursor cursor) {}

  private final String prefix;
  private final Instant since;
  private final Map<String, String> delivered;

  private ScanWindow(String prefix, Instant since, Map<String, String> delivered) {
    this.prefix = prefix;
    this.since = since;
    this.delivered = delivered;
  }

  /**
   * Reads a cursor this class wrote with the same prefix.
   *
   * @param cursor the cursor, or the beginning
   * @param prefix the feed's cursor prefix (empty for none)
   * @param subject the feed's name, for the error
   * @return the window
   * @throws ValidationException naming the cursor if it is not one of this feed's
   */
  static ScanWindow parse(Cursor cursor, String prefix, String subject) {
    Map<String, String> delivered = new TreeMap<>();
    if (cursor.isBeginning()) {
      return new ScanWindow(prefix, Instant.EPOCH, delivered);
    }
    try {
      String[] parts = cursor.value().split(";", -1);
      if (!parts[0].startsWith(prefix)) {
        throw new IllegalArgumentException("not this feed's cursor");
      }
      Instant since = Instant.parse(parts[0].substring(prefix.length()));
      for (int i = 1; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          String[] kv = parts[i].split("=", 2);
          delivered.put(kv[0], kv[1]);
        }
      }
      return new ScanWindow(prefix, since, delivered);
    } catch (RuntimeException e) {
      throw ValidationException.of(
          subject,
          "cursor",
          cursor.value(),
          "is not a cursor this feed returned; start from Cursor.beginning()");
    }
  }

  /** Returns the newest time delivered so far ({@link Instant#EPOCH} at the beginning). */
  Instant since() {
    return since;
  }

  /**
   * Chooses what to deliver from everything a scan saw, oldest first (ties by numeric id), at most
   * {@code maxChanges}.
   *
   * @param all every record the scan saw (ids are Vendure's numeric ids)
   * @param overlap how late a change may commit with an older time and still be delivered
   * @param maxChanges at most this many
   * @return the selection and the cursor after it
   */
  Selection select(List<Seen> all, Duration overlap, int maxChanges) {
    Instant windowStart = since.minus(overlap);
    List<Seen> candidates = new ArrayList<>();
    for (Seen s : all) {
      boolean newer = s.modified().isAfter(since);
      boolean inWindow = !s.modified().isBefore(windowStart);
      if (newer || (inWindow && !s.stamp().equals(delivered.get(s.id())))) {
        candidates.add(s);
      }
    }
    candidates.sort(
        Comparator.comparing(Seen::modified).thenComparing(s -> Long.parseLong(s.id())));
    List<Seen> taken = List.copyOf(candidates.subList(0, Math.min(maxChanges, candidates.size())));
    Instant next = since;
    for (Seen s : taken) {
      if (s.modified().isAfter(next)) {
        next = s.modified();
      }
    }
    Instant nextWindow = next.minus(overlap);
    Set<String> notTaken = new HashSet<>();
    for (Seen s : candidates.subList(taken.size(), candidates.size())) {
      notTaken.add(s.id());
    }
    StringBuilder out = new StringBuilder(prefix).append(next);
    for (Seen s : all) {
      if (!s.modified().isBefore(nextWindow)
          && !s.modified().isAfter(next)
          && !notTaken.contains(s.id())) {
        out.append(';').append(s.id()).append('=').append(s.stamp());
      }
    }
    return new Selection(taken, candidates.size() > taken.size(), Cursor.of(out.toString()));
  }
}
