package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.idempotency.StoredWriteOutcome;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** Tryton's domain operations: credit lookup, availability lookup and sale order submission. */
final class TrytonOperations implements CreditLookup, AvailabilityLookup, OrderSubmission {
  private static final Map<String, Object> ALL = Map.of("active_test", false);
  private static final Set<String> ACCEPTED = Set.of("confirmed", "processing", "done");

  private final SystemId system;
  private final TrytonRpc rpc;
  private final IdempotentExecutor idempotency;
  private final Clock clock;
  private final TrytonConnector.CreditWarningPolicy creditWarnings;
  private final ReentrantLock[] locks = new ReentrantLock[32];

  TrytonOperations(
      SystemId system,
      TrytonRpc rpc,
      IdempotencyStore store,
      Clock clock,
      TrytonConnector.CreditWarningPolicy creditWarnings) {
    this.system = system;
    this.rpc = rpc;
    this.idempotency = new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(30));
    this.clock = clock;
    this.creditWarnings = creditWarnings;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  // ---------------------------------------------------------------- sales read back

  /** Reads sales by id as orders, with the status their shipments and invoices give them. */
  RecordReader<Order> orderReader() {
    return RecordReader.of(
        100,
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
          ErrorContext ctx = ErrorContext.of(system, "read order");
          JsonNode rows =
              call(
                  ctx,
                  () ->
                      rpc.model(
                          "sale.sale",
                          "search_read",
                          Arrays.asList(
                              List.of(List.of("id", "in", numeric)),
                              0,
                              null,
                              null,
                              TrytonSaleMapping.FIELDS)));
          List<RemoteRecord<Order>> out = new ArrayList<>();
          for (JsonNode row : rows) {
            java.time.Instant w = TrytonCodec.datetime(row.path("write_date"));
            out.add(
                new RemoteRecord<>(
                    ExternalId.of(system, row.path("id").asText()),
                    TrytonSaleMapping.toOrder(row),
                    null,
                    w != null ? w : TrytonCodec.datetime(row.path("create_date"))));
          }
          return out;
        });
  }

  // ---------------------------------------------------------------- order writer

  /** Web orders delivered by the engine, each submitted as {@link #submit} does. */
  RecordWriter<Order> orderWriter(int maxBatch) {
    return RecordWriter.of(
        maxBatch,
        batch -> {
          if (batch.size() > maxBatch) {
            throw new ValidationException(
                "Tryton order writer",
                List.of(
                    FieldError.of(
                        "batch", batch.size(), "holds more than " + maxBatch + " requests")));
          }
          List<WriteOutcome> out = new ArrayList<>();
          for (WriteRequest<Order> r : batch) {
            out.add(writeOrder(r));
          }
          return out;
        });
  }

  private WriteOutcome writeOrder(WriteRequest<Order> r) {
    ErrorContext ctx = ErrorContext.of(system, "write order");
    try {
      WriteOutcome wrongTarget = checkTarget(r, ctx);
      if (wrongTarget != null) {
        return wrongTarget;
      }
      if (r.idempotencyKey() == null) {
        return toOutcome(r.key(), submitLocked(r.entity(), ctx));
      }
      IdempotentExecutor.Execution e =
          idempotency.execute(
              r.idempotencyKey(),
              IdempotencyKeys.fingerprint(r.entity()),
              ctx,
              () -> StoredWriteOutcome.encode(toOutcome(r.key(), submitLocked(r.entity(), ctx))));
      if (e.failed()) {
        return WriteOutcome.rejected(r.key(), "IDEMPOTENCY", e.outcome(), List.of());
      }
      WriteOutcome o = StoredWriteOutcome.decode(e.outcome(), r.key(), system);
      // A repeat finds the sale the first delivery created: nothing new happened in Tryton.
      return e.replayed() && o.status() == WriteOutcome.Status.CREATED
          ? WriteOutcome.unchanged(r.key(), o.externalId(), o.version())
          : o;
    } catch (dev.retailsync.api.AuthenticationException e) {
      throw e;
    } catch (SyncException e) {
      if (e.isRetryable()) {
        return WriteOutcome.retryable(
            r.key(),
            e.getClass().getSimpleName(),
            e.getMessage(),
            e instanceof RateLimitException rl ? rl.retryAfter().orElse(null) : null);
      }
      return WriteOutcome.rejected(
          r.key(), e.getClass().getSimpleName(), e.getMessage(), List.of());
    }
  }

  /** A target, when given, must be the sale that carries the order number as its reference. */
  private WriteOutcome checkTarget(WriteRequest<Order> r, ErrorContext ctx) {
    if (r.target() == null) {
      return null;
    }
    Long id = TrytonParties.parseId(r.target().id());
    if (id == null) {
      return WriteOutcome.rejected(
          r.key(),
          "MAPPING",
          "target " + r.target().id() + " is not a Tryton sale id (a whole number)",
          List.of(FieldError.of("target", r.target().id(), "must be a whole number")));
    }
    JsonNode rows =
        call(
            ctx,
            () ->
                rpc.model(
                    "sale.sale",
                    "search_read",
                    Arrays.asList(
                        List.of(List.of("id", "=", id)), 0, 1, null, List.of("reference"))));
    if (rows.size() == 0) {
      return WriteOutcome.rejected(
          r.key(),
          "NOT_FOUND",
          "Tryton sale " + id + " does not exist; clear the target to submit the order anew",
          List.of(FieldError.of("target", r.target().id(), "is not a Tryton sale")));
    }
    String reference = TrytonCodec.text(rows.get(0).path("reference"));
    if (!r.entity().orderNumber().equals(reference)) {
      return WriteOutcome.rejected(
          r.key(),
          "TARGET_MISMATCH",
          "Tryton sale " + id + " is not the sale of this order (its reference differs)",
          List.of(
              FieldError.of(
                  "orderNumber",
                  r.entity().orderNumber(),
                  "is not the reference of the target sale " + id)));
    }
    return null;
  }

  private WriteOutcome toOutcome(String key, Submitted s) {
    SubmissionResult r = s.result();
    if (!r.accepted()) {
      boolean credit = r.reasons().stream().anyMatch(f -> f.path().equals("credit"));
      return WriteOutcome.rejected(
          key,
          credit ? "CREDIT_HOLD" : "REJECTED",
          r.reasons().stream()
              .map(f -> f.path() + ": " + f.message())
              .collect(java.util.stream.Collectors.joining("; ")),
          r.reasons());
    }
    return s.created()
        ? WriteOutcome.created(key, r.id(), null)
        : WriteOutcome.unchanged(key, r.id(), null);
  }

  // ---------------------------------------------------------------- credit

  @Override
  public Optional<CreditTerms> credit(String accountNumber) {
    ErrorContext ctx = ErrorContext.of(system, "credit lookup");
    JsonNode rows =
        call(
            ctx,
            () ->
                rpc.model(
                    "party.party",
                    "search_read",
                    Arrays.asList(
                        List.of(List.of("code", "=", accountNumber)),
                        0,
                        2,
                        null,
                        List.of("credit_limit_amount", "credit_amount")),
                    ALL));
    if (rows.size() == 0) {
      return Optional.empty();
    }
    String currency = companyCurrency(ctx);
    BigDecimal limit = TrytonCodec.decimal(rows.get(0).path("credit_limit_amount"));
    BigDecimal balance = TrytonCodec.decimal(rows.get(0).path("credit_amount"));
    // Tryton has no credit-hold flag: a balance over the limit is what blocks its sales.
    CreditStatus status =
        limit == null
            ? null
            : balance != null && balance.compareTo(limit) > 0
                ? CreditStatus.ON_HOLD
                : CreditStatus.APPROVED;
    return Optional.of(
        new CreditTerms(
            status,
            limit == null ? null : Money.of(limit, currency),
            balance == null ? null : Money.of(balance, currency)));
  }

  private String companyCurrency(ErrorContext ctx) {
    return call(
        ctx,
        () ->
            rpc.model(
                    "company.company",
                    "read",
                    List.of(
                        List.of(rpc.context().path("company").asLong()), List.of("currency.code")))
                .path(0)
                .path("currency.")
                .path("code")
                .asText());
  }

  // ---------------------------------------------------------------- availability

  @Override
  public List<InventoryPosition> availability(List<String> skus, String location) {
    ErrorContext ctx = ErrorContext.of(system, "availability lookup");
    if (skus.isEmpty()) {
      return List.of();
    }
    List<Object> domain =
        location == null
            ? List.of(List.of("type", "=", "warehouse"))
            : List.of(List.of("code", "=", location));
    JsonNode locations =
        call(
            ctx,
            () ->
                rpc.model(
                    "stock.location",
                    "search_read",
                    Arrays.asList(
                        domain, 0, null, List.of(List.of("id", "ASC")), List.of("code"))));
    List<InventoryPosition> out = new ArrayList<>();
    java.time.Instant now = clock.instant();
    for (JsonNode loc : locations) {
      long id = loc.path("id").asLong();
      String code = TrytonCodec.text(loc.path("code"));
      JsonNode products =
          call(
              ctx,
              () ->
                  rpc.model(
                      "product.product",
                      "search_read",
                      Arrays.asList(
                          List.of(List.of("code", "in", skus)),
                          0,
                          null,
                          null,
                          List.of("code", "quantity", "forecast_quantity", "default_uom.symbol")),
                      Map.of("locations", List.of(id))));
      for (JsonNode p : products) {
        BigDecimal onHand = BigDecimal.valueOf(p.path("quantity").asDouble());
        BigDecimal forecast = BigDecimal.valueOf(p.path("forecast_quantity").asDouble());
        // Forecast = on hand minus what confirmed sales will take (plus what is coming in).
        BigDecimal reserved = onHand.subtract(forecast).max(BigDecimal.ZERO);
        out.add(
            InventoryPosition.builder()
                .sku(p.path("code").asText())
                .location(code == null ? Long.toString(id) : code)
                .onHand(onHand.max(BigDecimal.ZERO))
                .reserved(reserved)
                .available(forecast)
                .unitOfMeasure(TrytonCodec.text(p.path("default_uom.").path("symbol")))
                .asOf(now)
                .build());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- inventory positions

  /**
   * Reads inventory positions by id {@code <sku>@<location code>} (such as {@code SKU-001@WH}), as
   * {@link #availability} computes them; unknown products or locations are left out.
   */
  RecordReader<InventoryPosition> inventoryReader(int maxBatch) {
    return RecordReader.of(
        maxBatch,
        ids -> {
          Map<String, List<String>> byLocation = new LinkedHashMap<>();
          for (String id : ids) {
            int at = id == null ? -1 : id.lastIndexOf('@');
            if (at > 0 && at < id.length() - 1) {
              byLocation
                  .computeIfAbsent(id.substring(at + 1), k -> new ArrayList<>())
                  .add(id.substring(0, at));
            }
          }
          List<RemoteRecord<InventoryPosition>> out = new ArrayList<>();
          for (Map.Entry<String, List<String>> e : byLocation.entrySet()) {
            for (InventoryPosition p : availability(e.getValue(), e.getKey())) {
              out.add(
                  new RemoteRecord<>(
                      ExternalId.of(system, p.sku() + "@" + p.location()), p, null, p.asOf()));
            }
          }
          return out;
        });
  }

  /**
   * A feed of inventory positions: stock moves are scanned by {@code write_date} (and, never
   * written, {@code create_date}) with the overlap window and dedupe of the other feeds; each
   * product a new or changed move touches is delivered as its positions in every warehouse, read
   * now (so the values are current, not as of the move). A page holds at most {@code maxChanges}
   * positions, so it needs at least as many as there are warehouses.
   */
  ChangeFeed<InventoryPosition> inventoryFeed(Duration overlap) {
    return (cursor, maxChanges) -> {
      if (maxChanges < 1) {
        throw new IllegalArgumentException("maxChanges must be 1 or more, was " + maxChanges);
      }
      ErrorContext ctx = ErrorContext.of(system, "poll inventory-position");
      FeedCursor from = FeedCursor.parse(cursor, "Tryton inventory-position feed");
      java.time.Instant since =
          from.isStart() ? java.time.Instant.EPOCH : from.highWater().minus(overlap);
      int warehouses =
          call(
                  ctx,
                  () ->
                      rpc.model(
                          "stock.location",
                          "search_count",
                          List.of(List.of(List.of("type", "=", "warehouse")))))
              .asInt();
      if (warehouses > maxChanges) {
        throw ValidationException.of(
            "Tryton inventory-position feed",
            "maxChanges",
            maxChanges,
            "must be at least the number of warehouses (" + warehouses + ")");
      }
      int limit = maxChanges + from.seen().size();
      List<MoveItem> items = new ArrayList<>();
      java.time.Instant cut = null;
      for (boolean created : new boolean[] {false, true}) {
        List<MoveItem> page = call(ctx, () -> moves(created, since, limit));
        items.addAll(page);
        if (page.size() >= limit) {
          java.time.Instant last = page.get(page.size() - 1).stamp();
          cut = cut == null || last.isBefore(cut) ? last : cut;
        }
      }
      boolean hasMore = cut != null;
      items.sort(java.util.Comparator.comparing(MoveItem::stamp).thenComparingLong(MoveItem::id));
      Map<String, java.time.Instant> skus = new LinkedHashMap<>();
      List<MoveItem> taken = new ArrayList<>();
      for (MoveItem item : items) {
        if (cut != null && item.stamp().isAfter(cut)) {
          break;
        }
        if (from.seen().contains(item.seenKey())) {
          continue;
        }
        if (item.sku().isEmpty()) {
          taken.add(item);
          continue;
        }
        if (!skus.containsKey(item.sku())
            && (skus.size() + 1) * Math.max(1, warehouses) > maxChanges) {
          hasMore = true;
          break;
        }
        skus.merge(item.sku(), item.stamp(), (a, b) -> a.isAfter(b) ? a : b);
        taken.add(item);
      }
      java.time.Instant high = from.highWater();
      for (MoveItem item : taken) {
        if (high == null || item.stamp().isAfter(high)) {
          high = item.stamp();
        }
      }
      Set<String> seen = new java.util.TreeSet<>();
      if (high != null) {
        java.time.Instant keepFrom = high.minus(overlap);
        for (String k : from.seen()) {
          if (!FeedCursor.stampOf(k).isBefore(keepFrom)) {
            seen.add(k);
          }
        }
        // The positions are read now, so the product's other pending moves are delivered too.
        for (MoveItem item : items) {
          if (skus.containsKey(item.sku()) && !item.stamp().isBefore(keepFrom)) {
            seen.add(item.seenKey());
          }
        }
      }
      List<Change<InventoryPosition>> changes = new ArrayList<>();
      if (!skus.isEmpty()) {
        for (InventoryPosition p : availability(List.copyOf(skus.keySet()), null)) {
          changes.add(
              Change.builder(EntityType.INVENTORY_POSITION)
                  .type(ChangeType.UPDATED)
                  .source(ExternalId.of(system, p.sku() + "@" + p.location()))
                  .entity(p)
                  .sourceTimestamp(skus.get(p.sku()))
                  .build());
        }
      }
      return new ChangePage<>(changes, FeedCursor.of(high, seen).toCursor(), hasMore);
    };
  }

  private List<MoveItem> moves(boolean created, java.time.Instant since, int limit) {
    List<Object> domain =
        created
            ? List.of(Arrays.asList("write_date", "=", null), List.of("create_date", ">=", since))
            : List.of(List.of("write_date", ">=", since));
    String stampField = created ? "create_date" : "write_date";
    JsonNode rows =
        rpc.model(
            "stock.move",
            "search_read",
            Arrays.asList(
                domain,
                0,
                limit,
                List.of(List.of(stampField, "ASC"), List.of("id", "ASC")),
                List.of(stampField, "product.code")));
    List<MoveItem> out = new ArrayList<>();
    for (JsonNode row : rows) {
      java.time.Instant stamp = TrytonCodec.datetime(row.path(stampField));
      String sku = TrytonCodec.text(row.path("product.").path("code"));
      if (stamp != null) {
        // A product without a code has no SKU: its move is consumed but delivers nothing.
        out.add(new MoveItem(row.path("id").asLong(), stamp, sku == null ? "" : sku));
      }
    }
    return out;
  }

  private record MoveItem(long id, java.time.Instant stamp, String sku) {
    String seenKey() {
      return "m" + id + "@" + FeedCursor.micros(stamp);
    }
  }

  // ---------------------------------------------------------------- orders

  @Override
  public SubmissionResult submit(Order order, IdempotencyKey key) {
    ErrorContext ctx = ErrorContext.of(system, "submit order");
    IdempotentExecutor.Execution e =
        idempotency.execute(
            key,
            IdempotencyKeys.fingerprint(order),
            ctx,
            () -> encode(submitLocked(order, ctx).result()));
    if (e.failed()) {
      // The first attempt failed for good (say, a refused permission); its message was stored.
      throw new SyncException(e.outcome(), null, ctx, false);
    }
    return decode(e.outcome());
  }

  /**
   * A submission's verdict, and whether this call made the sale Tryton accepted (created it, or
   * confirmed one an earlier attempt left as a draft or quotation) rather than finding it accepted.
   */
  record Submitted(SubmissionResult result, boolean created) {}

  /**
   * Serialises submissions of one order number in this process, so search-then-create cannot race.
   */
  Submitted submitLocked(Order order, ErrorContext ctx) {
    ReentrantLock lock = locks[Math.floorMod(order.orderNumber().hashCode(), locks.length)];
    lock.lock();
    try {
      return submitOnce(order, ctx);
    } finally {
      lock.unlock();
    }
  }

  private Submitted submitOnce(Order order, ErrorContext ctx) {
    try {
      JsonNode existing =
          rpc.model(
              "sale.sale",
              "search_read",
              Arrays.asList(
                  List.of(List.of("reference", "=", order.orderNumber())),
                  0,
                  null,
                  List.of(List.of("id", "ASC")),
                  List.of("number", "state")));
      long saleId;
      if (existing.size() > 0) {
        // Created by an earlier attempt whose answer was lost, or by someone else: continue it.
        saleId = existing.get(0).path("id").asLong();
        String state = existing.get(0).path("state").asText();
        if (ACCEPTED.contains(state)) {
          return new Submitted(accepted(saleId, existing.get(0)), false);
        }
        if (state.equals("cancelled")) {
          return rejected(
              List.of(
                  FieldError.of(
                      "orderNumber",
                      order.orderNumber(),
                      "Tryton sale " + saleId + " with this reference is cancelled")));
        }
      } else {
        List<FieldError> problems = new ArrayList<>();
        Map<String, Object> sale = saleValues(order, problems);
        if (!problems.isEmpty()) {
          return rejected(problems);
        }
        saleId = rpc.model("sale.sale", "create", List.of(List.of(sale))).get(0).asLong();
      }
      if (!existing.isEmpty() && existing.get(0).path("state").asText().equals("quotation")) {
        confirm(saleId);
      } else {
        rpc.model("sale.sale", "quote", List.of(List.of(saleId)));
        confirm(saleId);
      }
      JsonNode read =
          rpc.model("sale.sale", "read", List.of(List.of(saleId), List.of("number", "state")))
              .get(0);
      return new Submitted(accepted(saleId, read), true);
    } catch (TrytonCallException e) {
      if (e.warningName() != null) {
        return rejected(
            List.of(
                FieldError.redacted(
                    "credit",
                    "credit hold: "
                        + e.error().message()
                        + "; the sale waits in Tryton as a quotation until the credit is"
                        + " released or the warning is acknowledged")));
      }
      ErpError err = e.uncertain() ? e.error().withRetryable(true) : e.error();
      if (err.retryable()
          || err.kind() == ErpErrorKind.AUTHENTICATION
          || err.kind() == ErpErrorKind.PERMISSION
          || err.kind() == ErpErrorKind.UNKNOWN) {
        throw err.toException(ctx);
      }
      return rejected(
          List.of(
              FieldError.redacted(
                  err.fieldPath() == null ? "order" : err.fieldPath(), err.message())));
    }
  }

  private static Submitted rejected(List<FieldError> reasons) {
    return new Submitted(SubmissionResult.rejected(reasons), false);
  }

  private void confirm(long saleId) {
    try {
      rpc.model("sale.sale", "confirm", List.of(List.of(saleId)));
    } catch (TrytonCallException e) {
      if (e.warningName() == null
          || creditWarnings != TrytonConnector.CreditWarningPolicy.ACKNOWLEDGE) {
        throw e;
      }
      // The Tryton client's "yes, go on": a one-time acknowledgement of this warning.
      rpc.model(
          "res.user.warning",
          "create",
          List.of(List.of(Map.of("user", rpc.userId(), "name", e.warningName(), "always", false))));
      rpc.model("sale.sale", "confirm", List.of(List.of(saleId)));
    }
  }

  private SubmissionResult accepted(long saleId, JsonNode sale) {
    return SubmissionResult.accepted(
        ExternalId.of(system, Long.toString(saleId)), TrytonCodec.text(sale.path("number")));
  }

  /** The sale to create, with what the Tryton client's on_change would fill in. */
  private Map<String, Object> saleValues(Order order, List<FieldError> problems) {
    JsonNode party = customer(order, problems);
    if (party == null) {
      return Map.of();
    }
    JsonNode fallbackInvoice = TrytonAccountMapping.billingAddress(party);
    if (fallbackInvoice == null) {
      problems.add(
          order.accountNumber() != null
              ? FieldError.of(
                  "accountNumber",
                  order.accountNumber(),
                  "the Tryton party has no address; Tryton needs one to quote the sale")
              : FieldError.redacted(
                  "customerEmail",
                  "the Tryton party with this e-mail has no address; Tryton needs one to quote"
                      + " the sale"));
      return Map.of();
    }
    // The order's own addresses when the party has them; otherwise the party's invoice and
    // delivery addresses (Tryton's sale only points at addresses of its party).
    JsonNode invoice = matchingAddress(party, order.billingAddress());
    if (invoice == null) {
      invoice = fallbackInvoice;
    }
    JsonNode delivery = matchingAddress(party, order.shippingAddress());
    if (delivery == null) {
      delivery = TrytonAccountMapping.flagged(party, "delivery");
    }
    JsonNode currencies =
        rpc.model(
            "currency.currency",
            "search_read",
            Arrays.asList(
                List.of(List.of("code", "=", order.currency())), 0, 1, null, List.of("code")));
    if (currencies.size() == 0) {
      problems.add(FieldError.of("currency", order.currency(), "is not a currency in Tryton"));
    }
    List<String> skus = order.lines().stream().map(OrderLine::sku).distinct().toList();
    Map<String, JsonNode> products = new LinkedHashMap<>();
    if (!skus.isEmpty()) {
      for (JsonNode p :
          rpc.model(
              "product.product",
              "search_read",
              Arrays.asList(
                  List.of(List.of("code", "in", skus), List.of("salable", "=", true)),
                  0,
                  null,
                  null,
                  List.of("code", "default_uom", "list_price")))) {
        products.put(p.path("code").asText(), p);
      }
    }
    if (order.lines().isEmpty()) {
      problems.add(FieldError.redacted("lines", "an order needs at least one line"));
    }
    List<Object> lines = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine l = order.lines().get(i);
      JsonNode p = products.get(l.sku());
      if (p == null) {
        problems.add(
            FieldError.of("lines[" + i + "].sku", l.sku(), "is not a salable Tryton product code"));
        continue;
      }
      if (l.unitPrice() != null && !l.unitPrice().currency().equals(order.currency())) {
        problems.add(
            FieldError.of(
                "lines[" + i + "].unitPrice.currency",
                l.unitPrice().currency(),
                "must be the order's currency " + order.currency()));
        continue;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "line");
      line.put("product", p.path("id").asLong());
      line.put("quantity", l.quantity().doubleValue());
      line.put("unit", p.path("default_uom").asLong());
      line.put(
          "unit_price",
          l.unitPrice() != null
              ? l.unitPrice().amount()
              : TrytonCodec.decimal(p.path("list_price")));
      if (l.description() != null) {
        line.put("description", l.description());
      }
      lines.add(line);
    }
    Map<String, Object> sale = new LinkedHashMap<>();
    sale.put("party", party.path("id").asLong());
    sale.put("invoice_address", invoice.path("id").asLong());
    sale.put("shipment_address", (delivery != null ? delivery : invoice).path("id").asLong());
    if (!party.path("customer_payment_term").isNull()) {
      sale.put("payment_term", party.path("customer_payment_term").asLong());
    }
    if (currencies.size() > 0) {
      sale.put("currency", currencies.get(0).path("id").asLong());
    }
    sale.put("reference", order.orderNumber());
    sale.put(
        "sale_date",
        order.orderedAt() == null
            ? LocalDate.now(clock)
            : LocalDate.ofInstant(order.orderedAt(), ZoneOffset.UTC));
    if (order.purchaseOrderNumber() != null) {
      sale.put("description", "PO " + order.purchaseOrderNumber());
    }
    sale.put("lines", List.of(List.of("create", lines)));
    return sale;
  }

  private static final List<String> CUSTOMER_FIELDS =
      List.of(
          "customer_payment_term",
          "addresses.invoice",
          "addresses.delivery",
          "addresses.active",
          "addresses.street",
          "addresses.city",
          "addresses.postal_code",
          "addresses.country.code",
          "addresses.subdivision.code");

  /**
   * The order's customer: the active party whose code is the account number; without an account
   * number, the one active party with an active e-mail contact mechanism equal (ignoring case) to
   * the order's e-mail. {@code null}, with the problem added, when there is none or several.
   */
  private JsonNode customer(Order order, List<FieldError> problems) {
    if (order.accountNumber() != null) {
      JsonNode parties =
          rpc.model(
              "party.party",
              "search_read",
              Arrays.asList(
                  List.of(List.of("code", "=", order.accountNumber())),
                  0,
                  2,
                  null,
                  CUSTOMER_FIELDS));
      if (parties.size() == 0) {
        problems.add(
            FieldError.of(
                "accountNumber",
                order.accountNumber(),
                "is not the code of an active Tryton party"));
        return null;
      }
      return parties.get(0);
    }
    String email = order.customerEmail();
    if (email == null || email.isBlank()) {
      problems.add(
          FieldError.redacted(
              "accountNumber",
              "is required when the order has no customerEmail: the Tryton customer is found by"
                  + " its party code, or else by its e-mail"));
      return null;
    }
    List<Long> ids = partiesByEmail(rpc, email);
    JsonNode parties =
        ids.isEmpty()
            ? rpc.json().createArrayNode()
            : rpc.model(
                "party.party",
                "search_read",
                Arrays.asList(
                    List.of(List.of("id", "in", ids)),
                    0,
                    null,
                    List.of(List.of("id", "ASC")),
                    CUSTOMER_FIELDS));
    if (parties.size() == 1) {
      return parties.get(0);
    }
    List<Long> found = new ArrayList<>();
    parties.forEach(p -> found.add(p.path("id").asLong()));
    problems.add(
        FieldError.redacted(
            "customerEmail",
            parties.size() == 0
                ? "is the e-mail of no active Tryton party; create the customer first or give the"
                    + " order an accountNumber"
                : "is the e-mail of "
                    + parties.size()
                    + " active Tryton parties "
                    + found
                    + "; give the order an accountNumber (party code) to choose"));
    return null;
  }

  /**
   * The ids of the parties (active or not; the caller filters) with an active e-mail contact
   * mechanism equal to the e-mail, ignoring case. Tryton's {@code ilike} finds the candidates (its
   * wildcards {@code _} and {@code %} can only widen the match); the exact comparison is made here.
   */
  static List<Long> partiesByEmail(TrytonRpc rpc, String email) {
    String wanted = email.strip();
    JsonNode mechanisms =
        rpc.model(
            "party.contact_mechanism",
            "search_read",
            Arrays.asList(
                List.of(List.of("type", "=", "email"), List.of("value", "ilike", wanted)),
                0,
                null,
                List.of(List.of("id", "ASC")),
                List.of("value", "party")));
    List<Long> ids = new ArrayList<>();
    for (JsonNode m : mechanisms) {
      String value = TrytonCodec.text(m.path("value"));
      long party = m.path("party").asLong();
      if (value != null && value.strip().equalsIgnoreCase(wanted) && !ids.contains(party)) {
        ids.add(party);
      }
    }
    return ids;
  }

  /**
   * The party's active address equal to the given one (street lines, city, postal code and country
   * compared ignoring case and spacing; the region too when both have one), or {@code null}.
   */
  static JsonNode matchingAddress(JsonNode party, PostalAddress wanted) {
    if (wanted == null) {
      return null;
    }
    for (JsonNode a : party.path("addresses.")) {
      if (a.has("active") && !a.path("active").isNull() && !TrytonCodec.bool(a.path("active"))) {
        continue;
      }
      PostalAddress have = TrytonAccountMapping.address(a);
      if (have != null && sameAddress(have, wanted)) {
        return a;
      }
    }
    return null;
  }

  static boolean sameAddress(PostalAddress a, PostalAddress b) {
    return norm(String.join(" ", a.lines())).equals(norm(String.join(" ", b.lines())))
        && norm(a.locality()).equals(norm(b.locality()))
        && norm(a.postalCode()).replace(" ", "").equals(norm(b.postalCode()).replace(" ", ""))
        && norm(a.country()).equals(norm(b.country()))
        && (a.region() == null || b.region() == null || norm(a.region()).equals(norm(b.region())));
  }

  private static String norm(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }

  private static String encode(SubmissionResult r) {
    StringBuilder s = new StringBuilder(r.accepted() ? "A" : "R");
    if (r.accepted()) {
      s.append('|').append(b64(r.id().system().value())).append('|').append(b64(r.id().id()));
      s.append('|').append(r.number() == null ? "-" : b64(r.number()));
    } else {
      for (FieldError f : r.reasons()) {
        s.append('|').append(b64(f.path())).append(':').append(b64(f.message()));
      }
    }
    return s.toString();
  }

  private static SubmissionResult decode(String text) {
    String[] p = text.split("\\|");
    if (p[0].equals("A")) {
      return SubmissionResult.accepted(
          ExternalId.of(unb64(p[1]), unb64(p[2])), p[3].equals("-") ? null : unb64(p[3]));
    }
    List<FieldError> reasons = new ArrayList<>();
    for (int i = 1; i < p.length; i++) {
      String[] pm = p[i].split(":");
      reasons.add(FieldError.redacted(unb64(pm[0]), unb64(pm[1])));
    }
    return SubmissionResult.rejected(reasons);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }

  private static <R> R call(ErrorContext ctx, java.util.function.Supplier<R> call) {
    try {
      return call.get();
    } catch (TrytonCallException e) {
      ErpError error = e.uncertain() ? e.error().withRetryable(true) : e.error();
      throw error.toException(ctx);
    }
  }
}
