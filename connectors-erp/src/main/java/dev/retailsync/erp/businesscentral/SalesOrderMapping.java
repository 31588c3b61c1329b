package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.decimal;
import static dev.retailsync.erp.businesscentral.FieldRules.limited;
import static dev.retailsync.erp.businesscentral.FieldRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link Order} to a Business Central {@code salesOrders} record with its {@code
 * salesOrderLines} and back.
 *
 * <p>Written: {@code externalDocumentNumber} (Text[35], the key an order is found by) from {@code
 * orderNumber}, {@code customerNumber} from {@code accountNumber}, {@code orderDate} from {@code
 * orderedAt} (UTC date), {@code currencyCode} (empty for the local currency), {@code email} from
 * {@code customerEmail}, the flattened {@code shipTo*} fields from {@code shippingAddress}, and on
 * creation the lines, deep-inserted as {@code lineType: Item} with {@code lineObjectNumber} (the
 * SKU), {@code description}, {@code quantity} and {@code unitPrice}. No {@code sequence} is sent:
 * Business Central 22 rejects deep-inserted lines that carry one. On an update of an order whose
 * lines may still change (status {@code Draft}, see {@link #withLineEditableStatuses}) the lines
 * are reconciled one by one: added, changed with the line's own ETag, removed; lines are matched by
 * item and occurrence (see the connector's documentation). An update that would change the lines of
 * a released or shipped order is rejected naming {@code lines}. The status is never written: the
 * ERP owns it.
 *
 * <p>Read: the same fields back, {@code number} as {@code erpOrderNumber}, the {@code billTo*}
 * address, the totals, the item lines (comment lines, which carry no item, are not order lines) and
 * the status through this table, which {@link #withStatus} overrides:
 *
 * <table>
 *   <caption>Order status</caption>
 *   <tr><th>Business Central {@code status}</th><th>Canonical</th></tr>
 *   <tr><td>Draft, In Review</td><td>CAPTURED</td></tr>
 *   <tr><td>Open, Released</td><td>ACCEPTED; PARTIALLY_SHIPPED when a line has a shipped
 *       quantity; SHIPPED when {@code fullyShipped} is true</td></tr>
 * </table>
 *
 * <p>A fully shipped and invoiced order is removed by Business Central; its state lives on in the
 * posted {@code salesShipments} and {@code salesInvoices}, which the connector reads as {@link
 * dev.retailsync.api.model.Shipment} and {@link dev.retailsync.api.model.Invoice}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SalesOrderMapping implements BcMapping<Order> {
  private static final Map<String, OrderStatus> DEFAULT_STATUS =
      Map.of(
          "Draft", OrderStatus.CAPTURED,
          "In Review", OrderStatus.CAPTURED,
          "Open", OrderStatus.ACCEPTED,
          "Released", OrderStatus.ACCEPTED);

  private final FieldRules<Order, Order.Builder> rules;
  private final Map<String, OrderStatus> status;
  private final Set<String> lineStatuses;

  private SalesOrderMapping(
      FieldRules<Order, Order.Builder> rules,
      Map<String, OrderStatus> status,
      Set<String> lineStatuses) {
    this.rules = rules;
    this.status = Map.copyOf(status);
    this.lineStatuses = Set.copyOf(lineStatuses);
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static SalesOrderMapping defaults() {
    return new SalesOrderMapping(
        FieldRules.of(
            BcField.of(
                "externalDocumentNumber",
                Order.Fields.ORDER_NUMBER,
                (o, c) -> limited("orderNumber", "externalDocumentNumber", o.orderNumber(), 35),
                (r, b) -> {
                  String ext = text(r, "externalDocumentNumber");
                  b.orderNumber(ext != null ? ext : text(r, "number"));
                }),
            BcField.of(
                "customerNumber",
                Order.Fields.ACCOUNT_NUMBER,
                (o, c) -> {
                  if (o.accountNumber() == null) {
                    throw ValidationException.of(
                        "Business Central sales order",
                        "accountNumber",
                        null,
                        "is required: a sales order needs the customer's number");
                  }
                  return limited("accountNumber", "customerNumber", o.accountNumber(), 20);
                },
                (r, b) -> b.accountNumber(text(r, "customerNumber"))),
            BcField.of(
                "orderDate",
                Order.Fields.ORDERED_AT,
                (o, c) ->
                    o.orderedAt() == null
                        ? null
                        : LocalDate.ofInstant(o.orderedAt(), ZoneOffset.UTC).toString(),
                (r, b) ->
                    b.orderedAt(
                        LocalDate.parse(r.path("orderDate").asText())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant())),
            BcField.of(
                "email",
                Order.Fields.CUSTOMER_EMAIL,
                (o, c) -> limited("customerEmail", "email", o.customerEmail(), 80),
                (r, b) -> b.customerEmail(text(r, "email"))),
            BcField.of(
                "shipToAddressLine1",
                Order.Fields.SHIPPING_ADDRESS,
                (o, c) ->
                    CustomerMapping.address(
                        o.shippingAddress(), "shipTo", "shipToPostCode", "shippingAddress"),
                (r, b) ->
                    b.shippingAddress(CustomerMapping.address(r, "shipTo", "shipToPostCode"))),
            BcField.of(
                "billToAddressLine1",
                Order.Fields.BILLING_ADDRESS,
                null,
                (r, b) -> b.billingAddress(CustomerMapping.address(r, "billTo", "billToPostCode"))),
            BcField.of(
                "number",
                Order.Fields.ERP_ORDER_NUMBER,
                null,
                (r, b) -> b.erpOrderNumber(text(r, "number")))),
        DEFAULT_STATUS,
        OrderLines.EDITABLE);
  }

  /**
   * Returns a copy with a field added, or replacing the field of the same name.
   *
   * @param field the field
   * @return the copy
   */
  public SalesOrderMapping withField(BcField<Order, Order.Builder> field) {
    return new SalesOrderMapping(rules.with(field), status, lineStatuses);
  }

  /**
   * Returns a copy without a field.
   *
   * @param name the Business Central field name
   * @return the copy
   * @throws ValidationException when the mapping has no such field
   */
  public SalesOrderMapping withoutField(String name) {
    return new SalesOrderMapping(rules.without(name), status, lineStatuses);
  }

  /**
   * Returns a copy that maps one more Business Central status (or maps one differently).
   *
   * @param bcStatus the status as Business Central sends it, such as {@code Released}
   * @param canonical the canonical status
   * @return the copy
   */
  public SalesOrderMapping withStatus(String bcStatus, OrderStatus canonical) {
    Map<String, OrderStatus> m = new LinkedHashMap<>(status);
    m.put(java.util.Objects.requireNonNull(bcStatus, "bcStatus"), canonical);
    return new SalesOrderMapping(rules, m, lineStatuses);
  }

  /**
   * Returns a copy that lets the lines of orders in these statuses change on an update; {@code
   * Draft} by default, the API's name for Business Central's internal Open status. A tenant whose
   * extension lets released orders change may add {@code Open}.
   *
   * @param bcStatuses the statuses as Business Central sends them
   * @return the copy
   * @throws ValidationException when none is given
   */
  public SalesOrderMapping withLineEditableStatuses(String... bcStatuses) {
    if (bcStatuses.length == 0) {
      throw ValidationException.of(
          "SalesOrderMapping", "lineEditableStatuses", "", "needs at least one status");
    }
    return new SalesOrderMapping(rules, status, Set.of(bcStatuses));
  }

  /**
   * Returns the statuses in which an update changes an order's lines.
   *
   * @return the statuses as Business Central sends them
   */
  public Set<String> lineEditableStatuses() {
    return lineStatuses;
  }

  /**
   * Returns the status table.
   *
   * @return Business Central status to canonical status
   */
  public Map<String, OrderStatus> statusTable() {
    return status;
  }

  @Override
  public EntityType<Order> entityType() {
    return EntityType.ORDER;
  }

  @Override
  public String entitySet() {
    return "salesOrders";
  }

  @Override
  public String keyField() {
    return "externalDocumentNumber";
  }

  @Override
  public String expand() {
    return "salesOrderLines";
  }

  @Override
  public List<String> createOnlyFields() {
    return List.of("salesOrderLines");
  }

  @Override
  public String key(Order order) {
    return limited("orderNumber", "externalDocumentNumber", order.orderNumber(), 35);
  }

  @Override
  public ObjectNode toBc(Order order, Set<FieldPath> fields, BcMappingContext context) {
    ObjectNode body = FieldRules.JSON.createObjectNode();
    body.put("externalDocumentNumber", key(order));
    List<FieldError> errors = new ArrayList<>();
    try {
      rules.write("Business Central sales order", order, fields, context, body);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
    }
    if (!order.currency().equals(context.localCurrency())) {
      body.put("currencyCode", order.currency());
    }
    ArrayNode lines = FieldRules.JSON.createArrayNode();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine l = order.lines().get(i);
      String p = "lines[" + i + "]";
      try {
        ObjectNode line = lines.addObject();
        line.put("lineType", "Item");
        line.put("lineObjectNumber", limited(p + ".sku", "lineObjectNumber", l.sku(), 20));
        if (l.description() != null) {
          line.put("description", limited(p + ".description", "description", l.description(), 100));
        }
        line.put("quantity", l.quantity());
        if (l.unitPrice() != null) {
          line.put("unitPrice", l.unitPrice().amount());
        }
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Business Central sales order", errors);
    }
    body.set("salesOrderLines", lines);
    return body;
  }

  @Override
  public Order fromBc(JsonNode r, BcMappingContext context) {
    String currency = context.currencyOf(text(r, "currencyCode"));
    Order.Builder b = Order.builder().currency(currency);
    rules.read(r, b);
    String bcStatus = r.path("status").asText("");
    OrderStatus mapped = status.get(bcStatus);
    if (mapped == null) {
      throw ValidationException.of(
          "Business Central sales order",
          "status",
          bcStatus,
          "has no canonical status; map it with SalesOrderMapping.withStatus");
    }
    List<OrderLine> lines = new ArrayList<>();
    boolean shippedSome = false;
    for (JsonNode l : r.path("salesOrderLines")) {
      String sku = text(l, "lineObjectNumber");
      if (sku == null || !"Item".equals(l.path("lineType").asText("Item"))) {
        continue;
      }
      BigDecimal shipped = decimal(l, "shippedQuantity");
      shippedSome |= shipped != null && shipped.signum() > 0;
      BigDecimal price = decimal(l, "unitPrice");
      lines.add(
          new OrderLine(
              lines.size() + 1,
              sku,
              text(l, "description"),
              decimal(l, "quantity") == null ? BigDecimal.ZERO : decimal(l, "quantity"),
              price == null ? null : Money.of(price, currency),
              List.of(),
              List.of(),
              null,
              null));
    }
    if (mapped == OrderStatus.ACCEPTED && r.path("fullyShipped").asBoolean(false)) {
      mapped = OrderStatus.SHIPPED;
    } else if (mapped == OrderStatus.ACCEPTED && shippedSome) {
      mapped = OrderStatus.PARTIALLY_SHIPPED;
    }
    b.status(mapped).lines(lines);
    BigDecimal net = decimal(r, "totalAmountExcludingTax");
    BigDecimal tax = decimal(r, "totalTaxAmount");
    BigDecimal gross = decimal(r, "totalAmountIncludingTax");
    BigDecimal discount = decimal(r, "discountAmount");
    if (net != null || gross != null) {
      b.totals(
          new OrderTotals(
              money(net, currency),
              money(discount, currency),
              money(tax, currency),
              null,
              money(gross, currency)));
    }
    return b.build();
  }

  static Money money(BigDecimal amount, String currency) {
    return amount == null ? null : Money.of(amount, currency);
  }
}
