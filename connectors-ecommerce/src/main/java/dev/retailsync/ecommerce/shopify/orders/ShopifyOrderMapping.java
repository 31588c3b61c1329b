package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Discount;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderLineStatus;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import dev.retailsync.api.model.Payment;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.TaxLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps a Shopify order to the canonical {@link Order}, from the Admin GraphQL {@code Order} (as
 * {@link ShopifyOrderDocuments#ORDER_FIELDS} selects it) or from the REST payload of the {@code
 * orders/create} and {@code orders/updated} webhooks.
 *
 * <p>Defaults, field by field (GraphQL / REST):
 *
 * <ul>
 *   <li>{@code orderNumber}: {@code name} / {@code name} (the number the customer sees, {@code
 *       #1001}); {@code channel}: {@code shopify}; {@code customerEmail}: {@code email}; {@code
 *       orderedAt}: {@code processedAt} / {@code processed_at}, else the creation time; {@code
 *       currency}: the shop currency ({@code currencyCode} / {@code currency}), and every amount is
 *       read from the money bags' {@code shopMoney} / {@code shop_money};
 *   <li>{@code status}: cancelled orders are {@code CANCELLED}; otherwise the fulfilment status
 *       table, and where it says nothing, the financial status table (see {@link
 *       Builder#fulfillmentStatus} and {@link Builder#financialStatus} for the defaults); a status
 *       in neither table is a {@link MappingException} naming {@code status};
 *   <li>{@code lines}: one per line item, numbered from 1 in Shopify's order, with SKU (required: a
 *       line item without one is a {@link MappingException} naming {@code lines[i].sku}), name,
 *       quantity, original unit price, discount allocations (with their code or title), tax lines,
 *       discounted total, and a status from the unfulfilled and current quantities;
 *   <li>{@code taxes} and {@code discounts} at order level: those of the shipping lines (line taxes
 *       and discounts are on the lines, so nothing is counted twice);
 *   <li>{@code totals}: current subtotal, discounts, tax, shipping and total;
 *   <li>{@code payments}: successful transactions ({@code AUTHORIZATION}, {@code CAPTURE}/{@code
 *       SALE}, {@code REFUND}, {@code VOID}) and failed ones (GraphQL only: order webhooks carry no
 *       transactions);
 *   <li>{@code shippingAddress}, {@code billingAddress}: street lines, city, province code, zip,
 *       country code; {@code purchaseOrderNumber}: {@code poNumber} / {@code po_number};
 *   <li>{@code erpOrderNumber}: the metafield {@code retail_sync.erp_order_number} that {@link
 *       ShopifyOrderMutations#metafieldsSet} writes;
 *   <li>extensions: the Shopify customer's GID as {@code shopifyCustomerId}, and every other
 *       metafield as {@code <namespace>.<key>} (numbers and booleans typed by the metafield type),
 *       or under the name {@link Builder#metafield} gives it.
 * </ul>
 *
 * <p>Every field can be replaced with {@link Builder#override}. Immutable and thread-safe.
 */
public final class ShopifyOrderMapping {
  /** The metafield namespace the SDK writes ERP data to. */
  public static final String NAMESPACE = "retail_sync";

  private static final FieldTable<Order.Builder> TABLE =
      new FieldTable<Order.Builder>("Shopify order")
          .field(Order.Fields.ORDER_NUMBER, String.class, Order.Builder::orderNumber)
          .field(Order.Fields.CHANNEL, String.class, Order.Builder::channel)
          .field(Order.Fields.STATUS, OrderStatus.class, Order.Builder::status)
          .field(Order.Fields.ACCOUNT_NUMBER, String.class, Order.Builder::accountNumber)
          .field(Order.Fields.CUSTOMER_EMAIL, String.class, Order.Builder::customerEmail)
          .field(Order.Fields.ORDERED_AT, java.time.Instant.class, Order.Builder::orderedAt)
          .field(Order.Fields.CURRENCY, String.class, Order.Builder::currency)
          .listField(Order.Fields.LINES, OrderLine.class, Order.Builder::lines)
          .listField(Order.Fields.PAYMENTS, Payment.class, Order.Builder::payments)
          .listField(Order.Fields.TAXES, TaxLine.class, Order.Builder::taxes)
          .listField(Order.Fields.DISCOUNTS, Discount.class, Order.Builder::discounts)
          .field(Order.Fields.TOTALS, OrderTotals.class, Order.Builder::totals)
          .field(Order.Fields.SHIPPING_ADDRESS, PostalAddress.class, Order.Builder::shippingAddress)
          .field(Order.Fields.BILLING_ADDRESS, PostalAddress.class, Order.Builder::billingAddress)
          .field(Order.Fields.ERP_ORDER_NUMBER, String.class, Order.Builder::erpOrderNumber)
          .field(
              Order.Fields.PURCHASE_ORDER_NUMBER, String.class, Order.Builder::purchaseOrderNumber);

  private static final Map<String, OrderStatus> FULFILLMENT_DEFAULTS = fulfillmentDefaults();
  private static final Map<String, OrderStatus> FINANCIAL_DEFAULTS = financialDefaults();

  private final Map<FieldPath, Function<ShopifySource, ?>> overrides;
  private final Map<String, OrderStatus> fulfillment;
  private final Map<String, OrderStatus> financial;
  private final Map<String, String> metafieldNames;
  private final Map<FieldPath, Function<ShopifySource, ?>> defaults;

  private ShopifyOrderMapping(Builder b) {
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.overrides));
    // Null values mean "defer to the financial status", which Map.copyOf would refuse.
    this.fulfillment = Collections.unmodifiableMap(new LinkedHashMap<>(b.fulfillment));
    this.financial = Map.copyOf(b.financial);
    this.metafieldNames = Map.copyOf(b.metafieldNames);
    this.defaults = defaults();
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ShopifyOrderMapping ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder with this mapping's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.overrides.putAll(overrides);
    b.fulfillment.putAll(fulfillment);
    b.financial.putAll(financial);
    b.metafieldNames.putAll(metafieldNames);
    return b;
  }

  /**
   * Maps an Admin GraphQL {@code Order} node.
   *
   * @param order the node
   * @return the canonical order
   * @throws MappingException naming the field that cannot be mapped
   */
  public Order fromGraphQl(JsonNode order) {
    return map(ShopifySource.graphQl(order));
  }

  /**
   * Maps the REST payload of an {@code orders/create} or {@code orders/updated} webhook.
   *
   * @param order the payload
   * @return the canonical order
   * @throws MappingException naming the field that cannot be mapped
   */
  public Order fromWebhook(JsonNode order) {
    return map(ShopifySource.rest(order));
  }

  /**
   * Maps an order in either shape.
   *
   * @param src the order
   * @return the canonical order
   * @throws MappingException naming the field that cannot be mapped
   */
  public Order map(ShopifySource src) {
    if (src.isGraphQl()
        && src.node("lineItems.pageInfo.hasNextPage", null).asBoolean(false)
        && !overrides.containsKey(Order.Fields.LINES)) {
      throw new MappingException(
          "lines",
          "order "
              + src.text("name", null)
              + " has more line items than were fetched; read the rest with"
              + " ShopifyOrderDocuments.ORDER_LINE_ITEMS and ShopifyOrderMapping.withMoreLineItems"
              + " (or a bulk operation) instead of mapping a partial order",
          null);
    }
    Order.Builder b = Order.builder();
    TABLE.apply(b, src, defaults, overrides);
    String customerId = src.text("customer.id", "customer.admin_graphql_api_id");
    if (customerId != null) {
      b.putExtension("shopifyCustomerId", customerId);
    }
    Metafields.putExtensions(src, metafieldNames, b::putExtension, NAMESPACE);
    try {
      return b.build();
    } catch (ValidationException e) {
      throw FieldTable.fromValidation("", e);
    }
  }

  /**
   * Returns a copy of a GraphQL order with the next page of its line items appended, from an {@link
   * ShopifyOrderDocuments#ORDER_LINE_ITEMS} response.
   *
   * @param order the order as read so far
   * @param nextPage the response's {@code data} (or its {@code order}, or the {@code lineItems}
   *     connection itself)
   * @return the order with the lines of both pages and the newer page's {@code pageInfo}
   */
  public static JsonNode withMoreLineItems(JsonNode order, JsonNode nextPage) {
    JsonNode page = nextPage.has("order") ? nextPage.path("order") : nextPage;
    page = page.has("lineItems") ? page.path("lineItems") : page;
    com.fasterxml.jackson.databind.node.ObjectNode copy = order.deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode items =
        copy.path("lineItems").isObject()
            ? (com.fasterxml.jackson.databind.node.ObjectNode) copy.path("lineItems")
            : copy.putObject("lineItems");
    com.fasterxml.jackson.databind.node.ArrayNode nodes =
        items.path("nodes").isArray()
            ? (com.fasterxml.jackson.databind.node.ArrayNode) items.path("nodes")
            : items.putArray("nodes");
    page.path("nodes").forEach(n -> nodes.add(n.deepCopy()));
    items.set("pageInfo", page.path("pageInfo").deepCopy());
    return copy;
  }

  private Map<FieldPath, Function<ShopifySource, ?>> defaults() {
    Map<FieldPath, Function<ShopifySource, ?>> d = new LinkedHashMap<>();
    d.put(Order.Fields.ORDER_NUMBER, s -> s.text("name", "name"));
    d.put(Order.Fields.CHANNEL, s -> "shopify");
    d.put(Order.Fields.STATUS, this::status);
    d.put(Order.Fields.CUSTOMER_EMAIL, s -> s.text("email", "email"));
    d.put(
        Order.Fields.ORDERED_AT,
        s -> {
          java.time.Instant processed = s.instant("processedAt", "processed_at");
          return processed != null ? processed : s.instant("createdAt", "created_at");
        });
    d.put(Order.Fields.CURRENCY, s -> s.text("currencyCode", "currency"));
    d.put(Order.Fields.LINES, ShopifyOrderMapping::lines);
    d.put(Order.Fields.PAYMENTS, ShopifyOrderMapping::payments);
    d.put(Order.Fields.TAXES, ShopifyOrderMapping::shippingTaxes);
    d.put(Order.Fields.DISCOUNTS, ShopifyOrderMapping::shippingDiscounts);
    d.put(Order.Fields.TOTALS, ShopifyOrderMapping::totals);
    d.put(
        Order.Fields.SHIPPING_ADDRESS,
        s -> Addresses.postal(s.child(s.node("shippingAddress", "shipping_address"))));
    d.put(
        Order.Fields.BILLING_ADDRESS,
        s -> Addresses.postal(s.child(s.node("billingAddress", "billing_address"))));
    d.put(Order.Fields.ERP_ORDER_NUMBER, s -> s.metafield(NAMESPACE, "erp_order_number"));
    d.put(Order.Fields.PURCHASE_ORDER_NUMBER, s -> s.text("poNumber", "po_number"));
    return d;
  }

  private OrderStatus status(ShopifySource s) {
    if (s.text("cancelledAt", "cancelled_at") != null) {
      return OrderStatus.CANCELLED;
    }
    String fulfillmentStatus = normaliseFulfillment(s);
    if (fulfillment.containsKey(fulfillmentStatus)) {
      OrderStatus st = fulfillment.get(fulfillmentStatus);
      if (st != null) {
        return st;
      }
    } else {
      throw new MappingException(
          "status",
          "the fulfilment status "
              + fulfillmentStatus
              + " has no mapping; add one with ShopifyOrderMapping.Builder.fulfillmentStatus",
          null);
    }
    String financialStatus = upper(s.text("displayFinancialStatus", "financial_status"), "PENDING");
    OrderStatus st = financial.get(financialStatus);
    if (st == null) {
      throw new MappingException(
          "status",
          "the financial status "
              + financialStatus
              + " has no mapping; add one with ShopifyOrderMapping.Builder.financialStatus",
          null);
    }
    return st;
  }

  private static String normaliseFulfillment(ShopifySource s) {
    if (s.isGraphQl()) {
      return upper(s.text("displayFulfillmentStatus", null), "UNFULFILLED");
    }
    // REST: null (nothing fulfilled), "fulfilled", "partial", "restocked".
    String rest = upper(s.text(null, "fulfillment_status"), "UNFULFILLED");
    return rest.equals("PARTIAL") ? "PARTIALLY_FULFILLED" : rest;
  }

  private static String upper(String v, String fallback) {
    return v == null ? fallback : v.toUpperCase(Locale.ROOT);
  }

  private static List<OrderLine> lines(ShopifySource s) {
    List<OrderLine> out = new ArrayList<>();
    List<JsonNode> items = s.list("lineItems", "line_items");
    List<JsonNode> applications = s.list(null, "discount_applications");
    for (int i = 0; i < items.size(); i++) {
      String p = "lines[" + i + "]";
      ShopifySource li = s.child(items.get(i));
      String sku = li.text("sku", "sku");
      if (sku == null) {
        throw new MappingException(
            p + ".sku",
            "line item "
                + li.text("id", "admin_graphql_api_id")
                + " ("
                + li.text("name", "name")
                + ") has no SKU; give the variant a SKU or override Order.Fields.LINES",
            null);
      }
      BigDecimal quantity = li.decimal("quantity", "quantity");
      if (quantity == null) {
        throw new MappingException(p + ".quantity", "is missing", null);
      }
      List<Discount> discounts = new ArrayList<>();
      List<JsonNode> allocations = li.list("discountAllocations", "discount_allocations");
      for (JsonNode a : allocations) {
        ShopifySource as = li.child(a);
        Money amount = as.shopMoney("allocatedAmountSet", "amount_set");
        if (amount == null || amount.isZero()) {
          continue;
        }
        JsonNode app =
            li.isGraphQl()
                ? a.path("discountApplication")
                : index(applications, a.path("discount_application_index"));
        String code = ShopifySource.text(app.path("code"));
        String title = ShopifySource.text(app.path(li.isGraphQl() ? "title" : "title"));
        discounts.add(new Discount(code, title, amount));
      }
      List<TaxLine> taxes = taxLines(li, p);
      Money unit = li.shopMoney("originalUnitPriceSet", "price_set");
      Money total = li.shopMoney("discountedTotalSet", null);
      if (!li.isGraphQl() && unit != null) {
        Money discountTotal = li.shopMoney(null, "total_discount_set");
        Money gross = unit.times(quantity);
        total = discountTotal == null ? gross : gross.minus(discountTotal);
      }
      try {
        out.add(
            new OrderLine(
                i + 1,
                sku,
                li.text("name", "name"),
                quantity,
                unit,
                discounts,
                taxes,
                total,
                lineStatus(li, quantity)));
      } catch (ValidationException e) {
        throw FieldTable.fromValidation(p, e);
      }
    }
    return out;
  }

  private static JsonNode index(List<JsonNode> list, JsonNode idx) {
    if (!idx.canConvertToInt() || idx.asInt() < 0 || idx.asInt() >= list.size()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return list.get(idx.asInt());
  }

  private static OrderLineStatus lineStatus(ShopifySource li, BigDecimal quantity) {
    BigDecimal current = li.decimal("currentQuantity", "current_quantity");
    BigDecimal unfulfilled = li.decimal("unfulfilledQuantity", "fulfillable_quantity");
    if (current != null && current.signum() == 0 && quantity.signum() > 0) {
      return OrderLineStatus.CANCELLED;
    }
    if (!li.isGraphQl()) {
      String fs = li.text(null, "fulfillment_status");
      if ("fulfilled".equals(fs)) {
        return OrderLineStatus.SHIPPED;
      }
      if ("partial".equals(fs)) {
        return OrderLineStatus.PARTIALLY_SHIPPED;
      }
      return OrderLineStatus.OPEN;
    }
    if (unfulfilled == null) {
      return null;
    }
    BigDecimal wanted = current == null ? quantity : current;
    if (unfulfilled.signum() == 0) {
      return OrderLineStatus.SHIPPED;
    }
    return unfulfilled.compareTo(wanted) < 0
        ? OrderLineStatus.PARTIALLY_SHIPPED
        : OrderLineStatus.OPEN;
  }

  static List<TaxLine> taxLines(ShopifySource s, String path) {
    List<TaxLine> out = new ArrayList<>();
    List<JsonNode> lines = s.list("taxLines", "tax_lines");
    for (int j = 0; j < lines.size(); j++) {
      ShopifySource t = s.child(lines.get(j));
      Money amount = t.shopMoney("priceSet", "price_set");
      if (amount == null) {
        throw new MappingException(path + ".taxes[" + j + "].amount", "is missing", null);
      }
      out.add(new TaxLine(null, t.text("title", "title"), t.decimal("rate", "rate"), amount));
    }
    return out;
  }

  private static List<TaxLine> shippingTaxes(ShopifySource s) {
    List<TaxLine> out = new ArrayList<>();
    List<JsonNode> shipping = s.list("shippingLines", "shipping_lines");
    for (int i = 0; i < shipping.size(); i++) {
      out.addAll(taxLines(s.child(shipping.get(i)), "taxes"));
    }
    return out;
  }

  private static List<Discount> shippingDiscounts(ShopifySource s) {
    List<Discount> out = new ArrayList<>();
    for (JsonNode line : s.list("shippingLines", "shipping_lines")) {
      ShopifySource sl = s.child(line);
      for (JsonNode a : sl.list("discountAllocations", "discount_allocations")) {
        Money amount = sl.child(a).shopMoney("allocatedAmountSet", "amount_set");
        if (amount != null && !amount.isZero()) {
          out.add(new Discount(null, "shipping: " + sl.text("title", "title"), amount));
        }
      }
    }
    return out;
  }

  private static OrderTotals totals(ShopifySource s) {
    Money total = s.shopMoney("currentTotalPriceSet", "current_total_price_set");
    if (total == null) {
      total = s.shopMoney("totalPriceSet", "total_price_set");
    }
    return new OrderTotals(
        s.shopMoney("currentSubtotalPriceSet", "current_subtotal_price_set"),
        s.shopMoney("currentTotalDiscountsSet", "current_total_discounts_set"),
        s.shopMoney("currentTotalTaxSet", "current_total_tax_set"),
        s.shopMoney("totalShippingPriceSet", "total_shipping_price_set"),
        total);
  }

  private static List<Payment> payments(ShopifySource s) {
    List<Payment> out = new ArrayList<>();
    List<JsonNode> txs = s.list("transactions", "transactions");
    for (int i = 0; i < txs.size(); i++) {
      ShopifySource t = s.child(txs.get(i));
      String kind = upper(t.text("kind", "kind"), "");
      String st = upper(t.text("status", "status"), "");
      PaymentStatus status;
      if (st.equals("FAILURE") || st.equals("ERROR")) {
        status = PaymentStatus.FAILED;
      } else if (!st.equals("SUCCESS")) {
        continue;
      } else {
        status =
            switch (kind) {
              case "AUTHORIZATION" -> PaymentStatus.AUTHORIZED;
              case "CAPTURE", "SALE" -> PaymentStatus.CAPTURED;
              case "REFUND" -> PaymentStatus.REFUNDED;
              case "VOID" -> PaymentStatus.VOIDED;
              default -> null;
            };
        if (status == null) {
          continue;
        }
      }
      Money amount = t.shopMoney("amountSet", "amount_set");
      if (amount == null) {
        throw new MappingException("payments[" + i + "].amount", "is missing", null);
      }
      out.add(
          new Payment(
              t.text("gateway", "gateway"),
              amount.isNegative() ? amount.negate() : amount,
              status,
              t.text("id", "admin_graphql_api_id")));
    }
    return out;
  }

  private static Map<String, OrderStatus> fulfillmentDefaults() {
    Map<String, OrderStatus> m = new LinkedHashMap<>();
    m.put("FULFILLED", OrderStatus.SHIPPED);
    m.put("PARTIALLY_FULFILLED", OrderStatus.PARTIALLY_SHIPPED);
    m.put("RESTOCKED", OrderStatus.CLOSED);
    // These say nothing beyond "not shipped yet": the financial status decides.
    for (String s :
        List.of(
            "UNFULFILLED",
            "OPEN",
            "IN_PROGRESS",
            "ON_HOLD",
            "PENDING_FULFILLMENT",
            "SCHEDULED",
            "REQUEST_DECLINED")) {
      m.put(s, null);
    }
    return m;
  }

  private static Map<String, OrderStatus> financialDefaults() {
    Map<String, OrderStatus> m = new LinkedHashMap<>();
    m.put("PENDING", OrderStatus.CAPTURED);
    m.put("AUTHORIZED", OrderStatus.PAYMENT_AUTHORIZED);
    m.put("PAID", OrderStatus.CAPTURED);
    m.put("PARTIALLY_PAID", OrderStatus.CAPTURED);
    m.put("PARTIALLY_REFUNDED", OrderStatus.CAPTURED);
    m.put("REFUNDED", OrderStatus.CLOSED);
    m.put("VOIDED", OrderStatus.CANCELLED);
    m.put("EXPIRED", OrderStatus.CANCELLED);
    return m;
  }

  @Override
  public String toString() {
    return "ShopifyOrderMapping[overrides=" + overrides.keySet() + "]";
  }

  /** Builds a {@link ShopifyOrderMapping}. Not thread-safe. */
  public static final class Builder {
    private final Map<FieldPath, Function<ShopifySource, ?>> overrides = new LinkedHashMap<>();
    private final Map<String, OrderStatus> fulfillment = new LinkedHashMap<>(FULFILLMENT_DEFAULTS);
    private final Map<String, OrderStatus> financial = new LinkedHashMap<>(FINANCIAL_DEFAULTS);
    private final Map<String, String> metafieldNames = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Replaces how one field is read. The reader gets the order in either shape and returns the
     * field's value in its canonical type ({@code String}, {@link OrderStatus}, {@code Instant},
     * {@link PostalAddress}, {@link OrderTotals}, or a {@code List} of {@link OrderLine}, {@link
     * Payment}, {@link TaxLine} or {@link Discount}), or {@code null} to leave it unset.
     *
     * @param field one of the fields of {@link Order.Fields} that name a component, such as {@link
     *     Order.Fields#ACCOUNT_NUMBER}
     * @param reader the reader
     * @return this builder
     */
    public Builder override(FieldPath field, Function<ShopifySource, ?> reader) {
      overrides.put(field, reader);
      return this;
    }

    /**
     * Maps a fulfilment status ({@code displayFulfillmentStatus} in GraphQL, upper-cased; REST's
     * {@code partial} is read as {@code PARTIALLY_FULFILLED} and no status as {@code UNFULFILLED}).
     * Defaults: {@code FULFILLED} to {@code SHIPPED}, {@code PARTIALLY_FULFILLED} to {@code
     * PARTIALLY_SHIPPED}, {@code RESTOCKED} to {@code CLOSED}; {@code UNFULFILLED}, {@code OPEN},
     * {@code IN_PROGRESS}, {@code ON_HOLD}, {@code PENDING_FULFILLMENT}, {@code SCHEDULED} and
     * {@code REQUEST_DECLINED} to {@code null}, which defers to the financial status.
     *
     * @param shopifyStatus the Shopify value
     * @param status the canonical status, or {@code null} to defer to the financial status
     * @return this builder
     */
    public Builder fulfillmentStatus(String shopifyStatus, OrderStatus status) {
      fulfillment.put(shopifyStatus.toUpperCase(Locale.ROOT), status);
      return this;
    }

    /**
     * Maps a financial status ({@code displayFinancialStatus}, or REST {@code financial_status}
     * upper-cased). Defaults: {@code PENDING}, {@code PAID}, {@code PARTIALLY_PAID} and {@code
     * PARTIALLY_REFUNDED} to {@code CAPTURED}; {@code AUTHORIZED} to {@code PAYMENT_AUTHORIZED};
     * {@code REFUNDED} to {@code CLOSED}; {@code VOIDED} and {@code EXPIRED} to {@code CANCELLED}.
     *
     * @param shopifyStatus the Shopify value
     * @param status the canonical status
     * @return this builder
     */
    public Builder financialStatus(String shopifyStatus, OrderStatus status) {
      financial.put(shopifyStatus.toUpperCase(Locale.ROOT), status);
      return this;
    }

    /**
     * Names the extension a metafield is read into, instead of {@code <namespace>.<key>}.
     *
     * @param namespace the metafield's namespace
     * @param key the metafield's key
     * @param extension the extension's name
     * @return this builder
     */
    public Builder metafield(String namespace, String key, String extension) {
      metafieldNames.put(namespace + "." + key, extension);
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the mapping
     * @throws ValidationException naming an override of a field the mapping does not set, or a
     *     status mapped to {@code null} in the financial table
     */
    public ShopifyOrderMapping build() {
      TABLE.checkOverrides(overrides);
      financial.forEach(
          (k, v) -> {
            if (v == null) {
              throw ValidationException.of(
                  "ShopifyOrderMapping", "financialStatus." + k, null, "must map to a status");
            }
          });
      return new ShopifyOrderMapping(this);
    }
  }
}
