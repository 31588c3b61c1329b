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
 * The stock of one product at one location at one moment: on hand, reserved, available and safety
 * stock. The warehouse or ERP owns it; channels receive it. Only the latest position per SKU and
 * location matters, so deliveries may coalesce positions.
 *
 * <p>{@code onHand}, {@code reserved} and {@code safetyStock} are never negative. {@code available}
 * may be negative: it is what the source says can still be promised ({@code onHand - reserved -
 * safetyStock} in most ERPs) and goes below zero when a channel oversells or reservations exceed
 * the stock, which downstream systems need to see rather than have clipped to zero.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 *
 * @param sku the product's SKU, never blank
 * @param location the location code (warehouse, store, or the source's location id), never blank
 * @param onHand the physical quantity at the location, zero or more, or {@code null} when unknown
 * @param reserved the quantity reserved for open orders, zero or more, or {@code null} when unknown
 * @param available the quantity that can still be promised; may be negative when oversold; {@code
 *     null} when unknown
 * @param safetyStock the quantity held back from sale, zero or more, or {@code null} when unknown
 * @param unitOfMeasure the unit the quantities are in, such as {@code "EA"}, or {@code null} for
 *     the product's unit
 * @param asOf when the source measured the position, never {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record InventoryPosition(
    @NotBlank @Size(max = 64) String sku,
    @NotBlank @Size(max = 64) String location,
    @PositiveOrZero BigDecimal onHand,
    @PositiveOrZero BigDecimal reserved,
    BigDecimal available,
    @PositiveOrZero BigDecimal safetyStock,
    @Size(max = 16) String unitOfMeasure,
    @NotNull Instant asOf,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "sku",
          "location",
          "onHand",
          "reserved",
          "available",
          "safetyStock",
          "unitOfMeasure",
          "asOf");

  // Checks the components; see the class documentation for the rules.
  public InventoryPosition {
    Checks.requiredText("InventoryPosition", "sku", sku);
    Checks.requiredText("InventoryPosition", "location", location);
    available = Checks.decimal(available);
    onHand = Checks.nonNegative("InventoryPosition", "onHand", onHand);
    reserved = Checks.nonNegative("InventoryPosition", "reserved", reserved);
    safetyStock = Checks.nonNegative("InventoryPosition", "safetyStock", safetyStock);
    Checks.optionalText("InventoryPosition", "unitOfMeasure", unitOfMeasure);
    Checks.required("InventoryPosition", "asOf", asOf);
    extensions = Checks.extensions("InventoryPosition", extensions, PROPERTIES);
  }

  @Override
  public EntityType<InventoryPosition> entityType() {
    return EntityType.INVENTORY_POSITION;
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
   * Returns a builder initialised with this inventory position's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sku = sku;
    b.location = location;
    b.onHand = onHand;
    b.reserved = reserved;
    b.available = available;
    b.safetyStock = safetyStock;
    b.unitOfMeasure = unitOfMeasure;
    b.asOf = asOf;
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
    return "InventoryPosition[sku="
        + sku
        + ", location="
        + location
        + ", onHand="
        + onHand
        + ", reserved="
        + reserved
        + ", available="
        + available
        + ", safetyStock="
        + safetyStock
        + ", unitOfMeasure="
        + unitOfMeasure
        + ", asOf="
        + asOf
        + "]";
  }

  /**
   * The field catalogue of an inventory position: the paths ownership rules, diffs and mappings
   * name.
   */
  public static final class Fields {
    private Fields() {}

    /** The SKU. */
    public static final FieldPath SKU = FieldPath.of("sku");

    /** The location. */
    public static final FieldPath LOCATION = FieldPath.of("location");

    /** The quantity on hand. */
    public static final FieldPath ON_HAND = FieldPath.of("onHand");

    /** The reserved quantity. */
    public static final FieldPath RESERVED = FieldPath.of("reserved");

    /** The available quantity. */
    public static final FieldPath AVAILABLE = FieldPath.of("available");

    /** The safety stock. */
    public static final FieldPath SAFETY_STOCK = FieldPath.of("safetyStock");

    /** The unit of measure. */
    public static final FieldPath UNIT_OF_MEASURE = FieldPath.of("unitOfMeasure");

    /** When the position was measured. */
    public static final FieldPath AS_OF = FieldPath.of("asOf");
  }

  /** Builds an {@link InventoryPosition}. Not thread-safe. */
  public static final class Builder {
    private String sku;
    private String location;
    private BigDecimal onHand;
    private BigDecimal reserved;
    private BigDecimal available;
    private BigDecimal safetyStock;
    private String unitOfMeasure;
    private Instant asOf;
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
     * Sets the location code; required.
     *
     * @param location the location
     * @return this builder
     */
    public Builder location(String location) {
      this.location = location;
      return this;
    }

    /**
     * Sets the physical quantity on hand.
     *
     * @param onHand the on hand
     * @return this builder
     */
    public Builder onHand(BigDecimal onHand) {
      this.onHand = onHand;
      return this;
    }

    /**
     * Sets the reserved quantity.
     *
     * @param reserved the reserved
     * @return this builder
     */
    public Builder reserved(BigDecimal reserved) {
      this.reserved = reserved;
      return this;
    }

    /**
     * Sets the quantity available to promise; may be negative.
     *
     * @param available the available
     * @return this builder
     */
    public Builder available(BigDecimal available) {
      this.available = available;
      return this;
    }

    /**
     * Sets the safety stock.
     *
     * @param safetyStock the safety stock
     * @return this builder
     */
    public Builder safetyStock(BigDecimal safetyStock) {
      this.safetyStock = safetyStock;
      return this;
    }

    /**
     * Sets the unit of measure code.
     *
     * @param unitOfMeasure the unit of measure
     * @return this builder
     */
    public Builder unitOfMeasure(String unitOfMeasure) {
      this.unitOfMeasure = unitOfMeasure;
      return this;
    }

    /**
     * Sets when the source measured the position; required.
     *
     * @param asOf the as of
     * @return this builder
     */
    public Builder asOf(Instant asOf) {
      this.asOf = asOf;
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
     * Builds the inventory position.
     *
     * @return the inventory position
     * @throws ValidationException naming the component if a required one is missing or a quantity
     *     other than {@code available} is negative
     */
    public InventoryPosition build() {
      return new InventoryPosition(
          sku, location, onHand, reserved, available, safetyStock, unitOfMeasure, asOf, extensions);
    }
  }
}
