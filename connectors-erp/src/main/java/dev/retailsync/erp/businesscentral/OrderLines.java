package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans how the lines of a sales order Business Central already has become the lines the caller
 * wants: {@code POST} for a line added, {@code PATCH} with the line's own {@code @odata.etag} for a
 * line changed, {@code DELETE} (also with its tag) for a line removed.
 *
 * <p><b>Line key.</b> A wanted line and a Business Central line are the same line when they carry
 * the same item ({@code lineObjectNumber}, the SKU) and are the same occurrence of that item: the
 * first wanted line of SKU A is the first item line of SKU A in {@code sequence} order, the second
 * the second, and so on. The key survives lines added or removed elsewhere in the order, which a
 * key by position or by {@code sequence} (Business Central numbers lines 10000, 20000, … and never
 * reuses a number) would not; the canonical line number is not stored in Business Central. Lines
 * that are not item lines (comments, G/L accounts) are Business Central's own and left alone.
 *
 * <p>A matched line is changed in the fields the wanted line sets that differ ({@code quantity},
 * {@code unitPrice}, {@code description}); nothing is sent for a line that already matches. A line
 * Business Central returned without an {@code @odata.etag} is sent {@code If-Match: *}.
 *
 * <p><b>When lines cannot change.</b> Business Central changes lines only while the order is in its
 * internal status Open, which API v2.0 reports as {@code Draft} (its {@code Open} means Released;
 * {@code In Review} is pending approval), and never removes a line, nor lowers its quantity, below
 * what was shipped. Such an order is refused as a whole, naming {@code lines}, before anything is
 * sent: the header is not changed without its lines.
 */
final class OrderLines {
  /** The status in which Business Central lets lines change, as API v2.0 names it. */
  static final Set<String> EDITABLE = Set.of("Draft");

  /** One line operation; {@code wanted} is the index of the wanted line, -1 for a removal. */
  record Op(String method, String lineId, String etag, ObjectNode body, int wanted, String sku) {}

  /** The operations, or the reasons the order's lines cannot change. */
  record Plan(List<Op> ops, List<FieldError> refusals) {}

  private OrderLines() {}

  /**
   * Plans the line operations.
   *
   * @param order the order as read, with {@code salesOrderLines} expanded
   * @param wanted the lines the mapping wrote, as for a deep insert
   * @param editable the statuses in which lines may change
   * @return the plan
   */
  static Plan plan(JsonNode order, JsonNode wanted, Set<String> editable) {
    List<JsonNode> held = new ArrayList<>();
    for (JsonNode l : order.path("salesOrderLines")) {
      if ("Item".equals(l.path("lineType").asText("Item"))) {
        held.add(l);
      }
    }
    held.sort(Comparator.comparingLong(l -> l.path("sequence").asLong()));
    Map<String, JsonNode> heldByKey = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode l : held) {
      String sku = l.path("lineObjectNumber").asText("");
      heldByKey.put(sku + "#" + seen.merge(sku, 1, Integer::sum), l);
    }
    List<Op> ops = new ArrayList<>();
    List<FieldError> refusals = new ArrayList<>();
    seen.clear();
    for (int i = 0; i < wanted.size(); i++) {
      JsonNode w = wanted.get(i);
      String sku = w.path("lineObjectNumber").asText("");
      JsonNode h = heldByKey.remove(sku + "#" + seen.merge(sku, 1, Integer::sum));
      if (h == null) {
        ops.add(new Op("POST", null, null, ((ObjectNode) w).deepCopy(), i, sku));
        continue;
      }
      ObjectNode changes = FieldRules.JSON.createObjectNode();
      for (String f : List.of("quantity", "unitPrice", "description")) {
        if (w.has(f) && !BusinessCentralConnector.same(w.get(f), h.get(f))) {
          changes.set(f, w.get(f));
        }
      }
      if (changes.isEmpty()) {
        continue;
      }
      BigDecimal shipped = FieldRules.decimal(h, "shippedQuantity");
      if (changes.has("quantity")
          && shipped != null
          && changes.get("quantity").decimalValue().compareTo(shipped) < 0) {
        refusals.add(
            FieldError.of(
                "lines[" + i + "].quantity",
                changes.get("quantity").decimalValue(),
                "is below the " + shipped.toPlainString() + " Business Central already shipped"));
      }
      ops.add(new Op("PATCH", id(h), etag(h), changes, i, sku));
    }
    for (JsonNode h : heldByKey.values()) {
      BigDecimal shipped = FieldRules.decimal(h, "shippedQuantity");
      String sku = h.path("lineObjectNumber").asText("");
      if (shipped != null && shipped.signum() > 0) {
        refusals.add(
            FieldError.redacted(
                "lines",
                "the line of item "
                    + sku
                    + " is no longer wanted but Business Central shipped "
                    + shipped.toPlainString()
                    + " of it; it cannot be removed"));
      }
      ops.add(new Op("DELETE", id(h), etag(h), null, -1, sku));
    }
    if (!ops.isEmpty()) {
      String status = order.path("status").asText("");
      if (!editable.contains(status) || order.path("fullyShipped").asBoolean(false)) {
        refusals.add(
            0,
            FieldError.redacted(
                "lines",
                "order "
                    + order.path("number").asText("")
                    + " is "
                    + (order.path("fullyShipped").asBoolean(false) ? "fully shipped" : status)
                    + " in Business Central, where its lines can no longer change ("
                    + ops.size()
                    + " line change(s) wanted); reopen it there, or leave the lines as they are"));
      }
    }
    return new Plan(refusals.isEmpty() ? ops : List.of(), refusals);
  }

  private static String id(JsonNode line) {
    return line.path("id").asText();
  }

  private static String etag(JsonNode line) {
    return line.path("@odata.etag").asText(null);
  }
}
