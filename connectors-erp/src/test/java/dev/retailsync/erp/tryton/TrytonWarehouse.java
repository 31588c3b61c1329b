package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the warehouse and accounting side of the real Tryton test server the way its users would
 * in the Tryton client: creates stocked products, ships a sale's customer shipments and posts its
 * invoices. For order-to-cash tests, in this module and in others through its test-jar.
 *
 * <pre>{@code
 * @RealTryton
 * class OrderToCashIT {
 *   private final TrytonTestServer tryton;
 *
 *   OrderToCashIT(TrytonTestServer tryton) { this.tryton = tryton; }
 *
 *   @Test
 *   void shipsAndInvoices() {
 *     try (TrytonWarehouse warehouse = new TrytonWarehouse(tryton)) {
 *       warehouse.ensureProduct("SKU-O2C-1", new BigDecimal("12.50"), new BigDecimal("20"));
 *       // ... submit the order through the connector (tryton.connector().build()) ...
 *       warehouse.shipSale("WEB-1001", "TRACK-42");
 *       warehouse.postInvoices("WEB-1001");
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Every method is one or a few JSON-RPC calls as the admin user; a Tryton error surfaces as an
 * {@link IllegalStateException} naming the call. Not thread-safe; create one per test.
 */
public final class TrytonWarehouse implements AutoCloseable {
  private final TrytonTestServer server;
  private final TrytonRpc rpc;

  /**
   * Logs in to the server as its admin.
   *
   * @param server the running server, as {@link RealTryton} tests receive it
   */
  public TrytonWarehouse(TrytonTestServer server) {
    this.server = server;
    this.rpc = server.rpc();
  }

  /**
   * Makes sure a salable, stocked good with this product code exists: creates it (unit "Unit",
   * untaxed account category, the price as list price) when missing, and then, when the warehouse
   * {@code WH} holds less than {@code stock} on hand, adds the difference to its storage location
   * by a confirmed inventory.
   *
   * @param sku the product code
   * @param price the list price, in the company currency (USD)
   * @param stock the least on-hand quantity the warehouse must hold afterwards
   * @return the {@code product.product} id
   */
  public long ensureProduct(String sku, BigDecimal price, BigDecimal stock) {
    JsonNode found =
        call(
            "product.product",
            "search_read",
            Arrays.asList(
                List.of(List.of("code", "=", sku)), 0, 1, null, List.of("code", "default_uom")));
    long product;
    if (found.size() > 0) {
      product = found.get(0).path("id").asLong();
    } else {
      long category =
          call(
                  "product.category",
                  "search",
                  Arrays.asList(List.of(List.of("name", "=", "Goods (tax free)")), 0, 1, null))
              .get(0)
              .asLong();
      Map<String, Object> template = new LinkedHashMap<>();
      template.put("name", "Product " + sku);
      template.put("code", sku);
      template.put("type", "goods");
      template.put("default_uom", server.id("unit"));
      template.put("sale_uom", server.id("unit"));
      template.put("salable", true);
      template.put("list_price", price);
      template.put("account_category", category);
      template.put("products", List.of(List.of("create", List.of(Map.of("cost_price", price)))));
      long templateId =
          call("product.template", "create", List.of(List.of(template))).get(0).asLong();
      product =
          call(
                  "product.product",
                  "search",
                  Arrays.asList(List.of(List.of("template", "=", templateId)), 0, 1, null))
              .get(0)
              .asLong();
    }
    BigDecimal missing = stock.subtract(onHand(sku));
    if (missing.signum() > 0) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("product", product);
      line.put("quantity", missing.doubleValue());
      // Tryton moves the difference between what it expected and what was counted.
      line.put("expected_quantity", 0.0);
      Map<String, Object> inventory = new LinkedHashMap<>();
      inventory.put("location", server.id("locations", "STO"));
      inventory.put("date", LocalDate.now(ZoneOffset.UTC));
      inventory.put("lines", List.of(List.of("create", List.of(line))));
      long id = call("stock.inventory", "create", List.of(List.of(inventory))).get(0).asLong();
      call("stock.inventory", "confirm", List.of(List.of(id)));
    }
    return product;
  }

  /**
   * Returns the quantity on hand of a product in the warehouse {@code WH}.
   *
   * @param sku the product code
   * @return the quantity; zero for an unknown code
   */
  public BigDecimal onHand(String sku) {
    return quantity(sku, "quantity");
  }

  /**
   * Returns the forecast quantity of a product in the warehouse {@code WH}: on hand minus what
   * confirmed sales will take.
   *
   * @param sku the product code
   * @return the quantity; zero for an unknown code
   */
  public BigDecimal forecast(String sku) {
    return quantity(sku, "forecast_quantity");
  }

  private BigDecimal quantity(String sku, String field) {
    JsonNode rows;
    try {
      rows =
          rpc.model(
              "product.product",
              "search_read",
              Arrays.asList(List.of(List.of("code", "=", sku)), 0, 1, null, List.of(field)),
              Map.of("locations", List.of(server.id("locations", "WH"))));
    } catch (TrytonCallException e) {
      throw new IllegalStateException("product.product.search_read: " + e.error().message(), e);
    }
    return rows.size() == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(rows.get(0).path(field).asDouble()).stripTrailingZeros();
  }

  /**
   * Ships the sale with this reference: for each of its customer shipments not yet done or
   * cancelled, sets the tracking number (into the shipment's {@code reference}, the connector's
   * default tracking field), then assigns the stock ({@code assign_try}, which must succeed),
   * picks, packs and marks it done, as the warehouse would.
   *
   * @param saleReference the sale's {@code reference} (the web order number)
   * @param trackingNumber the tracking number, or {@code null} to leave it unset
   * @return the numbers of the shipments made done
   * @throws IllegalStateException if there is no such sale, or the stock cannot be assigned
   */
  public List<String> shipSale(String saleReference, String trackingNumber) {
    long sale = sale(saleReference);
    List<Long> ids = new ArrayList<>();
    call("sale.sale", "read", List.of(List.of(sale), List.of("shipments")))
        .get(0)
        .path("shipments")
        .forEach(i -> ids.add(i.asLong()));
    JsonNode shipments =
        ids.isEmpty()
            ? rpc.json().createArrayNode()
            : call(
                "stock.shipment.out",
                "search_read",
                Arrays.asList(
                    List.of(
                        List.of("id", "in", ids),
                        List.of("state", "not in", List.of("done", "cancelled"))),
                    0,
                    null,
                    List.of(List.of("id", "ASC")),
                    List.of("number", "state")));
    List<String> numbers = new ArrayList<>();
    for (JsonNode s : shipments) {
      long id = s.path("id").asLong();
      if (trackingNumber != null) {
        call(
            "stock.shipment.out",
            "write",
            List.of(List.of(id), Map.of("reference", trackingNumber)));
      }
      if (s.path("state").asText().equals("draft")) {
        call("stock.shipment.out", "wait", List.of(List.of(id)));
      }
      JsonNode assigned = call("stock.shipment.out", "assign_try", List.of(List.of(id)));
      if (!assigned.asBoolean(false)) {
        throw new IllegalStateException(
            "Tryton could not assign the stock of shipment " + s.path("number").asText());
      }
      call("stock.shipment.out", "pick", List.of(List.of(id)));
      call("stock.shipment.out", "pack", List.of(List.of(id)));
      call("stock.shipment.out", "done", List.of(List.of(id)));
      numbers.add(s.path("number").asText());
    }
    return numbers;
  }

  /**
   * Posts the draft or validated customer invoices of the sale with this reference (Tryton sets the
   * invoice date to today and assigns the number).
   *
   * @param saleReference the sale's {@code reference}
   * @return the numbers of the posted invoices
   * @throws IllegalStateException if there is no such sale
   */
  public List<String> postInvoices(String saleReference) {
    long sale = sale(saleReference);
    JsonNode invoices =
        call("sale.sale", "read", List.of(List.of(sale), List.of("invoices")))
            .get(0)
            .path("invoices");
    List<Long> ids = new ArrayList<>();
    invoices.forEach(i -> ids.add(i.asLong()));
    if (ids.isEmpty()) {
      return List.of();
    }
    JsonNode drafts =
        call(
            "account.invoice",
            "search",
            Arrays.asList(
                List.of(
                    List.of("id", "in", ids),
                    List.of("state", "in", List.of("draft", "validated"))),
                0,
                null,
                List.of(List.of("id", "ASC"))));
    List<Long> toPost = new ArrayList<>();
    drafts.forEach(i -> toPost.add(i.asLong()));
    if (toPost.isEmpty()) {
      return List.of();
    }
    call("account.invoice", "post", List.of(toPost));
    List<String> numbers = new ArrayList<>();
    for (JsonNode i : call("account.invoice", "read", List.of(toPost, List.of("number")))) {
      numbers.add(i.path("number").asText());
    }
    return numbers;
  }

  /**
   * Counts the sales with this reference, cancelled ones included: an idempotent submission leaves
   * exactly one.
   *
   * @param reference the sale's {@code reference}
   * @return the count
   */
  public int salesWithReference(String reference) {
    return rpc.model(
            "sale.sale",
            "search_count",
            List.of(List.of(List.of("reference", "=", reference))),
            Map.of("active_test", false))
        .asInt();
  }

  private long sale(String reference) {
    JsonNode ids =
        call(
            "sale.sale",
            "search",
            Arrays.asList(List.of(List.of("reference", "=", reference)), 0, 2, null));
    if (ids.size() != 1) {
      throw new IllegalStateException(
          ids.size() + " Tryton sales have the reference " + reference + "; expected one");
    }
    return ids.get(0).asLong();
  }

  private JsonNode call(String model, String method, List<?> args) {
    try {
      return rpc.model(model, method, args);
    } catch (TrytonCallException e) {
      throw new IllegalStateException(
          "model." + model + "." + method + ": " + e.error().message(), e);
    }
  }

  /** Logs out. */
  @Override
  public void close() {
    rpc.logout();
  }
}
