package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderLineStatus;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import dev.retailsync.api.model.PostalAddress;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sales orders with their lines (canonical {@link Order}), keyed by the order number. In CSV an
 * order is one row per line with the order's columns repeated; in JSON Lines one object with its
 * lines under {@code "lines"}. The status column goes through the layout's status-code table.
 */
final class OrderCodec implements Codec<Order> {
  private static final List<FieldDef> FIELDS =
      List.of(
          new FieldDef("orderNumber", "order_no", false, false),
          new FieldDef("channel", "channel", false, false),
          new FieldDef("status", "status", false, false),
          new FieldDef("accountNumber", "customer_no", false, false),
          new FieldDef("customerEmail", "email", false, false),
          new FieldDef("orderedAt", "ordered_at", false, false),
          new FieldDef("currency", "currency", false, false),
          new FieldDef("purchaseOrderNumber", "po_number", false, false),
          new FieldDef("erpOrderNumber", "erp_order_no", false, false),
          new FieldDef("shippingAddress.lines", "ship_street", false, false),
          new FieldDef("shippingAddress.locality", "ship_city", false, false),
          new FieldDef("shippingAddress.postalCode", "ship_postal_code", false, false),
          new FieldDef("shippingAddress.country", "ship_country", false, false),
          new FieldDef("totals.grandTotal", "grand_total", true, false),
          new FieldDef("lines.lineNumber", "line_no", true, true),
          new FieldDef("lines.sku", "sku", false, true),
          new FieldDef("lines.description", "description", false, true),
          new FieldDef("lines.quantity", "quantity", true, true),
          new FieldDef("lines.unitPrice", "unit_price", true, true),
          new FieldDef("lines.lineTotal", "line_total", true, true),
          new FieldDef("lines.status", "line_status", false, true));

  private final Map<String, OrderStatus> statusCodes;

  OrderCodec(Map<String, OrderStatus> statusCodes) {
    this.statusCodes = statusCodes;
  }

  @Override
  public EntityType<Order> type() {
    return EntityType.ORDER;
  }

  @Override
  public List<FieldDef> fields() {
    return FIELDS;
  }

  @Override
  public String keyField() {
    return "orderNumber";
  }

  @Override
  public String key(Order o) {
    return o.orderNumber();
  }

  @Override
  public Order decode(Values v, List<Values> lineValues) {
    String number = v.required("orderNumber");
    OrderStatus status = v.code("status", statusCodes);
    if (v.text("status") == null) {
      v.required("status");
    }
    String currency = v.required("currency");
    BigDecimal grand = v.decimal("totals.grandTotal");
    List<OrderLine> lines = new ArrayList<>();
    for (Values l : lineValues) {
      Integer lineNumber = l.whole("lines.lineNumber");
      String sku = l.required("lines.sku");
      BigDecimal quantity = l.decimal("lines.quantity");
      if (l.text("lines.quantity") == null) {
        l.required("lines.quantity");
      }
      BigDecimal price = l.decimal("lines.unitPrice");
      BigDecimal total = l.decimal("lines.lineTotal");
      OrderLineStatus lineStatus = l.code("lines.status", Enums.codes(OrderLineStatus.class));
      if (sku != null && quantity != null && currency != null) {
        if (quantity.signum() < 0) {
          l.error("lines.quantity", "must not be negative (lines.quantity)");
          continue;
        }
        lines.add(
            new OrderLine(
                lineNumber == null ? lines.size() + 1 : lineNumber,
                sku,
                l.text("lines.description"),
                quantity,
                price == null ? null : Money.of(price, currency),
                List.of(),
                List.of(),
                total == null ? null : Money.of(total, currency),
                lineStatus));
      }
    }
    if (number == null || status == null || currency == null) {
      return null;
    }
    String street = v.text("shippingAddress.lines");
    String city = v.text("shippingAddress.locality");
    String zip = v.text("shippingAddress.postalCode");
    String country = v.text("shippingAddress.country");
    return Order.builder()
        .orderNumber(number)
        .channel(v.text("channel"))
        .status(status)
        .accountNumber(v.text("accountNumber"))
        .customerEmail(v.text("customerEmail"))
        .orderedAt(v.instant("orderedAt"))
        .currency(currency)
        .lines(lines)
        .purchaseOrderNumber(v.text("purchaseOrderNumber"))
        .erpOrderNumber(v.text("erpOrderNumber"))
        .shippingAddress(
            street == null && city == null && zip == null && country == null
                ? null
                : new PostalAddress(
                    street == null ? List.of() : List.of(street.split("\n")),
                    city,
                    null,
                    zip,
                    country))
        .totals(
            grand == null
                ? null
                : new OrderTotals(null, null, null, null, Money.of(grand, currency)))
        .build();
  }

