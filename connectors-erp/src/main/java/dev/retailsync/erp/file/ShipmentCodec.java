package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shipments with their lines (canonical {@link Shipment}), keyed by the shipment number, one row
 * per shipped line like orders: the ERP's delivery notes, read for shipment status and tracking.
 */
final class ShipmentCodec implements Codec<Shipment> {
  private static final List<FieldDef> FIELDS =
      List.of(
          new FieldDef("shipmentNumber", "shipment_no", false, false),
          new FieldDef("orderNumber", "order_no", false, false),
          new FieldDef("status", "status", false, false),
          new FieldDef("carrier", "carrier", false, false),
          new FieldDef("service", "service", false, false),
          new FieldDef("trackingNumber", "tracking_no", false, false),
          new FieldDef("trackingUrl", "tracking_url", false, false),
          new FieldDef("shipFrom", "ship_from", false, false),
          new FieldDef("shippedAt", "shipped_at", false, false),
          new FieldDef("deliveredAt", "delivered_at", false, false),
          new FieldDef("lines.orderLineNumber", "order_line_no", true, true),
          new FieldDef("lines.sku", "sku", false, true),
          new FieldDef("lines.quantity", "quantity", true, true));

  @Override
  public EntityType<Shipment> type() {
    return EntityType.SHIPMENT;
  }

  @Override
  public List<FieldDef> fields() {
    return FIELDS;
  }

  @Override
  public String keyField() {
    return "shipmentNumber";
  }

  @Override
  public String key(Shipment s) {
    return s.shipmentNumber();
  }

  @Override
  public Shipment decode(Values v, List<Values> lineValues) {
    String number = v.required("shipmentNumber");
    ShipmentStatus status = v.code("status", Enums.codes(ShipmentStatus.class));
    if (v.text("status") == null) {
      v.required("status");
    }
    List<ShipmentLine> lines = new ArrayList<>();
    for (Values l : lineValues) {
      Integer orderLine = l.whole("lines.orderLineNumber");
      String sku = l.required("lines.sku");
      BigDecimal quantity = l.decimal("lines.quantity");
      if (l.text("lines.quantity") == null) {
        l.required("lines.quantity");
      }
      if (quantity != null && quantity.signum() < 0) {
        l.error("lines.quantity", "must not be negative (lines.quantity)");
      } else if (sku != null && quantity != null) {
        lines.add(new ShipmentLine(orderLine, sku, quantity));
      }
    }
    if (number == null || status == null) {
      return null;
    }
    return Shipment.builder()
        .shipmentNumber(number)
        .orderNumber(v.text("orderNumber"))
        .status(status)
        .carrier(v.text("carrier"))
        .service(v.text("service"))
        .trackingNumber(v.text("trackingNumber"))
        .trackingUrl(v.text("trackingUrl"))
        .shipFrom(v.text("shipFrom"))
        .shippedAt(v.instant("shippedAt"))
        .deliveredAt(v.instant("deliveredAt"))
        .lines(lines)
        .build();
  }

  @Override
  public Encoded encode(Shipment s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("shipmentNumber", s.shipmentNumber());
    m.put("orderNumber", s.orderNumber());
    m.put("status", s.status().name());
    m.put("carrier", s.carrier());
    m.put("service", s.service());
    m.put("trackingNumber", s.trackingNumber());
    m.put("trackingUrl", s.trackingUrl());
    m.put("shipFrom", s.shipFrom());
    m.put("shippedAt", s.shippedAt() == null ? null : s.shippedAt().toString());
    m.put("deliveredAt", s.deliveredAt() == null ? null : s.deliveredAt().toString());
    List<Map<String, String>> lines = new ArrayList<>();
    for (ShipmentLine l : s.lines()) {
      Map<String, String> lm = new LinkedHashMap<>();
      lm.put(
          "lines.orderLineNumber",
          l.orderLineNumber() == null ? null : Integer.toString(l.orderLineNumber()));
      lm.put("lines.sku", l.sku());
      lm.put("lines.quantity", l.quantity().toPlainString());
      lines.add(lm);
    }
    return new Encoded(m, lines);
  }
}
