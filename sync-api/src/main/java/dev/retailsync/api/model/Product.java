package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A product or one of its variants, as the catalogue describes it: SKU, GTIN, names, unit of
 * measure, variant options, brand, category, weight and tax class. The ERP or PIM usually owns the
 * master data; channels own their merchandising texts. A variant points to its parent with {@code
 * parentSku} and sets itself apart with {@link VariantOption}s.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. Products are not
 * personal data; {@code toString()} shows the key components and omits the rest.
 *
 * @param sku the stock-keeping unit, the product's key in every system, never blank
 * @param gtin the GS1 trade item number (EAN-8, UPC-A, EAN-13 or GTIN-14) with a valid check digit,
 *     or {@code null}
 * @param name the product's name, or {@code null}
 * @param description the long description, or {@code null}
 * @param unitOfMeasure the code of the unit the product is sold in, such as {@code "EA"} or {@code
 *     "KG"}, or {@code null}
 * @param variantOptions the options that set this variant apart, such as size and colour; never
 *     {@code null}, empty for a product without variants
 * @param parentSku the SKU of the parent product when this is a variant, or {@code null}
 * @param status the product's lifecycle status, or {@code null} when unknown
 * @param brand the brand, or {@code null}
 * @param category the category code or path, such as {@code "apparel/shirts"}, or {@code null}
 * @param weight the shipping weight, or {@code null}
 * @param taxClass the tax class code, or {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Product(
    @NotBlank @Size(max = 64) String sku,
    @Pattern(regexp = "\\d{8}|\\d{12,14}") String gtin,
    @Size(max = 255) String name,
    @Size(max = 32000) String description,
    @Size(max = 16) String unitOfMeasure,
    List<@Valid VariantOption> variantOptions,
    @Size(max = 64) String parentSku,
    ProductStatus status,
    @Size(max = 128) String brand,
    @Size(max = 255) String category,
    @Valid Measure weight,
    @Size(max = 64) String taxClass,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "sku",
          "gtin",
          "name",
          "description",
          "unitOfMeasure",
          "variantOptions",
          "parentSku",
          "status",
          "brand",
          "category",
          "weight",
          "taxClass");

  // Checks the components; see the class documentation for the rules.
  public Product {
    Checks.requiredText("Product", "sku", sku);
    Checks.optionalText("Product", "gtin", gtin);
    if (gtin != null && !isValidGtin(gtin)) {
      throw ValidationException.of(
          "Product",
          "gtin",
          gtin,
          "is not a GTIN: it must have 8, 12, 13 or 14 digits and end in a valid GS1 check digit");
    }
    Checks.optionalText("Product", "name", name);
    Checks.optionalText("Product", "description", description);
    Checks.optionalText("Product", "unitOfMeasure", unitOfMeasure);
    variantOptions = Checks.list("Product", "variantOptions", variantOptions);
    Checks.optionalText("Product", "parentSku", parentSku);
    if (parentSku != null && parentSku.equals(sku)) {
      throw ValidationException.of(
          "Product", "parentSku", parentSku, "must not be the product's own SKU");
    }
    Checks.optionalText("Product", "brand", brand);
    Checks.optionalText("Product", "category", category);
    Checks.optionalText("Product", "taxClass", taxClass);
    extensions = Checks.extensions("Product", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Product> entityType() {
    return EntityType.PRODUCT;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset, empty lists and no extensions
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this product's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sku = sku;
    b.gtin = gtin;
    b.name = name;
    b.description = description;
    b.unitOfMeasure = unitOfMeasure;
    b.variantOptions.addAll(variantOptions);
    b.parentSku = parentSku;
    b.status = status;
    b.brand = brand;
    b.category = category;
    b.weight = weight;
    b.taxClass = taxClass;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the SKU, GTIN, parent SKU and status, but not the extensions.
   *
   * @return a short rendering
   */
  @Override
  public String toString() {
    return "Product[sku="
        + sku
        + ", gtin="
        + gtin
        + ", parentSku="
        + parentSku
        + ", status="
        + status
        + ", <other fields omitted>]";
  }

  /**
   * Tells whether text is a GTIN: 8, 12, 13 or 14 digits whose last digit is the GS1 check digit of
   * the others.
   *
   * @param gtin the text, or {@code null}
   * @return {@code true} for a well-formed GTIN
   */
  public static boolean isValidGtin(String gtin) {
    if (gtin == null) {
      return false;
    }
    int n = gtin.length();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < n; i++) {
      char c = gtin.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    // From the right, excluding the check digit, weights alternate 3, 1, 3, ...
    for (int i = n - 2, w = 3; i >= 0; i--, w = 4 - w) {
      sum += (gtin.charAt(i) - '0') * w;
    }
    return (10 - sum % 10) % 10 == gtin.charAt(n - 1) - '0';
  }

  /** The field catalogue of a product: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The SKU. */
    public static final FieldPath SKU = FieldPath.of("sku");

    /** The GTIN. */
    public static final FieldPath GTIN = FieldPath.of("gtin");

    /** The name. */
    public static final FieldPath NAME = FieldPath.of("name");

    /** The long description. */
    public static final FieldPath DESCRIPTION = FieldPath.of("description");

    /** The unit of measure. */
    public static final FieldPath UNIT_OF_MEASURE = FieldPath.of("unitOfMeasure");

    /** The variant options. */
    public static final FieldPath VARIANT_OPTIONS = FieldPath.of("variantOptions");

    /** The parent SKU. */
    public static final FieldPath PARENT_SKU = FieldPath.of("parentSku");

    /** The lifecycle status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** The brand. */
    public static final FieldPath BRAND = FieldPath.of("brand");

    /** The category. */
    public static final FieldPath CATEGORY = FieldPath.of("category");

    /** The weight group. */
    public static final FieldPath WEIGHT = FieldPath.of("weight");

    /** The weight's value. */
    public static final FieldPath WEIGHT_VALUE = FieldPath.of("weight.value");

    /** The weight's unit. */
    public static final FieldPath WEIGHT_UNIT = FieldPath.of("weight.unit");

    /** The tax class. */
    public static final FieldPath TAX_CLASS = FieldPath.of("taxClass");
  }

  /** Builds a {@link Product}. Not thread-safe. */
  public static final class Builder {
    private String sku;
    private String gtin;
    private String name;
    private String description;
    private String unitOfMeasure;
    private final List<VariantOption> variantOptions = new ArrayList<>();
    private String parentSku;
    private ProductStatus status;
    private String brand;
    private String category;
    private Measure weight;
    private String taxClass;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the SKU; required.
     *
     * @param sku the sku
     * @return this builder
     */
    public Builder sku(String sku) {
      this.sku = sku;
      return this;
    }

    /**
     * Sets the GTIN (8, 12, 13 or 14 digits with a valid GS1 check digit).
     *
     * @param gtin the gtin
     * @return this builder
     */
    public Builder gtin(String gtin) {
      this.gtin = gtin;
      return this;
    }

    /**
     * Sets the name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the long description.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the unit of measure code, such as {@code "EA"}.
     *
     * @param unitOfMeasure the unit of measure
     * @return this builder
     */
    public Builder unitOfMeasure(String unitOfMeasure) {
      this.unitOfMeasure = unitOfMeasure;
      return this;
    }

    /**
     * Sets the variant options, replacing any set before.
     *
     * @param variantOptions the variant options; {@code null} clears them
     * @return this builder
     */
    public Builder variantOptions(List<VariantOption> variantOptions) {
      this.variantOptions.clear();
      if (variantOptions != null) {
        this.variantOptions.addAll(variantOptions);
      }
      return this;
    }

    /**
     * Adds an item to the variant options.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addVariantOption(VariantOption item) {
      this.variantOptions.add(item);
      return this;
    }

    /**
     * Sets the parent product's SKU, for a variant.
     *
     * @param parentSku the parent sku
     * @return this builder
     */
    public Builder parentSku(String parentSku) {
      this.parentSku = parentSku;
      return this;
    }

    /**
     * Sets the lifecycle status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(ProductStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the brand.
     *
     * @param brand the brand
     * @return this builder
     */
    public Builder brand(String brand) {
      this.brand = brand;
      return this;
    }

    /**
     * Sets the category code or path.
     *
     * @param category the category
     * @return this builder
     */
    public Builder category(String category) {
      this.category = category;
      return this;
    }

    /**
     * Sets the shipping weight.
     *
     * @param weight the weight
     * @return this builder
     */
    public Builder weight(Measure weight) {
      this.weight = weight;
      return this;
    }

    /**
     * Sets the tax class code.
     *
     * @param taxClass the tax class
     * @return this builder
     */
    public Builder taxClass(String taxClass) {
      this.taxClass = taxClass;
      return this;
    }

    /**
     * Replaces all custom fields.
     *
     * @param extensions the custom fields
     * @return this builder
     */
    public Builder extensions(Map<String, ?> extensions) {
      this.extensions.clear();
      this.extensions.putAll(extensions);
      return this;
    }

    /**
     * Adds or replaces one custom field.
     *
     * @param name the field's name
     * @param value its value: text, a number, a boolean, {@code null}, or a list or map of those
     * @return this builder
     */
    public Builder putExtension(String name, Object value) {
      this.extensions.put(name, value);
      return this;
    }

    /**
     * Builds the product.
     *
     * @return the product
     * @throws ValidationException naming the component if the SKU is missing, the GTIN's length or
     *     check digit is wrong, or a text component is blank
     */
    public Product build() {
      return new Product(
          sku,
          gtin,
          name,
          description,
          unitOfMeasure,
          variantOptions,
          parentSku,
          status,
          brand,
          category,
          weight,
          taxClass,
          extensions);
    }
  }
}
