package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Discount;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import dev.retailsync.api.model.Payment;
import dev.retailsync.api.model.PaymentStatus;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.model.TaxLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps Vendure orders and fulfilments (Admin API, selected with {@link #ORDER_FIELDS}) to canonical
 * {@link Order}s and {@link Shipment}s.
 *
 * <p>What goes where:
 *
 * <ul>
 *   <li>{@code orderNumber} is the Vendure order {@code code}; {@code orderedAt} is {@code
 *       orderPlacedAt}; {@code customerEmail} the customer's {@code emailAddress}; {@code channel}
 *       the configured channel name (the connector's system id by default); {@code currency} the
 *       order's {@code currencyCode}. Extensions: {@code vendureOrderId} (the numeric id) and
 *       {@code vendureState} (the raw state).
 *   <li>Money: Vendure sends integers in minor units; they become exact {@link BigDecimal}s by
 *       moving the point {@code moneyPrecision} places (2, Vendure's {@code DefaultMoneyStrategy}),
 *       never through floating point.
 *   <li>Lines, sorted by line id and numbered from 1: SKU of the variant, quantity (the current
 *       quantity: a cancelled line has 0), {@code unitPrice} the <em>net</em> unit price ({@code
 *       unitPrice}), one {@link TaxLine} with the line's tax ({@code lineTax}, rate from {@code
 *       taxRate}), line discounts ({@code discounts[].amount}, net, as positive amounts), and
 *       {@code lineTotal} what the customer pays for the line including tax after line discounts
 *       ({@code discountedLinePriceWithTax}, rounded per line by Vendure; never recomputed from the
 *       unit price).
 *   <li>Totals: {@code subtotal} = {@code subTotal} (net), {@code taxTotal} = {@code totalWithTax -
 *       total}, {@code shippingTotal} = {@code shippingWithTax}, {@code discountTotal} = the sum of
 *       the order's {@code discounts[].amountWithTax} (as a positive amount), {@code grandTotal} =
 *       {@code totalWithTax}.
 *   <li>Payments: method code, amount, transaction id as reference; state {@code Settled} is {@code
 *       CAPTURED} ({@code REFUNDED} once settled refunds cover the amount), {@code Authorized} and
 *       {@code Created} are {@code AUTHORIZED}, {@code Declined} and {@code Error} are {@code
 *       FAILED}, {@code Cancelled} is {@code VOIDED}.
 *   <li>Status: see {@link #DEFAULT_STATUSES}; the connector's builder overrides single states.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VendureOrderMapping {
  /** The selection of one fulfilment. */
  public static final String FULFILLMENT_FIELDS =
      "id state method trackingCode createdAt updatedAt lines { orderLineId quantity }";

  /** The selection every order read uses. */
  public static final String ORDER_FIELDS =
      "id code state active createdAt updatedAt orderPlacedAt currencyCode"
          + " customer { id emailAddress }"
          + " subTotal subTotalWithTax shipping shippingWithTax total totalWithTax"
          + " discounts { description amount amountWithTax }"
          + " lines { id quantity unitPrice unitPriceWithTax taxRate lineTax"
          + " discountedLinePriceWithTax productVariant { id sku name }"
          + " discounts { description amount amountWithTax } }"
          + " shippingAddress { fullName company streetLine1 streetLine2 city province postalCode"
          + " countryCode }"
          + " billingAddress { fullName company streetLine1 streetLine2 city province postalCode"
          + " countryCode }"
          + " payments { id state amount method transactionId refunds { id state total reason } }"
          + " fulfillments { "
          + FULFILLMENT_FIELDS
          + " }"
          + " customFields { externalId }"
          + " history(options: {take: 1, sort: {id: DESC}}) { totalItems items { id createdAt } }";

  /**
   * The default mapping of Vendure's order states: {@code Created}, {@code Draft}, {@code
   * AddingItems}, {@code ArrangingPayment}, {@code PaymentSettled}, {@code Modifying} and {@code
   * ArrangingAdditionalPayment} are {@code CAPTURED} (placed in the shop, not accepted by an ERP);
   * {@code PaymentAuthorized} is {@code PAYMENT_AUTHORIZED}; {@code PartiallyShipped} and {@code
   * PartiallyDelivered} are {@code PARTIALLY_SHIPPED}; {@code Shipped} and {@code Delivered} are
   * {@code SHIPPED}; {@code Cancelled} is {@code CANCELLED}.
   */
  public static final Map<String, OrderStatus> DEFAULT_STATUSES = defaultStatuses();

  private final String channel;
  private final int moneyPrecision;
  private final Map<String, OrderStatus> statuses;

  /**
   * Creates a mapping.
   *
   * @param channel the canonical channel name for orders, or {@code null}
   * @param moneyPrecision how many minor-unit digits Vendure's integers carry, 0 to 6
   * @param statusOverrides states mapped differently from {@link #DEFAULT_STATUSES}
   * @throws ValidationException when the precision is out of range
   */
  public VendureOrderMapping(
      String channel, int moneyPrecision, Map<String, OrderStatus> statusOverrides) {
    if (moneyPrecision < 0 || moneyPrecision > 6) {
      throw ValidationException.of(
          "VendureOrderMapping", "moneyPrecision", moneyPrecision, "must be 0..6");
    }
    this.channel = channel;
    this.moneyPrecision = moneyPrecision;
    Map<String, OrderStatus> m = new HashMap<>(DEFAULT_STATUSES);
    m.putAll(statusOverrides);
    this.statuses = Map.copyOf(m);
  }

  private static Map<String, OrderStatus> defaultStatuses() {
    Map<String, OrderStatus> m = new LinkedHashMap<>();
    for (String s :
        List.of(
            "Created",
            "Draft",
            "AddingItems",
            "ArrangingPayment",
            "PaymentSettled",
            "Modifying",
            "ArrangingAdditionalPayment")) {
      m.put(s, OrderStatus.CAPTURED);
    }
    m.put("PaymentAuthorized", OrderStatus.PAYMENT_AUTHORIZED);
    m.put("PartiallyShipped", OrderStatus.PARTIALLY_SHIPPED);
    m.put("PartiallyDelivered", OrderStatus.PARTIALLY_SHIPPED);
    m.put("Shipped", OrderStatus.SHIPPED);
    m.put("Delivered", OrderStatus.SHIPPED);
    m.put("Cancelled", OrderStatus.CANCELLED);
    return Collections.unmodifiableMap(m);
  }

  /** How many decimal places Vendure's integer amounts carry. */
  int moneyPrecision() {
    return moneyPrecision;
  }

  /**
   * Converts an integer amount in minor units to money.
   *
   * @param node the amount (a JSON integer)
   * @param currency the ISO-4217 currency
   * @param path where the amount is, for the error
   * @return the exact amount
   * @throws MappingException when the node is not an integer
   */
  public Money money(JsonNode node, String currency, String path) {
    if (node == null || !node.isIntegralNumber()) {
      throw new MappingException(
          path, "expected an integer amount in minor units at " + path + ", got " + node, null);
    }
    return Money.of(new BigDecimal(node.bigIntegerValue()).movePointLeft(moneyPrecision), currency);
  }

  /**
   * Maps a Vendure order state to the canonical status.
   *
   * @param state the state, such as {@code PaymentSettled}
   * @return the status
   * @throws MappingException for a state this mapping does not know (a custom order process):
   *     configure it on the connector's builder
   */
  public OrderStatus status(String state) {
    OrderStatus s = statuses.get(state);
    if (s == null) {
      throw new MappingException(
          "state",
          "Vendure order state '"
              + state
              + "' has no canonical status; map it with VendureConnector.Builder.orderStatus",
          null);
    }
    return s;
  }

  /**
   * Maps an order node to a canonical order.
   *
   * @param o the order, selected with {@link #ORDER_FIELDS}
   * @return the order
   * @throws MappingException naming the field when the order cannot be mapped
   */
  public Order toOrder(JsonNode o) {
    String code = VendureCustomerMapping.text(o, "code");
    String currency = VendureCustomerMapping.text(o, "currencyCode");
    if (code == null) {
      throw new MappingException("code", "a Vendure order without code", null);
    }
    if (currency == null) {
      throw new MappingException("currencyCode", "order " + code + " has no currencyCode", null);
    }
    try {
      Order.Builder b =
          Order.builder()
              .orderNumber(code)
              .channel(channel)
              .status(status(o.path("state").asText()))
              .customerEmail(VendureCustomerMapping.text(o.path("customer"), "emailAddress"))
              .orderedAt(instant(o, "orderPlacedAt"))
              .currency(currency);
      int n = 1;
      for (JsonNode l : lines(o)) {
        String sku = VendureCustomerMapping.text(l.path("productVariant"), "sku");
        String p = "lines[" + (n - 1) + "]";
        if (sku == null) {
          throw new MappingException(
              p + ".productVariant.sku",
              "order " + code + " line " + l.path("id").asText() + " has a variant without SKU",
              null);
        }
        List<TaxLine> taxes = new ArrayList<>();
        if (l.has("lineTax")) {
          BigDecimal rate =
              l.path("taxRate").isNumber()
                  ? l.path("taxRate").decimalValue().movePointLeft(2).stripTrailingZeros()
                  : null;
          if (rate != null && rate.scale() < 0) {
            rate = rate.setScale(0);
          }
          taxes.add(new TaxLine(null, null, rate, money(l.path("lineTax"), currency, p)));
        }
        List<Discount> discounts = new ArrayList<>();
        for (JsonNode d : l.path("discounts")) {
          discounts.add(
              new Discount(
                  null,
                  VendureCustomerMapping.text(d, "description"),
                  abs(money(d.path("amount"), currency, p + ".discounts"))));
        }
        b.addLine(
            new OrderLine(
                n,
                sku,
                VendureCustomerMapping.text(l.path("productVariant"), "name"),
                BigDecimal.valueOf(l.path("quantity").asLong()),
                money(l.path("unitPrice"), currency, p + ".unitPrice"),
                discounts,
                taxes,
                money(l.path("discountedLinePriceWithTax"), currency, p + ".lineTotal"),
                null));
        n++;
      }
      int i = 0;
      for (JsonNode pay : o.path("payments")) {
        b.addPayment(payment(pay, currency, "payments[" + i++ + "]"));
      }
      for (JsonNode d : o.path("discounts")) {
        b.addDiscount(
            new Discount(
                null,
                VendureCustomerMapping.text(d, "description"),
                abs(money(d.path("amountWithTax"), currency, "discounts"))));
      }
      Money discountTotal = Money.zero(currency);
      for (JsonNode d : o.path("discounts")) {
        discountTotal =
            discountTotal.plus(abs(money(d.path("amountWithTax"), currency, "discounts")));
      }
      Money total = money(o.path("total"), currency, "total");
      Money totalWithTax = money(o.path("totalWithTax"), currency, "totalWithTax");
      b.totals(
          new OrderTotals(
              money(o.path("subTotal"), currency, "subTotal"),
              discountTotal,
              totalWithTax.minus(total),
              money(o.path("shippingWithTax"), currency, "shippingWithTax"),
              totalWithTax));
      b.shippingAddress(address(o.path("shippingAddress")));
      b.billingAddress(address(o.path("billingAddress")));
      b.putExtension("vendureOrderId", o.path("id").asText());
      b.putExtension("vendureState", o.path("state").asText());
      return b.build();
    } catch (ValidationException e) {
      throw new MappingException("order", "Vendure order " + code + ": " + e.getMessage(), e);
    }
  }

  private Payment payment(JsonNode p, String currency, String path) {
    Money amount = money(p.path("amount"), currency, path + ".amount");
    String state = p.path("state").asText();
    PaymentStatus status =
        switch (state) {
          case "Settled" -> PaymentStatus.CAPTURED;
          case "Authorized", "Created" -> PaymentStatus.AUTHORIZED;
          case "Declined", "Error" -> PaymentStatus.FAILED;
          case "Cancelled" -> PaymentStatus.VOIDED;
          default ->
              throw new MappingException(
                  path + ".state", "Vendure payment state '" + state + "' is not known", null);
        };
    if (status == PaymentStatus.CAPTURED) {
      Money refunded = Money.zero(currency);
      for (JsonNode r : p.path("refunds")) {
        if ("Settled".equals(r.path("state").asText())) {
          refunded = refunded.plus(money(r.path("total"), currency, path + ".refunds"));
        }
      }
      if (!amount.isZero() && refunded.compareTo(amount) >= 0) {
        status = PaymentStatus.REFUNDED;
      }
    }
    return new Payment(
        VendureCustomerMapping.text(p, "method"),
        amount,
        status,
        VendureCustomerMapping.text(p, "transactionId"));
  }

  /**
   * Maps a Vendure {@code OrderAddress} to a postal address.
   *
   * @param a the address node
   * @return the address, or {@code null} when it carries neither a street line nor a country
   */
  public static PostalAddress address(JsonNode a) {
    List<String> lines = new ArrayList<>();
    if (VendureCustomerMapping.text(a, "streetLine1") != null) {
      lines.add(VendureCustomerMapping.text(a, "streetLine1"));
    }
    if (VendureCustomerMapping.text(a, "streetLine2") != null) {
      lines.add(VendureCustomerMapping.text(a, "streetLine2"));
    }
    String country = VendureCustomerMapping.text(a, "countryCode");
    if (lines.isEmpty() && country == null) {
      return null;
    }
    return new PostalAddress(
        lines,
        VendureCustomerMapping.text(a, "city"),
        VendureCustomerMapping.text(a, "province"),
        VendureCustomerMapping.text(a, "postalCode"),
        country);
  }

  /**
   * Maps a fulfilment state to a shipment status: {@code Pending} is {@code CREATED}, {@code
   * Shipped} {@code SHIPPED}, {@code Delivered} {@code DELIVERED}, {@code Cancelled} {@code
   * CANCELLED}; anything else (a custom fulfilment process) {@code EXCEPTION}.
   *
   * @param state the fulfilment state
   * @return the status
   */
  public static ShipmentStatus shipmentStatus(String state) {
    return switch (state) {
      case "Created", "Pending" -> ShipmentStatus.CREATED;
      case "Shipped" -> ShipmentStatus.SHIPPED;
      case "Delivered" -> ShipmentStatus.DELIVERED;
      case "Cancelled" -> ShipmentStatus.CANCELLED;
      default -> ShipmentStatus.EXCEPTION;
    };
  }

  /**
   * Maps one fulfilment of an order to a shipment: {@code shipmentNumber} is the fulfilment id,
   * {@code carrier} the method, {@code trackingNumber} the tracking code, lines by the SKU of the
   * fulfilled order lines (with their canonical line numbers), status by {@link #shipmentStatus}.
   *
   * @param order the order (its {@code code} and {@code lines { id productVariant { sku } }})
   * @param f the fulfilment, selected with {@link #FULFILLMENT_FIELDS}
   * @return the shipment
   * @throws MappingException when a fulfilment line names a line the order does not have
   */
  public static Shipment toShipment(JsonNode order, JsonNode f) {
    Map<String, Integer> numbers = new HashMap<>();
    Map<String, String> skus = new HashMap<>();
    int n = 1;
    for (JsonNode l : lines(order)) {
      numbers.put(l.path("id").asText(), n++);
      skus.put(l.path("id").asText(), l.path("productVariant").path("sku").asText(null));
    }
    List<ShipmentLine> lines = new ArrayList<>();
    for (JsonNode fl : f.path("lines")) {
      String lineId = fl.path("orderLineId").asText();
      if (!numbers.containsKey(lineId) || skus.get(lineId) == null) {
        throw new MappingException(
            "lines.orderLineId",
            "fulfilment "
                + f.path("id").asText()
                + " names order line "
                + lineId
                + " which "
                + order.path("code").asText()
                + " does not have",
            null);
      }
      lines.add(
          new ShipmentLine(
              numbers.get(lineId),
              skus.get(lineId),
              BigDecimal.valueOf(fl.path("quantity").asLong())));
    }
    lines.sort(Comparator.comparing(ShipmentLine::orderLineNumber));
    ShipmentStatus status = shipmentStatus(f.path("state").asText());
    String method = VendureCustomerMapping.text(f, "method");
    return Shipment.builder()
        .shipmentNumber(f.path("id").asText())
        .orderNumber(order.path("code").asText())
        .carrier(method)
        .trackingNumber(VendureCustomerMapping.text(f, "trackingCode"))
        .lines(lines)
        .status(status)
        .putExtension("vendureFulfillmentState", f.path("state").asText())
        .build();
  }

  /**
   * The order's lines sorted by id (numerically when the ids are numbers): the canonical line
   * numbers count them from 1, whatever order a list query returns them in.
   *
   * @param order the order node
   * @return its lines
   */
  static List<JsonNode> lines(JsonNode order) {
    List<JsonNode> lines = new ArrayList<>();
    order.path("lines").forEach(lines::add);
    lines.sort(
        Comparator.comparing(
            (JsonNode l) -> l.path("id").asText(),
            (a, b) ->
                a.matches("[0-9]{1,18}") && b.matches("[0-9]{1,18}")
                    ? Long.compare(Long.parseLong(a), Long.parseLong(b))
                    : a.compareTo(b)));
    return lines;
  }

  private static Money abs(Money m) {
    return m.isNegative() ? m.negate() : m;
  }

  static Instant instant(JsonNode n, String field) {
    String s = VendureCustomerMapping.text(n, field);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new MappingException(field, "not an ISO-8601 instant: " + s, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VendureOrderMapping m
        && Objects.equals(channel, m.channel)
        && moneyPrecision == m.moneyPrecision
        && statuses.equals(m.statuses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, moneyPrecision, statuses);
  }

  @Override
  public String toString() {
    return "VendureOrderMapping[channel=" + channel + ", moneyPrecision=" + moneyPrecision + "]";
  }
}
