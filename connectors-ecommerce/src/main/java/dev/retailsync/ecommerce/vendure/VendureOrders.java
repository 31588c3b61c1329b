package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orders and fulfilments over the connector's {@link VendureGraphQl}: the order reader, the
 * shipment writer ({@code addFulfillmentToOrder} with the manual fulfilment handler, then {@code
 * transitionFulfillmentToState}) and the shipment reader. The order feed is {@link
 * VendureOrderFeed}. Thread-safe.
 */
final class VendureOrders {
  static final String ORDER_LIST =
      "query Orders($options: OrderListOptions) { orders(options: $options) { totalItems items { "
          + VendureOrderMapping.ORDER_FIELDS
          + " } } }";

  private static final String ERROR_FRAGMENT =
      " ... on ErrorResult { __typename errorCode message }";

  static final String ADD_FULFILLMENT =
      "mutation Fulfil($input: FulfillOrderInput!) { addFulfillmentToOrder(input: $input) {"
          + " __typename ... on Fulfillment { "
          + VendureOrderMapping.FULFILLMENT_FIELDS
          + " } ... on CreateFulfillmentError { fulfillmentHandlerError }"
          + ERROR_FRAGMENT
          + " } }";

  static final String TRANSITION_FULFILLMENT =
      "mutation TF($id: ID!, $state: String!) { transitionFulfillmentToState(id: $id, state:"
          + " $state) { __typename ... on Fulfillment { "
          + VendureOrderMapping.FULFILLMENT_FIELDS
          + " } ... on FulfillmentStateTransitionError { transitionError fromState toState }"
          + ERROR_FRAGMENT
          + " } }";

  /**
   * The manual fulfilment handler Vendure ships (arguments {@code method}, {@code trackingCode}).
   */
  static final String MANUAL_HANDLER = "manual-fulfillment";

  private static final int STRIPES = 64;

  private final VendureGraphQl client;
  private final SystemId system;
  private final VendureOrderMapping mapping;
  private final IdempotentExecutor idempotency;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  VendureOrders(
      VendureGraphQl client,
      SystemId system,
      VendureOrderMapping mapping,
      IdempotentExecutor idempotency) {
    this.client = client;
    this.system = system;
    this.mapping = mapping;
    this.idempotency = idempotency;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  VendureOrderMapping mapping() {
    return mapping;
  }

  // ---- orders ------------------------------------------------------------------------------

  /** Reads orders by code (or by numeric Vendure id); unknown ones are left out. */
  List<RemoteRecord<Order>> readOrders(List<String> idsOrCodes) {
    if (idsOrCodes.isEmpty()) {
      return List.of();
    }
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode o : listIn("code", idsOrCodes)) {
      byKey.put(o.path("code").asText(), o);
    }
    for (JsonNode o :
        listIn("id", idsOrCodes.stream().filter(s -> s.matches("[0-9]{1,18}")).toList())) {
      byKey.put(o.path("id").asText(), o);
    }
    List<RemoteRecord<Order>> out = new ArrayList<>();
    for (String k : idsOrCodes) {
      JsonNode o = byKey.get(k);
      if (o != null && o.hasNonNull("orderPlacedAt")) {
        out.add(record(o, VendureOrderFeed.modified(o), null));
      }
    }
    return out;
  }

