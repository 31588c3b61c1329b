package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderDocuments;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMutations;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderRef;
import dev.retailsync.ecommerce.shopify.webhook.GraphQlCall;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSubscriptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order side of a shop, over the connector's {@link ShopifyGraphQlClient}: orders read and fed
 * as canonical {@link Order}s ({@link ShopifyOrderMapping}), ERP {@link Shipment}s written as
 * fulfilments ({@link ShopifyOrderMutations#fulfillmentCreate}), and webhook subscriptions.
 *
 * <ul>
 *   <li>{@link #graphQlCall()} adapts the client to the order and webhook packages' {@link
 *       GraphQlCall}: every call goes through the client's cost estimate, cost bucket, throttling
 *       and retries. Mutations are sent as such (retried only when they carry {@code @idempotent}).
 *   <li>The reader takes order GIDs or numeric ids and reads each order with {@link
 *       ShopifyOrderDocuments#ORDER}, fetching further line-item pages rather than mapping a
 *       partial order.
 *   <li>The change feed searches {@code updated_at:>='<mark - overlap>'} sorted by {@code
 *       UPDATED_AT} and drops what the cursor says it delivered (order GID and {@code updatedAt}),
 *       like the customer feed. Before asking for orders older than 60 days it checks the {@code
 *       read_all_orders} scope ({@link ShopifyConnector#requireOrderHistorySince}), so a missing
 *       scope is a configuration error and not "no orders"; a feed without a start date asks for
 *       all history and therefore needs that scope.
 *   <li>The shipment writer finds the order (the request's target, or the shipment's {@code
 *       orderNumber} as a GID or numeric id), and reports a shipment already on the order as {@code
 *       UNCHANGED}: a fulfilment with the same tracking number, or, for a shipment without one,
 *       every line already fulfilled. Otherwise it reads the fulfilment orders and sends {@code
 *       fulfillmentCreate}. A create whose answer was lost is reported retryable; the retry finds
 *       the fulfilment by its tracking number and does not fulfil twice.
 * </ul>
 *
 * <p>Thread-safe; obtain it from {@link ShopifyConnector#orders()}.
 */
public final class ShopifyOrders {
  private static final Logger LOG = LoggerFactory.getLogger(ShopifyOrders.class);
  private static final Duration ORDER_WINDOW = Duration.ofDays(60);

  /**
   * The fulfilments already on an order, to recognise a shipment sent before. Variables: {@code
   * {"id"}}.
   */
  static final String FULFILLMENTS =
      "query OrderFulfillments($id: ID!) {\n"
          + "  order(id: $id) {\n"
          + "    id name\n"
          + "    fulfillments(first: 10) { id name status trackingInfo(first: 3) { number }\n"
          + "      fulfillmentLineItems(first: 20) { nodes { quantity lineItem { sku } } } }\n"
          + "  }\n"
          + "}";

  private final ShopifyGraphQlClient client;
  private final SystemId system;
  private final ShopifyOrderMapping mapping;
  private final ShopifyOrderMutations mutations;
  private final Duration overlap;
  private final Instant feedSince;
  private final Consumer<Instant> historyCheck;
  private final ShopifyListener listener;
  private final GraphQlCall call;

  ShopifyOrders(
      ShopifyGraphQlClient client,
      SystemId system,
      ShopifyOrderMapping mapping,
      ShopifyOrderMutations mutations,
      Duration overlap,
      Instant feedSince,
      Consumer<Instant> historyCheck,
      ShopifyListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.system = Objects.requireNonNull(system, "system");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.mutations = Objects.requireNonNull(mutations, "mutations");
    this.overlap = Objects.requireNonNull(overlap, "overlap");
    this.feedSince = feedSince;
    this.historyCheck = Objects.requireNonNull(historyCheck, "historyCheck");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.call = new ClientCall(client);
  }

  /**
   * Returns the client as the {@link GraphQlCall} the order and webhook packages use: cost
   * estimation, the cost bucket, throttling and retries apply to every call.
   *
   * @return the call
   */
  public GraphQlCall graphQlCall() {
    return call;
  }

  /**
   * Returns the shop's webhook subscriptions over the client.
   *
   * @return the subscriptions
   */
  public WebhookSubscriptions webhookSubscriptions() {
    return WebhookSubscriptions.overGraphQl(call);
  }

  /**
   * Returns the order reader by GID or numeric id.
   *
   * @return the reader; reads one order a request
   */
  public RecordReader<Order> reader() {
    return RecordReader.of(10, this::read);
  }

  /**
   * Returns the {@code updated_at} order change feed.
   *
   * @return the feed
   */
  public ChangeFeed<Order> changeFeed() {
    return this::poll;
  }

  /**
   * Returns the writer of ERP shipments as fulfilments.
   *
   * @return the writer; one shipment at a time (each is one {@code fulfillmentCreate})
   */
  public RecordWriter<Shipment> shipmentWriter() {
    return RecordWriter.of(10, this::writeShipments);
  }

  // ------------------------------------------------------------------ reads

  private List<RemoteRecord<Order>> read(List<String> ids) {
    List<RemoteRecord<Order>> out = new ArrayList<>();
    for (String id : ids) {
      String gid = ShopifyIds.toGid("Order", id);
      JsonNode order = fetchOrder(gid);
      if (order == null) {
        continue;
      }
      out.add(
          new RemoteRecord<>(
              ExternalId.of(system, gid),
              mapping.fromGraphQl(order),
              order.path("updatedAt").asText(null),
              instant(order.path("updatedAt").asText(null))));
    }
    return out;
  }

  private JsonNode fetchOrder(String gid) {
    JsonNode order =
        client
            .execute(GraphQlRequest.query(ShopifyOrderDocuments.ORDER, Map.of("id", gid)))
            .field("order");
    if (!order.isObject()) {
      return null;
    }
    return withAllLines(order);
  }

  /** Appends the line items beyond the first page, so no order is mapped with lines missing. */
  private JsonNode withAllLines(JsonNode order) {
    JsonNode current = order;
    while (current.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false)) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", current.path("id").asText());
      vars.put("cursor", current.path("lineItems").path("pageInfo").path("endCursor").asText());
      JsonNode next =
          client.execute(GraphQlRequest.query(ShopifyOrderDocuments.ORDER_LINE_ITEMS, vars)).data();
      current = ShopifyOrderMapping.withMoreLineItems(current, next);
    }
    return current;
  }

  // ------------------------------------------------------------------ change feed

  private ChangePage<Order> poll(Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of(
          "ShopifyOrders.poll", "maxChanges", maxChanges, "must be 1 or more");
    }
    UpdatedAtCursor from = UpdatedAtCursor.decode("orders", "ShopifyOrders.poll", cursor);
    Instant lowerBound = from.mark == null ? feedSince : from.mark.minus(overlap);
    // Orders older than the window need read_all_orders; without it Shopify answers "nothing".
    Instant windowStart = client.clock().instant().minus(ORDER_WINDOW);
    if (lowerBound == null || lowerBound.isBefore(windowStart)) {
      historyCheck.accept(lowerBound == null ? Instant.EPOCH : lowerBound);
    }
    String query = lowerBound == null ? null : "updated_at:>='" + lowerBound + "'";
    return from.poll(
        maxChanges,
        overlap,
        system,
        EntityType.ORDER,
        "order",
        after -> {
          Map<String, Object> vars = new HashMap<>();
          vars.put("cursor", after);
          vars.put("q", query);
          return client
              .execute(GraphQlRequest.query(ShopifyOrderDocuments.ORDERS, vars))
              .field("orders");
        },
        o -> mapping.fromGraphQl(withAllLines(o)),
        listener,
        LOG);
  }

  // ------------------------------------------------------------------ shipments

  private List<WriteOutcome> writeShipments(List<WriteRequest<Shipment>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<Shipment> r : batch) {
      out.add(writeShipment(r));
    }
    return out;
  }

  private WriteOutcome writeShipment(WriteRequest<Shipment> r) {
    Shipment s = r.entity();
    String orderRef =
        r.target() != null && r.target().system().equals(system)
            ? r.target().id()
            : s.orderNumber();
    if (orderRef == null || orderRef.isBlank()) {
      return WriteOutcome.rejected(
          r.key(),
          "ORDER_REQUIRED",
          "shipment " + s.shipmentNumber() + " names no order",
          List.of(
              FieldError.of(
                  "orderNumber",
                  null,
                  "is required: the Shopify order's GID or numeric id the shipment fulfils")));
    }
    String orderId;
    try {
      orderId = ShopifyIds.toGid("Order", orderRef.trim());
    } catch (ValidationException e) {
      return WriteOutcome.rejected(
          r.key(),
          "ORDER_ID",
          e.getMessage(),
          List.of(
              FieldError.of(
                  "orderNumber",
                  orderRef,
                  "must be a Shopify Order GID or numeric id (map the ERP's order reference to"
                      + " it)")));
    }
    try {
      JsonNode order =
          client.execute(GraphQlRequest.query(FULFILLMENTS, Map.of("id", orderId))).field("order");
      if (!order.isObject()) {
        return WriteOutcome.rejected(
            r.key(),
            "ORDER_NOT_FOUND",
            "no Shopify order " + orderId,
            List.of(FieldError.of("orderNumber", orderRef, "names no order of this shop")));
      }
      String existing = alreadyFulfilled(s, order.path("fulfillments"));
      if (existing != null) {
        return WriteOutcome.unchanged(r.key(), ExternalId.of(system, existing), null);
      }
      JsonNode fos =
          client
              .execute(
                  GraphQlRequest.query(
                      ShopifyOrderDocuments.FULFILLMENT_ORDERS, Map.of("id", orderId)))
              .data();
      dev.retailsync.ecommerce.shopify.orders.GraphQlRequest create =
          mutations.fulfillmentCreate(s, ShopifyOrderRef.fulfillmentOrders(fos));
      String fulfillmentId = ShopifyOrderMutations.fulfillmentId(create.execute(call));
      return WriteOutcome.created(r.key(), ExternalId.of(system, fulfillmentId), null);
    } catch (ValidationException e) {
      return WriteOutcome.rejected(r.key(), "INVALID", e.getMessage(), e.errors());
    } catch (SyncException e) {
      if (!e.isRetryable()) {
        return WriteOutcome.rejected(r.key(), code(e), e.getMessage(), List.of());
      }
      Duration after = e instanceof RateLimitException rl ? rl.retryAfter().orElse(null) : null;
      return WriteOutcome.retryable(r.key(), code(e), e.getMessage(), after);
    }
  }

  private static String code(SyncException e) {
    return e instanceof RemoteSystemException rs && rs.errorCode().isPresent()
        ? rs.errorCode().get()
        : e instanceof RateLimitException ? "THROTTLED" : "SHOPIFY_ERROR";
  }

  /**
   * Returns the fulfilment that already carries this shipment: by tracking number, or, without one,
   * when the order's fulfilments hold every line in full. {@code null} when none does.
   */
  private static String alreadyFulfilled(Shipment s, JsonNode fulfillments) {
    List<JsonNode> live = new ArrayList<>();
    for (JsonNode f : fulfillments) {
      String status = f.path("status").asText();
      if (!status.equals("CANCELLED") && !status.equals("ERROR") && !status.equals("FAILURE")) {
        live.add(f);
      }
    }
    if (s.trackingNumber() != null) {
      for (JsonNode f : live) {
        for (JsonNode t : f.path("trackingInfo")) {
          if (s.trackingNumber().equals(t.path("number").asText(null))) {
            return f.path("id").asText();
          }
        }
      }
      return null;
    }
    if (live.isEmpty() || s.lines().isEmpty()) {
      return null;
    }
    Map<String, BigDecimal> fulfilled = new HashMap<>();
    for (JsonNode f : live) {
      for (JsonNode l : f.path("fulfillmentLineItems").path("nodes")) {
        fulfilled.merge(
            l.path("lineItem").path("sku").asText(),
            new BigDecimal(l.path("quantity").asText("0")),
            BigDecimal::add);
      }
    }
    Map<String, BigDecimal> wanted = new HashMap<>();
    for (ShipmentLine l : s.lines()) {
      wanted.merge(l.sku(), l.quantity(), BigDecimal::add);
    }
    for (Map.Entry<String, BigDecimal> w : wanted.entrySet()) {
      if (fulfilled.getOrDefault(w.getKey(), BigDecimal.ZERO).compareTo(w.getValue()) < 0) {
        return null;
      }
    }
    return live.get(live.size() - 1).path("id").asText();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ShopifyOrders[" + system + ", overlap=" + overlap + "]";
  }

  /** The client as a {@link GraphQlCall}: queries, mutations and {@code @idempotent} mutations. */
  private static final class ClientCall implements GraphQlCall {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private final ShopifyGraphQlClient client;

    ClientCall(ShopifyGraphQlClient client) {
      this.client = client;
    }

    @Override
    public JsonNode execute(String document, JsonNode variables) {
      Map<String, Object> vars =
          variables == null || variables.isNull()
              ? Map.of()
              : ShopifyGraphQlClient.JSON.convertValue(variables, MAP);
      GraphQlDocument parsed;
      try {
        parsed = GraphQlDocument.parse(document);
      } catch (IllegalArgumentException e) {
        throw ValidationException.of(
            "Shopify GraphQL", "document", null, "cannot be parsed: " + e.getMessage());
      }
      if (!parsed.isMutation()) {
        return client.execute(GraphQlRequest.query(document, vars)).data();
      }
      String key = null;
      for (GraphQlDocument.Field f : parsed.fields()) {
        Object k = f.directiveArgument("idempotent", "key", vars);
        if (k != null) {
          key = k.toString();
        }
      }
      GraphQlRequest request =
          key == null
              ? GraphQlRequest.mutation(document, vars)
              : GraphQlRequest.idempotentMutation(document, vars, key);
      return client.execute(request).data();
    }

    @Override
    public String toString() {
      return "GraphQlCall[" + client + "]";
    }
  }
}
