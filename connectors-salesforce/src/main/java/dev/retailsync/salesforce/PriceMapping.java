package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.recordId;
import static dev.retailsync.salesforce.MappingSupport.text;
import static dev.retailsync.salesforce.MappingSupport.withExtensions;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Price;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link Price} to a Salesforce PricebookEntry and back: the price list to a
 * price book ({@code Pricebook2Id}, from a table of price list codes to price book ids), the SKU to
 * the product by its external id ({@code "Product2": {"ERP_Product_Id__c": "SKU-1"}}), {@code
 * UnitPrice}, {@code IsActive}, and {@code CurrencyIsoCode} in multi-currency orgs. The upsert key,
 * in the entry's own External ID field, is {@code <priceList>:<sku>}.
 *
 * <p>Salesforce does not let an entry change its price book or product: the connector sends those
 * two only when the entry does not exist yet (it looks the batch's entries up first, one query per
 * batch). A PricebookEntry has no tier, customer group or validity window: a price with a minimum
 * quantity above one, a customer group or validity dates is rejected with the field named, never
 * written as if it applied to everyone. An entry in a custom price book needs the product's
 * standard price first; Salesforce answers {@code STANDARD_PRICE_NOT_DEFINED} otherwise, which is a
 * rejection of that record.
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceMapping implements SObjectMapping<Price> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalIdField;
  private final String productExternalIdField;
  private final Map<String, String> pricebooks;
  private final String orgCurrency;
  private final boolean multiCurrency;

  private PriceMapping(
      String externalIdField,
      String productExternalIdField,
      Map<String, String> pricebooks,
      String orgCurrency,
      boolean multiCurrency) {
    this.externalIdField = externalIdField;
    this.productExternalIdField = productExternalIdField;
    this.pricebooks = Map.copyOf(pricebooks);
    this.orgCurrency = orgCurrency;
    this.multiCurrency = multiCurrency;
  }

  /**
   * Returns a mapping for a single-currency org.
   *
   * @param externalIdField PricebookEntry's External ID field, such as {@code ERP_Price_Id__c}
   * @param productExternalIdField Product2's External ID field holding the SKU, such as {@code
   *     ERP_Product_Id__c}
   * @param pricebooks price list codes to Pricebook2 ids ({@code 01s...}), such as {@code
   *     RETAIL-EUR -> 01s...}
   * @param orgCurrency the org's currency (ISO 4217); prices in another currency are rejected
   * @return the mapping
   * @throws ValidationException naming the argument that is not a field name, a price book id or a
   *     currency
   */
  public static PriceMapping of(
      String externalIdField,
      String productExternalIdField,
      Map<String, String> pricebooks,
      String orgCurrency) {
    fieldName("PriceMapping", "externalIdField", externalIdField);
    fieldName("PriceMapping", "productExternalIdField", productExternalIdField);
    if (pricebooks == null || pricebooks.isEmpty()) {
      throw ValidationException.of(
          "PriceMapping", "pricebooks", pricebooks, "must map at least one price list");
    }
    pricebooks.forEach(
        (list, id) ->
            recordId("PriceMapping", "pricebooks[" + list + "]", id, "01s", "Pricebook2"));
    Money.checkCurrency("PriceMapping", "orgCurrency", orgCurrency);
    return new PriceMapping(
        externalIdField,
        productExternalIdField,
        new LinkedHashMap<>(pricebooks),
        orgCurrency,
        false);
  }

  /**
   * Returns a copy for a multi-currency org: every price carries its currency as {@code
   * CurrencyIsoCode}.
   *
   * @return the copy
   */
  public PriceMapping multiCurrency() {
    return new PriceMapping(externalIdField, productExternalIdField, pricebooks, orgCurrency, true);
  }

  @Override
  public EntityType<Price> entityType() {
    return EntityType.PRICE;
  }

  @Override
  public String sobject() {
    return "PricebookEntry";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  /**
   * Returns a price's upsert key.
   *
   * @param price the price
   * @return {@code <priceList>:<sku>}
   */
  public String key(Price price) {
    return price.priceList() + ":" + price.sku();
  }

  /** The fields Salesforce accepts on creation only. */
  static final List<String> CREATE_ONLY = List.of("Pricebook2Id", "Product2", "CurrencyIsoCode");

  @Override
  public ObjectNode toSalesforce(Price p, Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    String pricebook = pricebooks.get(p.priceList());
    if (pricebook == null) {
      errors.add(
          FieldError.redacted(
              "priceList",
              "has no Salesforce price book; add it to the mapping's price lists "
                  + pricebooks.keySet()));
    }
    if (p.minQuantity() != null && p.minQuantity().compareTo(BigDecimal.ONE) > 0) {
      errors.add(
          FieldError.redacted(
              "minQuantity", "is a tier price; a PricebookEntry has no minimum quantity"));
    }
    if (p.customerGroup() != null) {
      errors.add(
          FieldError.redacted(
              "customerGroup", "is set; a PricebookEntry applies to everyone in its price book"));
    }
    if (p.validFrom() != null || p.validTo() != null) {
      errors.add(
          FieldError.redacted(
              p.validFrom() != null ? "validFrom" : "validTo",
              "is set; a PricebookEntry has no validity window"));
    }
    if (!multiCurrency && !p.unitPrice().currency().equals(orgCurrency)) {
      errors.add(
          FieldError.redacted(
              "unitPrice.currency",
              "is not the org's currency " + orgCurrency + "; use multiCurrency() if the org has"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Salesforce PricebookEntry", errors);
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "PricebookEntry");
    r.put(externalIdField, key(p));
    r.put("Pricebook2Id", pricebook);
    ObjectNode product = r.putObject("Product2");
    product.putObject("attributes").put("type", "Product2");
    product.put(productExternalIdField, p.sku());
    if (multiCurrency) {
      r.put("CurrencyIsoCode", p.unitPrice().currency());
    }
    r.put("UnitPrice", p.unitPrice().amount());
    r.put("IsActive", true);
    writeCustom(r, p.extensions(), externalIdField, fields);
    return r;
  }

  @Override
  public Price fromSalesforce(JsonNode r) {
    String key = text(r, externalIdField);
    String sku = text(r.path("Product2"), productExternalIdField);
    String list = null;
    String book = text(r, "Pricebook2Id");
    for (Map.Entry<String, String> e : pricebooks.entrySet()) {
      if (book != null && e.getValue().regionMatches(0, book, 0, 15)) {
        list = e.getKey();
      }
    }
    if (list == null && key != null && key.contains(":")) {
      list = key.substring(0, key.indexOf(':'));
    }
    if (list == null || sku == null) {
      throw new ValidationException(
          "Salesforce PricebookEntry",
          List.of(
              FieldError.redacted(
                  list == null ? "priceList" : "sku",
                  "cannot be read: the entry's price book is not in the mapping, or its product has"
                      + " no "
                      + productExternalIdField)));
    }
    Price.Builder b =
        Price.builder()
            .sku(sku)
            .priceList(list)
            .unitPrice(
                Money.of(
                    r.path("UnitPrice").decimalValue(),
                    r.path("CurrencyIsoCode").asText(orgCurrency)));
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  @Override
  public Set<FieldPath> mappedFields(Price price) {
    return withExtensions(
        price.extensions(), Price.Fields.SKU, Price.Fields.PRICE_LIST, Price.Fields.UNIT_PRICE);
  }

  @Override
  public List<String> selectFields() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "Id",
                "SystemModstamp",
                "CreatedDate",
                externalIdField,
                "Pricebook2Id",
                "UnitPrice",
                "IsActive",
                "Product2." + productExternalIdField));
    if (multiCurrency) {
      out.add("CurrencyIsoCode");
    }
    return out;
  }
}
