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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The price of a product in a price list, optionally for a customer group, from a minimum quantity
 * (tier pricing) and within a validity window. The ERP or pricing engine usually owns prices;
 * channels receive them.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. Prices are not
 * personal data; {@code toString()} omits only the extensions.
 *
 * @param sku the product's SKU, never blank
 * @param priceList the price list code, such as {@code "RETAIL-EUR"}, never blank
 * @param unitPrice the price of one unit, zero or more, never {@code null}
 * @param minQuantity the smallest quantity this price applies to (for tier pricing), zero or more,
 *     or {@code null} for any quantity
 * @param validFrom when the price starts to apply, or {@code null} for already
 * @param validTo when the price stops applying (exclusive), after {@code validFrom}, or {@code
 *     null} for open-ended
 * @param customerGroup the customer or price group the price is restricted to, matching {@link
 *     Account#priceGroup()}, or {@code null} for everyone
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Price(
    @NotBlank @Size(max = 64) String sku,
    @NotBlank @Size(max = 64) String priceList,
    @NotNull @Valid Money unitPrice,
    @PositiveOrZero BigDecimal minQuantity,
    Instant validFrom,
    Instant validTo,
    @Size(max = 64) String customerGroup,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "sku",
          "priceList",
          "unitPrice",
          "minQuantity",
          "validFrom",
          "validTo",
          "customerGroup");

  // Checks the components; see the class documentation for the rules.
  public Price {
    Checks.requiredText("Price", "sku", sku);
    Checks.requiredText("Price", "priceList", priceList);
    Checks.required("Price", "unitPrice", unitPrice);
    Quantities.nonNegative("Price", "unitPrice", unitPrice);
    minQuantity = Checks.nonNegative("Price", "minQuantity", minQuantity);
    if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
      throw ValidationException.of(
          "Price", "validTo", validTo, "must be after validFrom " + validFrom);
    }
    Checks.optionalText("Price", "customerGroup", customerGroup);
    extensions = Checks.extensions("Price", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Price> entityType() {
    return EntityType.PRICE;
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
   * Returns a builder initialised with this price's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sku = sku;
    b.priceList = priceList;
    b.unitPrice = unitPrice;
    b.minQuantity = minQuantity;
    b.validFrom = validFrom;
    b.validTo = validTo;
    b.customerGroup = customerGroup;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows every component but the extensions.
   *
   * @return a short rendering
   */
  @Override
  public String toString() {
    return "Price[sku="
        + sku
        + ", priceList="
        + priceList
        + ", unitPrice="
        + unitPrice
        + ", minQuantity="
        + minQuantity
        + ", validFrom="
        + validFrom
        + ", validTo="
        + validTo
        + ", customerGroup="
        + customerGroup
        + "]";
  }

  /** The field catalogue of a price: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The SKU. */
    public static final FieldPath SKU = FieldPath.of("sku");

    /** The price list. */
    public static final FieldPath PRICE_LIST = FieldPath.of("priceList");

    /** The unit price. */
    public static final FieldPath UNIT_PRICE = FieldPath.of("unitPrice");

    /** The minimum quantity. */
    public static final FieldPath MIN_QUANTITY = FieldPath.of("minQuantity");

    /** The start of validity. */
    public static final FieldPath VALID_FROM = FieldPath.of("validFrom");

    /** The end of validity. */
    public static final FieldPath VALID_TO = FieldPath.of("validTo");

    /** The customer group. */
    public static final FieldPath CUSTOMER_GROUP = FieldPath.of("customerGroup");
  }

  /** Builds a {@link Price}. Not thread-safe. */
  public static final class Builder {
    private String sku;
    private String priceList;
    private Money unitPrice;
    private BigDecimal minQuantity;
    private Instant validFrom;
    private Instant validTo;
    private String customerGroup;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the product's SKU; required.
     *
     * @param sku the sku
     * @return this builder
     */
    public Builder sku(String sku) {
      this.sku = sku;
      return this;
    }

    /**
     * Sets the price list code; required.
     *
     * @param priceList the price list
     * @return this builder
     */
    public Builder priceList(String priceList) {
      this.priceList = priceList;
      return this;
    }

    /**
     * Sets the price of one unit; required.
     *
     * @param unitPrice the unit price
     * @return this builder
     */
    public Builder unitPrice(Money unitPrice) {
      this.unitPrice = unitPrice;
      return this;
    }

    /**
     * Sets the minimum quantity this price applies to.
     *
     * @param minQuantity the min quantity
     * @return this builder
     */
    public Builder minQuantity(BigDecimal minQuantity) {
      this.minQuantity = minQuantity;
      return this;
    }

    /**
     * Sets when the price starts to apply.
     *
     * @param validFrom the valid from
     * @return this builder
     */
    public Builder validFrom(Instant validFrom) {
      this.validFrom = validFrom;
      return this;
    }

    /**
     * Sets when the price stops applying, exclusive.
     *
     * @param validTo the valid to
     * @return this builder
     */
    public Builder validTo(Instant validTo) {
      this.validTo = validTo;
      return this;
    }

    /**
     * Sets the customer group the price is restricted to.
     *
     * @param customerGroup the customer group
     * @return this builder
     */
    public Builder customerGroup(String customerGroup) {
      this.customerGroup = customerGroup;
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
     * Builds the price.
     *
     * @return the price
     * @throws ValidationException naming the component if a required one is missing, the unit price
     *     or minimum quantity is negative, or {@code validTo} is not after {@code validFrom}
     */
    public Price build() {
      return new Price(
          sku, priceList, unitPrice, minQuantity, validFrom, validTo, customerGroup, extensions);
    }
  }
}
