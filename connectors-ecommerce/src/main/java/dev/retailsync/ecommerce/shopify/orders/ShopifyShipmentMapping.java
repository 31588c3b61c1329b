package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
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
 * Maps a Shopify fulfilment to the canonical {@link Shipment}: from the GraphQL {@code Fulfillment}
 * (read with its order, see {@link #fromGraphQlOrder}) or the REST payload of the {@code
 * fulfillments/create} and {@code fulfillments/update} webhooks.
 *
 * <p>Defaults (GraphQL / REST): {@code shipmentNumber} is the fulfilment's {@code name} ({@code
 * #1001-F1} / {@code #1001.1}); {@code orderNumber} the order's {@code name} (REST: the fulfilment
 * name without its {@code .n} suffix); carrier, tracking number and URL from the first {@code
 * trackingInfo} / {@code tracking_company}, {@code tracking_number}, {@code tracking_url}; {@code
 * shippedAt} the creation time, {@code deliveredAt} GraphQL's {@code deliveredAt}; lines from the
 * fulfilment line items with their SKU, quantity and (GraphQL) the order line number; {@code
 * status} from the status table ({@link Builder#status}) keyed by {@code displayStatus} / {@code
 * shipment_status}, else by {@code status}. Every field can be replaced with {@link
 * Builder#override}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShopifyShipmentMapping {
  private static final FieldTable<Shipment.Builder> TABLE =
      new FieldTable<Shipment.Builder>("Shopify fulfillment")
          .field(Shipment.Fields.SHIPMENT_NUMBER, String.class, Shipment.Builder::shipmentNumber)
          .field(Shipment.Fields.ORDER_NUMBER, String.class, Shipment.Builder::orderNumber)
          .field(Shipment.Fields.CARRIER, String.class, Shipment.Builder::carrier)
          .field(Shipment.Fields.SERVICE, String.class, Shipment.Builder::service)
          .field(Shipment.Fields.SHIP_FROM, String.class, Shipment.Builder::shipFrom)
          .field(
              Shipment.Fields.SHIP_TO,
              dev.retailsync.api.model.PostalAddress.class,
              Shipment.Builder::shipTo)
          .field(Shipment.Fields.TRACKING_NUMBER, String.class, Shipment.Builder::trackingNumber)
          .field(Shipment.Fields.TRACKING_URL, String.class, Shipment.Builder::trackingUrl)
          .listField(Shipment.Fields.LINES, ShipmentLine.class, Shipment.Builder::lines)
          .field(Shipment.Fields.SHIPPED_AT, Instant.class, Shipment.Builder::shippedAt)
          .field(Shipment.Fields.DELIVERED_AT, Instant.class, Shipment.Builder::deliveredAt)
          .field(Shipment.Fields.STATUS, ShipmentStatus.class, Shipment.Builder::status);

  private final Map<FieldPath, Function<ShopifySource, ?>> overrides;
  private final Map<String, ShipmentStatus> statuses;
  private final Map<FieldPath, Function<ShopifySource, ?>> defaults;

  private ShopifyShipmentMapping(Builder b) {
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.overrides));
    this.statuses = Map.copyOf(b.statuses);
    this.defaults = defaults();
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ShopifyShipmentMapping ofDefaults() {
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
    b.statuses.putAll(statuses);
    return b;
  }

  /**
   * Maps every fulfilment of a GraphQL {@code Order} node.
   *
   * @param order the order, with {@code fulfillments} and {@code lineItems}
   * @return the shipments, in Shopify's order
   * @throws MappingException naming the field that cannot be mapped
   */
  public List<Shipment> fromGraphQlOrder(JsonNode order) {
    List<Shipment> out = new ArrayList<>();
    for (JsonNode f : ShopifySource.graphQl(order).list("fulfillments", "fulfillments")) {
      out.add(map(ShopifySource.graphQl(f).withParent(order)));
    }
    return out;
  }

  /**
   * Maps the REST payload of a {@code fulfillments/create} or {@code fulfillments/update} webhook.
   *
   * @param fulfillment the payload
   * @return the shipment
   * @throws MappingException naming the field that cannot be mapped
   */
  public Shipment fromWebhook(JsonNode fulfillment) {
    return map(ShopifySource.rest(fulfillment));
  }

  /**
   * Maps a fulfilment in either shape.
   *
   * @param src the fulfilment, with its order as parent when known
   * @return the shipment
   * @throws MappingException naming the field that cannot be mapped
   */
  public Shipment map(ShopifySource src) {
    Shipment.Builder b = Shipment.builder();
    TABLE.apply(b, src, defaults, overrides);
    try {
      return b.build();
    } catch (ValidationException e) {
      throw FieldTable.fromValidation("", e);
    }
  }

  private Map<FieldPath, Function<ShopifySource, ?>> defaults() {
    Map<FieldPath, Function<ShopifySource, ?>> d = new LinkedHashMap<>();
    d.put(
        Shipment.Fields.SHIPMENT_NUMBER,
        s -> {
          String name = s.text("name", "name");
          return name != null ? name : s.text("id", "id");
        });
    d.put(
        Shipment.Fields.ORDER_NUMBER,
        s -> {
          if (s.isGraphQl()) {
            return s.parent().text("name", "name");
          }
          String name = s.text(null, "name");
          int dot = name == null ? -1 : name.lastIndexOf('.');
          return dot > 0 ? name.substring(0, dot) : null;
        });
    d.put(Shipment.Fields.CARRIER, s -> tracking(s, "company", "tracking_company"));
    d.put(Shipment.Fields.TRACKING_NUMBER, s -> tracking(s, "number", "tracking_number"));
    d.put(Shipment.Fields.TRACKING_URL, s -> tracking(s, "url", "tracking_url"));
    d.put(Shipment.Fields.LINES, ShopifyShipmentMapping::lines);
    d.put(
        Shipment.Fields.SHIP_TO,
        s ->
            s.isGraphQl()
                ? Addresses.postal(s.child(s.parent().node("shippingAddress", null)))
                : Addresses.postal(s.child(s.node(null, "destination"))));
    d.put(Shipment.Fields.SHIPPED_AT, s -> s.instant("createdAt", "created_at"));
    d.put(Shipment.Fields.DELIVERED_AT, s -> s.instant("deliveredAt", null));
    d.put(Shipment.Fields.STATUS, this::status);
    return d;
  }

  private static String tracking(ShopifySource s, String graphQl, String rest) {
    if (!s.isGraphQl()) {
      return s.text(null, rest);
    }
    List<JsonNode> infos = s.list("trackingInfo", null);
    return infos.isEmpty() ? null : ShopifySource.text(infos.get(0).path(graphQl));
  }

  private static List<ShipmentLine> lines(ShopifySource s) {
    List<ShipmentLine> out = new ArrayList<>();
    List<JsonNode> items = s.list("fulfillmentLineItems", "line_items");
    for (int i = 0; i < items.size(); i++) {
      ShopifySource li = s.child(items.get(i));
      String sku = li.text("lineItem.sku", "sku");
      if (sku == null) {
        throw new MappingException(
            "lines[" + i + "].sku", "the fulfilled line item has no SKU", null);
      }
      BigDecimal qty = li.decimal("quantity", "quantity");
      Integer lineNumber =
          s.isGraphQl() ? LineNumbers.of(s.parent(), li.text("lineItem.id", null)) : null;
      try {
        out.add(new ShipmentLine(lineNumber, sku, qty));
      } catch (ValidationException e) {
        throw FieldTable.fromValidation("lines[" + i + "]", e);
      }
    }
    return out;
  }

  private ShipmentStatus status(ShopifySource s) {
    String detail = s.text("displayStatus", "shipment_status");
    String overall = s.text("status", "status");
    if (overall != null) {
      String o = overall.toUpperCase(Locale.ROOT);
      if (o.equals("CANCELLED") || o.equals("CANCELED")) {
        return ShipmentStatus.CANCELLED;
      }
      if (o.equals("ERROR") || o.equals("FAILURE")) {
        return ShipmentStatus.EXCEPTION;
      }
    }
    String key = (detail != null ? detail : overall == null ? "SUCCESS" : overall);
    ShipmentStatus st = statuses.get(key.toUpperCase(Locale.ROOT));
    if (st == null) {
      throw new MappingException(
          "status",
          "the fulfilment status "
              + key
              + " has no mapping; add one with ShopifyShipmentMapping.Builder.status",
          null);
    }
    return st;
  }

  private static Map<String, ShipmentStatus> statusDefaults() {
    Map<String, ShipmentStatus> m = new LinkedHashMap<>();
    // Fulfillment.status / REST status
    m.put("PENDING", ShipmentStatus.CREATED);
    m.put("OPEN", ShipmentStatus.CREATED);
    m.put("SUCCESS", ShipmentStatus.SHIPPED);
    // FulfillmentDisplayStatus / REST shipment_status
    m.put("LABEL_PRINTED", ShipmentStatus.PACKED);
    m.put("LABEL_PURCHASED", ShipmentStatus.PACKED);
    m.put("LABEL_VOIDED", ShipmentStatus.CANCELLED);
    m.put("READY_FOR_PICKUP", ShipmentStatus.PACKED);
    m.put("CONFIRMED", ShipmentStatus.SHIPPED);
    m.put("SUBMITTED", ShipmentStatus.SHIPPED);
    m.put("FULFILLED", ShipmentStatus.SHIPPED);
    m.put("MARKED_AS_FULFILLED", ShipmentStatus.SHIPPED);
    m.put("CARRIER_PICKED_UP", ShipmentStatus.SHIPPED);
    m.put("IN_TRANSIT", ShipmentStatus.IN_TRANSIT);
    m.put("OUT_FOR_DELIVERY", ShipmentStatus.OUT_FOR_DELIVERY);
    m.put("ATTEMPTED_DELIVERY", ShipmentStatus.EXCEPTION);
    m.put("DELAYED", ShipmentStatus.EXCEPTION);
    m.put("NOT_DELIVERED", ShipmentStatus.EXCEPTION);
    m.put("FAILURE", ShipmentStatus.EXCEPTION);
    m.put("DELIVERED", ShipmentStatus.DELIVERED);
    m.put("PICKED_UP", ShipmentStatus.DELIVERED);
    m.put("CANCELED", ShipmentStatus.CANCELLED);
    return m;
  }

  @Override
  public String toString() {
    return "ShopifyShipmentMapping[overrides=" + overrides.keySet() + "]";
  }

  /** Builds a {@link ShopifyShipmentMapping}. Not thread-safe. */
  public static final class Builder {
    private final Map<FieldPath, Function<ShopifySource, ?>> overrides = new LinkedHashMap<>();
    private final Map<String, ShipmentStatus> statuses = new LinkedHashMap<>(statusDefaults());

    private Builder() {}

    /**
     * Replaces how one field of {@link Shipment.Fields} is read (see {@link
     * ShopifyOrderMapping.Builder#override} for the contract).
     *
     * @param field the field
     * @param reader the reader
     * @return this builder
     */
    public Builder override(FieldPath field, Function<ShopifySource, ?> reader) {
      overrides.put(field, reader);
      return this;
    }

    /**
     * Maps a Shopify fulfilment status, upper-cased: a {@code displayStatus} / {@code
     * shipment_status} value such as {@code IN_TRANSIT}, or a {@code status} value such as {@code
     * SUCCESS} used when there is no display status. {@code CANCELLED} is always {@code CANCELLED},
     * {@code ERROR} and {@code FAILURE} always {@code EXCEPTION}.
     *
     * @param shopifyStatus the Shopify value
     * @param status the canonical status
     * @return this builder
     */
    public Builder status(String shopifyStatus, ShipmentStatus status) {
      statuses.put(shopifyStatus.toUpperCase(Locale.ROOT), status);
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the mapping
     * @throws ValidationException naming an override of a field the mapping does not set
     */
    public ShopifyShipmentMapping build() {
      TABLE.checkOverrides(overrides);
      return new ShopifyShipmentMapping(this);
    }
  }
}
