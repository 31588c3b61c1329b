/**
 * The Shopify connector: the Admin GraphQL client ({@link
 * dev.retailsync.ecommerce.shopify.ShopifyGraphQlClient}) with cost-aware scheduling and retries by
 * operation semantics, token providers ({@link dev.retailsync.ecommerce.shopify.ShopifyTokens}),
 * customers, inventory with the 2026-04 compare-and-swap and idempotency semantics, products, bulk
 * operations, and the {@link dev.retailsync.ecommerce.shopify.ShopifyConnector} that offers them
 * through the connector SPI.
 */
package dev.retailsync.ecommerce.shopify;
