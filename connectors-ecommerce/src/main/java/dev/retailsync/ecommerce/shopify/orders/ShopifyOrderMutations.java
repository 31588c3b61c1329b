package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.ReturnDisposition;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the Admin GraphQL mutations that carry ERP facts back to Shopify, from canonical values:
 *
 * <ul>
 *   <li>an ERP {@link Shipment} becomes a {@code fulfillmentCreate} (never the deprecated {@code
 *       fulfillmentCreateV2}) against the order's fulfilment orders, with its tracking;
 *   <li>an ERP credit memo (an {@link Invoice} with a negative total: the model writes credit notes
 *       as negative invoices) or a refunded {@link ReturnRequest} becomes a {@code refundCreate}
 *       carrying an {@code @idempotent} key derived from the order and the document number, so a
 *       retry or a restart sends the same key and Shopify refunds once;
 *   <li>the ERP's status and order number become order tags ({@code tagsAdd}) or metafields ({@code
 *       metafieldsSet}, namespace {@code retail_sync}, which {@link ShopifyOrderMapping} reads
 *       back).
 * </ul>
 *
 * <p>Input that cannot become a valid mutation is refused before any call with a {@link
 * ValidationException} naming the canonical field. Responses are read with {@link #fulfillmentId},
 * {@link #refundId} and {@link #checkUserErrors}, which turn {@code userErrors} into a {@link
 * ValidationException} naming Shopify's field path.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShopifyOrderMutations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean notifyCustomer;
  private final String tagPrefix;
  private final Map<String, String> carrierNames;
  private final String restockLocationId;

  private ShopifyOrderMutations(Builder b) {
    this.notifyCustomer = b.notifyCustomer;
    this.tagPrefix = b.tagPrefix;
    this.carrierNames = Map.copyOf(b.carrierNames);
    this.restockLocationId = b.restockLocationId;
  }

  /**
   * Returns the builders with default settings.
   *
   * @return the builders
   */
  public static ShopifyOrderMutations ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the {@code fulfillmentCreate} for an ERP shipment. Each shipment line is matched by SKU
   * to the fulfilment order line items that still have quantity to fulfil; a shipment without lines
   * fulfils every open fulfilment order in full.
   *
   * @param shipment the ERP shipment
   * @param fulfillmentOrders the order's fulfilment orders ({@link
   *     ShopifyOrderRef#fulfillmentOrders} of a {@link ShopifyOrderDocuments#FULFILLMENT_ORDERS}
   *     response)
   * @return the request
   * @throws ValidationException naming the shipment field when the shipment is cancelled, a
   *     quantity is not whole, a SKU has no open quantity left, or the lines span fulfilment orders
   *     assigned to different locations (Shopify requires one location per fulfilment)
   */
  public GraphQlRequest fulfillmentCreate(
      Shipment shipment, List<ShopifyOrderRef.FulfillmentOrder> fulfillmentOrders) {
    if (shipment.status() == ShipmentStatus.CANCELLED) {
      throw ValidationException.of(
          "Shopify fulfillmentCreate",
          "status",
          shipment.status(),
          "a cancelled shipment cannot become a fulfilment");
    }
    List<ShopifyOrderRef.FulfillmentOrder> open =
        fulfillmentOrders.stream().filter(ShopifyOrderRef.FulfillmentOrder::fulfillable).toList();
    Map<String, ShopifyOrderRef.FulfillmentOrder> byId = new LinkedHashMap<>();
    open.forEach(fo -> byId.put(fo.id(), fo));
    // fulfilment order id -> (fulfilment order line item id -> quantity)
    Map<String, Map<String, Integer>> allocation = new LinkedHashMap<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < shipment.lines().size(); i++) {
      ShipmentLine line = shipment.lines().get(i);
      int need;
      try {
        need = line.quantity().intValueExact();
      } catch (ArithmeticException e) {
        errors.add(
            FieldError.of(
                "lines[" + i + "].quantity", line.quantity(), "must be a whole number of units"));
        continue;
      }
      int left = need;
      for (ShopifyOrderRef.FulfillmentOrder fo : open) {
        for (ShopifyOrderRef.FulfillmentOrderLine fl : fo.lines()) {
          if (left == 0 || !line.sku().equals(fl.sku())) {
            continue;
          }
          int free = fl.remainingQuantity() - used.getOrDefault(fl.id(), 0);
          int take = Math.min(free, left);
          if (take > 0) {
            allocation
                .computeIfAbsent(fo.id(), k -> new LinkedHashMap<>())
                .merge(fl.id(), take, Integer::sum);
            used.merge(fl.id(), take, Integer::sum);
            left -= take;
          }
        }
      }
      if (left > 0) {
        errors.add(
            FieldError.of(
                "lines[" + i + "].quantity",
                line.quantity(),
                "only "
                    + (need - left)
                    + " of SKU "
                    + line.sku()
                    + " remain to fulfil on the order's open fulfilment orders"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Shopify fulfillmentCreate", errors);
    }
    List<String> orders =
        shipment.lines().isEmpty()
            ? open.stream().map(ShopifyOrderRef.FulfillmentOrder::id).toList()
            : new ArrayList<>(allocation.keySet());
    if (orders.isEmpty()) {
      throw ValidationException.of(
          "Shopify fulfillmentCreate",
          "lines",
          shipment.shipmentNumber(),
          "the order has no open fulfilment order left to fulfil");
    }
    Set<String> locations = new LinkedHashSet<>();
    orders.forEach(id -> locations.add(String.valueOf(byId.get(id).locationId())));
    if (locations.size() > 1) {
      throw ValidationException.of(
          "Shopify fulfillmentCreate",
          "lines",
          shipment.shipmentNumber(),
          "span fulfilment orders assigned to "
              + locations.size()
              + " locations; Shopify fulfils one location at a time, so split the shipment");
    }
    ObjectNode vars = JSON.createObjectNode();
    ObjectNode f = vars.putObject("fulfillment");
    f.put("notifyCustomer", notifyCustomer);
    if (shipment.trackingNumber() != null
        || shipment.trackingUrl() != null
        || shipment.carrier() != null) {
      ObjectNode t = f.putObject("trackingInfo");
      putIfPresent(t, "number", shipment.trackingNumber());
      putIfPresent(t, "url", shipment.trackingUrl());
      putIfPresent(
          t,
          "company",
          shipment.carrier() == null
              ? null
              : carrierNames.getOrDefault(
                  shipment.carrier().toLowerCase(Locale.ROOT), shipment.carrier()));
    }
    ArrayNode byFo = f.putArray("lineItemsByFulfillmentOrder");
    for (String foId : orders) {
      ObjectNode e = byFo.addObject().put("fulfillmentOrderId", foId);
      Map<String, Integer> lines = allocation.get(foId);
      if (lines != null) {
        ArrayNode items = e.putArray("fulfillmentOrderLineItems");
        lines.forEach((id, q) -> items.addObject().put("id", id).put("quantity", q));
      }
    }
    vars.putNull("message");
    return new GraphQlRequest(ShopifyOrderDocuments.FULFILLMENT_CREATE, vars);
  }

  /**
   * Builds the {@code refundCreate} for an ERP credit memo: its lines that name an order line (by
   * line number, else by SKU) refund those quantities without restocking (the ERP owns stock), and
   * its total is refunded against the order's captured payments.
   *
   * @param creditMemo the credit memo: an invoice whose total is negative
   * @param order the Shopify order it credits
   * @return the request, with its {@code @idempotent} key in the document
   * @throws ValidationException naming the credit memo's field when it is not a credit memo, its
   *     currency is not the order's, a line names no line of the order, or the order has not
   *     captured enough to refund
   */
  public GraphQlRequest refundCreate(Invoice creditMemo, ShopifyOrderRef order) {
    Money total = creditMemoTotal(creditMemo);
    if (!creditMemo.currency().equals(order.currency())) {
      throw ValidationException.of(
          "Shopify refundCreate",
          "currency",
          creditMemo.currency(),
          "is not the order's shop currency " + order.currency());
    }
    ObjectNode input = JSON.createObjectNode();
    input.put("orderId", order.id());
    input.put("note", "Credit memo " + creditMemo.invoiceNumber());
    input.put("notify", notifyCustomer);
    ArrayNode items = input.putArray("refundLineItems");
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < creditMemo.lines().size(); i++) {
      InvoiceLine l = creditMemo.lines().get(i);
      if (l.orderLineNumber() == null && l.sku() == null) {
        continue; // a fee or shipping credit: money only
      }
      addRefundLine(
          items,
          order,
          "lines[" + i + "]",
          l.orderLineNumber(),
          l.sku(),
          l.quantity(),
          null,
          errors);
    }
    addTransactions(input, order, total.negate(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException("Shopify refundCreate", errors);
    }
    return refundRequest(input, refundKey(order.id(), "credit-memo:" + creditMemo.invoiceNumber()));
  }

  /**
   * Builds the {@code refundCreate} for a return the ERP has refunded: its lines are refunded (and
   * restocked at the {@linkplain Builder#restockLocationId restock location} when their disposition
   * is {@code RESTOCK} and one is set), and its refund amount is refunded against the order's
   * captured payments.
   *
   * @param returnRequest the return
   * @param order the Shopify order
   * @return the request, with its {@code @idempotent} key in the document
   * @throws ValidationException naming the return's field when the amount's currency is not the
   *     order's, a line names no line of the order, or the order has not captured enough
   */
  public GraphQlRequest refundCreate(ReturnRequest returnRequest, ShopifyOrderRef order) {
    ObjectNode input = JSON.createObjectNode();
    input.put("orderId", order.id());
    input.put("note", "Return " + returnRequest.rmaNumber());
    input.put("notify", notifyCustomer);
    ArrayNode items = input.putArray("refundLineItems");
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < returnRequest.lines().size(); i++) {
      ReturnLine l = returnRequest.lines().get(i);
      addRefundLine(
          items,
          order,
          "lines[" + i + "]",
          l.orderLineNumber(),
          l.sku(),
          l.quantity(),
          l.disposition(),
          errors);
    }
    Money amount = returnRequest.refundAmount();
    if (amount != null && !amount.currency().equals(order.currency())) {
      errors.add(
          FieldError.of(
              "refundAmount.currency",
              amount.currency(),
              "is not the order's shop currency " + order.currency()));
    } else if (amount != null && !amount.isZero()) {
      addTransactions(input, order, amount, errors);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Shopify refundCreate", errors);
    }
    return refundRequest(input, refundKey(order.id(), "return:" + returnRequest.rmaNumber()));
  }

  /**
   * Returns the {@code @idempotent} key of a refund: a name-based UUID of the order and the ERP
   * document, the same on every retry and after a restart (Shopify recommends UUID keys).
   *
   * @param orderId the order's GID
   * @param document the ERP document, such as {@code credit-memo:CM-1001}
   * @return the key
   */
  public static String refundKey(String orderId, String document) {
    return UUID.nameUUIDFromBytes(
            ("retail-sync:refundCreate:" + orderId + ":" + document)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static GraphQlRequest refundRequest(ObjectNode input, String key) {
    ObjectNode vars = JSON.createObjectNode();
    vars.set("input", input);
    return new GraphQlRequest(
        String.format(Locale.ROOT, ShopifyOrderDocuments.REFUND_CREATE_TEMPLATE, key), vars);
  }

  private void addRefundLine(
      ArrayNode items,
      ShopifyOrderRef order,
      String path,
      Integer lineNumber,
      String sku,
      BigDecimal quantity,
      ReturnDisposition disposition,
      List<FieldError> errors) {
    ShopifyOrderRef.Line match = null;
    if (lineNumber != null) {
      match =
          order.lines().stream().filter(l -> l.lineNumber() == lineNumber).findFirst().orElse(null);
      if (match == null) {
        errors.add(
            FieldError.of(
                path + ".orderLineNumber",
                lineNumber,
                "is not a line of Shopify order " + order.name()));
        return;
      }
    } else {
      List<ShopifyOrderRef.Line> bySku =
          order.lines().stream().filter(l -> sku.equals(l.sku())).toList();
      if (bySku.size() != 1) {
        errors.add(
            FieldError.of(
                path + ".sku",
                sku,
                bySku.isEmpty()
                    ? "is on no line of Shopify order " + order.name()
                    : "is on several lines of Shopify order "
                        + order.name()
                        + "; give the order line number"));
        return;
      }
      match = bySku.get(0);
    }
    int q;
    try {
      q = quantity.abs().intValueExact();
    } catch (ArithmeticException e) {
      errors.add(FieldError.of(path + ".quantity", quantity, "must be a whole number of units"));
      return;
    }
    if (q == 0) {
      return;
    }
    ObjectNode item = items.addObject().put("lineItemId", match.id()).put("quantity", q);
    if (disposition == ReturnDisposition.RESTOCK && restockLocationId != null) {
      item.put("restockType", "RETURN").put("locationId", restockLocationId);
    } else {
      item.put("restockType", "NO_RESTOCK");
    }
  }

  private static void addTransactions(
      ObjectNode input, ShopifyOrderRef order, Money amount, List<FieldError> errors) {
    ArrayNode txs = input.putArray("transactions");
    Money left = amount;
    for (ShopifyOrderRef.Transaction t : order.transactions()) {
      boolean captured =
          ("SALE".equals(t.kind()) || "CAPTURE".equals(t.kind()))
              && "SUCCESS".equals(t.status())
              && t.amount() != null;
      if (!captured || left.isZero()) {
        continue;
      }
      Money take = t.amount().compareTo(left) < 0 ? t.amount() : left;
      ObjectNode tx = txs.addObject();
      tx.put("orderId", order.id());
      tx.put("parentId", t.id());
      tx.put("gateway", t.gateway());
      tx.put("kind", "REFUND");
      tx.put("amount", take.amount().toPlainString());
      left = left.minus(take);
    }
    if (!left.isZero()) {
      errors.add(
          FieldError.of(
              "totals.total",
              amount,
              "exceeds what order "
                  + order.name()
                  + " has captured by "
                  + left
                  + "; Shopify refunds only against captured payments"));
    }
  }

  private static Money creditMemoTotal(Invoice inv) {
    Money total = inv.totals() == null ? null : inv.totals().total();
    if (total == null) {
      for (InvoiceLine l : inv.lines()) {
        if (l.lineTotal() != null) {
          total = total == null ? l.lineTotal() : total.plus(l.lineTotal());
        }
      }
    }
    if (total == null || !total.isNegative()) {
      throw ValidationException.of(
          "Shopify refundCreate",
          "totals.total",
          total,
          "must be negative: a credit memo is an invoice with a negative total (use"
              + " refundCreate(ReturnRequest, ...) for a refund from a return)");
    }
    return total;
  }

  /**
   * Builds a {@code tagsAdd} putting the ERP's status and order number on the order, such as {@code
   * erp-status:shipped} and {@code erp-order:SO-1001}.
   *
   * @param orderId the Shopify order's GID
   * @param order the order as the ERP holds it
   * @return the request
   * @throws ValidationException naming {@code erpOrderNumber} when it contains a comma (Shopify
   *     splits tags on commas)
   */
  public GraphQlRequest tagsAdd(String orderId, Order order) {
    ObjectNode vars = JSON.createObjectNode();
    vars.put("id", orderId);
    ArrayNode tags = vars.putArray("tags");
    tags.add(tagPrefix + "status:" + order.status().name().toLowerCase(Locale.ROOT));
    if (order.erpOrderNumber() != null) {
      if (order.erpOrderNumber().contains(",")) {
        throw ValidationException.of(
            "Shopify tagsAdd",
            "erpOrderNumber",
            order.erpOrderNumber(),
            "contains a comma, which Shopify reads as a tag separator");
      }
      tags.add(tagPrefix + "order:" + order.erpOrderNumber());
    }
    return new GraphQlRequest(ShopifyOrderDocuments.TAGS_ADD, vars);
  }

  /**
   * Builds a {@code metafieldsSet} writing the ERP's status and order number to the metafields
   * {@code retail_sync.erp_status} and {@code retail_sync.erp_order_number}.
   *
   * @param orderId the Shopify order's GID
   * @param order the order as the ERP holds it
   * @return the request
   */
  public GraphQlRequest metafieldsSet(String orderId, Order order) {
    ObjectNode vars = JSON.createObjectNode();
    ArrayNode mfs = vars.putArray("metafields");
    metafield(mfs, orderId, "erp_status", order.status().name());
    if (order.erpOrderNumber() != null) {
      metafield(mfs, orderId, "erp_order_number", order.erpOrderNumber());
    }
    return new GraphQlRequest(ShopifyOrderDocuments.METAFIELDS_SET, vars);
  }

  private static void metafield(ArrayNode mfs, String ownerId, String key, String value) {
    mfs.addObject()
        .put("ownerId", ownerId)
        .put("namespace", ShopifyOrderMapping.NAMESPACE)
        .put("key", key)
        .put("type", "single_line_text_field")
        .put("value", value);
  }

  /**
   * Reads a {@code fulfillmentCreate} response.
   *
   * @param data the response's {@code data}
   * @return the created fulfilment's GID
   * @throws ValidationException naming Shopify's field paths when {@code userErrors} is not empty
   */
  public static String fulfillmentId(JsonNode data) {
    JsonNode payload = checkUserErrors(data, "fulfillmentCreate");
    return payload.path("fulfillment").path("id").asText(null);
  }

  /**
   * Reads a {@code refundCreate} response.
   *
   * @param data the response's {@code data}
   * @return the created refund's GID
   * @throws ValidationException naming Shopify's field paths when {@code userErrors} is not empty
   */
  public static String refundId(JsonNode data) {
    JsonNode payload = checkUserErrors(data, "refundCreate");
    return payload.path("refund").path("id").asText(null);
  }

  /**
   * Returns a mutation's payload, or throws when it carries {@code userErrors}: a mutation with
   * user errors did not apply.
   *
   * @param data the response's {@code data}
   * @param mutation the mutation's field name, such as {@code refundCreate}
   * @return the payload
   * @throws ValidationException with one error per user error, its path the joined {@code field}
   *     (such as {@code input.refundLineItems.0.quantity}) and its message Shopify's (with the
   *     {@code code} when the payload's error type has one)
   */
  public static JsonNode checkUserErrors(JsonNode data, String mutation) {
    JsonNode payload = data.path(mutation);
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode e : payload.path("userErrors")) {
      List<String> path = new ArrayList<>();
      e.path("field").forEach(p -> path.add(p.asText()));
      String code = e.path("code").asText(null);
      errors.add(
          FieldError.redacted(
              path.isEmpty() ? mutation : String.join(".", path),
              (code == null ? "" : code + ": ") + e.path("message").asText()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Shopify " + mutation, errors);
    }
    if (payload.isMissingNode() || payload.isNull()) {
      throw ValidationException.of(
          "Shopify " + mutation, mutation, null, "the response has no payload for the mutation");
    }
    return payload;
  }

  private static void putIfPresent(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  @Override
  public String toString() {
    return "ShopifyOrderMutations[notifyCustomer="
        + notifyCustomer
        + ", tagPrefix="
        + tagPrefix
        + "]";
  }

  /** Builds a {@link ShopifyOrderMutations}. Not thread-safe. */
  public static final class Builder {
    private boolean notifyCustomer;
    private String tagPrefix = "erp-";
    private final Map<String, String> carrierNames = new LinkedHashMap<>();
    private String restockLocationId;

    private Builder() {}

    /**
     * Sets whether Shopify e-mails the customer about fulfilments and refunds; {@code false} by
     * default (the ERP usually notifies).
     *
     * @param notify whether to
     * @return this builder
     */
    public Builder notifyCustomer(boolean notify) {
      this.notifyCustomer = notify;
      return this;
    }

    /**
     * Sets the prefix of the tags {@link #tagsAdd} writes; {@code erp-} by default.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public Builder tagPrefix(String prefix) {
      this.tagPrefix = prefix;
      return this;
    }

    /**
     * Maps an ERP carrier name (case-insensitive) to the tracking company name Shopify knows, such
     * as {@code dhl} to {@code DHL Express}; unmapped names are sent as they are.
     *
     * @param erpName the ERP's carrier name
     * @param shopifyName Shopify's tracking company name
     * @return this builder
     */
    public Builder carrierName(String erpName, String shopifyName) {
      carrierNames.put(erpName.toLowerCase(Locale.ROOT), shopifyName);
      return this;
    }

    /**
     * Sets the location (GID) refunded items with disposition {@code RESTOCK} are restocked at;
     * unset, refunds never restock.
     *
     * @param locationId the location's GID
     * @return this builder
     */
    public Builder restockLocationId(String locationId) {
      this.restockLocationId = locationId;
      return this;
    }

    /**
     * Builds the mutation builders.
     *
     * @return them
     * @throws ValidationException naming {@code tagPrefix} when it holds a comma
     */
    public ShopifyOrderMutations build() {
      if (tagPrefix == null || tagPrefix.contains(",")) {
        throw ValidationException.of(
            "ShopifyOrderMutations", "tagPrefix", tagPrefix, "must be text without a comma");
      }
      return new ShopifyOrderMutations(this);
    }
  }
}
