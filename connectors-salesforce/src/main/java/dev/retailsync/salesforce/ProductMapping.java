package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
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
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import java.util.List;
import java.util.Set;

/**
 * Maps the canonical {@link Product} to a Salesforce Product2 and back: the SKU as {@code
 * StockKeepingUnit} and as the upsert key, {@code Name}, {@code Description}, the category as
 * {@code Family}, the status as {@code IsActive}, the unit of measure as {@code
 * QuantityUnitOfMeasure}, and custom fields.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductMapping implements SObjectMapping<Product> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalIdField;

  private ProductMapping(String externalIdField) {
    this.externalIdField = externalIdField;
  }

  /**
   * Returns the default mapping with the given external id field.
   *
   * @param externalIdField Product2's unique External ID field that holds the SKU
   * @return the mapping
   * @throws dev.retailsync.api.ValidationException when the name is not a Salesforce field name
   */
  public static ProductMapping withExternalId(String externalIdField) {
    return new ProductMapping(fieldName("ProductMapping", "externalIdField", externalIdField));
  }

  @Override
  public EntityType<Product> entityType() {
    return EntityType.PRODUCT;
  }

  @Override
  public String sobject() {
    return "Product2";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  @Override
  public ObjectNode toSalesforce(Product p, Set<FieldPath> fields) {
    if (p.name() == null) {
      throw new ValidationException(
          "Salesforce Product2",
          List.of(FieldError.redacted("name", "is required: Product2.Name is required")));
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Product2");
    r.put(externalIdField, p.sku());
    r.put("StockKeepingUnit", p.sku());
    r.put("Name", p.name());
    r.put("Description", p.description());
    r.put("Family", p.category());
    r.put("QuantityUnitOfMeasure", p.unitOfMeasure());
    r.put("IsActive", p.status() == null || p.status() == ProductStatus.ACTIVE);
    writeCustom(r, p.extensions(), externalIdField, java.util.Set.of());
    return r;
  }

  @Override
  public Product fromSalesforce(JsonNode r) {
    String sku = text(r, externalIdField);
    if (sku == null) {
      sku = text(r, "StockKeepingUnit");
    }
    Product.Builder b =
        Product.builder()
            .sku(sku)
            .name(text(r, "Name"))
            .description(text(r, "Description"))
            .category(text(r, "Family"))
            .unitOfMeasure(text(r, "QuantityUnitOfMeasure"))
            .status(
                r.path("IsActive").asBoolean(true) ? ProductStatus.ACTIVE : ProductStatus.INACTIVE);
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  @Override
  public Set<FieldPath> mappedFields(Product product) {
    return withExtensions(
        product.extensions(),
        Product.Fields.SKU,
        Product.Fields.NAME,
        Product.Fields.DESCRIPTION,
        Product.Fields.CATEGORY,
        Product.Fields.UNIT_OF_MEASURE,
        Product.Fields.STATUS);
  }

  @Override
  public List<String> selectFields() {
    return List.of(
        "Id",
        "SystemModstamp",
        "CreatedDate",
        externalIdField,
        "StockKeepingUnit",
        "Name",
        "Description",
        "Family",
        "QuantityUnitOfMeasure",
        "IsActive");
  }
}
