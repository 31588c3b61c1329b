package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.BiConsumer;

/** Metafields read as extensions, typed by the metafield's type. */
final class Metafields {
  private Metafields() {}

  /**
   * Puts every metafield outside the SDK's own namespace as an extension, named {@code
   * <namespace>.<key>} unless renamed.
   */
  static void putExtensions(
      ShopifySource src,
      Map<String, String> names,
      BiConsumer<String, Object> put,
      String ownNamespace) {
    for (JsonNode m : src.list("metafields", "metafields")) {
      String ns = ShopifySource.text(m.path("namespace"));
      String key = ShopifySource.text(m.path("key"));
      if (ns == null || key == null || ns.equals(ownNamespace)) {
        continue;
      }
      String name = names.getOrDefault(ns + "." + key, ns + "." + key);
      put.accept(name, value(m));
    }
  }

  /** A metafield's value: numbers and booleans typed, anything else as text. */
  static Object value(JsonNode m) {
    String type = m.path("type").asText("");
    String v = ShopifySource.text(m.path("value"));
    if (v == null) {
      return null;
    }
    try {
      switch (type) {
        case "number_integer":
        case "number_decimal":
          return new BigDecimal(v.trim());
        case "boolean":
          return Boolean.valueOf(v.trim());
        default:
          return v;
      }
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
