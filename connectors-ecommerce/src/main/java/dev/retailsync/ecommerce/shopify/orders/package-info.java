/**
 * The order side of the Shopify connector: mappings between Shopify orders, fulfilments, refunds,
 * returns and customer webhooks and the canonical model, overridable field by field ({@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping}, {@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyShipmentMapping}, {@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyReturnMapping}, {@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyCustomerWebhookMapping}); the mutations that carry
 * ERP shipments, credit memos and statuses back ({@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMutations}); the Admin GraphQL documents
 * ({@link dev.retailsync.ecommerce.shopify.orders.ShopifyOrderDocuments}); and the bridge from
 * webhook deliveries to canonical changes ({@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyWebhookChanges}).
 */
package dev.retailsync.ecommerce.shopify.orders;
