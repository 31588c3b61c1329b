package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A connector for Vendure 3.x through the Admin GraphQL API ({@code POST <adminApiUrl>}), with an
 * API key ({@code vendure-api-key}, preferred: independent of admin logins) or a login session
 * token ({@code Authorization: Bearer}).
 *
 * <p>Entities: customers with their addresses as {@link Party} ({@link VendureCustomerMapping}),
 * read by Vendure id ({@link #reader}), looked up by our external id (the {@code externalId} custom
 * field, {@link #findCustomerByExternalId}) and upserted with one {@link WriteOutcome} per record
 * ({@link #writer}): an {@code ErrorResult} in {@code data} (for example {@code
 * EMAIL_ADDRESS_CONFLICT_ERROR}), a GraphQL error ({@code ENTITY_NOT_FOUND}, a database error
 * without a code) or invalid input reject that record only; a transport failure or HTTP 5xx makes
 * it retryable; {@code FORBIDDEN} throws {@link AuthenticationException} for the batch. Lists are
 * read with offset paging ({@code skip}/{@code take}, at most 1000 per page).
 *
 * <p>Orders, fulfilments, stock and refunds: placed orders as canonical {@link Order}s ({@link
 * VendureOrderMapping}; record ids are order codes) with a change feed driven by the orders'
 * history entries, since {@code Order.updatedAt} does not move on transitions, payments,
 * fulfilments or refunds ({@link #changeFeed}); {@link Shipment}s written as fulfilments with the
 * manual fulfilment handler, once per tracking code ({@link #writer}), and read back ({@link
 * #shipmentsOf}); variant stock per stock location as {@link InventoryPosition}s (reader, writer of
 * {@code stockOnHand}, full-scan feed); refunds of an order's payment from {@link ReturnRequest}s.
 * The builder's {@code order*}, {@code moneyPrecision}, {@code feedOverlap}, {@code
 * stockLocationCode}, {@code idempotencyStore} and {@code clock} options configure them.
 *
 * <p>Thread-safe: create one per shop and reuse it.
 *
 * <p>Record versions are the latest of the customer's and its addresses' {@code updatedAt} (Vendure
 * does not advance {@code Customer.updatedAt} when an address changes) followed by a fingerprint of
 * the content (database timestamps have whole seconds on sql.js); a write whose {@code
 * expectedVersion} differs is rejected with {@code VERSION_CONFLICT}. There are no idempotency keys
 * in Vendure: an upsert finds an earlier write through the {@code externalId} custom field, which
 * holds the request's key.
 */
public final class VendureConnector implements Connector {
  /** The largest {@code take} Vendure accepts ({@code adminListQueryLimit}). */
  public static final int MAX_PAGE = 1000;

  static final String CUSTOMER_LIST =
      "query Customers($options: CustomerListOptions) { customers(options: $options) {"
          + " totalItems items { "
          + VendureCustomerMapping.FIELDS
          + " } } }";
  private static final String ERROR_FRAGMENT =
      " ... on ErrorResult { __typename errorCode message }";

  /**
   * The order states the order feed delivers by default: every state of a placed order ({@code
   * PaymentAuthorized}, {@code PaymentSettled}, {@code PartiallyShipped}, {@code Shipped}, {@code
   * PartiallyDelivered}, {@code Delivered}, {@code Cancelled}); not {@code Modifying} and {@code
   * ArrangingAdditionalPayment}, which are passing states (the order is delivered again when it
   * leaves them).
   */
  public static final Set<String> DEFAULT_ORDER_FEED_STATES =
      Set.of(
          "PaymentAuthorized",
          "PaymentSettled",
          "PartiallyShipped",
          "Shipped",
          "PartiallyDelivered",
          "Delivered",
          "Cancelled");

  private final SystemId system;
  private final VendureGraphQl client;
  private final int pageSize;
  private final VendureOrders orders;
  private final VendureStock stock;
  private final VendureRefunds refunds;
  private final Set<String> orderFeedStates;
  private final Duration orderFeedLookback;
  private final Duration feedOverlap;
  private final Clock clock;

  private VendureConnector(Builder b) {
    this.system = b.system;
    this.pageSize = b.pageSize;
    this.client =
        new VendureGraphQl(
            b.http == null ? new OkHttpClient() : b.http, b.url, b.apiKey, b.bearerToken);
    this.clock = b.clock;
    IdempotencyStore store =
        b.idempotencyStore != null ? b.idempotencyStore : new InMemoryIdempotencyStore(b.clock);
    this.orders =
        new VendureOrders(
            client,
            system,
            new VendureOrderMapping(
                b.orderChannel != null ? b.orderChannel : system.value(),
                b.moneyPrecision,
                b.orderStatuses),
            new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(7)));
    this.stock = new VendureStock(client, system, b.stockLocationCodes, b.clock);
    this.refunds =
        new VendureRefunds(
            client,
            system,
            orders,
            new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(7)));
    this.orderFeedStates = Set.copyOf(b.orderFeedStates);
    this.orderFeedLookback = b.orderFeedLookback;
    this.feedOverlap = b.feedOverlap;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SystemId system() {
    return system;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.of(
        EntityType.PARTY,
        EntityType.ORDER,
        EntityType.SHIPMENT,
        EntityType.INVENTORY_POSITION,
        EntityType.RETURN_REQUEST);
  }

  /**
   * Returns the change feed of customers ({@code PARTY}), orders ({@code ORDER}) or variant stock
   * ({@code INVENTORY_POSITION}); cursors are opaque strings that survive a restart.
   *
   * <ul>
   *   <li>Customers: every customer created or edited, or whose addresses were added or edited,
   *       after a cursor's state is delivered by a later poll (each poll reads all customers, since
   *       Vendure cannot filter customers by address timestamps and {@code Customer.updatedAt}
   *       ignores address edits); deletions are not reported.
   *   <li>Orders: orders placed in the shop whose state is one of {@link Builder#orderFeedStates},
   *       and every later transition, payment, fulfilment, refund or cancellation of them, found
   *       through the orders' history entries because {@code Order.updatedAt} does not move for
   *       those (reference note §9.1); each poll scans the orders placed within {@link
   *       Builder#orderFeedLookback}. See {@code VendureOrderFeed}.
   *   <li>Stock: a full scan of every variant's stock levels per poll, by the levels' {@code
   *       updatedAt} and quantities (order-driven movements do not move {@code
   *       ProductVariant.updatedAt}).
   * </ul>
   *
   * @param type the entity type
   * @return the feed, or empty for other types
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    if (type == EntityType.PARTY) {
      ChangeFeed<Party> f = new VendureCustomerFeed(client, system, MAX_PAGE);
      return Optional.of((ChangeFeed<T>) f);
    }
    if (type == EntityType.ORDER) {
      ChangeFeed<Order> f =
          new VendureOrderFeed(
              client,
              orders,
              system,
              MAX_PAGE,
              orderFeedStates,
              orderFeedLookback,
              feedOverlap,
              clock);
      return Optional.of((ChangeFeed<T>) f);
    }
    if (type == EntityType.INVENTORY_POSITION) {
      ChangeFeed<InventoryPosition> f = stock.new Feed(MAX_PAGE, feedOverlap);
      return Optional.of((ChangeFeed<T>) f);
    }
    return Optional.empty();
  }

  /**
   * Returns the reader of customers (by Vendure id), orders (by order code, or numeric Vendure id;
   * placed orders only), shipments (by {@code <order code>/<fulfilment id>}) or stock positions (by
   * {@code <sku>@<location>}).
   *
   * @param type the entity type
   * @return the reader, or empty for other types
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    RecordReader<?> r;
    if (type == EntityType.PARTY) {
      r = RecordReader.of(pageSize, this::readCustomers);
    } else if (type == EntityType.ORDER) {
      r = RecordReader.<Order>of(pageSize, orders::readOrders);
    } else if (type == EntityType.SHIPMENT) {
      r = RecordReader.<Shipment>of(pageSize, orders::readShipments);
    } else if (type == EntityType.INVENTORY_POSITION) {
      r = RecordReader.<InventoryPosition>of(pageSize, stock::read);
    } else {
      return Optional.empty();
    }
    return Optional.of((RecordReader<T>) r);
  }

  /**
   * Returns the writer of customers ({@code PARTY}), shipments ({@code SHIPMENT}, as fulfilments of
   * the order named by {@link Shipment#orderNumber()}), stock ({@code INVENTORY_POSITION}, absolute
   * {@code stockOnHand} per location) or refunds ({@code RETURN_REQUEST}: {@code refundOrder} of
   * the request's {@code refundAmount} on the order's payment, once per RMA number; see {@code
   * VendureRefunds}).
   *
   * <p>Shipments: the order is found by its code; the shipment's lines (at least one, whole
   * quantities) are matched by SKU (or line number) to the order's lines within the quantities not
   * yet fulfilled; {@code addFulfillmentToOrder} runs with the {@code manual-fulfillment} handler
   * ({@code method} = carrier and service, or {@code manual}; {@code trackingCode} = the tracking
   * number, or the shipment number when there is none), then {@code transitionFulfillmentToState}
   * to {@code Shipped} (for {@code SHIPPED}, {@code IN_TRANSIT}, {@code OUT_FOR_DELIVERY}, {@code
   * EXCEPTION}) and {@code Delivered} (for {@code DELIVERED}). A shipment whose tracking number or
   * shipment number is already a fulfilment's tracking code is not fulfilled again: {@code
   * UNCHANGED}, or {@code UPDATED} when its status moved the fulfilment on (or cancelled it). A
   * request with an idempotency key runs at most once per key ({@link Builder#idempotencyStore}); a
   * lost answer is retryable and the retry finds the fulfilment by its tracking code. Every {@code
   * ErrorResult} (such as {@code ITEMS_ALREADY_FULFILLED_ERROR}, {@code
   * INSUFFICIENT_STOCK_ON_HAND_ERROR}, {@code FULFILLMENT_STATE_TRANSITION_ERROR}) rejects that
   * record with a field error.
   *
   * @param type the entity type
   * @return the writer, or empty for other types
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    RecordWriter<?> w;
    if (type == EntityType.PARTY) {
      w = RecordWriter.of(50, this::upsertCustomers);
    } else if (type == EntityType.SHIPMENT) {
      w = RecordWriter.<Shipment>of(50, orders::writeShipments);
    } else if (type == EntityType.INVENTORY_POSITION) {
      w = RecordWriter.<InventoryPosition>of(100, stock::write);
    } else if (type == EntityType.RETURN_REQUEST) {
      w = RecordWriter.<ReturnRequest>of(50, refunds::write);
    } else {
      return Optional.empty();
    }
    return Optional.of((RecordWriter<T>) w);
  }

  /**
   * Reads placed orders by code (or numeric Vendure id); unknown codes and orders not yet placed
   * are left out.
   *
   * @param codes Vendure order codes
   * @return the orders found, in the order of {@code codes}
   */
  public List<RemoteRecord<Order>> readOrders(List<String> codes) {
    return orders.readOrders(codes);
  }

  /**
   * Returns the fulfilments of an order as shipments, with their tracking codes and states.
   *
   * @param orderCode the Vendure order code
   * @return the shipments, oldest first; empty when the order does not exist
   */
  public List<RemoteRecord<Shipment>> shipmentsOf(String orderCode) {
    return orders.shipmentsOf(orderCode);
  }

  /**
   * Reads customers by Vendure id; ids Vendure does not know are left out of the result.
   *
   * @param ids Vendure customer ids
   * @return the records found, in the order of {@code ids}
   */
  public List<RemoteRecord<Party>> readCustomers(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("take", ids.size());
    options.put("filter", Map.of("id", Map.of("in", ids)));
    JsonNode page =
        client.execute("customers", CUSTOMER_LIST, Map.of("options", options)).path("customers");
    Map<String, RemoteRecord<Party>> byId = new LinkedHashMap<>();
    for (JsonNode c : page.path("items")) {
      byId.put(c.path("id").asText(), record(c));
    }
    List<RemoteRecord<Party>> out = new ArrayList<>();
    for (String id : ids) {
      if (byId.containsKey(id)) {
        out.add(byId.get(id));
      }
    }
    return out;
  }

  /**
   * Looks a customer up by our external id, held in Vendure's {@code externalId} custom field.
   *
   * @param externalId our id
   * @return the customer, if exactly one has it
   * @throws RemoteSystemException when several customers carry the same external id
   */
  public Optional<RemoteRecord<Party>> findCustomerByExternalId(String externalId) {
    JsonNode c = findRaw(externalId);
    return c == null ? Optional.empty() : Optional.of(record(c));
  }

  /**
   * Reads one page of customers sorted by id ({@code skip}/{@code take} offset paging).
   *
   * @param skip how many to skip
   * @param take how many to return, 1 to {@value #MAX_PAGE}
   * @return the customers of the page
   */
  public List<RemoteRecord<Party>> listCustomers(int skip, int take) {
    if (take < 1 || take > MAX_PAGE || skip < 0) {
      throw new IllegalArgumentException(
          "take must be 1.." + MAX_PAGE + " and skip 0 or more, were " + take + " and " + skip);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("skip", skip);
    options.put("take", take);
    options.put("sort", Map.of("id", "ASC"));
    List<RemoteRecord<Party>> out = new ArrayList<>();
    for (JsonNode c :
        client
            .execute("customers", CUSTOMER_LIST, Map.of("options", options))
            .path("customers")
            .path("items")) {
      out.add(record(c));
    }
    return out;
  }

  private JsonNode findRaw(String externalId) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("take", 2);
    options.put("filter", Map.of("externalId", Map.of("eq", externalId)));
    JsonNode items =
        client
            .execute("customers by externalId", CUSTOMER_LIST, Map.of("options", options))
            .path("customers")
            .path("items");
    if (items.size() > 1) {
      throw new RemoteSystemException(
          "Vendure has several customers with externalId " + externalId,
          200,
          "DUPLICATE_EXTERNAL_ID",
          null,
          dev.retailsync.api.ErrorContext.of(system, "customers by externalId"),
          false);
    }
    return items.isEmpty() ? null : items.get(0);
  }

  private JsonNode getRaw(String id) {
    JsonNode c =
        client
            .execute(
                "customer",
                "query C($id: ID!) { customer(id: $id) { " + VendureCustomerMapping.FIELDS + " } }",
                Map.of("id", id))
            .path("customer");
    return c.isObject() ? c : null;
  }

  private RemoteRecord<Party> record(JsonNode c) {
    Instant modified = VendureCustomerMapping.lastModified(c);
    return new RemoteRecord<>(
        ExternalId.of(system, c.path("id").asText()),
        VendureCustomerMapping.toParty(c),
        version(c),
        modified);
  }

  /** The version token: modification time and content fingerprint (second-precision safe). */
  static String version(JsonNode c) {
    Instant m = VendureCustomerMapping.lastModified(c);
    return (m == null ? Instant.EPOCH : m) + "/" + VendureCustomerFeed.fingerprint(c);
  }

  private List<WriteOutcome> upsertCustomers(List<WriteRequest<Party>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<Party> req : batch) {
      out.add(upsertOne(req));
    }
    return out;
  }

  private WriteOutcome upsertOne(WriteRequest<Party> req) {
    try {
      Map<String, Object> input = VendureCustomerMapping.toInput(req.entity(), req.key());
      List<Map<String, Object>> addresses = new ArrayList<>();
      int i = 0;
      for (PartyAddress pa : req.entity().addresses()) {
        addresses.add(VendureCustomerMapping.addressInput(pa, i++));
      }
      JsonNode existing = req.target() != null ? getRaw(req.target().id()) : findRaw(req.key());
      if (req.target() != null && existing == null) {
        return WriteOutcome.rejected(
            req.key(),
            "ENTITY_NOT_FOUND",
            "Vendure has no customer " + req.target().id(),
            List.of(FieldError.of("target", req.target().id(), "no such Vendure customer")));
      }
      if (existing != null && req.expectedVersion() != null) {
        String v = version(existing);
        if (!req.expectedVersion().equals(v)) {
          return WriteOutcome.rejected(
              req.key(),
              "VERSION_CONFLICT",
              "customer "
                  + existing.path("id").asText()
                  + " changed: version "
                  + v
                  + ", expected "
                  + req.expectedVersion(),
              List.of());
        }
      }
      String id;
      boolean created;
      if (existing == null) {
        JsonNode r =
            client
                .execute(
                    "createCustomer",
                    "mutation Create($input: CreateCustomerInput!) { createCustomer(input:"
                        + " $input) { __typename ... on Customer { id }"
                        + ERROR_FRAGMENT
                        + " } }",
                    Map.of("input", input))
                .path("createCustomer");
        VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(r);
        if (err != null) {
          return WriteOutcome.rejected(req.key(), err.errorCode(), err.message(), List.of());
        }
        id = r.path("id").asText();
        created = true;
      } else {
        id = existing.path("id").asText();
        input.put("id", id);
        JsonNode r =
            client
                .execute(
                    "updateCustomer",
                    "mutation Update($input: UpdateCustomerInput!) { updateCustomer(input:"
                        + " $input) { __typename ... on Customer { id }"
                        + ERROR_FRAGMENT
                        + " } }",
                    Map.of("input", input))
                .path("updateCustomer");
        VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(r);
        if (err != null) {
          return WriteOutcome.rejected(req.key(), err.errorCode(), err.message(), List.of());
        }
        created = false;
      }
      Set<String> have = new HashSet<>();
      if (existing != null) {
        for (JsonNode a : existing.path("addresses")) {
          have.add(
              VendureCustomerMapping.addressKey(
                  VendureCustomerMapping.text(a, "streetLine1"),
                  VendureCustomerMapping.text(a, "postalCode"),
                  VendureCustomerMapping.text(a.path("country"), "code")));
        }
      }
      for (Map<String, Object> a : addresses) {
        String key =
            VendureCustomerMapping.addressKey(
                a.get("streetLine1"), a.get("postalCode"), a.get("countryCode"));
        if (have.add(key)) {
          client.execute(
              "createCustomerAddress",
              "mutation Addr($id: ID!, $input: CreateAddressInput!) {"
                  + " createCustomerAddress(customerId: $id, input: $input) { id } }",
              Map.of("id", id, "input", a));
        }
      }
      JsonNode after = Objects.requireNonNull(getRaw(id), "customer " + id + " vanished");
      ExternalId ext = ExternalId.of(system, id);
      String version = version(after);
      return created
          ? WriteOutcome.created(req.key(), ext, version)
          : WriteOutcome.updated(req.key(), ext, version);
    } catch (ValidationException e) {
      return WriteOutcome.rejected(req.key(), "INVALID_INPUT", e.getMessage(), e.errors());
    } catch (MappingException e) {
      return WriteOutcome.rejected(req.key(), "MAPPING_FAILED", e.getMessage(), List.of());
    } catch (AuthenticationException e) {
      throw e;
    } catch (RemoteSystemException e) {
      String code = e.errorCode().orElse("REMOTE_ERROR");
      return e.isRetryable()
          ? WriteOutcome.retryable(req.key(), code, e.getMessage(), null)
          : WriteOutcome.rejected(req.key(), code, e.getMessage(), List.of());
    }
  }

  @Override
  public String toString() {
    return "VendureConnector[" + system + "]";
  }

  /** Builds a {@link VendureConnector}. */
  public static final class Builder {
    private SystemId system = SystemId.of("vendure");
    private HttpUrl url;
    private OkHttpClient http;
    private String apiKey;
    private String bearerToken;
    private int pageSize = 100;
    private Clock clock = Clock.systemUTC();
    private IdempotencyStore idempotencyStore;
    private String orderChannel;
    private int moneyPrecision = 2;
    private final Map<String, OrderStatus> orderStatuses = new LinkedHashMap<>();
    private Set<String> orderFeedStates = DEFAULT_ORDER_FEED_STATES;
    private Duration orderFeedLookback = Duration.ofDays(30);
    private Duration feedOverlap = Duration.ofSeconds(5);
    private final Map<String, String> stockLocationCodes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the clock for the order feed's lookback window and the in-memory idempotency store;
     * default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where shipment writes with an idempotency key record their outcome, so a retried request
     * is never fulfilled twice; default an in-memory store (one process). Pass the engine's JDBC
     * store when several processes write.
     *
     * @param store the store
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the canonical {@code channel} of orders read from this shop; default the system id.
     *
     * @param channel the channel name, such as {@code "web-eu"}
     * @return this builder
     */
    public Builder orderChannel(String channel) {
      if (channel == null || channel.isBlank()) {
        throw ValidationException.of("VendureConnector", "orderChannel", channel, "is blank");
      }
      this.orderChannel = channel;
      return this;
    }

    /**
     * Maps one Vendure order state to a canonical status, replacing the default of {@link
     * VendureOrderMapping#DEFAULT_STATUSES} (or adding a custom state of the shop's order process).
     *
     * @param vendureState the state, such as {@code Delivered}
     * @param status the canonical status, such as {@code CLOSED}
     * @return this builder
     */
    public Builder orderStatus(String vendureState, OrderStatus status) {
      if (vendureState == null || vendureState.isBlank()) {
        throw ValidationException.of("VendureConnector", "orderStatus", vendureState, "is blank");
      }
      this.orderStatuses.put(vendureState, Objects.requireNonNull(status, "status"));
      return this;
    }

    /**
     * Sets how many decimal places Vendure's integer money amounts carry; default 2 (Vendure's
     * {@code DefaultMoneyStrategy}, also for currencies without minor units). Change it only with a
     * custom {@code MoneyStrategy} of different precision.
     *
     * @param precision 0 to 6
     * @return this builder
     */
    public Builder moneyPrecision(int precision) {
      if (precision < 0 || precision > 6) {
        throw ValidationException.of(
            "VendureConnector", "moneyPrecision", precision, "must be 0..6");
      }
      this.moneyPrecision = precision;
      return this;
    }

    /**
     * Sets the order states the order feed delivers; default {@link #DEFAULT_ORDER_FEED_STATES}.
     * For example {@code Set.of("PaymentSettled")} only hands over paid orders (an order is
     * delivered again, in its new state, whenever it changes into one of these states).
     *
     * @param states Vendure order states, at least one
     * @return this builder
     */
    public Builder orderFeedStates(Set<String> states) {
      if (states == null || states.isEmpty()) {
        throw ValidationException.of(
            "VendureConnector", "orderFeedStates", states, "needs at least one state");
      }
      this.orderFeedStates = Set.copyOf(states);
      return this;
    }

    /**
     * Sets how far back (by {@code orderPlacedAt}) each order feed poll looks for payments,
     * fulfilments, refunds and state changes; default 30 days. Older orders are delivered only when
     * their {@code updatedAt} moves (cancellation, modification).
     *
     * @param lookback a positive duration
     * @return this builder
     */
    public Builder orderFeedLookback(Duration lookback) {
      if (lookback == null || lookback.isNegative() || lookback.isZero()) {
        throw ValidationException.of(
            "VendureConnector", "orderFeedLookback", lookback, "must be positive");
      }
      this.orderFeedLookback = lookback;
      return this;
    }

    /**
     * Sets how far the order and stock feeds look back before their cursor's time, for transactions
     * that commit after their timestamp; default 5 seconds.
     *
     * @param overlap zero or more
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      if (overlap == null || overlap.isNegative()) {
        throw ValidationException.of(
            "VendureConnector", "feedOverlap", overlap, "must be zero or more");
      }
      this.feedOverlap = overlap;
      return this;
    }

    /**
     * Names a Vendure stock location with a canonical location code (such as the ERP's warehouse
     * code): positions read from it carry the code, and positions written with the code go to it.
     * Unnamed locations are known by their Vendure id; writes also accept a location's name.
     *
     * @param code the canonical code, such as {@code WH-EAST}
     * @param vendureStockLocationId the Vendure stock location id, such as {@code 2}
     * @return this builder
     */
    public Builder stockLocationCode(String code, String vendureStockLocationId) {
      if (code == null || code.isBlank() || code.indexOf(';') >= 0 || code.indexOf('=') >= 0) {
        throw ValidationException.of(
            "VendureConnector", "stockLocationCode", code, "must be non-blank without ; or =");
      }
      if (vendureStockLocationId == null || vendureStockLocationId.isBlank()) {
        throw ValidationException.of(
            "VendureConnector", "stockLocationCode", vendureStockLocationId, "needs the id");
      }
      this.stockLocationCodes.put(vendureStockLocationId, code);
      return this;
    }

    /**
     * Sets the Admin API URL, for example {@code https://shop.example.com/admin-api}.
     *
     * @param adminApiUrl the URL
     * @return this builder
     * @throws ValidationException when the URL is not http(s)
     */
    public Builder adminApiUrl(String adminApiUrl) {
      HttpUrl u = adminApiUrl == null ? null : HttpUrl.parse(adminApiUrl);
      if (u == null) {
        throw ValidationException.of(
            "VendureConnector",
            "adminApiUrl",
            adminApiUrl,
            "must be an http(s) URL such as https://shop.example.com/admin-api");
      }
      this.url = u;
      return this;
    }

    /**
     * Sets the HTTP client (timeouts, proxies, interceptors); default a new {@link OkHttpClient}.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Authenticates with an API key, sent as {@code vendure-api-key} (Vendure 3.6 and later).
     *
     * @param apiKey the key, {@code <lookupId>:<secret>}
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Authenticates with a login session token, sent as {@code Authorization: Bearer}.
     *
     * @param bearerToken the token from the {@code vendure-auth-token} header of {@code login}
     * @return this builder
     */
    public Builder bearerToken(String bearerToken) {
      this.bearerToken = bearerToken;
      return this;
    }

    /**
     * Sets this connector's system id; default {@code vendure}.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the page size for reads, 1 to {@value VendureConnector#MAX_PAGE}; default 100.
     *
     * @param pageSize the size
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > MAX_PAGE) {
        throw ValidationException.of(
            "VendureConnector", "pageSize", pageSize, "must be 1.." + MAX_PAGE);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException when the URL or the credential is missing
     */
    public VendureConnector build() {
      List<FieldError> errors = new ArrayList<>();
      if (url == null) {
        errors.add(FieldError.of("adminApiUrl", null, "is required, e.g. https://host/admin-api"));
      }
      boolean key = apiKey != null && !apiKey.isBlank();
      boolean token = bearerToken != null && !bearerToken.isBlank();
      if (key == token) {
        errors.add(
            FieldError.of(
                "apiKey",
                null,
                key
                    ? "set either apiKey or bearerToken, not both"
                    : "set apiKey (vendure-api-key) or bearerToken (login session)"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException("VendureConnector", errors);
      }
      return new VendureConnector(this);
    }
  }
}
