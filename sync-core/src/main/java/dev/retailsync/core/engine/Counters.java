package dev.retailsync.core.engine;

import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.RunReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** The engine's counters by system and domain. Thread-safe. */
final class Counters {
  enum Kind {
    CREATED,
    UPDATED,
    UNCHANGED,
    REJECTED,
    RETRIED,
    DEAD_LETTERED,
    PENDING
  }

  private record Key(SystemId system, String domain) {}

  private final ConcurrentMap<Key, LongAdder[]> rows = new ConcurrentHashMap<>();
  // Rows by system, then domain: a count (several per change) looks its row up without a key.
  private final ConcurrentMap<SystemId, ConcurrentMap<String, LongAdder[]>> bySystem =
      new ConcurrentHashMap<>();

  void add(SystemId system, String domain, Kind kind, long n) {
    ConcurrentMap<String, LongAdder[]> domains = bySystem.get(system);
    LongAdder[] row = domains == null ? null : domains.get(domain);
    if (row == null) {
      row = rows.computeIfAbsent(new Key(system, domain), k -> newRow());
      bySystem.computeIfAbsent(system, k -> new ConcurrentHashMap<>()).putIfAbsent(domain, row);
    }
    row[kind.ordinal()].add(n);
  }

  private static LongAdder[] newRow() {
    LongAdder[] row = new LongAdder[Kind.values().length];
    for (int i = 0; i < row.length; i++) {
      row[i] = new LongAdder();
    }
    return row;
  }

  List<RunReport.Counts> snapshot() {
    List<RunReport.Counts> out = new ArrayList<>();
    rows.forEach(
        (k, r) ->
            out.add(
                new RunReport.Counts(
                    k.system(),
                    k.domain(),
                    r[0].sum(),
                    r[1].sum(),
                    r[2].sum(),
                    r[3].sum(),
                    r[4].sum(),
                    r[5].sum(),
                    r[6].sum())));
    out.sort(
        Comparator.comparing((RunReport.Counts c) -> c.system().value())
            .thenComparing(RunReport.Counts::domain));
    return out;
  }
}
