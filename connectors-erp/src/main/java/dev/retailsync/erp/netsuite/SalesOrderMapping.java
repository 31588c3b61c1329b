package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@link Order} and its lines to the NetSuite {@code salesOrder} record, upserted by {@code
 * externalId} (the order number), lines in the {@code item} sublist replaced whole on every write.
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Canonical</th><th>NetSuite salesOrder</th></tr>
 *   <tr><td>orderNumber</td><td>{@code externalId} (the {@code eid:} key)</td></tr>
 *   <tr><td>accountNumber</td><td>{@code entity} by the customer's {@code externalId}</td></tr>
 *   <tr><td>customerEmail</td><td>{@code email}</td></tr>
 *   <tr><td>orderedAt</td><td>{@code tranDate} (the UTC date)</td></tr>
 *   <tr><td>currency</td><td>{@code currency} (through the currency table)</td></tr>
 *   <tr><td>status</td><td>{@code orderStatus}, through the status tables below; sent on
 *       creation only, since NetSuite moves it as the order is fulfilled and billed</td></tr>
 *   <tr><td>purchaseOrderNumber</td><td>{@code otherRefNum}</td></tr>
 *   <tr><td>erpOrderNumber</td><td>{@code tranId} (read)</td></tr>
 *   <tr><td>shippingAddress, billingAddress</td><td>{@code shippingAddress},
 *       {@code billingAddress} subrecords</td></tr>
 *   <tr><td>totals</td><td>{@code subtotal}, {@code discountTotal}, {@code taxTotal},
 *       {@code total} (read)</td></tr>
 *   <tr><td>lines[].sku</td><td>{@code item.items[].item} by the item's {@code externalId}</td></tr>
 *   <tr><td>lines[].quantity, unitPrice, description, lineTotal</td><td>{@code quantity},
 *       {@code rate}, {@code description}, {@code amount}</td></tr>
 *   <tr><td>extensions {@code custbody*}</td><td>the custom body fields of the same name</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Order status (NetSuite {@code orderStatus} to canonical)</caption>
 *   <tr><th>NetSuite</th><th>Canonical</th></tr>
 *   <tr><td>A Pending Approval</td><td>CAPTURED</td></tr>
 *   <tr><td>B Pending Fulfillment</td><td>ACCEPTED</td></tr>
 *   <tr><td>C Cancelled</td><td>CANCELLED</td></tr>
 *   <tr><td>D Partially Fulfilled</td><td>PARTIALLY_SHIPPED</td></tr>
 *   <tr><td>E Pending Billing/Partially Fulfilled</td><td>PARTIALLY_SHIPPED</td></tr>
 *   <tr><td>F Pending Billing</td><td>SHIPPED</td></tr>
 *   <tr><td>G Billed</td><td>INVOICED</td></tr>
 *   <tr><td>H Closed</td><td>INVOICED</td></tr>
 * </table>
 *
 * <p>On creation CAPTURED is sent as A (pending approval) and ACCEPTED, PAYMENT_AUTHORIZED,
 * RESERVED and BACKORDERED as B (pending fulfilment); other states cannot be set through the order
 * (they follow fulfilments and invoices) and reject the record naming {@code status}. Both tables
 * are replaceable with {@link #statuses}.
 *
 * <p>Immutable and thread-safe; each setter returns a changed copy.
 */
public final class SalesOrderMapping implements NetSuiteMapping<Order> {
  private static final String SUBJECT = "NetSuite salesOrder";
  private static final FieldPath STATUS_ON_CREATE = Order.Fields.STATUS;

  /** The default reading table, NetSuite letter to canonical state. */
  public static final Map<String, OrderStatus> DEFAULT_READ_STATUSES = defaultRead();

  /** The default writing table, canonical state to NetSuite letter (creation only). */
  public static final Map<OrderStatus, String> DEFAULT_WRITE_STATUSES = defaultWrite();

  private final FieldRules<Order, Order.Builder> rules;
  private final Lookup currencies;
  private final Map<String, OrderStatus> readStatuses;
  private final Map<OrderStatus, String> writeStatuses;

  private SalesOrderMapping(
      FieldRules<Order, Order.Builder> rules,
      Lookup currencies,
      Map<String, OrderStatus> readStatuses,
      Map<OrderStatus, String> writeStatuses) {
    this.currencies = currencies;
    this.readStatuses = Map.copyOf(readStatuses);
    this.writeStatuses = writeStatuses.isEmpty() ? Map.of() : new EnumMap<>(writeStatuses);
    this.rules = rules.rebase(defaultRules());
  }

  /**
   * Returns the default mapping (see the class documentation).
   *
   * @return the mapping
   */
  public static SalesOrderMapping defaults() {
    return new SalesOrderMapping(
        new FieldRules<>(),
        Lookup.DEFAULT_CURRENCIES,
        DEFAULT_READ_STATUSES,
        DEFAULT_WRITE_STATUSES);
  }

  private static Map<String, OrderStatus> defaultRead() {
    Map<String, OrderStatus> m = new LinkedHashMap<>();
    m.put("A", OrderStatus.CAPTURED);
    m.put("B", OrderStatus.ACCEPTED);
    m.put("C", OrderStatus.CANCELLED);
    m.put("D", OrderStatus.PARTIALLY_SHIPPED);
    m.put("E", OrderStatus.PARTIALLY_SHIPPED);
    m.put("F", OrderStatus.SHIPPED);
    m.put("G", OrderStatus.INVOICED);
    m.put("H", OrderStatus.INVOICED);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<OrderStatus, String> defaultWrite() {
    Map<OrderStatus, String> m = new EnumMap<>(OrderStatus.class);
    m.put(OrderStatus.CAPTURED, "A");
    m.put(OrderStatus.ACCEPTED, "B");
    m.put(OrderStatus.PAYMENT_AUTHORIZED, "B");
    m.put(OrderStatus.RESERVED, "B");
    m.put(OrderStatus.BACKORDERED, "B");
    return java.util.Collections.unmodifiableMap(m);
  }

  private FieldRules<Order, Order.Builder> defaultRules() {
    return new FieldRules<Order, Order.Builder>()
        .withDefault(
            Order.Fields.ORDER_NUMBER,
            null,
            (rec, b) -> {
              String ext = Json.text(rec, "externalId");
              b.orderNumber(ext != null ? ext : Json.text(rec, "tranId"));
            })
        .withDefault(
            Order.Fields.ACCOUNT_NUMBER,
            (o, rec) -> {
              if (o.accountNumber() == null) {
                throw ValidationException.of(
                    SUBJECT,
                    "accountNumber",
                    null,
                    "is required: a sales order's entity is the customer with this externalId");
              }
              rec.set(
                  "entity",
                  Json.refByExternalId(
                      Json.externalId(SUBJECT, "accountNumber", o.accountNumber())));
            },
            (rec, b) -> b.accountNumber(Json.refExternalId(rec, "entity")))
        .withDefault(
            Order.Fields.CUSTOMER_EMAIL,
            (o, rec) -> Json.putIfNotNull(rec, "email", o.customerEmail()),
            (rec, b) -> b.customerEmail(Json.text(rec, "email")))
        .withDefault(
            Order.Fields.ORDERED_AT,
            (o, rec) -> {
              if (o.orderedAt() != null) {
                rec.put("tranDate", o.orderedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
              }
            },
            (rec, b) -> b.orderedAt(Json.instant(rec, "tranDate")))
        .withDefault(
            Order.Fields.CURRENCY,
            (o, rec) -> rec.set("currency", Json.ref(currencies.id(SUBJECT, o.currency()))),
            (rec, b) -> {
              String id = Json.text(rec, "currency");
              if (id != null) {
                b.currency(currencies.code(SUBJECT, id));
              }
            })
        .withDefault(STATUS_ON_CREATE, null, (rec, b) -> b.status(readStatus(rec)))
        .withDefault(
            Order.Fields.PURCHASE_ORDER_NUMBER,
            (o, rec) -> Json.putIfNotNull(rec, "otherRefNum", o.purchaseOrderNumber()),
            (rec, b) -> b.purchaseOrderNumber(Json.text(rec, "otherRefNum")))
        .withDefault(
            Order.Fields.ERP_ORDER_NUMBER,
            null,
            (rec, b) -> b.erpOrderNumber(Json.text(rec, "tranId")))
        .withDefault(
            Order.Fields.SHIPPING_ADDRESS,
            (o, rec) -> {
              if (o.shippingAddress() != null) {
                rec.set("shippingAddress", Json.address(o.shippingAddress()));
              }
            },
            (rec, b) -> b.shippingAddress(Json.address(rec.path("shippingAddress"))))
        .withDefault(
            Order.Fields.BILLING_ADDRESS,
            (o, rec) -> {
              if (o.billingAddress() != null) {
                rec.set("billingAddress", Json.address(o.billingAddress()));
              }
            },
            (rec, b) -> b.billingAddress(Json.address(rec.path("billingAddress"))))
        .withDefault(Order.Fields.TOTALS, null, this::readTotals)
        .withDefault(Order.Fields.LINES, this::writeLines, this::readLines)
        .withDefault(
            FieldPath.of(FieldPath.EXTENSIONS),
            (o, rec) -> Json.writeCustom(rec, o.extensions(), "custbody"),
            (rec, b) -> Json.readCustom(rec, "custbody", b::putExtension));
  }

  /**
   * Returns this mapping with one field's rule replaced or added.
   *
   * @param field the canonical field, such as {@code Order.Fields.CHANNEL} or an extension
   * @param writer writes the field, or {@code null}
   * @param reader reads the field, or {@code null}
   * @return the changed mapping
   */
  public SalesOrderMapping field(
      FieldPath field,
      NetSuiteFieldWriter<Order> writer,
      NetSuiteFieldReader<Order.Builder> reader) {
    return new SalesOrderMapping(
        rules.with(field, writer, reader), currencies, readStatuses, writeStatuses);
  }

  /**
   * Returns this mapping without a field: it is neither written nor read.
   *
   * @param field the canonical field
   * @return the changed mapping
   */
  public SalesOrderMapping withoutField(FieldPath field) {
    return new SalesOrderMapping(rules.without(field), currencies, readStatuses, writeStatuses);
  }

  /**
   * Returns this mapping with other status tables.
   *
   * @param read NetSuite {@code orderStatus} letter to canonical state; every letter the account
   *     uses must be present
   * @param write canonical state to the letter sent on creation; states absent are refused
   * @return the changed mapping
   */
  public SalesOrderMapping statuses(Map<String, OrderStatus> read, Map<OrderStatus, String> write) {
    return new SalesOrderMapping(rules, currencies, read, write);
  }

  /**
   * Returns this mapping with the currency table (ISO code to the account's currency internal id).
   *
   * @param isoToInternalId the table
   * @return the changed mapping
   */
  public SalesOrderMapping currencies(Map<String, String> isoToInternalId) {
    return new SalesOrderMapping(
        rules, new Lookup("currency", isoToInternalId, false), readStatuses, writeStatuses);
  }

  /**
   * Returns the canonical state of a NetSuite {@code orderStatus} letter.
   *
   * @param letter such as {@code B}, or {@code SalesOrd:B} as SuiteQL gives it
   * @return the state
   * @throws ValidationException naming {@code orderStatus} for a letter the table lacks
   */
  public OrderStatus status(String letter) {
    String l = letter.contains(":") ? letter.substring(letter.indexOf(':') + 1) : letter;
    OrderStatus s = readStatuses.get(l);
    if (s == null) {
      throw ValidationException.of(
          SUBJECT,
          "orderStatus",
          letter,
          "has no canonical state in the status table " + readStatuses.keySet());
    }
    return s;
  }

  @Override
  public EntityType<Order> entityType() {
    return EntityType.ORDER;
  }

  @Override
  public String recordType() {
    return "salesOrder";
  }

  @Override
  public String suiteQlTable() {
    return "transaction";
  }

  @Override
  public String suiteQlFilter() {
    return "type = 'SalesOrd'";
  }

  @Override
  public String externalId(Order entity, String requestKey) {
    return Json.externalId(SUBJECT, "orderNumber", entity.orderNumber());
  }

  @Override
  public List<String> replacedSublists() {
    return List.of("item");
  }

  @Override
  public List<Reference> references() {
    return List.of(new Reference("entity", "customer"), new Reference("item.items[].item", "item"));
  }

  @Override
  public ObjectNode toNetSuite(Order entity, Set<FieldPath> fields, boolean exists) {
    ObjectNode rec = Json.object();
    rules.write(entity, rec, fields);
    if (!exists && rules.fields().contains(STATUS_ON_CREATE)) {
      String letter = writeStatuses.get(entity.status());
      if (letter == null) {
        throw ValidationException.of(
            SUBJECT,
            "status",
            entity.status(),
            "cannot be set on a new NetSuite sales order; send one of "
                + writeStatuses.keySet()
                + " (fulfilment and billing move it further)");
      }
      rec.put("orderStatus", letter);
    }
    return rec;
  }

  @Override
  public Order fromNetSuite(JsonNode record) {
    Order.Builder b = Order.builder().status(OrderStatus.ACCEPTED);
    rules.read(record, b);
    return b.build();
  }

  private OrderStatus readStatus(JsonNode rec) {
    String letter = Json.text(rec, "orderStatus");
    return letter == null ? OrderStatus.ACCEPTED : status(letter);
  }

  private void writeLines(Order o, ObjectNode rec) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    List<OrderLine> lines = o.lines() == null ? List.of() : o.lines();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine l = lines.get(i);
      ObjectNode item = items.addObject();
      item.set(
          "item", Json.refByExternalId(Json.externalId(SUBJECT, "lines[" + i + "].sku", l.sku())));
      item.put("quantity", l.quantity());
      if (l.unitPrice() != null) {
        if (!l.unitPrice().currency().equals(o.currency())) {
          throw ValidationException.of(
              SUBJECT,
              "lines[" + i + "].unitPrice.currency",
              l.unitPrice().currency(),
              "must be the order's currency " + o.currency());
        }
        item.put("rate", l.unitPrice().amount());
      }
      Json.putIfNotNull(item, "description", l.description());
    }
    rec.putObject("item").set("items", items);
  }

  private void readLines(JsonNode rec, Order.Builder b) {
    String currency = currency(rec);
    List<OrderLine> lines = new ArrayList<>();
    List<JsonNode> items = Json.lines(rec, "item");
    for (int i = 0; i < items.size(); i++) {
      JsonNode l = items.get(i);
      String sku = Json.refExternalId(l, "item");
      if (sku == null) {
        throw ValidationException.of(
            SUBJECT,
            "item.items[" + i + "].item",
            Json.text(l, "item"),
            "references an item without an externalId; give the item its SKU as externalId");
      }
      BigDecimal qty = Json.decimal(l, "quantity");
      String lineNo = Json.text(l, "line");
      lines.add(
          new OrderLine(
              lineNo != null && lineNo.matches("\\d+") ? Integer.valueOf(lineNo) : i + 1,
              sku,
              Json.text(l, "description"),
              qty == null ? BigDecimal.ZERO : qty,
              Json.money(l, "rate", currency),
              List.of(),
              List.of(),
              Json.money(l, "amount", currency),
              null));
    }
    b.lines(lines);
  }

  private void readTotals(JsonNode rec, Order.Builder b) {
    String currency = currency(rec);
    Money total = Json.money(rec, "total", currency);
    if (total != null) {
      b.totals(
          new OrderTotals(
              Json.money(rec, "subtotal", currency),
              Json.money(rec, "discountTotal", currency),
              Json.money(rec, "taxTotal", currency),
              Json.money(rec, "shippingCost", currency),
              total));
    }
  }

  private String currency(JsonNode rec) {
    String id = Json.text(rec, "currency");
    return id == null ? null : currencies.code(SUBJECT, id);
  }
}
