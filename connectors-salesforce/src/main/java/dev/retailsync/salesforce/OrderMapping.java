package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.recordId;
import static dev.retailsync.salesforce.MappingSupport.text;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.PostalAddress;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps the canonical {@link Order} to a Salesforce Order with its OrderItems ("Order Products").
 * The connector writes each order and its lines in one Composite request ({@code POST /composite},
 * all or none, one API call for up to 24 lines): the header is upserted by the order number in the
 * order's external id field, linked to its Account by the account's external id; new lines are
 * created against the order (by the composite reference {@code @{order.id}}) with the price book
 * entry of their SKU in the configured price book, and lines that already exist are updated by id,
 * since Salesforce does not let a line's order or price book entry change.
 *
 * <p>Fields: {@code EffectiveDate} (the order date in UTC), {@code Status} ({@code Draft} on
 * creation only: activation is the org's business process), {@code Pricebook2Id}, {@code PoNumber},
 * the billing and shipping addresses, custom fields; per line {@code Quantity}, {@code UnitPrice},
 * {@code Description} and the line's external id ({@code <orderNumber>-<lineNumber>}). Price book
 * entries are found by {@code ProductCode}, which the {@link ProductMapping} writes as the SKU.
 * Lines removed from an order are not deleted in Salesforce.
 *
 * <p>Reading an order back (the reader and the change feed) maps the header only: the change
 * reports no line fields, so merging it never removes lines.
 *
 * <p>Immutable and thread-safe.
 */
public final class OrderMapping implements SObjectMapping<Order> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalIdField;
  private final String lineExternalIdField;
  private final String accountExternalIdField;
  private final String pricebookId;
  private final String orgCurrency;

  private OrderMapping(
      String externalIdField,
      String lineExternalIdField,
      String accountExternalIdField,
      String pricebookId,
      String orgCurrency) {
    this.externalIdField = externalIdField;
    this.lineExternalIdField = lineExternalIdField;
    this.accountExternalIdField = accountExternalIdField;
    this.pricebookId = pricebookId;
    this.orgCurrency = orgCurrency;
  }

  /**
   * Returns a mapping.
   *
   * @param externalIdField Order's External ID field for the order number, such as {@code
   *     ERP_Order_Id__c}
   * @param lineExternalIdField OrderItem's External ID field, such as {@code ERP_Order_Line_Id__c}
   * @param accountExternalIdField the Account External ID field holding the account number, such as
   *     {@code ERP_Customer_Id__c}
   * @param pricebookId the id of the price book ({@code 01s...}) orders are priced from
   * @param orgCurrency the org's currency (ISO 4217), which orders read from Salesforce carry; a
   *     single-currency org has no {@code CurrencyIsoCode} field
   * @return the mapping
   * @throws ValidationException naming the argument that is not a field name or a price book id
   */
  public static OrderMapping of(
      String externalIdField,
      String lineExternalIdField,
      String accountExternalIdField,
      String pricebookId,
      String orgCurrency) {
    dev.retailsync.api.model.Money.checkCurrency("OrderMapping", "orgCurrency", orgCurrency);
    return new OrderMapping(
        fieldName("OrderMapping", "externalIdField", externalIdField),
        fieldName("OrderMapping", "lineExternalIdField", lineExternalIdField),
        fieldName("OrderMapping", "accountExternalIdField", accountExternalIdField),
        recordId("OrderMapping", "pricebookId", pricebookId, "01s", "Pricebook2"),
        orgCurrency);
  }

  @Override
  public EntityType<Order> entityType() {
    return EntityType.ORDER;
  }

  @Override
  public String sobject() {
    return "Order";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  /**
   * Returns OrderItem's External ID field.
   *
   * @return the field's API name
   */
  public String lineExternalIdField() {
    return lineExternalIdField;
  }

  /**
   * Returns the price book orders are priced from.
   *
   * @return the Pricebook2 id
   */
  public String pricebookId() {
    return pricebookId;
  }

  /**
   * Returns a line's external id value.
   *
   * @param order the order
   * @param line one of its lines
   * @return {@code <orderNumber>-<lineNumber>}
   */
  public String lineKey(Order order, OrderLine line) {
    return order.orderNumber() + "-" + line.lineNumber();
  }

  @Override
  public ObjectNode toSalesforce(Order o, Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    if (o.accountNumber() == null) {
      errors.add(
          FieldError.redacted(
              "accountNumber", "is required: a Salesforce Order belongs to an Account"));
    }
    if (o.orderedAt() == null) {
      errors.add(FieldError.redacted("orderedAt", "is required: it is the Order's EffectiveDate"));
    }
    for (int i = 0; i < o.lines().size(); i++) {
      if (o.lines().get(i).unitPrice() == null) {
        errors.add(
            FieldError.redacted(
                "lines[" + i + "].unitPrice", "is required: OrderItem.UnitPrice is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Salesforce Order", errors);
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Order");
    r.put(externalIdField, o.orderNumber());
    ObjectNode account = r.putObject("Account");
    account.putObject("attributes").put("type", "Account");
    account.put(accountExternalIdField, o.accountNumber());
    r.put("EffectiveDate", o.orderedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    r.put("Pricebook2Id", pricebookId);
    r.put("PoNumber", o.purchaseOrderNumber());
    address(r, "Billing", o.billingAddress());
    address(r, "Shipping", o.shippingAddress());
    writeCustom(r, o.extensions(), externalIdField, java.util.Set.of());
    return r;
  }

  /**
   * Returns an OrderItem body for a line, without its order and price book entry.
   *
   * @param order the order
   * @param line the line
   * @return the body
   */
  ObjectNode lineBody(Order order, OrderLine line) {
    ObjectNode r = JSON.createObjectNode();
    r.put("Quantity", line.quantity());
    r.put("UnitPrice", line.unitPrice().amount());
    r.put("Description", line.description());
    return r;
  }

  private static void address(ObjectNode r, String prefix, PostalAddress a) {
    r.put(
        prefix + "Street", a == null || a.lines().isEmpty() ? null : String.join("\n", a.lines()));
    r.put(prefix + "City", a == null ? null : a.locality());
    r.put(prefix + "State", a == null ? null : a.region());
    r.put(prefix + "PostalCode", a == null ? null : a.postalCode());
    r.put(prefix + "Country", a == null ? null : a.country());
  }

  private static PostalAddress readAddress(JsonNode r, String prefix) {
    String street = text(r, prefix + "Street");
    String city = text(r, prefix + "City");
    String country = text(r, prefix + "Country");
    if (street == null && city == null && country == null) {
      return null;
    }
    return PostalAddress.builder()
        .lines(street == null ? List.of() : Arrays.asList(street.split("\\R")))
        .locality(city)
        .region(text(r, prefix + "State"))
        .postalCode(text(r, prefix + "PostalCode"))
        .country(country == null || country.length() != 2 ? null : country)
        .build();
  }

  @Override
  public Order fromSalesforce(JsonNode r) {
    String date = text(r, "EffectiveDate");
    Order.Builder b =
        Order.builder()
            .orderNumber(text(r, externalIdField))
            .channel("salesforce")
            .status(OrderStatus.ACCEPTED)
            .accountNumber(text(r.path("Account"), accountExternalIdField))
            .orderedAt(
                date == null
                    ? null
                    : java.time.LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant())
            .currency(r.path("CurrencyIsoCode").asText(orgCurrency))
            .purchaseOrderNumber(text(r, "PoNumber"))
            .billingAddress(readAddress(r, "Billing"))
            .shippingAddress(readAddress(r, "Shipping"));
    return b.build();
  }

  @Override
  public Set<FieldPath> mappedFields(Order order) {
    Set<FieldPath> fields = new LinkedHashSet<>();
    fields.add(Order.Fields.ACCOUNT_NUMBER);
    fields.add(Order.Fields.ORDERED_AT);
    fields.add(Order.Fields.PURCHASE_ORDER_NUMBER);
    fields.add(Order.Fields.BILLING_ADDRESS);
    fields.add(Order.Fields.SHIPPING_ADDRESS);
    return fields;
  }

  @Override
  public List<String> selectFields() {
    return List.of(
        "Id",
        "SystemModstamp",
        "CreatedDate",
        externalIdField,
        "EffectiveDate",
        "Status",
        "PoNumber",
        "BillingStreet",
        "BillingCity",
        "BillingState",
        "BillingPostalCode",
        "BillingCountry",
        "ShippingStreet",
        "ShippingCity",
        "ShippingState",
        "ShippingPostalCode",
        "ShippingCountry",
        "Account." + accountExternalIdField);
  }
}
