package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.core.http.TokenProvider;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMutations;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import okhttp3.Call;

/**
 * The Shopify connector: one shop through the Admin GraphQL API, pinned to one API version.
 *
 * <ul>
 *   <li>{@link EntityType#PARTY}: customers, with a change feed, a reader and a writer ({@link
 *       ShopifyCustomers}).
 *   <li>{@link EntityType#INVENTORY_POSITION}: inventory levels per location, with a reader and a
 *       writer ({@link ShopifyInventory}).
 *   <li>{@link EntityType#PRODUCT}: variants as products, with a reader ({@link ShopifyProducts}).
 *   <li>{@link EntityType#ORDER}: orders, with an {@code updated_at} change feed and a reader
 *       ({@link ShopifyOrders}, mapped by {@link ShopifyOrderMapping}).
 *   <li>{@link EntityType#SHIPMENT}: a writer that turns ERP shipments into fulfilments through
 *       {@code fulfillmentCreate}, with tracking ({@link ShopifyOrders}).
 *   <li>Operations: {@link ShopifyInventory} (adjustments, SKU lookups), {@link
 *       ShopifyBulkOperations} (backfills), {@link ShopifyOrders}, {@link WebhookSubscriptions} and
 *       the {@link ShopifyGraphQlClient} itself, through {@link #operation(Class)}.
 * </ul>
 *
 * <p>Create one per shop and reuse it; thread-safe. Build it with {@link #builder()}, or let {@link
 * ShopifyConnectorProvider} build it from settings.
 */
public final class ShopifyConnector implements Connector {
  private static final Set<EntityType<?>> TYPES =
      Set.of(
          EntityType.PARTY,
          EntityType.INVENTORY_POSITION,
          EntityType.PRODUCT,
          EntityType.ORDER,
          EntityType.SHIPMENT);

  private final SystemId system;
  private final ShopifyGraphQlClient client;
  private final ShopifyCustomers customers;
  private final ShopifyInventory inventory;
  private final ShopifyBulkOperations bulk;
  private final ShopifyProducts products;
  private final ShopifyOrders orders;

  private ShopifyConnector(Builder b) {
    this.system = b.system;
    ShopifyGraphQlClient.Builder cb =
        ShopifyGraphQlClient.builder()
            .http(Objects.requireNonNull(b.http, "ShopifyConnector.http is required"))
            .tokens(Objects.requireNonNull(b.tokens, "ShopifyConnector.tokens is required"))
            .apiVersion(b.apiVersion)
            .clock(b.clock)
            .sleeper(b.sleeper)
            .random(b.random)
            .maxAttempts(b.maxAttempts)
            .listener(b.listener)
            .system(b.system)
            .costBucket(b.bucket);
    if (b.baseUrl == null) {
      throw new ConfigurationException(
          "ShopifyConnector",
          List.of(FieldError.redacted("shop", "is required: set shop or baseUrl")));
    }
    cb.baseUrl(b.baseUrl);
    this.client = cb.build();
    ShopifyCustomers.Builder customersBuilder =
        ShopifyCustomers.builder(client).system(system).overlap(b.feedOverlap).listener(b.listener);
    if (b.customIdKey != null) {
      customersBuilder.customId(b.customIdNamespace, b.customIdKey);
    }
    this.customers = customersBuilder.build();
    ShopifyInventory.Builder ib =
        ShopifyInventory.builder(client)
            .system(system)
            .keyStore(b.keyStore)
            .skipCompareQuantity(b.skipCompareQuantity);
    b.locations.forEach(ib::putLocation);
    this.inventory = ib.build();
    this.bulk = new ShopifyBulkOperations(client);
    this.products = new ShopifyProducts(client, system);
    this.orders =
        new ShopifyOrders(
            client,
            system,
            b.orderMapping,
            b.orderMutations,
            b.feedOverlap,
            b.orderFeedSince,
            this::requireOrderHistorySince,
            b.listener);
  }

