package dev.retailsync.core.observability;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AuditTrail} in memory, for tests, examples and single-instance hosts. Thread-safe.
 *
 * <p>It keeps every entry appended (nothing is dropped or bounded), in a compact form: entries are
 * held column by column in chunks rather than as one object each; what repeats from entry to entry
 * (flow, system, entity type, decision and rule; the same list of field paths; the same instant) is
 * held once; {@link #read} builds the entries it returns, equal to those {@link #append} returned.
 */
public final class InMemoryAuditTrail implements AuditTrail {
  private static final int CHUNK = 4096;
  // Distinct field lists kept for sharing; lists beyond it are held as they are.
  private static final int MAX_SHARED_LISTS = 4096;

  /** What entries share: everything but the sequence, instant, ids and fields. */
  private record Head(
      String flow, SystemId system, String entityType, String decision, String rule) {}

  private final List<Chunk> chunks = new ArrayList<>();
  private final Map<Head, Integer> headIds = new HashMap<>();
  private final List<Head> heads = new ArrayList<>();
  private final Map<List<String>, List<String>> lists = new HashMap<>();
  private Instant lastAt;
  private long size;

  private static final class Chunk {
    final int[] head = new int[CHUNK];
    final Instant[] at = new Instant[CHUNK];
    final CorrelationId[] correlationId = new CorrelationId[CHUNK];
    final CanonicalId[] canonicalId = new CanonicalId[CHUNK];
    final Object[] fields = new Object[CHUNK];
  }

  /** Creates an empty trail. */
  public InMemoryAuditTrail() {}

  @Override
  public synchronized AuditEntry append(AuditEntry entry) {
    long seq = size + 1;
    int i = (int) (size % CHUNK);
    if (i == 0) {
      chunks.add(new Chunk());
    }
    Chunk c = chunks.get(chunks.size() - 1);
    Head h =
        new Head(entry.flow(), entry.system(), entry.entityType(), entry.decision(), entry.rule());
    Integer id = headIds.get(h);
    if (id == null) {
      id = heads.size();
      heads.add(h);
      headIds.put(h, id);
    }
    c.head[i] = id;
    Instant at = entry.at().equals(lastAt) ? lastAt : entry.at();
    lastAt = at;
    c.at[i] = at;
    c.correlationId[i] = entry.correlationId();
    c.canonicalId[i] = entry.canonicalId();
    c.fields[i] = shared(entry.fields());
    size = seq;
    return entry.withSequence(seq);
  }

  private List<String> shared(List<String> fields) {
    List<String> s = lists.get(fields);
    if (s != null) {
      return s;
    }
    if (lists.size() < MAX_SHARED_LISTS) {
      lists.put(fields, fields);
    }
    return fields;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized List<AuditEntry> read(long afterSequence, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    long from = Math.min(Math.max(afterSequence, 0), size);
    long to = Math.min(size, from + limit);
    List<AuditEntry> out = new ArrayList<>((int) (to - from));
    for (long n = from; n < to; n++) {
      Chunk c = chunks.get((int) (n / CHUNK));
      int i = (int) (n % CHUNK);
      Head h = heads.get(c.head[i]);
      out.add(
          new AuditEntry(
              n + 1,
              c.at[i],
              h.flow(),
              c.correlationId[i],
              h.system(),
              h.entityType(),
              c.canonicalId[i],
              h.decision(),
              h.rule(),
              (List<String>) c.fields[i]));
    }
    return List.copyOf(out);
  }
}