  @Override
  public Encoded encode(Order o) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("orderNumber", o.orderNumber());
    m.put("channel", o.channel());
    m.put("status", o.status().name());
    m.put("accountNumber", o.accountNumber());
    m.put("customerEmail", o.customerEmail());
    m.put("orderedAt", o.orderedAt() == null ? null : o.orderedAt().toString());
    m.put("currency", o.currency());
    m.put("purchaseOrderNumber", o.purchaseOrderNumber());
    m.put("erpOrderNumber", o.erpOrderNumber());
    PostalAddress ship = o.shippingAddress();
    if (ship != null) {
      m.put(
          "shippingAddress.lines",
          ship.lines() == null || ship.lines().isEmpty() ? null : String.join("\n", ship.lines()));
      m.put("shippingAddress.locality", ship.locality());
      m.put("shippingAddress.postalCode", ship.postalCode());
      m.put("shippingAddress.country", ship.country());
    }
    if (o.totals() != null && o.totals().grandTotal() != null) {
      m.put("totals.grandTotal", o.totals().grandTotal().amount().toPlainString());
    }
    List<Map<String, String>> lines = new ArrayList<>();
    for (OrderLine l : o.lines()) {
      Map<String, String> lm = new LinkedHashMap<>();
      lm.put("lines.lineNumber", Integer.toString(l.lineNumber()));
      lm.put("lines.sku", l.sku());
      lm.put("lines.description", l.description());
      lm.put("lines.quantity", l.quantity().toPlainString());
      lm.put(
          "lines.unitPrice", l.unitPrice() == null ? null : l.unitPrice().amount().toPlainString());
      lm.put(
          "lines.lineTotal", l.lineTotal() == null ? null : l.lineTotal().amount().toPlainString());
      lm.put("lines.status", l.status() == null ? null : l.status().name());
      lines.add(lm);
    }
    return new Encoded(m, lines);
  }

  /**
   * The default status-code table, after the reference's order-status mapping: the canonical names,
   * plus the states ERP exports commonly use.
   */
  static Map<String, OrderStatus> defaultStatusCodes() {
    Map<String, OrderStatus> codes = new LinkedHashMap<>(Enums.codes(OrderStatus.class));
    codes.put("DRAFT", OrderStatus.CAPTURED);
    codes.put("QUOTE", OrderStatus.CAPTURED);
    codes.put("PENDING_APPROVAL", OrderStatus.CAPTURED);
    codes.put("ON_HOLD", OrderStatus.CAPTURED);
    codes.put("OPEN", OrderStatus.ACCEPTED);
    codes.put("CONFIRMED", OrderStatus.ACCEPTED);
    codes.put("RELEASED", OrderStatus.ACCEPTED);
    codes.put("PARTIALLY_FULFILLED", OrderStatus.PARTIALLY_SHIPPED);
    codes.put("FULFILLED", OrderStatus.SHIPPED);
    codes.put("BILLED", OrderStatus.INVOICED);
    codes.put("CANCELED", OrderStatus.CANCELLED);
    return codes;
  }
}
