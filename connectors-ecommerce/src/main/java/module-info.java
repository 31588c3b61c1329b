/**
 * Ecommerce connectors for retail-sync: Shopify through the Admin GraphQL API (client, customers,
 * inventory, products, bulk operations), webhook intake (verification, dedupe, stale detection,
 * subscription health), order-side mappings and mutation inputs, and the in-process fake of the
 * Admin API with its signed-webhook emitter; Vendure through its Admin GraphQL API (customers,
 * orders, fulfilments, stock, refunds).
 */
module dev.retailsync.ecommerce {
  requires transitive dev.retailsync.core;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.retailsync.ecommerce.shopify;
  exports dev.retailsync.ecommerce.shopify.webhook;
  exports dev.retailsync.ecommerce.shopify.orders;
  exports dev.retailsync.ecommerce.shopify.fake;
  exports dev.retailsync.ecommerce.vendure;

  provides dev.retailsync.api.spi.ConnectorProvider with
      dev.retailsync.ecommerce.shopify.ShopifyConnectorProvider,
      dev.retailsync.ecommerce.vendure.VendureConnectorProvider;
}
