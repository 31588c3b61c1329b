/**
 * Ecommerce connectors (Shopify Admin GraphQL) for retail-sync. Exports nothing yet: the connector
 * lands with its own issue.
 */
module dev.retailsync.ecommerce {
  requires dev.retailsync.core;
}
