package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.model.VariantOption;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RemoteRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify products and variants, read as canonical {@link Product}s: one per variant (the sellable
 * SKU), named after the product and the variant, with the variant's options, the product's vendor
 * as brand and its product type as category. A barcode that is a valid GTIN becomes {@code gtin};
 * others stay in the extension {@code shopify.barcode}. Variants without SKU cannot be canonical
 * products and are left out (logged with their GID).
 *
 * <p>Thread-safe.
 */
public final class ShopifyProducts {
  private static final Logger LOG = LoggerFactory.getLogger(ShopifyProducts.class);
  private static final String FIELDS =
      "id sku barcode title updatedAt selectedOptions { name value }"
          + " product { id title status vendor productType }";
  private static final String BY_ID =
      "query VariantsById($ids: [ID!]!) { nodes(ids: $ids) { ... on ProductVariant { "
          + FIELDS
          + " } } }";
  private static final String BY_SKU =
      "query VariantsBySku($first: Int!, $after: String, $query: String!) {\n"
          + "  productVariants(first: $first, after: $after, query: $query) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes { "
          + FIELDS
          + " }\n  }\n}";

  private final ShopifyGraphQlClient client;
  private final SystemId system;

  /**
   * Creates product access for a shop.
   *
   * @param client the shop's client
   * @param system the system id records carry
   */
  public ShopifyProducts(ShopifyGraphQlClient client, SystemId system) {
    this.client = Objects.requireNonNull(client, "client");
    this.system = Objects.requireNonNull(system, "system");
  }

  /**
   * Returns the reader by variant GID (or numeric id).
   *
   * @return the reader
   */
  public RecordReader<Product> reader() {
    return RecordReader.of(100, this::read);
  }

  /**
   * Reads variants by SKU.
   *
   * @param skus the SKUs
   * @return one record per variant found (several when a SKU is not unique in Shopify)
   */
  public List<RemoteRecord<Product>> bySku(Collection<String> skus) {
    List<String> list = new ArrayList<>(new LinkedHashSet<>(skus));
    List<RemoteRecord<Product>> out = new ArrayList<>();
    // One variant costs 3 points (variant, its options, its product).
    int per = Math.max(1, Math.min(250, (client.maxQueryCost() - 2) / 3));
    for (int i = 0; i < list.size(); i += per) {
      List<String> chunk = list.subList(i, Math.min(list.size(), i + per));
      String after = null;
      do {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", chunk.size());
        vars.put("after", after);
        vars.put("query", ShopifyInventory.skuQuery(chunk));
        JsonNode conn = client.execute(GraphQlRequest.query(BY_SKU, vars)).field("productVariants");
        conn.path("nodes").forEach(v -> add(v, out));
        after =
            conn.path("pageInfo").path("hasNextPage").asBoolean()
                ? conn.path("pageInfo").path("endCursor").asText()
                : null;
      } while (after != null);
    }
    return out;
  }

  private List<RemoteRecord<Product>> read(List<String> ids) {
    List<String> gids = ids.stream().map(i -> ShopifyIds.toGid("ProductVariant", i)).toList();
    List<RemoteRecord<Product>> out = new ArrayList<>();
    int per = Math.max(1, client.maxQueryCost() / 3);
    for (int i = 0; i < gids.size(); i += per) {
      GraphQlResponse r =
          client.execute(
              GraphQlRequest.query(
                  BY_ID, Map.of("ids", gids.subList(i, Math.min(gids.size(), i + per)))));
      for (JsonNode v : r.field("nodes")) {
        if (v.isObject() && v.has("id")) {
          add(v, out);
        }
      }
    }
    return out;
  }

  private void add(JsonNode v, List<RemoteRecord<Product>> out) {
    String sku = text(v, "sku");
    if (sku == null) {
      LOG.warn("Shopify variant {} has no SKU and is left out", v.path("id").asText());
      return;
    }
    out.add(
        new RemoteRecord<>(
            ExternalId.of(system, v.path("id").asText()),
            toProduct(v),
            text(v, "updatedAt"),
            text(v, "updatedAt") == null ? null : Instant.parse(text(v, "updatedAt"))));
  }

  /**
   * Maps a variant (selected with its product) to a canonical product.
   *
   * @param v the variant
   * @return the product
   * @throws ValidationException if a value breaks a canonical rule, naming the field
   */
  public static Product toProduct(JsonNode v) {
    JsonNode p = v.path("product");
    String title = text(p, "title");
    String variantTitle = text(v, "title");
    String name =
        variantTitle == null || variantTitle.equals("Default Title") || title == null
            ? (title != null ? title : variantTitle)
            : title + " - " + variantTitle;
    Product.Builder b = Product.builder().sku(text(v, "sku")).name(name);
    String barcode = text(v, "barcode");
    if (barcode != null && barcode.matches("\\d{8}|\\d{12,14}")) {
      b.gtin(barcode);
    } else if (barcode != null) {
      b.putExtension("shopify.barcode", barcode);
    }
    String status = text(p, "status");
    if (status != null) {
      b.status(
          switch (status) {
            case "ACTIVE" -> ProductStatus.ACTIVE;
            case "ARCHIVED" -> ProductStatus.DISCONTINUED;
            default -> ProductStatus.INACTIVE;
          });
    }
    if (text(p, "vendor") != null) {
      b.brand(text(p, "vendor"));
    }
    if (text(p, "productType") != null) {
      b.category(text(p, "productType"));
    }
    List<VariantOption> options = new ArrayList<>();
    for (JsonNode o : v.path("selectedOptions")) {
      if (text(o, "name") != null && text(o, "value") != null) {
        options.add(new VariantOption(text(o, "name"), text(o, "value")));
      }
    }
    b.variantOptions(options);
    if (text(p, "id") != null) {
      b.putExtension("shopify.productId", text(p, "id"));
    }
    return b.build();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  @Override
  public String toString() {
    return "ShopifyProducts[" + client + "]";
  }
}
