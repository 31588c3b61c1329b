package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.erp.ErpError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change feed and a reader over one Tryton model whose records are documents (customer shipments,
 * customer invoices): records matching a fixed domain (such as {@code state in (done)}) are
 * delivered when their {@code write_date} (or, never written, their {@code create_date}) is at or
 * after the cursor's stamp minus the overlap window; those the cursor says were delivered with the
 * same stamp are dropped, so each version is delivered once. The cursor is {@link FeedCursor}'s
 * text form, opaque to the host.
 *
 * @param <T> the canonical type
 */
final class TrytonDocumentFeed<T extends CanonicalEntity> implements ChangeFeed<T> {

  /** Maps rows read with the feed's fields to canonical records, by id; may read more. */
  interface Mapper<T> {
    /**
     * Maps rows.
     *
     * @param rows the rows
     * @return the records by row id, and why each row that could not be mapped failed
     */
    Mapped<T> map(List<JsonNode> rows);
  }

  /**
   * What a {@link Mapper} made of rows: the records by row id, and the failure of each row it could
   * not map (every row is in exactly one of the two).
   */
  record Mapped<T>(Map<Long, T> records, Map<Long, RuntimeException> failures) {
    Mapped {
      records = Map.copyOf(records);
      failures = Map.copyOf(failures);
    }

    /** The failure as the exception a reader throws and a feed rejection reads. */
    static RuntimeException asMappingFailure(String what, long id, RuntimeException e) {
      return e instanceof SyncException
          ? e
          : new MappingException(
              "record",
              what + " " + id + " could not be mapped (" + e.getClass().getSimpleName() + ")",
              e);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TrytonDocumentFeed.class);

  private final SystemId system;
  private final TrytonRpc rpc;
  private final EntityType<T> type;
  private final String model;
  private final String tag;
  private final List<Object> filter;
  private final List<String> fields;
  private final Duration overlap;
  private final Mapper<T> mapper;
  private final String name;

  TrytonDocumentFeed(
      SystemId system,
      TrytonRpc rpc,
      EntityType<T> type,
      String model,
      String tag,
      List<Object> filter,
      List<String> fields,
      Duration overlap,
      Mapper<T> mapper) {
    this.system = system;
    this.rpc = rpc;
    this.type = type;
    this.model = model;
    this.tag = tag;
    this.filter = List.copyOf(filter);
    List<String> f = new ArrayList<>(fields);
    for (String s : List.of("write_date", "create_date")) {
      if (!f.contains(s)) {
        f.add(s);
      }
    }
    this.fields = List.copyOf(f);
    this.overlap = overlap;
    this.mapper = mapper;
    this.name = "Tryton " + type.name() + " feed";
  }

  /**
   * Reads records by id with the model's base domain (without the feed's state filter), so any
   * state can be read.
   */
  RecordReader<T> reader(int maxBatch, List<Object> baseDomain) {
    return RecordReader.of(
        maxBatch,
        ids -> {
          List<Long> numeric = new ArrayList<>();
          for (String id : ids) {
            Long n = TrytonParties.parseId(id);
            if (n != null) {
              numeric.add(n);
            }
          }
          if (numeric.isEmpty()) {
            return List.of();
          }
          ErrorContext ctx = ErrorContext.of(system, "read " + type.name());
          List<Object> domain = new ArrayList<>(baseDomain);
          domain.add(List.of("id", "in", numeric));
          JsonNode rows =
              call(
                  ctx,
                  () ->
                      rpc.model(
                          model, "search_read", Arrays.asList(domain, 0, null, null, fields)));
          List<JsonNode> list = new ArrayList<>();
          rows.forEach(list::add);
          Mapped<T> mapped = call(ctx, () -> mapper.map(list));
          if (!mapped.failures().isEmpty()) {
            // A record that exists but cannot be mapped is an error, not "not found": a replay of
            // its dead letter must learn why it still fails.
            Map.Entry<Long, RuntimeException> f =
                new java.util.TreeMap<>(mapped.failures()).firstEntry();
            throw Mapped.asMappingFailure("Tryton " + model, f.getKey(), f.getValue());
          }
          List<RemoteRecord<T>> out = new ArrayList<>();
          for (JsonNode row : list) {
            T entity = mapped.records().get(row.path("id").asLong());
            if (entity != null) {
              out.add(
                  new RemoteRecord<>(
                      ExternalId.of(system, row.path("id").asText()),
                      entity,
                      stamp(row).toString(),
                      stamp(row)));
            }
          }
          return out;
        });
  }

