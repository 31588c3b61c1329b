package dev.retailsync.examples.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.ecommerce.shopify.ShopifyConnector;
import dev.retailsync.ecommerce.shopify.ShopifyTokens;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping;
import dev.retailsync.erp.netsuite.NetSuiteConnector;
import dev.retailsync.erp.netsuite.NetSuiteCredentials;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.io.PrintStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Orders from Shopify to the ERP and shipments back, end to end against fakes: the real Shopify
 * connector talks to its in-process fake shop, the real NetSuite connector to its in-process fake
 * account, and the engine runs two flows.
 *
 * <ol>
 *   <li>{@code orders-shopify-to-netsuite}: the Shopify order feed ({@code updated_at}, overlap and
 *       dedupe) delivers a paid order; NetSuite gets a sales order with its lines, keyed by the
 *       Shopify order id (NetSuite's external id allows no {@code #}, so the mapping uses the
 *       order's numeric id as order number) for the web-shop customer account.
 *   <li>The warehouse ships in NetSuite: an item fulfilment created from the sales order, with a
 *       tracking number.
 *   <li>{@code shipments-netsuite-to-shopify}: the NetSuite fulfilment feed delivers the shipment;
 *       the Shopify connector turns it into a {@code fulfillmentCreate} against the order's
 *       fulfilment orders, with the tracking number. Running again changes nothing: a shipment
 *       already on the order is {@code UNCHANGED}, never fulfilled twice.
 * </ol>
 */
public final class ShopifyErpOrderFlow {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The NetSuite customer web-shop orders are booked to. */
  public static final String WEB_CUSTOMER = "WEB-SHOP";

  /** The tracking number the warehouse enters in NetSuite. */
  public static final String TRACKING_NUMBER = "1Z999AA10123456784";

  private ShopifyErpOrderFlow() {}

  /**
   * What a run leaves behind, for inspection.
   *
   * @param shop the fake shop
   * @param netsuite the fake NetSuite account
   * @param orderId the Shopify order's GID
   * @param reports the engine's report of each run: orders, shipments, and a quiet rerun
   */
  public record Result(
      FakeShopify shop, FakeNetSuite netsuite, String orderId, List<RunReport> reports) {

    // Keeps the reports immutable.
    public Result {
      reports = List.copyOf(reports);
    }
  }

  /**
   * Runs the flows and prints each step.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out, Clock.systemUTC());
  }

  /**
   * Runs the flows against a fresh fake shop and a fresh fake NetSuite account.
   *
   * @param out where to print each step and its outcomes
   * @param clock the clock of both fakes and connectors
   * @return the fakes and reports
   */
  public static Result run(PrintStream out, Clock clock) {
    // --- the two systems, each a real connector on its in-process fake
    FakeShopify shop = new FakeShopify(clock);
    shop.acceptToken("shpat_demo");
    FakeNetSuite netsuite = new FakeNetSuite(clock);
    netsuite.put("customer", Map.of("externalId", WEB_CUSTOMER, "companyName", "Web shop"));
    netsuite.put("inventoryItem", Map.of("externalId", "TEE-BLK-M", "itemId", "TEE-BLK-M"));
    netsuite.put("inventoryItem", Map.of("externalId", "CAP-GRY", "itemId", "CAP-GRY"));

    ShopifyOrderMapping orderMapping =
        ShopifyOrderMapping.builder()
            // NetSuite's external id takes letters, digits, '_' and '-': key by the numeric id.
            .override(Order.Fields.ORDER_NUMBER, s -> s.text("legacyResourceId", "id"))
            .override(Order.Fields.ACCOUNT_NUMBER, s -> WEB_CUSTOMER)
            .build();
    try (ShopifyConnector shopify =
            ShopifyConnector.builder()
                .http(shop.client())
                .baseUrl(FakeShopify.BASE_URL)
                .tokens(ShopifyTokens.staticToken("shpat_demo", clock))
                .clock(clock)
                .orderMapping(orderMapping)
                .orderFeedSince(clock.instant().minus(Duration.ofDays(1)))
                .build();
        NetSuiteConnector erp =
            NetSuiteConnector.builder()
                .baseUrl(FakeNetSuite.BASE_URL)
                .http(netsuite.client())
                .credentials(credentials())
                .clock(clock)
                .build()) {

      // --- a customer orders in the shop
      ObjectNode placed = shop.putOrder(order(), null);
      String orderId = placed.get("id").asText();
      out.println(
          "1. shopify order "
              + placed.get("name").asText()
              + " ("
              + orderId
              + ") with "
              + placed.path("lineItems").path("nodes").size()
              + " lines");

      Flow<Order> ordersToErp =
          Flow.builder("orders-shopify-to-netsuite", EntityType.ORDER)
              .source(shopify)
              .addTarget(erp)
              .build();
      Flow<Shipment> shipmentsToShop =
          Flow.builder("shipments-netsuite-to-shopify", EntityType.SHIPMENT)
              .source(erp)
              .addTarget(shopify)
              .build();
      // The shop owns what was ordered; the ERP owns its order number and the shipments.
      Merger merger =
          Merger.builder()
              .policy(
                  OwnershipPolicy.builder(EntityType.ORDER)
                      .owner(Order.Fields.LINES, SystemId.SHOPIFY)
                      .owner(Order.Fields.ERP_ORDER_NUMBER, SystemId.NETSUITE)
                      .defaultRule(ConflictRule.newestWins())
                      .build())
              .policy(
                  OwnershipPolicy.builder(EntityType.SHIPMENT)
                      .owner(Shipment.Fields.TRACKING_NUMBER, SystemId.NETSUITE)
                      .defaultRule(ConflictRule.newestWins())
                      .build())
              .clock(clock)
              .build();
      try (SyncEngine engine =
          SyncEngine.builder()
              .merger(merger)
              .clock(clock)
              .addFlow(ordersToErp)
              .addFlow(shipmentsToShop)
              .build()) {

        // --- the order reaches NetSuite
        RunReport first = engine.runOnce();
        out.print(first.render());
        ObjectNode salesOrder =
            netsuite
                .byExternalId("salesOrder", placed.get("legacyResourceId").asText())
                .orElseThrow(() -> new IllegalStateException("the order did not reach NetSuite"));
        out.println(
            "2. netsuite sales order "
                + salesOrder.path("tranId").asText()
                + " (external id "
                + salesOrder.path("externalId").asText()
                + ") with "
                + salesOrder.path("item").path("items").size()
                + " lines");

        // --- the warehouse ships it in NetSuite
        ObjectNode fulfilment =
            netsuite.put(
                "itemFulfillment",
                Map.of(
                    "createdFrom",
                    Map.of("id", salesOrder.path("id").asText()),
                    "shipStatus",
                    "C",
                    "package",
                    Map.of("items", List.of(Map.of("packageTrackingNumber", TRACKING_NUMBER))),
                    "item",
                    Map.of("items", shippedLines(salesOrder))));
        out.println(
            "3. netsuite item fulfilment "
                + fulfilment.path("tranId").asText(fulfilment.path("id").asText())
                + " shipped with tracking "
                + TRACKING_NUMBER);

        // --- the shipment comes back as a Shopify fulfilment
        RunReport second = engine.runOnce();
        out.print(second.render());
        for (JsonNode f : shop.fulfillments(orderId)) {
          out.println(
              "4. shopify fulfilment "
                  + f.path("name").asText()
                  + " ("
                  + f.path("id").asText()
                  + ") "
                  + f.path("status").asText()
                  + ", tracking "
                  + f.path("trackingInfo").path(0).path("number").asText());
        }

        // --- nothing new: nothing is written twice
        RunReport quiet = engine.runOnce();
        out.print(quiet.render());
        out.println(
            "5. shopify order is "
                + shop.orders().get(0).path("displayFulfillmentStatus").asText()
                + " with "
                + shop.fulfillments(orderId).size()
                + " fulfilment(s)");
        return new Result(shop, netsuite, orderId, List.of(first, second, quiet));
      }
    }
  }

  /** A paid order for two items, in the Admin GraphQL shape. */
  private static ObjectNode order() {
    ObjectNode o = JSON.createObjectNode();
    o.put("email", "ada@example.com").put("currencyCode", "EUR");
    o.put("displayFinancialStatus", "PAID");
    money(o, "currentSubtotalPriceSet", "65.00");
    money(o, "currentTotalDiscountsSet", "0.00");
    money(o, "currentTotalTaxSet", "10.38");
    money(o, "totalShippingPriceSet", "0.00");
    money(o, "currentTotalPriceSet", "65.00");
    ArrayNode lines = o.putObject("lineItems").putArray("nodes");
    line(lines, "TEE-BLK-M", "Organic tee - Black / M", 2, "25.00");
    line(lines, "CAP-GRY", "Wool cap - Grey", 1, "15.00");
    return o;
  }

  private static void line(ArrayNode lines, String sku, String name, int quantity, String price) {
    ObjectNode l = lines.addObject();
    l.put("sku", sku).put("name", name).put("quantity", quantity);
    money(l, "originalUnitPriceSet", price);
    money(
        l,
        "discountedTotalSet",
        new java.math.BigDecimal(price)
            .multiply(java.math.BigDecimal.valueOf(quantity))
            .toString());
    l.putArray("taxLines");
    l.putArray("discountAllocations");
  }

  private static void money(ObjectNode n, String field, String amount) {
    n.putObject(field).putObject("shopMoney").put("amount", amount).put("currencyCode", "EUR");
  }

  /** Every line of the sales order, shipped in full. */
  private static List<Map<String, Object>> shippedLines(ObjectNode salesOrder) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (JsonNode l : salesOrder.path("item").path("items")) {
      out.add(
          Map.of(
              "item",
              Map.of("id", l.path("item").path("id").asText()),
              "quantity",
              l.path("quantity").asInt()));
    }
    return out;
  }

  private static NetSuiteCredentials credentials() {
    KeyPair keys;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048); // the fake does not check the certificate; NetSuite wants 3072+
      keys = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return NetSuiteCredentials.builder()
        .clientId("demo-integration")
        .certificateId("demo-certificate")
        .privateKey(keys.getPrivate())
        .build();
  }
}
