package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import java.util.Set;

/**
 * Maps {@link Product} to the NetSuite {@code inventoryItem} record, upserted by {@code externalId}
 * (the SKU, which sales order lines reference).
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Canonical</th><th>NetSuite inventoryItem</th></tr>
 *   <tr><td>sku</td><td>{@code externalId} and {@code itemId}</td></tr>
 *   <tr><td>name</td><td>{@code displayName}</td></tr>
 *   <tr><td>description</td><td>{@code salesDescription}</td></tr>
 *   <tr><td>gtin</td><td>{@code upcCode}</td></tr>
 *   <tr><td>status</td><td>{@code isInactive}</td></tr>
 *   <tr><td>extensions {@code custitem*}</td><td>the custom item fields of the same name</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; each setter returns a changed copy.
 */
public final class ItemMapping implements NetSuiteMapping<Product> {
  private static final String SUBJECT = "NetSuite inventoryItem";
  private final FieldRules<Product, Product.Builder> rules;

  private ItemMapping(FieldRules<Product, Product.Builder> rules) {
    this.rules = rules.rebase(defaultRules());
  }

  /**
   * Returns the default mapping (see the class documentation).
   *
   * @return the mapping
   */
  public static ItemMapping defaults() {
    return new ItemMapping(new FieldRules<>());
  }

  private static FieldRules<Product, Product.Builder> defaultRules() {
    return new FieldRules<Product, Product.Builder>()
        .withDefault(
            FieldPath.of("sku"),
            (p, rec) -> rec.put("itemId", p.sku()),
            (rec, b) -> {
              String ext = Json.text(rec, "externalId");
              b.sku(ext != null ? ext : Json.text(rec, "itemId"));
            })
        .withDefault(
            FieldPath.of("name"),
            (p, rec) -> Json.putIfNotNull(rec, "displayName", p.name()),
            (rec, b) -> b.name(Json.text(rec, "displayName")))
        .withDefault(
            FieldPath.of("description"),
            (p, rec) -> Json.putIfNotNull(rec, "salesDescription", p.description()),
            (rec, b) -> b.description(Json.text(rec, "salesDescription")))
        .withDefault(
            FieldPath.of("gtin"),
            (p, rec) -> Json.putIfNotNull(rec, "upcCode", p.gtin()),
            (rec, b) -> b.gtin(Json.text(rec, "upcCode")))
        .withDefault(
            FieldPath.of("status"),
            (p, rec) -> {
              if (p.status() != null) {
                rec.put("isInactive", p.status() == ProductStatus.INACTIVE);
              }
            },
            (rec, b) ->
                b.status(
                    Json.bool(rec, "isInactive") ? ProductStatus.INACTIVE : ProductStatus.ACTIVE))
        .withDefault(
            FieldPath.of(FieldPath.EXTENSIONS),
            (p, rec) -> Json.writeCustom(rec, p.extensions(), "custitem"),
            (rec, b) -> Json.readCustom(rec, "custitem", b::putExtension));
  }

  /**
   * Returns this mapping with one field's rule replaced or added.
   *
   * @param field the canonical field, such as {@code brand} or an extension
   * @param writer writes the field, or {@code null}
   * @param reader reads the field, or {@code null}
   * @return the changed mapping
   */
  public ItemMapping field(
      FieldPath field,
      NetSuiteFieldWriter<Product> writer,
      NetSuiteFieldReader<Product.Builder> reader) {
    return new ItemMapping(rules.with(field, writer, reader));
  }

  /**
   * Returns this mapping without a field.
   *
   * @param field the canonical field
   * @return the changed mapping
   */
  public ItemMapping withoutField(FieldPath field) {
    return new ItemMapping(rules.without(field));
  }

  @Override
  public EntityType<Product> entityType() {
    return EntityType.PRODUCT;
  }

  @Override
  public String recordType() {
    return "inventoryItem";
  }

  @Override
  public String suiteQlTable() {
    return "item";
  }

  @Override
  public String suiteQlFilter() {
    return "itemtype = 'InvtPart'";
  }

  @Override
  public String externalId(Product entity, String requestKey) {
    return Json.externalId(SUBJECT, "sku", entity.sku());
  }

  @Override
  public ObjectNode toNetSuite(Product entity, Set<FieldPath> fields, boolean exists) {
    ObjectNode rec = Json.object();
    rules.write(entity, rec, fields);
    return rec;
  }

  @Override
  public Product fromNetSuite(JsonNode record) {
    Product.Builder b = Product.builder();
    rules.read(record, b);
    return b.build();
  }
}
