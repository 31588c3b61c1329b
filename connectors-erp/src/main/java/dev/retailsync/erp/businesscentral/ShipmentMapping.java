package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.decimal;
import static dev.retailsync.erp.businesscentral.FieldRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Reads Business Central posted sales shipments ({@code salesShipments} with {@code
 * salesShipmentLines}) as canonical {@link Shipment}s. A posted shipment has left the warehouse, so
 * its status is {@link ShipmentStatus#SHIPPED} and {@code shippedAt} is the start (UTC) of its
 * {@code postingDate}; {@code orderNumber} is the order's {@code externalDocumentNumber} (our order
 * number) when it carries one, else the Business Central order number, which is also kept in the
 * extension {@code erpOrderNumber}. {@code shipmentMethodCode} becomes {@code service}; the ship-to
 * address is read from the flattened {@code shipTo*} fields. Item lines become shipment lines (the
 * SKU is {@code lineObjectNumber}); comment lines carry no item and are not shipment lines. The
 * standard API has no tracking numbers.
 *
 * <p>Posted shipments are read-only: the connector offers a reader and a change feed, no writer.
 * Immutable and thread-safe.
 */
public final class ShipmentMapping implements BcMapping<Shipment> {
  private ShipmentMapping() {}

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ShipmentMapping defaults() {
    return new ShipmentMapping();
  }

  @Override
  public EntityType<Shipment> entityType() {
    return EntityType.SHIPMENT;
  }

  @Override
  public String entitySet() {
    return "salesShipments";
  }

  @Override
  public String keyField() {
    return "number";
  }

  @Override
  public String expand() {
    return "salesShipmentLines";
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public String key(Shipment shipment) {
    return shipment.shipmentNumber();
  }

  /**
   * Refuses: posted shipments are read-only in Business Central.
   *
   * @throws ValidationException always
   */
  @Override
  public ObjectNode toBc(Shipment shipment, Set<FieldPath> fields, BcMappingContext context) {
    throw ValidationException.of(
        "Business Central shipment",
        "shipmentNumber",
        shipment.shipmentNumber(),
        "cannot be written: posted sales shipments are read-only; ship the sales order in"
            + " Business Central instead");
  }

  @Override
  public Shipment fromBc(JsonNode r, BcMappingContext context) {
    String ext = text(r, "externalDocumentNumber");
    Shipment.Builder b =
        Shipment.builder()
            .shipmentNumber(text(r, "number"))
            .orderNumber(ext != null ? ext : text(r, "orderNumber"))
            .service(text(r, "shipmentMethodCode"))
            .shipTo(CustomerMapping.address(r, "shipTo", "shipToPostCode"))
            .status(ShipmentStatus.SHIPPED);
    String posted = text(r, "postingDate");
    if (posted != null) {
      b.shippedAt(LocalDate.parse(posted).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    if (text(r, "orderNumber") != null) {
      b.putExtension("erpOrderNumber", text(r, "orderNumber"));
    }
    for (JsonNode l : r.path("salesShipmentLines")) {
      String sku = text(l, "lineObjectNumber");
      if (sku == null || !"Item".equals(l.path("lineType").asText("Item"))) {
        continue;
      }
      BigDecimal q = decimal(l, "quantity");
      b.addLine(new ShipmentLine(null, sku, q == null ? BigDecimal.ZERO : q));
    }
    return b.build();
  }
}
