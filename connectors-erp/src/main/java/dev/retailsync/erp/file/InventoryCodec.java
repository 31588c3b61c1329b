package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.InventoryPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock levels (canonical {@link InventoryPosition}), one row per item and location, keyed by
 * {@code sku@location}. A row without {@code as_of} is as of the file's last-modified time.
 */
final class InventoryCodec implements Codec<InventoryPosition> {
  private static final List<FieldDef> FIELDS =
      List.of(
          new FieldDef("sku", "sku", false, false),
          new FieldDef("location", "location", false, false),
          new FieldDef("onHand", "on_hand", true, false),
          new FieldDef("reserved", "reserved", true, false),
          new FieldDef("available", "available", true, false),
          new FieldDef("safetyStock", "safety_stock", true, false),
          new FieldDef("unitOfMeasure", "unit", false, false),
          new FieldDef("asOf", "as_of", false, false));

  private final Instant fileTime;

  InventoryCodec(Instant fileTime) {
    this.fileTime = fileTime;
  }

  InventoryCodec withFileTime(Instant time) {
    return new InventoryCodec(time);
  }

  @Override
  public EntityType<InventoryPosition> type() {
    return EntityType.INVENTORY_POSITION;
  }

  @Override
  public List<FieldDef> fields() {
    return FIELDS;
  }

  @Override
  public String keyField() {
    return "sku";
  }

  @Override
  public String key(InventoryPosition p) {
    return p.sku() + "@" + p.location();
  }

  @Override
  public InventoryPosition decode(Values v, List<Values> lines) {
    String sku = v.required("sku");
    String location = v.required("location");
    BigDecimal onHand = nonNegative(v, "onHand");
    BigDecimal reserved = nonNegative(v, "reserved");
    BigDecimal available = v.decimal("available");
    BigDecimal safety = nonNegative(v, "safetyStock");
    Instant asOf = v.instant("asOf");
    if (sku == null || location == null) {
      return null;
    }
    if (sku.contains("@")) {
      v.error("sku", "must not contain '@', which separates item and location in the id");
      return null;
    }
    return InventoryPosition.builder()
        .sku(sku)
        .location(location)
        .onHand(onHand)
        .reserved(reserved)
        .available(available)
        .safetyStock(safety)
        .unitOfMeasure(v.text("unitOfMeasure"))
        .asOf(asOf != null ? asOf : fileTime != null ? fileTime : Instant.EPOCH)
        .build();
  }

  private static BigDecimal nonNegative(Values v, String field) {
    BigDecimal d = v.decimal(field);
    if (d != null && d.signum() < 0) {
      v.error(field, "'" + d.toPlainString() + "' must not be negative (" + field + ")");
      return null;
    }
    return d;
  }

  @Override
  public List<dev.retailsync.api.FieldError> check(InventoryPosition p) {
    return p.sku().contains("@")
        ? List.of(
            dev.retailsync.api.FieldError.redacted(
                "sku",
                "must not contain '@', which separates item and location in the record's id"))
        : List.of();
  }

  @Override
  public Encoded encode(InventoryPosition p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sku", p.sku());
    m.put("location", p.location());
    m.put("onHand", plain(p.onHand()));
    m.put("reserved", plain(p.reserved()));
    m.put("available", plain(p.available()));
    m.put("safetyStock", plain(p.safetyStock()));
    m.put("unitOfMeasure", p.unitOfMeasure());
    m.put("asOf", p.asOf().toString());
    return new Encoded(m, List.of());
  }

  static String plain(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }
}
