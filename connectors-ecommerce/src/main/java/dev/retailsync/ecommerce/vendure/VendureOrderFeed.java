package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order change feed of {@link VendureConnector}: orders placed in the shop, correct despite
 * Vendure's {@code Order.updatedAt} gaps.
 *
 * <p>Why not {@code filter: {updatedAt: {after}}}: Vendure does not advance {@code Order.updatedAt}
 * on state transitions, payments, fulfilments or refunds (it even saves a stale value back after a
 * transition), and database timestamps have whole seconds on sql.js. What does move on every one of
 * those events is the order's <em>history</em>: each transition, payment, fulfilment, refund,
 * cancellation and note adds a {@code HistoryEntry} with its own {@code createdAt} and an
 * increasing id.
 *
 * <p>What each poll does:
 *
 * <ol>
 *   <li>scans, in pages of {@code take} (offset paging sorted by id), a light selection ({@code id
 *       state updatedAt orderPlacedAt} and the newest history entry with the history's {@code
 *       totalItems}) of (a) every order placed within the {@code lookback} window ({@code
 *       orderPlacedAt} after now minus lookback) and (b) every order whose {@code updatedAt} lies
 *       after the cursor's time minus the overlap (edits such as cancellations of older orders);
 *   <li>gives each placed order a <em>modification time</em> (the latest of {@code updatedAt},
 *       {@code orderPlacedAt} and its newest history entry's {@code createdAt}) and a
 *       <em>stamp</em> (modification time, newest history entry id, history count, state);
 *   <li>delivers, in order of modification time then id, the orders whose state is one of the
 *       feed's states and whose modification time is after the cursor's time, or lies within the
 *       overlap before it with a stamp the cursor does not hold; then reads those orders in full.
 * </ol>
 *
 * <p>The cursor (an opaque string) holds the time of the newest change delivered and the stamps of
 * the orders delivered within the overlap before it, so a resumed poll repeats nothing that did not
 * change and loses nothing committed up to {@code overlap} late.
 *
 * <p>What it guarantees: every order placed within the lookback window that reaches one of the
 * feed's states (by default every state from {@code PaymentAuthorized} / {@code PaymentSettled} on,
 * {@code Cancelled} included), and every later transition, payment, fulfilment, refund,
 * cancellation or note on it, is delivered by a later poll (at least once: a note delivers an
 * unchanged order again). Orders placed before the lookback window are delivered only when their
 * {@code updatedAt} moves (cancellations, modifications), not for a payment, fulfilment or refund:
 * widen the lookback, or reconcile with {@link VendureConnector#reader} for them. Deletions are not
 * reported (Vendure does not delete placed orders). A poll from {@link Cursor#beginning()} scans
 * every order (its {@code updatedAt} window starts at the epoch) and so delivers every placed order
 * in the feed's states, however old. Cost: {@code ceil(n / take)} requests for the {@code n} orders
 * in the window on every poll, plus one request per page of changed orders.
 */
final class VendureOrderFeed implements ChangeFeed<Order> {
  private static final Logger LOG = LoggerFactory.getLogger(VendureOrderFeed.class);

  private static final String SCAN =
      "query OrderScan($options: OrderListOptions) { orders(options: $options) { totalItems"
          + " items { id code state updatedAt orderPlacedAt"
          + " history(options: {take: 1, sort: {id: DESC}}) { totalItems items { id createdAt } }"
          + " } } }";

  private final VendureGraphQl client;
  private final VendureOrders orders;
  private final SystemId system;
  private final int take;
  private final Set<String> states;
  private final Duration lookback;
  private final Duration overlap;
  private final Clock clock;

  VendureOrderFeed(
      VendureGraphQl client,
      VendureOrders orders,
      SystemId system,
      int take,
      Set<String> states,
      Duration lookback,
      Duration overlap,
      Clock clock) {
    this.client = client;
    this.orders = orders;
    this.system = system;
    this.take = take;
    this.states = Set.copyOf(states);
    this.lookback = lookback;
    this.overlap = overlap;
    this.clock = clock;
  }

  private record Seen(String id, Instant modified, String stamp) {}

  /** The latest of updatedAt, orderPlacedAt and the newest history entry's createdAt. */
  static Instant modified(JsonNode o) {
    Instant m = Instant.EPOCH;
    for (Instant t :
        new Instant[] {
          VendureOrderMapping.instant(o, "updatedAt"),
          VendureOrderMapping.instant(o, "orderPlacedAt"),
          VendureOrderMapping.instant(o.path("history").path("items").path(0), "createdAt")
        }) {
      if (t != null && t.isAfter(m)) {
        m = t;
      }
    }
    return m;
  }

  /** What identifies one version of an order: time, newest history entry, history size, state. */
  static String stampOf(JsonNode o, Instant modified) {
    JsonNode h = o.path("history");
    return modified
        + "#"
        + h.path("items").path(0).path("id").asText("-")
        + "#"
        + h.path("totalItems").asText("-")
        + "#"
        + o.path("state").asText();
  }

  @Override
  public ChangePage<Order> poll(Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of("VendureOrderFeed", "maxChanges", maxChanges, "must be 1+");
    }
    Instant t = Instant.EPOCH;
    Map<String, String> delivered = new TreeMap<>();
    if (!cursor.isBeginning()) {
      try {
        String[] parts = cursor.value().split(";", -1);
        if (!parts[0].startsWith("o1@")) {
          throw new IllegalArgumentException("not an order cursor");
        }
        t = Instant.parse(parts[0].substring(3));
        for (int i = 1; i < parts.length; i++) {
          if (!parts[i].isEmpty()) {
            String[] kv = parts[i].split("=", 2);
            delivered.put(kv[0], kv[1]);
          }
        }
      } catch (RuntimeException e) {
        throw ValidationException.of(
            "VendureOrderFeed",
            "cursor",
            cursor.value(),
            "is not a cursor this feed returned; start from Cursor.beginning()");
      }
    }
    Instant windowStart = t.minus(overlap);
    Map<String, JsonNode> scanned = new LinkedHashMap<>();
    scan(
        Map.of("orderPlacedAt", Map.of("after", clock.instant().minus(lookback).toString())),
        scanned);
    scan(Map.of("updatedAt", Map.of("after", windowStart.toString())), scanned);
    List<Seen> all = new ArrayList<>();
    for (JsonNode o : scanned.values()) {
      if (!o.hasNonNull("orderPlacedAt") || !states.contains(o.path("state").asText())) {
        continue;
      }
      Instant m = modified(o);
      all.add(new Seen(o.path("id").asText(), m, stampOf(o, m)));
    }
    final Instant since = t;
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
    List<Seen> taken = candidates.subList(0, Math.min(maxChanges, candidates.size()));
    boolean hasMore = candidates.size() > taken.size();
    Instant next = t;
    for (Seen s : taken) {
      if (s.modified().isAfter(next)) {
        next = s.modified();
      }
    }
    Instant nextWindow = next.minus(overlap);
    Set<String> notTaken = new java.util.HashSet<>();
    for (Seen s : candidates.subList(taken.size(), candidates.size())) {
      notTaken.add(s.id());
    }
    StringBuilder out = new StringBuilder("o1@").append(next);
    for (Seen s : all) {
      if (!s.modified().isBefore(nextWindow)
          && !s.modified().isAfter(next)
          && !notTaken.contains(s.id())) {
        out.append(';').append(s.id()).append('=').append(s.stamp());
      }
    }
    Map<String, JsonNode> full = orders.ordersById(taken.stream().map(Seen::id).toList());
    List<Change<Order>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    for (Seen s : taken) {
      JsonNode o = full.get(s.id());
      if (o == null) {
        continue; // gone between the scan and the read; nothing to deliver
      }
      Order order;
      try {
        order = orders.mapping().toOrder(o);
      } catch (MappingException | ValidationException e) {
        // One order that cannot be mapped must not stop the feed: the page carries it and the
        // engine keeps it as a dead letter (its id is the code, as the reader reads orders).
        FeedRejection r =
            FeedRejection.of(ExternalId.of(system, o.path("code").asText()), e)
                .withSourceVersion(s.modified(), s.stamp());
        rejected.add(r);
        LOG.info("Vendure order {} rejected by the feed: {}", o.path("code").asText(), r.paths());
        continue;
      }
      changes.add(
          new Change<>(
              EntityType.ORDER,
              ChangeType.UPSERTED,
              ExternalId.of(system, o.path("code").asText()),
              order,
              null,
              s.modified(),
              s.stamp(),
              CorrelationId.of(UUID.randomUUID()),
              null,
              null));
    }
    return new ChangePage<>(changes, rejected, Cursor.of(out.toString()), hasMore);
  }

  private void scan(Map<String, Object> filter, Map<String, JsonNode> into) {
    for (int skip = 0; ; skip += take) {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("skip", skip);
      options.put("take", take);
      options.put("sort", Map.of("id", "ASC"));
      options.put("filter", filter);
      JsonNode page =
          client.execute("orders (change feed)", SCAN, Map.of("options", options)).path("orders");
      for (JsonNode o : page.path("items")) {
        into.put(o.path("id").asText(), o);
      }
      if (page.path("items").size() < take || skip + take >= page.path("totalItems").asInt()) {
        break;
      }
    }
  }
}
