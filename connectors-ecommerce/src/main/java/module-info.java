/**
 * Ecommerce connectors for retail-sync: Shopify through the Admin GraphQL API, and its in-process
 * fake of the Admin API for tests.
 */
module dev.retailsync.ecommerce {
  requires transitive dev.retailsync.core;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.retailsync.ecommerce.shopify;
  exports dev.retailsync.ecommerce.shopify.fake;

  provides dev.retailsync.api.spi.ConnectorProvider with
      dev.retailsync.ecommerce.shopify.ShopifyConnectorProvider;
}
