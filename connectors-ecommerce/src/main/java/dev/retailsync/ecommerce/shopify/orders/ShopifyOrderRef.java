package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the mutation builders need to know of a Shopify order: its GID, name and currency, its line
 * items (with the canonical line number of each: its 1-based position) and its payment
 * transactions. Read from a GraphQL {@code Order} selected with {@link
 * ShopifyOrderDocuments#ORDER_FIELDS}.
 *
 * @param id the order's GID
 * @param name the order's name, such as {@code #1001}
 * @param currency the shop currency
 * @param lines the line items
 * @param transactions the payment transactions
 */
public record ShopifyOrderRef(
    String id, String name, String currency, List<Line> lines, List<Transaction> transactions) {

  // Defensive copies keep the reference immutable.
  public ShopifyOrderRef {
    lines = List.copyOf(lines);
    transactions = List.copyOf(transactions);
  }

  /**
   * A line item.
   *
   * @param lineNumber the canonical line number (position from 1)
   * @param id the line item's GID
   * @param sku its SKU, or {@code null}
   * @param quantity its current quantity
   */
  public record Line(int lineNumber, String id, String sku, BigDecimal quantity) {}

  /**
   * A payment transaction.
   *
   * @param id the transaction's GID
   * @param kind such as {@code SALE}, {@code CAPTURE}, {@code AUTHORIZATION}, {@code REFUND}
   * @param status such as {@code SUCCESS}
   * @param gateway the payment gateway
   * @param amount the amount in the shop currency
   */
  public record Transaction(String id, String kind, String status, String gateway, Money amount) {}

  /**
   * A fulfilment order and what remains to fulfil on it.
   *
   * @param id the fulfilment order's GID
   * @param status such as {@code OPEN}
   * @param locationId the assigned location's GID, or {@code null}
   * @param lines its line items
   */
  public record FulfillmentOrder(
      String id, String status, String locationId, List<FulfillmentOrderLine> lines) {

    // Defensive copy keeps the record immutable.
    public FulfillmentOrder {
      lines = List.copyOf(lines);
    }

    /**
     * Returns whether Shopify lets a fulfilment be created against it.
     *
     * @return {@code true} for {@code OPEN} and {@code IN_PROGRESS}
     */
    public boolean fulfillable() {
      return "OPEN".equals(status) || "IN_PROGRESS".equals(status);
    }
  }

  /**
   * A fulfilment order line item.
   *
   * @param id the fulfilment order line item's GID (what {@code fulfillmentCreate} takes)
   * @param lineItemId the order line item's GID
   * @param sku its SKU, or {@code null}
   * @param remainingQuantity how many remain to fulfil
   */
  public record FulfillmentOrderLine(
      String id, String lineItemId, String sku, int remainingQuantity) {}

  /**
   * Reads an order.
   *
   * @param order a GraphQL {@code Order} node
   * @return the reference
   * @throws MappingException naming the member that is missing or malformed
   */
  public static ShopifyOrderRef fromGraphQl(JsonNode order) {
    ShopifySource s = ShopifySource.graphQl(order);
    String id = s.text("id", "id");
    if (id == null) {
      throw new MappingException("id", "the order has no id", null);
    }
    List<Line> lines = new ArrayList<>();
    List<JsonNode> items = s.list("lineItems", null);
    for (int i = 0; i < items.size(); i++) {
      ShopifySource li = s.child(items.get(i));
      BigDecimal q = li.decimal("currentQuantity", null);
      lines.add(
          new Line(
              i + 1,
              li.text("id", null),
              li.text("sku", null),
              q != null ? q : li.decimal("quantity", null)));
    }
    List<Transaction> txs = new ArrayList<>();
    for (JsonNode t : s.list("transactions", null)) {
      ShopifySource ts = s.child(t);
      txs.add(
          new Transaction(
              ts.text("id", null),
              ts.text("kind", null),
              ts.text("status", null),
              ts.text("gateway", null),
              ts.shopMoney("amountSet", null)));
    }
    return new ShopifyOrderRef(id, s.text("name", null), s.text("currencyCode", null), lines, txs);
  }

  /**
   * Reads the fulfilment orders of an {@link ShopifyOrderDocuments#FULFILLMENT_ORDERS} response.
   *
   * @param data the response's {@code data}, or its {@code order}
   * @return the fulfilment orders
   */
  public static List<FulfillmentOrder> fulfillmentOrders(JsonNode data) {
    JsonNode order = data.has("order") ? data.path("order") : data;
    ShopifySource s = ShopifySource.graphQl(order);
    List<FulfillmentOrder> out = new ArrayList<>();
    for (JsonNode fo : s.list("fulfillmentOrders", null)) {
      ShopifySource f = s.child(fo);
      List<FulfillmentOrderLine> lines = new ArrayList<>();
      for (JsonNode l : f.list("lineItems", null)) {
        ShopifySource ls = f.child(l);
        BigDecimal remaining = ls.decimal("remainingQuantity", null);
        lines.add(
            new FulfillmentOrderLine(
                ls.text("id", null),
                ls.text("lineItem.id", null),
                ls.text("lineItem.sku", null),
                remaining == null ? 0 : remaining.intValueExact()));
      }
      out.add(
          new FulfillmentOrder(
              f.text("id", null),
              f.text("status", null),
              f.text("assignedLocation.location.id", null),
              lines));
    }
    return out;
  }
}
