package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the NetSuite {@code itemFulfillment} record (created from a sales order by {@code
 * !transform/itemFulfillment}) to {@link Shipment}; read-only.
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Canonical</th><th>NetSuite itemFulfillment</th></tr>
 *   <tr><td>shipmentNumber</td><td>{@code tranId}</td></tr>
 *   <tr><td>orderNumber</td><td>{@code createdFrom}, the sales order's {@code externalId}</td></tr>
 *   <tr><td>status</td><td>{@code shipStatus}: A Picked to PICKED, B Packed to PACKED, C Shipped
 *       to SHIPPED</td></tr>
 *   <tr><td>trackingNumber</td><td>the first {@code package.items[].packageTrackingNumber}</td></tr>
 *   <tr><td>shippedAt</td><td>{@code tranDate}</td></tr>
 *   <tr><td>shipTo</td><td>{@code shippingAddress}</td></tr>
 *   <tr><td>lines</td><td>{@code item.items[]}: {@code item} by {@code externalId}, {@code
 *       quantity}, {@code orderLine}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; each setter returns a changed copy.
 */
public final class FulfillmentMapping implements NetSuiteMapping<Shipment> {
  private static final String SUBJECT = "NetSuite itemFulfillment";

  /** The default status table, NetSuite {@code shipStatus} to canonical state. */
  public static final Map<String, ShipmentStatus> DEFAULT_STATUSES =
      Map.of("A", ShipmentStatus.PICKED, "B", ShipmentStatus.PACKED, "C", ShipmentStatus.SHIPPED);

  private final FieldRules<Shipment, Shipment.Builder> rules;
  private final Map<String, ShipmentStatus> statuses;

  private FulfillmentMapping(
      FieldRules<Shipment, Shipment.Builder> rules, Map<String, ShipmentStatus> statuses) {
    this.statuses = Map.copyOf(statuses);
    this.rules = rules.rebase(defaultRules());
  }

  /**
   * Returns the default mapping (see the class documentation).
   *
   * @return the mapping
   */
  public static FulfillmentMapping defaults() {
    return new FulfillmentMapping(new FieldRules<>(), DEFAULT_STATUSES);
  }

  private FieldRules<Shipment, Shipment.Builder> defaultRules() {
    return new FieldRules<Shipment, Shipment.Builder>()
        .withDefault(
            FieldPath.of("shipmentNumber"),
            null,
            (rec, b) -> {
              String tran = Json.text(rec, "tranId");
              b.shipmentNumber(tran != null ? tran : Json.text(rec, "id"));
            })
        .withDefault(
            FieldPath.of("orderNumber"),
            null,
            (rec, b) -> b.orderNumber(Json.refExternalId(rec, "createdFrom")))
        .withDefault(
            FieldPath.of("status"),
            null,
            (rec, b) -> {
              String s = Json.text(rec, "shipStatus");
              ShipmentStatus status = s == null ? ShipmentStatus.CREATED : statuses.get(s);
              if (status == null) {
                throw ValidationException.of(
                    SUBJECT, "shipStatus", s, "has no canonical state in " + statuses.keySet());
              }
              b.status(status);
            })
        .withDefault(
            FieldPath.of("trackingNumber"),
            null,
            (rec, b) -> {
              for (JsonNode p : Json.lines(rec, "package")) {
                String t = Json.text(p, "packageTrackingNumber");
                if (t != null) {
                  b.trackingNumber(t);
                  return;
                }
              }
            })
        .withDefault(
            FieldPath.of("shippedAt"), null, (rec, b) -> b.shippedAt(Json.instant(rec, "tranDate")))
        .withDefault(
            FieldPath.of("shipTo"),
            null,
            (rec, b) -> b.shipTo(Json.address(rec.path("shippingAddress"))))
        .withDefault(
            FieldPath.of("lines"),
            null,
            (rec, b) -> {
              List<ShipmentLine> lines = new ArrayList<>();
              List<JsonNode> items = Json.lines(rec, "item");
              for (int i = 0; i < items.size(); i++) {
                JsonNode l = items.get(i);
                String sku = Json.refExternalId(l, "item");
                if (sku == null) {
                  throw ValidationException.of(
                      SUBJECT,
                      "item.items[" + i + "].item",
                      Json.text(l, "item"),
                      "references an item without an externalId");
                }
                String orderLine = Json.text(l, "orderLine");
                BigDecimal qty = Json.decimal(l, "quantity");
                lines.add(
                    new ShipmentLine(
                        orderLine != null && orderLine.matches("\\d+")
                            ? Integer.valueOf(orderLine)
                            : null,
                        sku,
                        qty == null ? BigDecimal.ZERO : qty));
              }
              b.lines(lines);
            });
  }

  /**
   * Returns this mapping with one field's reader replaced or added.
   *
   * @param field the canonical field
   * @param reader reads the field
   * @return the changed mapping
   */
  public FulfillmentMapping field(FieldPath field, NetSuiteFieldReader<Shipment.Builder> reader) {
    return new FulfillmentMapping(rules.with(field, null, reader), statuses);
  }

  /**
   * Returns this mapping with another status table.
   *
   * @param shipStatusToCanonical NetSuite {@code shipStatus} letter to canonical state
   * @return the changed mapping
   */
  public FulfillmentMapping statuses(Map<String, ShipmentStatus> shipStatusToCanonical) {
    return new FulfillmentMapping(rules, shipStatusToCanonical);
  }

  @Override
  public EntityType<Shipment> entityType() {
    return EntityType.SHIPMENT;
  }

  @Override
  public String recordType() {
    return "itemFulfillment";
  }

  @Override
  public String suiteQlTable() {
    return "transaction";
  }

  @Override
  public String suiteQlFilter() {
    return "type = 'ItemShip'";
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public List<Reference> references() {
    return List.of(
        new Reference("createdFrom", "transaction"), new Reference("item.items[].item", "item"));
  }

  @Override
  public String externalId(Shipment entity, String requestKey) {
    return Json.externalId(SUBJECT, "shipmentNumber", entity.shipmentNumber());
  }

  @Override
  public ObjectNode toNetSuite(Shipment entity, Set<FieldPath> fields, boolean exists) {
    throw ValidationException.of(
        SUBJECT,
        "shipment",
        entity.shipmentNumber(),
        "is created in NetSuite by fulfilling the sales order; the connector only reads it");
  }

  @Override
  public Shipment fromNetSuite(JsonNode record) {
    Shipment.Builder b = Shipment.builder();
    rules.read(record, b);
    return b.build();
  }
}
