package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnDisposition;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnReason;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps Shopify refunds and returns to the canonical {@link ReturnRequest}.
 *
 * <p>A <b>refund</b> (GraphQL {@code Refund} read with its order, or the REST payload of {@code
 * refunds/create}) becomes a request in status {@code REFUNDED} with refund status {@code
 * REFUNDED}: {@code rmaNumber} {@code refund-<numeric id>}; {@code orderNumber} the order's name
 * (REST payloads carry only {@code order_id}, kept as the extension {@code shopifyOrderId}); the
 * amount from {@code totalRefundedSet} / the successful {@code refund} transactions; lines from the
 * refund line items, their restock type as disposition ({@code RETURN}, {@code CANCEL} and {@code
 * LEGACY_RESTOCK} restock; {@code NO_RESTOCK} says nothing).
 *
 * <p>A <b>return</b> (GraphQL {@code Return} read with its order) keeps its {@code name} as {@code
 * rmaNumber}; status by the table {@link Builder#returnStatus} (defaults: {@code REQUESTED}, {@code
 * OPEN} to {@code AUTHORIZED}, {@code DECLINED} to {@code REJECTED}, {@code CLOSED} and {@code
 * CANCELED} to {@code CLOSED}); lines with the return reason ({@code DEFECTIVE}, {@code
 * NOT_AS_DESCRIBED}, {@code WRONG_ITEM}, {@code UNWANTED} to {@code NO_LONGER_NEEDED}, the rest
 * {@code OTHER}) and its note.
 *
 * <p>Every field can be replaced with {@link Builder#override}. Immutable and thread-safe.
 */
public final class ShopifyReturnMapping {
  private static final FieldTable<ReturnRequest.Builder> TABLE =
      new FieldTable<ReturnRequest.Builder>("Shopify refund or return")
          .field(ReturnRequest.Fields.RMA_NUMBER, String.class, ReturnRequest.Builder::rmaNumber)
          .field(
              ReturnRequest.Fields.ORDER_NUMBER, String.class, ReturnRequest.Builder::orderNumber)
          .field(
              ReturnRequest.Fields.ACCOUNT_NUMBER,
              String.class,
              ReturnRequest.Builder::accountNumber)
          .field(ReturnRequest.Fields.STATUS, ReturnStatus.class, ReturnRequest.Builder::status)
          .field(
              ReturnRequest.Fields.REQUESTED_AT, Instant.class, ReturnRequest.Builder::requestedAt)
          .listField(ReturnRequest.Fields.LINES, ReturnLine.class, ReturnRequest.Builder::lines)
          .field(
              ReturnRequest.Fields.REFUND_STATUS,
              RefundStatus.class,
              ReturnRequest.Builder::refundStatus)
          .field(
              ReturnRequest.Fields.REFUND_AMOUNT, Money.class, ReturnRequest.Builder::refundAmount);

  private final Map<FieldPath, Function<ShopifySource, ?>> refundOverrides;
  private final Map<FieldPath, Function<ShopifySource, ?>> returnOverrides;
  private final Map<String, ReturnStatus> returnStatuses;
  private final Map<FieldPath, Function<ShopifySource, ?>> refundDefaults;
  private final Map<FieldPath, Function<ShopifySource, ?>> returnDefaults;

  private ShopifyReturnMapping(Builder b) {
    this.refundOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.refundOverrides));
    this.returnOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.returnOverrides));
    this.returnStatuses = Map.copyOf(b.returnStatuses);
    this.refundDefaults = refundDefaults();
    this.returnDefaults = returnDefaults();
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ShopifyReturnMapping ofDefaults() {
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
    b.refundOverrides.putAll(refundOverrides);
    b.returnOverrides.putAll(returnOverrides);
    b.returnStatuses.putAll(returnStatuses);
    return b;
  }

  /**
   * Maps every refund of a GraphQL {@code Order} node.
   *
   * @param order the order, with {@code refunds} and {@code lineItems}
   * @return one request per refund
   * @throws MappingException naming the field that cannot be mapped
   */
  public List<ReturnRequest> refundsFromGraphQlOrder(JsonNode order) {
    List<ReturnRequest> out = new ArrayList<>();
    for (JsonNode r : ShopifySource.graphQl(order).list("refunds", "refunds")) {
      out.add(refund(ShopifySource.graphQl(r).withParent(order)));
    }
    return out;
  }

  /**
   * Maps the REST payload of a {@code refunds/create} webhook.
   *
   * @param refund the payload
   * @return the request
   * @throws MappingException naming the field that cannot be mapped
   */
  public ReturnRequest refundFromWebhook(JsonNode refund) {
    return refund(ShopifySource.rest(refund));
  }

  /**
   * Maps every return of a GraphQL {@code Order} node.
   *
   * @param order the order, with {@code returns} and {@code lineItems}
   * @return one request per return
   * @throws MappingException naming the field that cannot be mapped
   */
  public List<ReturnRequest> returnsFromGraphQlOrder(JsonNode order) {
    List<ReturnRequest> out = new ArrayList<>();
    for (JsonNode r : ShopifySource.graphQl(order).list("returns", "returns")) {
      out.add(build(ShopifySource.graphQl(r).withParent(order), returnDefaults, returnOverrides));
    }
    return out;
  }

  /**
   * Maps a refund in either shape.
   *
   * @param src the refund, with its order as parent when known
   * @return the request
   * @throws MappingException naming the field that cannot be mapped
   */
  public ReturnRequest refund(ShopifySource src) {
    ReturnRequest r = build(src, refundDefaults, refundOverrides);
    String orderId = src.isGraphQl() ? null : src.text(null, "order_id");
    if (orderId != null) {
      r = r.toBuilder().putExtension("shopifyOrderId", "gid://shopify/Order/" + orderId).build();
    }
    return r;
  }

  private static ReturnRequest build(
      ShopifySource src,
      Map<FieldPath, Function<ShopifySource, ?>> defaults,
      Map<FieldPath, Function<ShopifySource, ?>> overrides) {
    ReturnRequest.Builder b = ReturnRequest.builder();
    TABLE.apply(b, src, defaults, overrides);
    try {
      return b.build();
    } catch (ValidationException e) {
      throw FieldTable.fromValidation("", e);
    }
  }

  private static Map<FieldPath, Function<ShopifySource, ?>> refundDefaults() {
    Map<FieldPath, Function<ShopifySource, ?>> d = new LinkedHashMap<>();
    d.put(
        ReturnRequest.Fields.RMA_NUMBER,
        s -> {
          String id = s.text("legacyResourceId", "id");
          if (id == null) {
            throw new MappingException("rmaNumber", "the refund has no id", null);
          }
          return "refund-" + id;
        });
    d.put(ReturnRequest.Fields.ORDER_NUMBER, s -> s.parent().text("name", "name"));
    d.put(ReturnRequest.Fields.STATUS, s -> ReturnStatus.REFUNDED);
    d.put(ReturnRequest.Fields.REQUESTED_AT, s -> s.instant("createdAt", "created_at"));
    d.put(ReturnRequest.Fields.LINES, ShopifyReturnMapping::refundLines);
    d.put(ReturnRequest.Fields.REFUND_STATUS, s -> RefundStatus.REFUNDED);
    d.put(ReturnRequest.Fields.REFUND_AMOUNT, ShopifyReturnMapping::refundAmount);
    return d;
  }

  private Map<FieldPath, Function<ShopifySource, ?>> returnDefaults() {
    Map<FieldPath, Function<ShopifySource, ?>> d = new LinkedHashMap<>();
    d.put(ReturnRequest.Fields.RMA_NUMBER, s -> s.text("name", "name"));
    d.put(ReturnRequest.Fields.ORDER_NUMBER, s -> s.parent().text("name", "name"));
    d.put(
        ReturnRequest.Fields.STATUS,
        s -> {
          String st = s.text("status", "status");
          ReturnStatus mapped = st == null ? null : returnStatuses.get(st.toUpperCase(Locale.ROOT));
          if (mapped == null) {
            throw new MappingException(
                "status",
                "the return status "
                    + st
                    + " has no mapping; add one with ShopifyReturnMapping.Builder.returnStatus",
                null);
          }
          return mapped;
        });
    d.put(ReturnRequest.Fields.LINES, ShopifyReturnMapping::returnLines);
    return d;
  }

  private static List<ReturnLine> refundLines(ShopifySource s) {
    List<ReturnLine> out = new ArrayList<>();
    List<JsonNode> items = s.list("refundLineItems", "refund_line_items");
    for (int i = 0; i < items.size(); i++) {
      ShopifySource li = s.child(items.get(i));
      String sku = li.text("lineItem.sku", "line_item.sku");
      if (sku == null) {
        throw new MappingException("lines[" + i + "].sku", "the refunded line has no SKU", null);
      }
      String restock = li.text("restockType", "restock_type");
      ReturnDisposition disposition =
          restock == null
              ? null
              : switch (restock.toUpperCase(Locale.ROOT)) {
                case "RETURN", "CANCEL", "LEGACY_RESTOCK" -> ReturnDisposition.RESTOCK;
                default -> null;
              };
      Integer lineNumber =
          s.isGraphQl() ? LineNumbers.of(s.parent(), li.text("lineItem.id", null)) : null;
      out.add(
          line(i, lineNumber, sku, li.decimal("quantity", "quantity"), null, null, disposition));
    }
    return out;
  }

  private static List<ReturnLine> returnLines(ShopifySource s) {
    List<ReturnLine> out = new ArrayList<>();
    List<JsonNode> items = s.list("returnLineItems", "return_line_items");
    for (int i = 0; i < items.size(); i++) {
      ShopifySource li = s.child(items.get(i));
      String sku = li.text("fulfillmentLineItem.lineItem.sku", "line_item.sku");
      if (sku == null) {
        throw new MappingException("lines[" + i + "].sku", "the returned line has no SKU", null);
      }
      String reason = li.text("returnReason", "return_reason");
      ReturnReason mapped =
          reason == null
              ? null
              : switch (reason.toUpperCase(Locale.ROOT)) {
                case "DEFECTIVE" -> ReturnReason.DEFECTIVE;
                case "NOT_AS_DESCRIBED" -> ReturnReason.NOT_AS_DESCRIBED;
                case "WRONG_ITEM" -> ReturnReason.WRONG_ITEM;
                case "UNWANTED" -> ReturnReason.NO_LONGER_NEEDED;
                default -> ReturnReason.OTHER;
              };
      Integer lineNumber =
          s.isGraphQl()
              ? LineNumbers.of(s.parent(), li.text("fulfillmentLineItem.lineItem.id", null))
              : null;
      out.add(
          line(
              i,
              lineNumber,
              sku,
              li.decimal("quantity", "quantity"),
              mapped,
              li.text("returnReasonNote", "return_reason_note"),
              null));
    }
    return out;
  }

  private static ReturnLine line(
      int i,
      Integer lineNumber,
      String sku,
      BigDecimal qty,
      ReturnReason reason,
      String note,
      ReturnDisposition disposition) {
    try {
      return new ReturnLine(lineNumber, sku, qty, reason, note, disposition);
    } catch (ValidationException e) {
      throw FieldTable.fromValidation("lines[" + i + "]", e);
    }
  }

  private static Money refundAmount(ShopifySource s) {
    if (s.isGraphQl()) {
      return s.shopMoney("totalRefundedSet", null);
    }
    Money sum = null;
    List<JsonNode> txs = s.list(null, "transactions");
    for (int i = 0; i < txs.size(); i++) {
      ShopifySource t = s.child(txs.get(i));
      if (!"refund".equalsIgnoreCase(t.text(null, "kind"))
          || !"success".equalsIgnoreCase(t.text(null, "status"))) {
        continue;
      }
      Money m = t.shopMoney(null, "amount_set");
      if (m == null) {
        BigDecimal amount = t.decimal(null, "amount");
        String currency = t.text(null, "currency");
        if (amount == null || currency == null) {
          throw new MappingException(
              "refundAmount (transactions[" + i + "])", "has no amount and currency", null);
        }
        m = Money.of(amount, currency);
      }
      sum = sum == null ? m : sum.plus(m);
    }
    return sum;
  }

  @Override
  public String toString() {
    return "ShopifyReturnMapping[refundOverrides="
        + refundOverrides.keySet()
        + ", returnOverrides="
        + returnOverrides.keySet()
        + "]";
  }

  /** Builds a {@link ShopifyReturnMapping}. Not thread-safe. */
  public static final class Builder {
    private final Map<FieldPath, Function<ShopifySource, ?>> refundOverrides =
        new LinkedHashMap<>();
    private final Map<FieldPath, Function<ShopifySource, ?>> returnOverrides =
        new LinkedHashMap<>();
    private final Map<String, ReturnStatus> returnStatuses = new LinkedHashMap<>();

    private Builder() {
      returnStatuses.put("REQUESTED", ReturnStatus.REQUESTED);
      returnStatuses.put("OPEN", ReturnStatus.AUTHORIZED);
      returnStatuses.put("DECLINED", ReturnStatus.REJECTED);
      returnStatuses.put("CLOSED", ReturnStatus.CLOSED);
      returnStatuses.put("CANCELED", ReturnStatus.CLOSED);
    }

    /**
     * Replaces how one field of {@link ReturnRequest.Fields} is read from a refund.
     *
     * @param field the field
     * @param reader the reader
     * @return this builder
     */
    public Builder overrideRefund(FieldPath field, Function<ShopifySource, ?> reader) {
      refundOverrides.put(field, reader);
      return this;
    }

    /**
     * Replaces how one field of {@link ReturnRequest.Fields} is read from a return.
     *
     * @param field the field
     * @param reader the reader
     * @return this builder
     */
    public Builder overrideReturn(FieldPath field, Function<ShopifySource, ?> reader) {
      returnOverrides.put(field, reader);
      return this;
    }

    /**
     * Maps a Shopify {@code ReturnStatus} value.
     *
     * @param shopifyStatus such as {@code OPEN}
     * @param status the canonical status
     * @return this builder
     */
    public Builder returnStatus(String shopifyStatus, ReturnStatus status) {
      returnStatuses.put(shopifyStatus.toUpperCase(Locale.ROOT), status);
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the mapping
     * @throws ValidationException naming an override of a field the mapping does not set
     */
    public ShopifyReturnMapping build() {
      TABLE.checkOverrides(refundOverrides);
      TABLE.checkOverrides(returnOverrides);
      return new ShopifyReturnMapping(this);
    }
  }
}
