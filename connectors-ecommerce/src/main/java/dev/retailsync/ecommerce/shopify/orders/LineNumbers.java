package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The canonical line number of a Shopify line item: its 1-based position in the order. */
final class LineNumbers {
  private LineNumbers() {}

  /** The line number of a line item id within an order, or {@code null} when not found. */
  static Integer of(ShopifySource order, String lineItemId) {
    if (lineItemId == null || order.json().isMissingNode()) {
      return null;
    }
    List<JsonNode> items = order.list("lineItems", "line_items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode li = items.get(i);
      if (lineItemId.equals(ShopifySource.text(li.path("id")))
          || lineItemId.equals(ShopifySource.text(li.path("admin_graphql_api_id")))) {
        return i + 1;
      }
    }
    return null;
  }
}