  /** Reads full orders by Vendure id, in pages of at most 1000. */
  Map<String, JsonNode> ordersById(List<String> ids) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode o : listIn("id", ids)) {
      out.put(o.path("id").asText(), o);
    }
    return out;
  }

  /** Full orders whose {@code field} is one of {@code values}, in requests of at most 1000. */
  private List<JsonNode> listIn(String field, List<String> values) {
    List<JsonNode> out = new ArrayList<>();
    List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(values));
    for (int i = 0; i < distinct.size(); i += VendureConnector.MAX_PAGE) {
      List<String> part =
          distinct.subList(i, Math.min(distinct.size(), i + VendureConnector.MAX_PAGE));
      list(Map.of(field, Map.of("in", part)), part.size()).forEach(out::add);
    }
    return out;
  }

  private JsonNode list(Map<String, Object> filter, int take) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("take", Math.min(Math.max(take, 1), VendureConnector.MAX_PAGE));
    options.put("filter", filter);
    return client
        .execute("orders", ORDER_LIST, Map.of("options", options))
        .path("orders")
        .path("items");
  }

  JsonNode orderByCode(String code) {
    JsonNode items = list(Map.of("code", Map.of("eq", code)), 1);
    return items.isEmpty() ? null : items.get(0);
  }

  RemoteRecord<Order> record(JsonNode o, Instant modified, String version) {
    return new RemoteRecord<>(
        ExternalId.of(system, o.path("code").asText()),
        mapping.toOrder(o),
        version != null ? version : VendureOrderFeed.stampOf(o, modified),
        modified);
  }

  // ---- shipments: reader -------------------------------------------------------------------

  /** The fulfilments of one order as shipments; empty when the order does not exist. */
  List<RemoteRecord<Shipment>> shipmentsOf(String orderCode) {
    JsonNode o = orderByCode(orderCode);
    List<RemoteRecord<Shipment>> out = new ArrayList<>();
    if (o == null) {
      return out;
    }
    for (JsonNode f : o.path("fulfillments")) {
      out.add(shipmentRecord(o, f));
    }
    return out;
  }

  /** Reads shipments by {@code <order code>/<fulfilment id>}; unknown ones are left out. */
  List<RemoteRecord<Shipment>> readShipments(List<String> ids) {
    Map<String, List<String>> byOrder = new LinkedHashMap<>();
    for (String id : ids) {
      int slash = id.lastIndexOf('/');
      if (slash > 0 && slash < id.length() - 1) {
        byOrder
            .computeIfAbsent(id.substring(0, slash), k -> new ArrayList<>())
            .add(id.substring(slash + 1));
      }
    }
    if (byOrder.isEmpty()) {
      return List.of();
    }
    Map<String, RemoteRecord<Shipment>> found = new LinkedHashMap<>();
    for (JsonNode o : listIn("code", List.copyOf(byOrder.keySet()))) {
      for (JsonNode f : o.path("fulfillments")) {
        RemoteRecord<Shipment> r = shipmentRecord(o, f);
        found.put(r.id().id(), r);
      }
    }
    List<RemoteRecord<Shipment>> out = new ArrayList<>();
    for (String id : ids) {
      if (found.containsKey(id)) {
        out.add(found.get(id));
      }
    }
    return out;
  }

  private RemoteRecord<Shipment> shipmentRecord(JsonNode o, JsonNode f) {
    return new RemoteRecord<>(
        ExternalId.of(system, o.path("code").asText() + "/" + f.path("id").asText()),
        VendureOrderMapping.toShipment(o, f),
        fulfilmentVersion(f),
        VendureOrderMapping.instant(f, "updatedAt"));
  }

  private static String fulfilmentVersion(JsonNode f) {
    return f.path("state").asText() + "/" + f.path("updatedAt").asText();
  }

  // ---- shipments: writer -------------------------------------------------------------------

  List<WriteOutcome> writeShipments(List<WriteRequest<Shipment>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<Shipment> r : batch) {
      out.add(withIdempotency(r));
    }
    return out;
  }

  /** Writes one keyed request at most once per idempotency key; a repeat replays the outcome. */
  private WriteOutcome withIdempotency(WriteRequest<Shipment> r) {
    return idempotency.writeOnce(
        r, system, ErrorContext.of(system, "write shipment"), () -> locked(r));
  }

  /** Serialises writes for the same order in this process, so find-then-fulfil cannot race. */
  private WriteOutcome locked(WriteRequest<Shipment> r) {
    String order = r.entity().orderNumber();
    ReentrantLock lock = locks[Math.floorMod(order == null ? 0 : order.hashCode(), STRIPES)];
    lock.lock();
    try {
      return writeOne(r);
    } catch (ValidationException e) {
      return WriteOutcome.rejected(r.key(), "INVALID_INPUT", e.getMessage(), e.errors());
    } catch (MappingException e) {
      return WriteOutcome.rejected(r.key(), "MAPPING_FAILED", e.getMessage(), List.of());
    } catch (AuthenticationException e) {
      throw e;
    } catch (RemoteSystemException e) {
      String code = e.errorCode().orElse("REMOTE_ERROR");
      return e.isRetryable()
          ? WriteOutcome.retryable(r.key(), code, e.getMessage(), null)
          : WriteOutcome.rejected(r.key(), code, e.getMessage(), List.of());
    } finally {
      lock.unlock();
    }
  }

  /** 0 pending, 1 shipped, 2 delivered; -1 cancelled. */
  static int rank(ShipmentStatus s) {
    return switch (s) {
      case CREATED, PICKED, PACKED -> 0;
      case SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, EXCEPTION -> 1;
      case DELIVERED, RETURNED -> 2;
      case CANCELLED -> -1;
    };
  }

  private static int rank(String fulfilmentState) {
    return switch (fulfilmentState) {
      case "Shipped" -> 1;
      case "Delivered" -> 2;
      case "Cancelled" -> -1;
      default -> 0;
    };
  }

  private WriteOutcome writeOne(WriteRequest<Shipment> r) {
    Shipment s = r.entity();
    String key = r.key();
    if (s.orderNumber() == null) {
      return WriteOutcome.rejected(
          key,
          "INVALID_INPUT",
          "shipment "
              + s.shipmentNumber()
              + " names no order: orderNumber must be the Vendure code",
          List.of(FieldError.of("orderNumber", null, "is required (the Vendure order code)")));
    }
    JsonNode order = orderByCode(s.orderNumber());
    if (order == null) {
      return WriteOutcome.rejected(
          key,
          "ENTITY_NOT_FOUND",
          "Vendure has no order with code " + s.orderNumber(),
          List.of(FieldError.of("orderNumber", s.orderNumber(), "no such Vendure order code")));
    }
    String code = order.path("code").asText();
    String tracking = s.trackingNumber() != null ? s.trackingNumber() : s.shipmentNumber();
    JsonNode existing = null;
    JsonNode cancelled = null;
    for (JsonNode f : order.path("fulfillments")) {
      String tc = f.path("trackingCode").asText("");
      if (tc.equals(tracking) || tc.equals(s.shipmentNumber())) {
        if ("Cancelled".equals(f.path("state").asText())) {
          cancelled = f;
        } else {
          existing = f;
        }
      }
    }
    int want = rank(s.status());
    if (existing == null && cancelled != null && want < 0) {
      return WriteOutcome.unchanged(
          key,
          ExternalId.of(system, code + "/" + cancelled.path("id").asText()),
          fulfilmentVersion(cancelled));
    }
    if (existing != null) {
      return advance(key, code, existing, s.status(), false);
    }
    if (want < 0) {
      return WriteOutcome.rejected(
          key,
          "INVALID_INPUT",
          "a CANCELLED shipment that order " + code + " has no fulfilment for cannot be created",
          List.of(FieldError.of("status", s.status(), "CANCELLED has nothing to cancel")));
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    List<FieldError> problems = allocate(order, s, lines);
    if (!problems.isEmpty()) {
      return WriteOutcome.rejected(
          key,
          "INVALID_LINES",
          "shipment " + s.shipmentNumber() + " does not fit order " + code + ": " + problems,
          problems);
    }
    String method =
        s.carrier() == null
            ? "manual"
            : s.service() == null ? s.carrier() : s.carrier() + " " + s.service();
    Map<String, Object> input =
        Map.of(
            "lines",
            lines,
            "handler",
            Map.of(
                "code",
                MANUAL_HANDLER,
                "arguments",
                List.of(
                    Map.of("name", "method", "value", method),
                    Map.of("name", "trackingCode", "value", tracking))));
    JsonNode f =
        client
            .execute("addFulfillmentToOrder", ADD_FULFILLMENT, Map.of("input", input))
            .path("addFulfillmentToOrder");
    VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(f);
    if (err != null || !"Fulfillment".equals(f.path("__typename").asText())) {
      return rejected(key, err, f, "lines");
    }
    return advance(key, code, f, s.status(), true);
  }

  /** Moves a fulfilment forward to the shipment's status (Shipped, then Delivered). */
  private WriteOutcome advance(
      String key, String code, JsonNode f, ShipmentStatus status, boolean created) {
    ExternalId id = ExternalId.of(system, code + "/" + f.path("id").asText());
    int want = rank(status);
    int have = rank(f.path("state").asText());
    List<String> steps = new ArrayList<>();
    if (want < 0 && have >= 0 && have < 2) {
      steps.add("Cancelled");
    } else if (want > have && have >= 0) {
      if (have < 1) {
        steps.add("Shipped");
      }
      if (want >= 2) {
        steps.add("Delivered");
      }
    }
    JsonNode current = f;
    for (String state : steps) {
      JsonNode t =
          client
              .execute(
                  "transitionFulfillmentToState",
                  TRANSITION_FULFILLMENT,
                  Map.of("id", f.path("id").asText(), "state", state))
              .path("transitionFulfillmentToState");
      VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(t);
      if (err != null || !"Fulfillment".equals(t.path("__typename").asText())) {
        return rejected(key, err, t, "status");
      }
      current = t;
    }
    String version = fulfilmentVersion(current);
    if (created) {
      return WriteOutcome.created(key, id, version);
    }
    return steps.isEmpty()
        ? WriteOutcome.unchanged(key, id, version)
        : WriteOutcome.updated(key, id, version);
  }

  private static WriteOutcome rejected(
      String key, VendureGraphQl.ErrorResult err, JsonNode result, String field) {
    String code = err == null ? "UNEXPECTED_RESULT" : err.errorCode();
    StringBuilder msg =
        new StringBuilder(
            err == null
                ? "unexpected result " + result.path("__typename").asText()
                : err.message());
    for (String detail : List.of("fulfillmentHandlerError", "transitionError")) {
      if (result.hasNonNull(detail)) {
        msg.append(" (").append(result.path(detail).asText()).append(')');
      }
    }
    String f =
        switch (code) {
          case "CREATE_FULFILLMENT_ERROR", "INVALID_FULFILLMENT_HANDLER_ERROR" -> "trackingNumber";
          case "FULFILLMENT_STATE_TRANSITION_ERROR" -> "status";
          default -> field;
        };
    return WriteOutcome.rejected(
        key, code, "Vendure: " + msg, List.of(FieldError.of(f, null, msg.toString())));
  }

  /**
   * Matches the shipment's lines to the order's lines by SKU (or by line number when given), within
   * the quantities not yet fulfilled; fills {@code out} with {@code OrderLineInput}s.
   */
  static List<FieldError> allocate(JsonNode order, Shipment s, List<Map<String, Object>> out) {
    List<FieldError> problems = new ArrayList<>();
    if (s.lines().isEmpty()) {
      problems.add(FieldError.of("lines", null, "a shipment needs at least one line"));
      return problems;
    }
    List<JsonNode> orderLines = VendureOrderMapping.lines(order);
    Map<String, Long> open = new LinkedHashMap<>();
    for (JsonNode l : orderLines) {
      open.put(l.path("id").asText(), l.path("quantity").asLong());
    }
    for (JsonNode f : order.path("fulfillments")) {
      if ("Cancelled".equals(f.path("state").asText())) {
        continue;
      }
      for (JsonNode fl : f.path("lines")) {
        open.computeIfPresent(
            fl.path("orderLineId").asText(), (k, v) -> v - fl.path("quantity").asLong());
      }
    }
    Map<String, Long> take = new LinkedHashMap<>();
    for (int i = 0; i < s.lines().size(); i++) {
      ShipmentLine sl = s.lines().get(i);
      String p = "lines[" + i + "]";
      long qty;
      try {
        qty = sl.quantity().longValueExact();
      } catch (ArithmeticException e) {
        problems.add(FieldError.of(p + ".quantity", sl.quantity(), "must be a whole number"));
        continue;
      }
      if (qty == 0) {
        continue;
      }
      List<JsonNode> candidates = new ArrayList<>();
      if (sl.orderLineNumber() != null) {
        int n = sl.orderLineNumber();
        if (n > orderLines.size()) {
          problems.add(
              FieldError.of(
                  p + ".orderLineNumber",
                  n,
                  "order " + order.path("code").asText() + " has " + orderLines.size() + " lines"));
          continue;
        }
        JsonNode l = orderLines.get(n - 1);
        if (!sl.sku().equals(l.path("productVariant").path("sku").asText())) {
          problems.add(
              FieldError.of(
                  p + ".sku",
                  sl.sku(),
                  "order line " + n + " is SKU " + l.path("productVariant").path("sku").asText()));
          continue;
        }
        candidates.add(l);
      } else {
        for (JsonNode l : orderLines) {
          if (sl.sku().equals(l.path("productVariant").path("sku").asText())) {
            candidates.add(l);
          }
        }
      }
      if (candidates.isEmpty()) {
        problems.add(
            FieldError.of(p + ".sku", sl.sku(), "is not on order " + order.path("code").asText()));
        continue;
      }
      long remaining = qty;
      for (JsonNode l : candidates) {
        String id = l.path("id").asText();
        long free = open.get(id) - take.getOrDefault(id, 0L);
        long n = Math.min(free, remaining);
        if (n > 0) {
          take.merge(id, n, Long::sum);
          remaining -= n;
        }
      }
      if (remaining > 0) {
        problems.add(
            FieldError.of(
                p + ".quantity",
                sl.quantity(),
                "exceeds what is still unfulfilled of "
                    + sl.sku()
                    + " on order "
                    + order.path("code").asText()
                    + " by "
                    + remaining));
      }
    }
    if (problems.isEmpty() && take.isEmpty()) {
      problems.add(FieldError.of("lines", null, "every line has quantity 0"));
    }
    for (Map.Entry<String, Long> e : take.entrySet()) {
      out.add(Map.of("orderLineId", e.getKey(), "quantity", e.getValue()));
    }
    return problems;
  }
}
