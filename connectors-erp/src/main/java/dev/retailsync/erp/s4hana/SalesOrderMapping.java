package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the canonical {@link Order} to an S/4HANA sales order ({@code API_SALES_ORDER_SRV} {@code
 * A_SalesOrder} with {@code to_Item}) and back, with the order-status table.
 *
 * <p>Defaults: our order number in {@code PurchaseOrderByCustomer} (35 characters; the key a retry
 * looks the order up by), the account number as {@code SoldToParty} (the SAP customer number, as
 * the engine's cross-reference supplies it), {@code SalesOrderDate} from the order date (SAP keeps
 * the date only), {@code TransactionCurrency}; lines as {@code to_Item} with item numbers 10, 20, …
 * ({@code SalesOrderItem} = line number × 10), {@code Material} = SKU, {@code RequestedQuantity} as
 * an exact decimal string and {@code RequestedQuantityUnit} (default {@code PC}); unit prices as a
 * {@code to_PricingElement} condition only when a condition type is configured (otherwise SAP
 * prices the order). Header organisation data ({@code SalesOrderType}, {@code SalesOrganization},
 * {@code DistributionChannel}, {@code OrganizationDivision}) comes from the mapping (SAP's demo
 * values {@code OR}/{@code 1710}/{@code 10}/{@code 00} by default).
 *
 * <p>The status table ({@link #statusRule}) is read top to bottom, first match wins:
 *
 * <table>
 *   <caption>Default status rules</caption>
 *   <tr><th>SAP field</th><th>value</th><th>canonical</th></tr>
 *   <tr><td>OverallSDDocumentRejectionSts</td><td>C</td><td>CANCELLED</td></tr>
 *   <tr><td>TotalCreditCheckStatus</td><td>B</td><td>CAPTURED (held by credit check)</td></tr>
 *   <tr><td>DeliveryBlockReason</td><td>any</td><td>CAPTURED (delivery block)</td></tr>
 *   <tr><td>OverallSDProcessStatus</td><td>C</td><td>INVOICED</td></tr>
 *   <tr><td>OverallTotalDeliveryStatus</td><td>C</td><td>SHIPPED</td></tr>
 *   <tr><td>OverallTotalDeliveryStatus</td><td>B</td><td>PARTIALLY_SHIPPED</td></tr>
 *   <tr><td>(otherwise)</td><td></td><td>ACCEPTED</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class SalesOrderMapping {
  /** Matches any non-empty value in a status rule. */
  public static final String ANY = "*";

  private record Rule(String field, String value, OrderStatus status) {}

  private static final List<Rule> DEFAULT_RULES =
      List.of(
          new Rule("OverallSDDocumentRejectionSts", "C", OrderStatus.CANCELLED),
          new Rule("TotalCreditCheckStatus", "B", OrderStatus.CAPTURED),
          new Rule("DeliveryBlockReason", ANY, OrderStatus.CAPTURED),
          new Rule("OverallSDProcessStatus", "C", OrderStatus.INVOICED),
          new Rule("OverallTotalDeliveryStatus", "C", OrderStatus.SHIPPED),
          new Rule("OverallTotalDeliveryStatus", "B", OrderStatus.PARTIALLY_SHIPPED));

  private final String orderType;
  private final String salesOrganization;
  private final String distributionChannel;
  private final String division;
  private final String quantityUnit;
  private final String priceCondition;
  private final List<Rule> rules;
  private final Map<String, String> renamed;

  private SalesOrderMapping(
      String orderType,
      String salesOrganization,
      String distributionChannel,
      String division,
      String quantityUnit,
      String priceCondition,
      List<Rule> rules,
      Map<String, String> renamed) {
    this.orderType = orderType;
    this.salesOrganization = salesOrganization;
    this.distributionChannel = distributionChannel;
    this.division = division;
    this.quantityUnit = quantityUnit;
    this.priceCondition = priceCondition;
    this.rules = List.copyOf(rules);
    this.renamed = Map.copyOf(renamed);
  }

  /**
   * Returns the default mapping (order type {@code OR}, sales area {@code 1710}/{@code 10}/{@code
   * 00}, unit {@code PC}, no price condition, the default status table).
   *
   * @return the mapping
   */
  public static SalesOrderMapping defaults() {
    return new SalesOrderMapping("OR", "1710", "10", "00", "PC", null, DEFAULT_RULES, Map.of());
  }

  /**
   * Returns a copy that creates orders of this type in this sales area.
   *
   * @param type {@code SalesOrderType}, such as {@code OR}
   * @param organization {@code SalesOrganization}
   * @param channel {@code DistributionChannel}
   * @param div {@code OrganizationDivision}
   * @return the copy
   */
  public SalesOrderMapping orderType(String type, String organization, String channel, String div) {
    return new SalesOrderMapping(
        CustomerMapping.code("type", type),
        CustomerMapping.code("organization", organization),
        CustomerMapping.code("channel", channel),
        CustomerMapping.code("division", div),
        quantityUnit,
        priceCondition,
        rules,
        renamed);
  }

  /**
   * Returns a copy that writes line quantities in this unit.
   *
   * @param unit {@code RequestedQuantityUnit}, such as {@code EA}
   * @return the copy
   */
  public SalesOrderMapping quantityUnit(String unit) {
    return new SalesOrderMapping(
        orderType,
        salesOrganization,
        distributionChannel,
        division,
        CustomerMapping.code("unit", unit),
        priceCondition,
        rules,
        renamed);
  }

  /**
   * Returns a copy that sends each line's unit price as a pricing element of this condition type
   * (such as {@code PR00} or {@code PPR0}), so SAP uses the channel's price.
   *
   * @param conditionType the condition type, or {@code null} to let SAP price
   * @return the copy
   */
  public SalesOrderMapping priceCondition(String conditionType) {
    return new SalesOrderMapping(
        orderType,
        salesOrganization,
        distributionChannel,
        division,
        quantityUnit,
        conditionType == null ? null : CustomerMapping.code("conditionType", conditionType),
        rules,
        renamed);
  }

  /**
   * Returns a copy with a status rule put before the others: an order whose {@code field} has
   * {@code value} ({@link #ANY} for any non-empty value) has {@code status}.
   *
   * @param field a header field, such as {@code HeaderBillingBlockReason}
   * @param value the value
   * @param status the canonical status
   * @return the copy
   */
  public SalesOrderMapping statusRule(String field, String value, OrderStatus status) {
    List<Rule> r = new ArrayList<>();
    r.add(
        new Rule(
            CustomerMapping.fieldName("field", field),
            java.util.Objects.requireNonNull(value, "value"),
            java.util.Objects.requireNonNull(status, "status")));
    r.addAll(rules);
    return new SalesOrderMapping(
        orderType,
        salesOrganization,
        distributionChannel,
        division,
        quantityUnit,
        priceCondition,
        r,
        renamed);
  }

  /**
   * Returns a copy that writes and reads a default SAP field under another name.
   *
   * @param sapDefault such as {@code PurchaseOrderByCustomer}
   * @param sapName the name to use
   * @return the copy
   */
  public SalesOrderMapping rename(String sapDefault, String sapName) {
    Map<String, String> m = new LinkedHashMap<>(renamed);
    m.put(
        CustomerMapping.fieldName("sapDefault", sapDefault),
        CustomerMapping.fieldName("sapName", sapName));
    return new SalesOrderMapping(
        orderType,
        salesOrganization,
        distributionChannel,
        division,
        quantityUnit,
        priceCondition,
        rules,
        m);
  }

  String f(String sapDefault) {
    return renamed.getOrDefault(sapDefault, sapDefault);
  }

  /** The field holding our order number, which a retry looks the order up by. */
  String keyField() {
    return f("PurchaseOrderByCustomer");
  }

  /**
   * Returns the deep-insert body of a new sales order.
   *
   * @throws ValidationException naming each field that cannot be written
   */
  ObjectNode create(Order order, boolean plainArrays) {
    List<FieldError> errors = new ArrayList<>();
    if (order.orderNumber().length() > 35) {
      errors.add(
          FieldError.of(
              "orderNumber",
              order.orderNumber(),
              "is longer than the 35 characters of " + keyField()));
    }
    if (order.accountNumber() == null) {
      errors.add(
          FieldError.redacted(
              "accountNumber", "is required: it is the SoldToParty (SAP customer number)"));
    }
    if (order.lines().isEmpty()) {
      errors.add(FieldError.redacted("lines", "SAP needs at least one item on a sales order"));
    }
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine l = order.lines().get(i);
      if (l.lineNumber() * 10 > 999_999) {
        errors.add(
            FieldError.of(
                "lines[" + i + "].lineNumber",
                l.lineNumber(),
                "gives an item number above SAP's six digits"));
      }
      if (l.sku().length() > 40) {
        errors.add(FieldError.of("lines[" + i + "].sku", l.sku(), "is longer than 40 (Material)"));
      }
      if (priceCondition != null && l.unitPrice() == null) {
        errors.add(
            FieldError.redacted(
                "lines[" + i + "].unitPrice",
                "is required: the mapping sends prices as " + priceCondition + " conditions"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("S/4HANA sales order " + order.orderNumber(), errors);
    }
    ObjectNode so = ODataV2.JSON.createObjectNode();
    so.put("SalesOrderType", orderType);
    so.put("SalesOrganization", salesOrganization);
    so.put("DistributionChannel", distributionChannel);
    so.put("OrganizationDivision", division);
    so.put(f("SoldToParty"), order.accountNumber());
    so.put(keyField(), order.orderNumber());
    so.put(f("TransactionCurrency"), order.currency());
    if (order.orderedAt() != null) {
      so.put(
          f("SalesOrderDate"),
          ODataV2.date(LocalDate.ofInstant(order.orderedAt(), ZoneOffset.UTC)));
    }
    ArrayNode items = ODataV2.JSON.createArrayNode();
    for (OrderLine l : order.lines()) {
      ObjectNode item = items.addObject();
      item.put("SalesOrderItem", String.valueOf(l.lineNumber() * 10));
      item.put(f("Material"), l.sku());
      item.put(f("RequestedQuantity"), ODataV2.decimal(l.quantity()));
      item.put(f("RequestedQuantityUnit"), quantityUnit);
      if (l.description() != null) {
        item.put(f("SalesOrderItemText"), l.description());
      }
      if (priceCondition != null) {
        ObjectNode pe = ODataV2.JSON.createObjectNode();
        pe.put("ConditionType", priceCondition);
        pe.put("ConditionRateValue", ODataV2.decimal(l.unitPrice().amount()));
        pe.put("ConditionCurrency", l.unitPrice().currency());
        item.set("to_PricingElement", CustomerMapping.many(plainArrays, pe));
      }
    }
    so.set("to_Item", plainArrays ? items : ODataV2.JSON.createObjectNode().set("results", items));
    return so;
  }

  /**
   * Returns the canonical order of a sales order read with {@code $expand=to_Item}.
   *
   * @throws ValidationException naming the SAP field that cannot be mapped
   */
  Order toOrder(JsonNode so) {
    String number = ODataV2.text(so, "SalesOrder");
    String ours = ODataV2.text(so, keyField());
    String currency = ODataV2.text(so, f("TransactionCurrency"));
    if (currency == null) {
      throw ValidationException.of(
          "S/4HANA sales order " + number, "TransactionCurrency", null, "is empty");
    }
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode item : ODataV2.results(so.path("to_Item"))) {
      String itemNo = item.path("SalesOrderItem").asText("0");
      int lineNumber;
      try {
        int n = Integer.parseInt(itemNo.trim());
        lineNumber = n % 10 == 0 && n >= 10 ? n / 10 : n;
      } catch (NumberFormatException e) {
        throw ValidationException.of(
            "S/4HANA sales order " + number, "to_Item.SalesOrderItem", itemNo, "is not a number");
      }
      BigDecimal qty = ODataV2.decimal(item.get(f("RequestedQuantity")));
      BigDecimal price = ODataV2.decimal(item.get("NetPriceAmount"));
      BigDecimal net = ODataV2.decimal(item.get("NetAmount"));
      String itemCurrency =
          ODataV2.text(item, "TransactionCurrency") == null
              ? currency
              : ODataV2.text(item, "TransactionCurrency");
      lines.add(
          new OrderLine(
              lineNumber,
              ODataV2.text(item, f("Material")),
              ODataV2.text(item, f("SalesOrderItemText")),
              qty == null ? BigDecimal.ZERO : qty,
              price == null ? null : Money.of(price, itemCurrency),
              List.of(),
              List.of(),
              net == null ? null : Money.of(net, itemCurrency),
              null));
    }
    BigDecimal total = ODataV2.decimal(so.get("TotalNetAmount"));
    LocalDate date = ODataV2.localDate(ODataV2.text(so, f("SalesOrderDate")));
    Instant orderedAt = date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    return Order.builder()
        .orderNumber(ours != null ? ours : number)
        .erpOrderNumber(number)
        .accountNumber(ODataV2.text(so, f("SoldToParty")))
        .orderedAt(orderedAt)
        .currency(currency)
        .status(status(so))
        .lines(lines)
        .totals(
            total == null
                ? null
                : new OrderTotals(Money.of(total, currency), null, null, null, null))
        .build();
  }

  /**
   * Returns the canonical status of a sales order header, by the status table.
   *
   * @param so the header
   * @return the status
   */
  OrderStatus status(JsonNode so) {
    for (Rule r : rules) {
      String v = ODataV2.text(so, r.field());
      if (v != null && (ANY.equals(r.value()) || r.value().equals(v))) {
        return r.status();
      }
    }
    return OrderStatus.ACCEPTED;
  }
}