  /**
   * Returns a builder.
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
    return TYPES;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((ChangeFeed<T>) customers.changeFeed());
    }
    if (type.equals(EntityType.ORDER)) {
      return Optional.of((ChangeFeed<T>) orders.changeFeed());
    }
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((RecordReader<T>) customers.reader());
    }
    if (type.equals(EntityType.INVENTORY_POSITION)) {
      return Optional.of((RecordReader<T>) inventory.reader());
    }
    if (type.equals(EntityType.PRODUCT)) {
      return Optional.of((RecordReader<T>) products.reader());
    }
    if (type.equals(EntityType.ORDER)) {
      return Optional.of((RecordReader<T>) orders.reader());
    }
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((RecordWriter<T>) customers.writer());
    }
    if (type.equals(EntityType.INVENTORY_POSITION)) {
      return Optional.of((RecordWriter<T>) inventory.writer());
    }
    if (type.equals(EntityType.SHIPMENT)) {
      return Optional.of((RecordWriter<T>) orders.shipmentWriter());
    }
    return Optional.empty();
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    if (operationType == WebhookSubscriptions.class) {
      return Optional.of(operationType.cast(orders.webhookSubscriptions()));
    }
    for (Object o : List.of(inventory, bulk, customers, products, orders, client)) {
      if (operationType.isInstance(o)) {
        return Optional.of(operationType.cast(o));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the GraphQL client, for queries the connector does not cover.
   *
   * @return the client
   */
  public ShopifyGraphQlClient client() {
    return client;
  }

  /**
   * Returns customer access.
   *
   * @return the customers
   */
  public ShopifyCustomers customers() {
    return customers;
  }

  /**
   * Returns inventory access.
   *
   * @return the inventory
   */
  public ShopifyInventory inventory() {
    return inventory;
  }

  /**
   * Returns product and variant reads.
   *
   * @return the products
   */
  public ShopifyProducts products() {
    return products;
  }

  /**
   * Returns order reads, the order feed, the shipment writer and webhook subscriptions.
   *
   * @return the orders
   */
  public ShopifyOrders orders() {
    return orders;
  }

  /**
   * Returns bulk operations.
   *
   * @return the bulk operations
   */
  public ShopifyBulkOperations bulk() {
    return bulk;
  }

  /**
   * Checks that orders since a date are visible to the app. Without the {@code read_all_orders}
   * scope Shopify shows only the last 60 days of orders and answers older searches with nothing,
   * which a sync would take for "no orders"; this makes it a configuration error instead.
   *
   * @param since the oldest order date the caller needs
   * @throws ConfigurationException if {@code since} is more than 60 days ago and the app lacks
   *     {@code read_all_orders}
   */
  public void requireOrderHistorySince(Instant since) {
    Instant windowStart = client.clock().instant().minus(Duration.ofDays(60));
    if (!since.isBefore(windowStart)) {
      return;
    }
    GraphQlResponse r =
        client.execute(
            GraphQlRequest.query(
                "query Scopes { currentAppInstallation { accessScopes { handle } } }", Map.of()));
    for (JsonNode s : r.field("currentAppInstallation").path("accessScopes")) {
      if ("read_all_orders".equals(s.path("handle").asText())) {
        return;
      }
    }
    throw new ConfigurationException(
        "Shopify connector",
        List.of(
            FieldError.of(
                "since",
                since,
                "is before the 60-day order window and the app lacks the read_all_orders scope;"
                    + " Shopify would return no older orders. Request read_all_orders for the app"
                    + " (it needs Shopify's approval) or sync from "
                    + windowStart)));
  }

  @Override
  public String toString() {
    return "ShopifyConnector[" + system + ", " + client + "]";
  }

  /** Builds a {@link ShopifyConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.SHOPIFY;
    private Call.Factory http;
    private String baseUrl;
    private String apiVersion = ShopifyGraphQlClient.DEFAULT_API_VERSION;
    private TokenProvider tokens;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private int maxAttempts = 6;
    private ShopifyListener listener = ShopifyListener.NONE;
    private CostBucket bucket = CostBucket.create();
    private Duration feedOverlap = Duration.ofMinutes(2);
    private String customIdNamespace;
    private String customIdKey;
    private final Map<String, String> locations = new LinkedHashMap<>();
    private InventoryKeyStore keyStore = InventoryKeyStore.inMemory();
    private boolean skipCompareQuantity;
    private ShopifyOrderMapping orderMapping = ShopifyOrderMapping.ofDefaults();
    private ShopifyOrderMutations orderMutations = ShopifyOrderMutations.ofDefaults();
    private Instant orderFeedSince;

    private Builder() {}

    /**
     * Sets the system id this connector reports; {@code shopify} by default (use one per shop when
     * a host syncs several).
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the HTTP client (the host's {@code OkHttpClient}, or {@code FakeShopify.client()}).
     * Required.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(Call.Factory http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the shop by handle: {@code acme} means {@code https://acme.myshopify.com}.
     *
     * @param shop the handle or {@code acme.myshopify.com}
     * @return this builder
     */
    public Builder shop(String shop) {
      String s = shop == null ? "" : shop.trim();
      this.baseUrl = "https://" + (s.endsWith(".myshopify.com") ? s : s + ".myshopify.com");
      ShopifyGraphQlClient.builder().shop(shop); // validates the handle
      return this;
    }

