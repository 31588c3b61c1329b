package dev.retailsync.erp.file;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Shipment;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Custom fields in files: a layout column mapped to {@code extensions.<name>} carries the entity's
 * custom field of that name, as text in CSV (a number or boolean keeps its JSON type in JSON Lines
 * only as far as the ERP writes it so).
 */
final class Extensions {
  static final String PREFIX = "extensions.";

  private Extensions() {}

  /** Adds the custom fields a row carries to the entity decoded from it. */
  @SuppressWarnings("unchecked")
  static <T extends CanonicalEntity> T apply(T entity, Map<String, String> byField) {
    Map<String, Object> custom = new LinkedHashMap<>(entity.extensions());
    boolean any = false;
    for (Map.Entry<String, String> e : byField.entrySet()) {
      if (e.getKey().startsWith(PREFIX) && e.getValue() != null && !e.getValue().isBlank()) {
        custom.put(e.getKey().substring(PREFIX.length()), e.getValue().strip());
        any = true;
      }
    }
    if (!any) {
      return entity;
    }
    if (entity instanceof Account a) {
      return (T) a.toBuilder().extensions(custom).build();
    }
    if (entity instanceof InventoryPosition p) {
      return (T) p.toBuilder().extensions(custom).build();
    }
    if (entity instanceof Order o) {
      return (T) o.toBuilder().extensions(custom).build();
    }
    if (entity instanceof Shipment s) {
      return (T) s.toBuilder().extensions(custom).build();
    }
    return entity;
  }

  /** Adds the entity's custom fields the layout has columns for to its encoded values. */
  static void encode(
      CanonicalEntity entity, Map<String, String> header, Iterable<String> layoutFields) {
    for (String field : layoutFields) {
      if (field.startsWith(PREFIX)) {
        Object v = entity.extensions().get(field.substring(PREFIX.length()));
        header.put(
            field, v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
      }
    }
  }
}