  @Override
  public ChangePage<T> poll(Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be 1 or more, was " + maxChanges);
    }
    ErrorContext ctx = ErrorContext.of(system, "poll " + type.name());
    FeedCursor from = FeedCursor.parse(cursor, name);
    Instant since = from.isStart() ? Instant.EPOCH : from.highWater().minus(overlap);
    int limit = maxChanges + from.seen().size();
    List<Item> items = new ArrayList<>();
    Instant cut = null;
    for (boolean created : new boolean[] {false, true}) {
      List<Item> page = call(ctx, () -> fetch(created, since, limit));
      items.addAll(page);
      if (page.size() >= limit) {
        Instant last = page.get(page.size() - 1).stamp();
        cut = cut == null || last.isBefore(cut) ? last : cut;
      }
    }
    boolean hasMore = cut != null;
    items.sort(Comparator.comparing(Item::stamp).thenComparingLong(Item::id));
    List<Item> taken = new ArrayList<>();
    for (Item item : items) {
      if (cut != null && item.stamp().isAfter(cut)) {
        break;
      }
      if (from.seen().contains(item.seenKey(tag))) {
        continue;
      }
      if (taken.size() >= maxChanges) {
        hasMore = true;
        break;
      }
      taken.add(item);
    }
    Instant high = from.highWater();
    for (Item item : taken) {
      if (high == null || item.stamp().isAfter(high)) {
        high = item.stamp();
      }
    }
    Set<String> seen = new TreeSet<>();
    if (high != null) {
      Instant keepFrom = high.minus(overlap);
      for (String s : from.seen()) {
        if (!FeedCursor.stampOf(s).isBefore(keepFrom)) {
          seen.add(s);
        }
      }
      for (Item item : taken) {
        if (!item.stamp().isBefore(keepFrom)) {
          seen.add(item.seenKey(tag));
        }
      }
    }
    List<JsonNode> rows = new ArrayList<>();
    taken.forEach(i -> rows.add(i.row()));
    Mapped<T> mapped =
        rows.isEmpty() ? new Mapped<>(Map.of(), Map.of()) : call(ctx, () -> mapper.map(rows));
    List<Change<T>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    for (Item item : taken) {
      T entity = mapped.records().get(item.id());
      if (entity == null) {
        RuntimeException failure = mapped.failures().get(item.id());
        if (failure != null) {
          // Not left out: the page carries it and the engine keeps it as a dead letter.
          FeedRejection r =
              FeedRejection.of(
                      ExternalId.of(system, Long.toString(item.id())),
                      Mapped.asMappingFailure("Tryton " + model, item.id(), failure))
                  .withSourceVersion(item.stamp(), item.stamp().toString());
          rejected.add(r);
          LOG.info("Tryton {} {} rejected by the {}: {}", model, item.id(), name, r.paths());
        }
        continue;
      }
      changes.add(
          Change.builder(type)
              .type(
                  item.row().path("write_date").isNull() ? ChangeType.CREATED : ChangeType.UPDATED)
              .source(ExternalId.of(system, Long.toString(item.id())))
              .entity(entity)
              .sourceTimestamp(item.stamp())
              .sourceVersion(item.stamp().toString())
              .build());
    }
    return new ChangePage<>(changes, rejected, FeedCursor.of(high, seen).toCursor(), hasMore);
  }

  private List<Item> fetch(boolean created, Instant since, int limit) {
    List<Object> domain = new ArrayList<>(filter);
    if (created) {
      domain.add(Arrays.asList("write_date", "=", null));
      domain.add(List.of("create_date", ">=", since));
    } else {
      domain.add(List.of("write_date", ">=", since));
    }
    String stampField = created ? "create_date" : "write_date";
    JsonNode rows =
        rpc.model(
            model,
            "search_read",
            Arrays.asList(
                domain,
                0,
                limit,
                List.of(List.of(stampField, "ASC"), List.of("id", "ASC")),
                fields));
    List<Item> out = new ArrayList<>();
    for (JsonNode row : rows) {
      Instant stamp = TrytonCodec.datetime(row.path(stampField));
      if (stamp != null) {
        out.add(new Item(row.path("id").asLong(), stamp, row));
      }
    }
    return out;
  }

  private static Instant stamp(JsonNode row) {
    Instant w = TrytonCodec.datetime(row.path("write_date"));
    return w != null ? w : TrytonCodec.datetime(row.path("create_date"));
  }

  private record Item(long id, Instant stamp, JsonNode row) {
    String seenKey(String tag) {
      return tag + id + "@" + FeedCursor.micros(stamp);
    }
  }

  /**
   * The sale (its {@code reference}, else its {@code number}) behind each {@code sale.line,<id>}
   * origin, read in one call.
   *
   * @param rpc the client
   * @param origins origins as Tryton gives them, such as {@code sale.line,5}; others are ignored
   * @return the order number by origin
   */
  static Map<String, String> orderNumbers(TrytonRpc rpc, Set<String> origins) {
    Map<Long, String> byLine = new LinkedHashMap<>();
    for (String o : origins) {
      if (o != null && o.startsWith("sale.line,")) {
        Long id = TrytonParties.parseId(o.substring("sale.line,".length()));
        if (id != null) {
          byLine.put(id, o);
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (byLine.isEmpty()) {
      return out;
    }
    JsonNode lines =
        rpc.model(
            "sale.line",
            "search_read",
            Arrays.asList(
                List.of(List.of("id", "in", List.copyOf(byLine.keySet()))),
                0,
                null,
                null,
                List.of("sale.reference", "sale.number")),
            Map.of("active_test", false));
    for (JsonNode l : lines) {
      JsonNode sale = l.path("sale.");
      String ref = TrytonCodec.text(sale.path("reference"));
      String number = ref != null ? ref : TrytonCodec.text(sale.path("number"));
      if (number != null) {
        out.put(byLine.get(l.path("id").asLong()), number);
      }
    }
    return out;
  }

  private static <R> R call(ErrorContext ctx, Supplier<R> call) {
    try {
      return call.get();
    } catch (TrytonCallException e) {
      ErpError error = e.uncertain() ? e.error().withRetryable(true) : e.error();
      throw error.toException(ctx);
    }
  }
}
