package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Tryton customer shipment ({@code stock.shipment.out}) as a canonical {@link Shipment}.
 *
 * <table>
 *   <caption>Shipment mapping</caption>
 *   <tr><th>Shipment</th><th>Tryton</th></tr>
 *   <tr><td>shipmentNumber</td><td>{@code number}</td></tr>
 *   <tr><td>orderNumber</td><td>the {@code reference} (else {@code number}) of the sale whose
 *       lines are the {@code origin} of the shipment's outgoing moves; when the moves come from
 *       several sales, the first, and every one in the extension {@code trytonSaleReferences}</td>
 *   </tr>
 *   <tr><td>status</td><td>{@code state}: draft, waiting, assigned → CREATED; picked → PICKED;
 *       packed → PACKED; done → SHIPPED; cancelled → CANCELLED</td></tr>
 *   <tr><td>trackingNumber</td><td>the configured character field ({@code reference} by
 *       default: core Tryton 6.0 has no tracking field without its carrier modules)</td></tr>
 *   <tr><td>shipFrom</td><td>the warehouse's {@code code}</td></tr>
 *   <tr><td>shipTo</td><td>{@code delivery_address}</td></tr>
 *   <tr><td>lines</td><td>the outgoing moves that are not cancelled: SKU = product {@code code},
 *       quantity</td></tr>
 *   <tr><td>shippedAt</td><td>{@code effective_date} (a date: midnight UTC) once done</td></tr>
 * </table>
 */
final class TrytonShipmentMapping {

  private TrytonShipmentMapping() {}

  static List<String> fields(String trackingField) {
    List<String> f =
        new ArrayList<>(
            List.of(
                "number",
                "state",
                "effective_date",
                "planned_date",
                "warehouse.code",
                "delivery_address.street",
                "delivery_address.city",
                "delivery_address.postal_code",
                "delivery_address.country.code",
                "delivery_address.subdivision.code",
                "outgoing_moves.product.code",
                "outgoing_moves.quantity",
                "outgoing_moves.origin",
                "outgoing_moves.state",
                "write_date",
                "create_date"));
    if (!f.contains(trackingField)) {
      f.add(trackingField);
    }
    return f;
  }

  static ShipmentStatus status(String state) {
    return switch (state) {
      case "draft", "waiting", "assigned" -> ShipmentStatus.CREATED;
      case "picked" -> ShipmentStatus.PICKED;
      case "packed" -> ShipmentStatus.PACKED;
      case "done" -> ShipmentStatus.SHIPPED;
      case "cancelled", "cancel" -> ShipmentStatus.CANCELLED;
      default ->
          throw ValidationException.of(
              "Tryton shipment", "state", state, "is not a stock.shipment.out state of Tryton 6.0");
    };
  }

  /** The origins of the rows' outgoing moves, for {@link TrytonDocumentFeed#orderNumbers}. */
  static Set<String> origins(List<JsonNode> rows) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode row : rows) {
      for (JsonNode m : row.path("outgoing_moves.")) {
        String o = TrytonCodec.text(m.path("origin"));
        if (o != null) {
          out.add(o);
        }
      }
    }
    return out;
  }

  static TrytonDocumentFeed.Mapper<Shipment> mapper(TrytonRpc rpc, String trackingField) {
    return rows -> {
      Map<String, String> orders = TrytonDocumentFeed.orderNumbers(rpc, origins(rows));
      Map<Long, Shipment> out = new LinkedHashMap<>();
      Map<Long, RuntimeException> failures = new LinkedHashMap<>();
      for (JsonNode row : rows) {
        try {
          out.put(row.path("id").asLong(), toShipment(row, orders, trackingField));
        } catch (ValidationException | IllegalArgumentException e) {
          // The feed turns it into a rejection (a dead letter); the reader into an error.
          failures.put(row.path("id").asLong(), e);
        }
      }
      return new TrytonDocumentFeed.Mapped<>(out, failures);
    };
  }

  static Shipment toShipment(JsonNode row, Map<String, String> orders, String trackingField) {
    String state = row.path("state").asText();
    List<ShipmentLine> lines = new ArrayList<>();
    List<JsonNode> moves = new ArrayList<>();
    row.path("outgoing_moves.").forEach(moves::add);
    moves.sort(java.util.Comparator.comparingLong(m -> m.path("id").asLong()));
    Set<String> sales = new LinkedHashSet<>();
    for (JsonNode m : moves) {
      String origin = TrytonCodec.text(m.path("origin"));
      if (origin != null && orders.containsKey(origin)) {
        sales.add(orders.get(origin));
      }
      if ("cancelled".equals(m.path("state").asText())
          || "cancel".equals(m.path("state").asText())) {
        continue;
      }
      String sku = TrytonCodec.text(m.path("product.").path("code"));
      lines.add(
          new ShipmentLine(
              null,
              sku == null ? "(product without code)" : sku,
              BigDecimal.valueOf(m.path("quantity").asDouble()).stripTrailingZeros()));
    }
    String number = TrytonCodec.text(row.path("number"));
    LocalDate effective = TrytonCodec.date(row.path("effective_date"));
    JsonNode a = row.path("delivery_address.");
    PostalAddress shipTo = a.isObject() ? TrytonAccountMapping.address(a) : null;
    Shipment.Builder b =
        Shipment.builder()
            .shipmentNumber(number != null ? number : "shipment " + row.path("id").asText())
            .orderNumber(sales.isEmpty() ? null : sales.iterator().next())
            .status(status(state))
            .trackingNumber(TrytonCodec.text(row.path(trackingField)))
            .shipFrom(TrytonCodec.text(row.path("warehouse.").path("code")))
            .shipTo(shipTo)
            .lines(lines)
            .shippedAt(
                "done".equals(state) && effective != null
                    ? effective.atStartOfDay().toInstant(ZoneOffset.UTC)
                    : null);
    if (sales.size() > 1) {
      b.putExtension("trytonSaleReferences", String.join(",", sales));
    }
    return b.build();
  }
}