    /**
     * Sets the shop's base URL instead of a handle (a proxy, or the fake's URL).
     *
     * @param baseUrl the URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      ShopifyGraphQlClient.builder().baseUrl(baseUrl); // validates the URL
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Pins the API version; {@code 2026-04} by default.
     *
     * @param apiVersion the version
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      ShopifyGraphQlClient.builder().apiVersion(apiVersion); // validates the version
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sets where access tokens come from (see {@link ShopifyTokens}). Required.
     *
     * @param tokens the provider
     * @return this builder
     */
    public Builder tokens(TokenProvider tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the connector waits (cost bucket, retries, bulk polls).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the source of retry jitter.
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how many times one request is sent at most; 6 by default.
     *
     * @param maxAttempts 1 or more
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      ShopifyGraphQlClient.builder().maxAttempts(maxAttempts); // validates
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the listener for version, throttling and feed events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ShopifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Shares a cost bucket with other connectors of the same app and shop.
     *
     * @param bucket the bucket
     * @return this builder
     */
    public Builder costBucket(CostBucket bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /**
     * Sets the customer feed's overlap window; 2 minutes by default.
     *
     * @param overlap the window
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      this.feedOverlap = Objects.requireNonNull(overlap, "overlap");
      return this;
    }

    /**
     * Upserts customers without e-mail or phone by a unique custom-id metafield.
     *
     * @param namespace the metafield's namespace
     * @param key the metafield's key
     * @return this builder
     */
    public Builder customerCustomId(String namespace, String key) {
      this.customIdNamespace = Objects.requireNonNull(namespace, "namespace");
      this.customIdKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Maps a canonical location code to a Shopify location.
     *
     * @param canonical the code, such as {@code WH-1}
     * @param shopifyLocation the Location GID or numeric id
     * @return this builder
     */
    public Builder putLocation(String canonical, String shopifyLocation) {
      locations.put(canonical, ShopifyIds.toGid("Location", shopifyLocation));
      return this;
    }

    /**
     * Sets where inventory adjustment plans and keys are kept (a durable store survives restarts).
     *
     * @param store the store
     * @return this builder
     */
    public Builder inventoryKeyStore(InventoryKeyStore store) {
      this.keyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Skips the inventory compare-and-swap ({@code changeFromQuantity: null}); off by default and
     * logged on every write when on.
     *
     * @param skip whether to skip it
     * @return this builder
     */
    public Builder skipCompareQuantity(boolean skip) {
      this.skipCompareQuantity = skip;
      return this;
    }

    /**
     * Sets how Shopify orders map to canonical orders; {@link ShopifyOrderMapping#ofDefaults()} by
     * default.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder orderMapping(ShopifyOrderMapping mapping) {
      this.orderMapping = Objects.requireNonNull(mapping, "orderMapping");
      return this;
    }

    /**
     * Sets how ERP facts become order mutations (customer notification, carrier names); {@link
     * ShopifyOrderMutations#ofDefaults()} by default.
     *
     * @param mutations the mutation builders
     * @return this builder
     */
    public Builder orderMutations(ShopifyOrderMutations mutations) {
      this.orderMutations = Objects.requireNonNull(mutations, "orderMutations");
      return this;
    }

    /**
     * Sets where the order feed starts when its cursor is at the beginning. Without it the feed
     * asks for every order, which needs the {@code read_all_orders} scope; a start within the last
     * 60 days needs no extra scope.
     *
     * @param since the oldest {@code updated_at} to deliver
     * @return this builder
     */
    public Builder orderFeedSince(Instant since) {
      this.orderFeedSince = Objects.requireNonNull(since, "orderFeedSince");
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ConfigurationException if the shop is missing
     * @throws NullPointerException naming {@code http} or {@code tokens} when missing
     */
    public ShopifyConnector build() {
      return new ShopifyConnector(this);
    }
  }
}
