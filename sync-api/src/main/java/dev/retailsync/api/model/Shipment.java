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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shipment of an order's goods: which lines and quantities, by which carrier and service, with
 * which tracking number, from which location to which address, and its tracking events. The
 * warehouse or ERP creates it; the carrier's events move its status.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. The ship-to
 * address is personal data: {@code toString()} does not show it.
 *
 * @param shipmentNumber the shipment's number (delivery note or fulfilment id), never blank
 * @param orderNumber the order shipped, or {@code null}
 * @param carrier the carrier, such as {@code "DHL"}, or {@code null}
 * @param service the carrier's service level, such as {@code "EXPRESS"}, or {@code null}
 * @param trackingNumber the carrier's tracking number, or {@code null}
 * @param trackingUrl the carrier's tracking page, an {@code http} or {@code https} URL, or {@code
 *     null}
 * @param shipFrom the code of the location the goods leave from, or {@code null}
 * @param shipTo where the goods go (personal data), or {@code null}
 * @param lines what the shipment carries; never {@code null}
 * @param events the tracking events, oldest first; never {@code null}
 * @param shippedAt when the goods were handed to the carrier, or {@code null}
 * @param deliveredAt when the goods were delivered, not before {@code shippedAt}, or {@code null}
 * @param status the shipment's status, never {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Shipment(
    @NotBlank @Size(max = 64) String shipmentNumber,
    @Size(max = 64) String orderNumber,
    @Size(max = 64) String carrier,
    @Size(max = 64) String service,
    @Size(max = 128) String trackingNumber,
    @Size(max = 2048) @Pattern(regexp = "https?://\\S+") String trackingUrl,
    @Size(max = 64) String shipFrom,
    @Valid PostalAddress shipTo,
    List<@Valid ShipmentLine> lines,
    List<@Valid ShipmentEvent> events,
    Instant shippedAt,
    Instant deliveredAt,
    @NotNull ShipmentStatus status,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "shipmentNumber",
          "orderNumber",
          "carrier",
          "service",
          "trackingNumber",
          "trackingUrl",
          "shipFrom",
          "shipTo",
          "lines",
          "events",
          "shippedAt",
          "deliveredAt",
          "status");

  // Checks the components; see the class documentation for the rules.
  public Shipment {
    Checks.requiredText("Shipment", "shipmentNumber", shipmentNumber);
    Checks.optionalText("Shipment", "orderNumber", orderNumber);
    Checks.optionalText("Shipment", "carrier", carrier);
    Checks.optionalText("Shipment", "service", service);
    Checks.optionalText("Shipment", "trackingNumber", trackingNumber);
    Checks.optionalText("Shipment", "trackingUrl", trackingUrl);
    if (trackingUrl != null
        && !trackingUrl.startsWith("https://")
        && !trackingUrl.startsWith("http://")) {
      throw ValidationException.of(
          "Shipment", "trackingUrl", trackingUrl, "must be an http or https URL");
    }
    Checks.optionalText("Shipment", "shipFrom", shipFrom);
    lines = Checks.list("Shipment", "lines", lines);
    events = Checks.list("Shipment", "events", events);
    if (shippedAt != null && deliveredAt != null && deliveredAt.isBefore(shippedAt)) {
      throw ValidationException.of(
          "Shipment", "deliveredAt", deliveredAt, "must not be before shippedAt " + shippedAt);
    }
    Checks.required("Shipment", "status", status);
    extensions = Checks.extensions("Shipment", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Shipment> entityType() {
    return EntityType.SHIPMENT;
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
   * Returns a builder initialised with this shipment's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.shipmentNumber = shipmentNumber;
    b.orderNumber = orderNumber;
    b.carrier = carrier;
    b.service = service;
    b.trackingNumber = trackingNumber;
    b.trackingUrl = trackingUrl;
    b.shipFrom = shipFrom;
    b.shipTo = shipTo;
    b.lines.addAll(lines);
    b.events.addAll(events);
    b.shippedAt = shippedAt;
    b.deliveredAt = deliveredAt;
    b.status = status;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the numbers, carrier, status and line count; the ship-to address is personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "Shipment[shipmentNumber="
        + shipmentNumber
        + ", orderNumber="
        + orderNumber
        + ", carrier="
        + carrier
        + ", status="
        + status
        + ", lines="
        + lines.size()
        + ", <other fields redacted>]";
  }

  /** The field catalogue of a shipment: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The shipment number. */
    public static final FieldPath SHIPMENT_NUMBER = FieldPath.of("shipmentNumber");

    /** The order number. */
    public static final FieldPath ORDER_NUMBER = FieldPath.of("orderNumber");

    /** The carrier. */
    public static final FieldPath CARRIER = FieldPath.of("carrier");

    /** The service level. */
    public static final FieldPath SERVICE = FieldPath.of("service");

    /** The tracking number. */
    public static final FieldPath TRACKING_NUMBER = FieldPath.of("trackingNumber");

    /** The tracking URL. */
    public static final FieldPath TRACKING_URL = FieldPath.of("trackingUrl");

    /** The ship-from location. */
    public static final FieldPath SHIP_FROM = FieldPath.of("shipFrom");

    /** The ship-to address group. */
    public static final FieldPath SHIP_TO = FieldPath.of("shipTo");

    /** The ship-to postal code. */
    public static final FieldPath SHIP_TO_POSTAL_CODE = FieldPath.of("shipTo.postalCode");

    /** The ship-to country. */
    public static final FieldPath SHIP_TO_COUNTRY = FieldPath.of("shipTo.country");

    /** The shipment lines. */
    public static final FieldPath LINES = FieldPath.of("lines");

    /** The tracking events. */
    public static final FieldPath EVENTS = FieldPath.of("events");

    /** When it shipped. */
    public static final FieldPath SHIPPED_AT = FieldPath.of("shippedAt");

    /** When it was delivered. */
    public static final FieldPath DELIVERED_AT = FieldPath.of("deliveredAt");

    /** The shipment status. */
    public static final FieldPath STATUS = FieldPath.of("status");
  }

  /** Builds a {@link Shipment}. Not thread-safe. */
  public static final class Builder {
    private String shipmentNumber;
    private String orderNumber;
    private String carrier;
    private String service;
    private String trackingNumber;
    private String trackingUrl;
    private String shipFrom;
    private PostalAddress shipTo;
    private final List<ShipmentLine> lines = new ArrayList<>();
    private final List<ShipmentEvent> events = new ArrayList<>();
    private Instant shippedAt;
    private Instant deliveredAt;
    private ShipmentStatus status;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the shipment number; required.
     *
     * @param shipmentNumber the shipment number
     * @return this builder
     */
    public Builder shipmentNumber(String shipmentNumber) {
      this.shipmentNumber = shipmentNumber;
      return this;
    }

    /**
     * Sets the order number.
     *
     * @param orderNumber the order number
     * @return this builder
     */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    /**
     * Sets the carrier.
     *
     * @param carrier the carrier
     * @return this builder
     */
    public Builder carrier(String carrier) {
      this.carrier = carrier;
      return this;
    }

    /**
     * Sets the carrier's service level.
     *
     * @param service the service
     * @return this builder
     */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /**
     * Sets the tracking number.
     *
     * @param trackingNumber the tracking number
     * @return this builder
     */
    public Builder trackingNumber(String trackingNumber) {
      this.trackingNumber = trackingNumber;
      return this;
    }

    /**
     * Sets the tracking page URL.
     *
     * @param trackingUrl the tracking url
     * @return this builder
     */
    public Builder trackingUrl(String trackingUrl) {
      this.trackingUrl = trackingUrl;
      return this;
    }

    /**
     * Sets the ship-from location code.
     *
     * @param shipFrom the ship from
     * @return this builder
     */
    public Builder shipFrom(String shipFrom) {
      this.shipFrom = shipFrom;
      return this;
    }

    /**
     * Sets the ship-to address.
     *
     * @param shipTo the ship to
     * @return this builder
     */
    public Builder shipTo(PostalAddress shipTo) {
      this.shipTo = shipTo;
      return this;
    }

    /**
     * Sets the shipment lines, replacing any set before.
     *
     * @param lines the shipment lines; {@code null} clears them
     * @return this builder
     */
    public Builder lines(List<ShipmentLine> lines) {
      this.lines.clear();
      if (lines != null) {
        this.lines.addAll(lines);
      }
      return this;
    }

    /**
     * Adds an item to the shipment lines.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addLine(ShipmentLine item) {
      this.lines.add(item);
      return this;
    }

    /**
     * Sets the tracking events, replacing any set before.
     *
     * @param events the tracking events; {@code null} clears them
     * @return this builder
     */
    public Builder events(List<ShipmentEvent> events) {
      this.events.clear();
      if (events != null) {
        this.events.addAll(events);
      }
      return this;
    }

    /**
     * Adds an item to the tracking events.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addEvent(ShipmentEvent item) {
      this.events.add(item);
      return this;
    }

    /**
     * Sets when the goods were handed to the carrier.
     *
     * @param shippedAt the shipped at
     * @return this builder
     */
    public Builder shippedAt(Instant shippedAt) {
      this.shippedAt = shippedAt;
      return this;
    }

    /**
     * Sets when the goods were delivered.
     *
     * @param deliveredAt the delivered at
     * @return this builder
     */
    public Builder deliveredAt(Instant deliveredAt) {
      this.deliveredAt = deliveredAt;
      return this;
    }

    /**
     * Sets the status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(ShipmentStatus status) {
      this.status = status;
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
     * Builds the shipment.
     *
     * @return the shipment
     * @throws ValidationException naming the component if a required one is missing or malformed,
     *     or {@code deliveredAt} is before {@code shippedAt}
     */
    public Shipment build() {
      return new Shipment(
          shipmentNumber,
          orderNumber,
          carrier,
          service,
          trackingNumber,
          trackingUrl,
          shipFrom,
          shipTo,
          lines,
          events,
          shippedAt,
          deliveredAt,
          status,
          extensions);
    }
  }
}
