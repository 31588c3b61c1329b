package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.code;
import static dev.retailsync.erp.businesscentral.FieldRules.limited;
import static dev.retailsync.erp.businesscentral.FieldRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import java.util.List;
import java.util.Set;

/**
 * Maps the canonical {@link Product} to a Business Central {@code items} record and back: {@code
 * number} (Code[20], upper case, the upsert key) as {@code sku}, {@code displayName} (Text[100]) as
 * {@code name}, {@code gtin} (Code[14]), {@code baseUnitOfMeasureCode} (Code[10]) as {@code
 * unitOfMeasure}, and {@code blocked} as the status (blocked items are {@link
 * ProductStatus#INACTIVE}; an inactive or discontinued product is written as blocked). The on-hand
 * {@code inventory} is read by the connector's availability lookup, not by this mapping.
 *
 * <p>Immutable and thread-safe.
 */
public final class ItemMapping implements BcMapping<Product> {
  private final FieldRules<Product, Product.Builder> rules;

  private ItemMapping(FieldRules<Product, Product.Builder> rules) {
    this.rules = rules;
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ItemMapping defaults() {
    return new ItemMapping(
        FieldRules.of(
            BcField.of(
                "number",
                Product.Fields.SKU,
                (p, c) -> code("sku", "number", p.sku(), 20),
                (r, b) -> b.sku(text(r, "number"))),
            BcField.of(
                "displayName",
                Product.Fields.NAME,
                (p, c) -> limited("name", "displayName", p.name(), 100),
                (r, b) -> b.name(text(r, "displayName"))),
            BcField.of(
                "gtin",
                Product.Fields.GTIN,
                (p, c) -> limited("gtin", "gtin", p.gtin(), 14),
                (r, b) -> b.gtin(text(r, "gtin"))),
            BcField.of(
                "baseUnitOfMeasureCode",
                Product.Fields.UNIT_OF_MEASURE,
                (p, c) -> limited("unitOfMeasure", "baseUnitOfMeasureCode", p.unitOfMeasure(), 10),
                (r, b) -> b.unitOfMeasure(text(r, "baseUnitOfMeasureCode"))),
            BcField.of(
                "blocked",
                Product.Fields.STATUS,
                (p, c) -> p.status() == null ? null : p.status() != ProductStatus.ACTIVE,
                (r, b) ->
                    b.status(
                        r.path("blocked").asBoolean(false)
                            ? ProductStatus.INACTIVE
                            : ProductStatus.ACTIVE))));
  }

  /**
   * Returns a copy with a field added, or replacing the field of the same name.
   *
   * @param field the field
   * @return the copy
   */
  public ItemMapping withField(BcField<Product, Product.Builder> field) {
    return new ItemMapping(rules.with(field));
  }

  /**
   * Returns a copy without a field.
   *
   * @param name the Business Central field name
   * @return the copy
   * @throws ValidationException when the mapping has no such field
   */
  public ItemMapping withoutField(String name) {
    return new ItemMapping(rules.without(name));
  }

  /**
   * Returns the Business Central fields this mapping writes or reads, in order.
   *
   * @return the names
   */
  public List<String> fields() {
    return rules.names();
  }

  @Override
  public EntityType<Product> entityType() {
    return EntityType.PRODUCT;
  }

  @Override
  public String entitySet() {
    return "items";
  }

  @Override
  public String keyField() {
    return "number";
  }

  @Override
  public String key(Product product) {
    return code("sku", "number", product.sku(), 20);
  }

  @Override
  public ObjectNode toBc(Product product, Set<FieldPath> fields, BcMappingContext context) {
    ObjectNode body = FieldRules.JSON.createObjectNode();
    body.put("number", key(product));
    return rules.write("Business Central item", product, fields, context, body);
  }

  @Override
  public Product fromBc(JsonNode r, BcMappingContext context) {
    Product.Builder b = Product.builder();
    rules.read(r, b);
    return b.build();
  }
}
