/**
 * Ecommerce connectors (Shopify Admin GraphQL) for retail-sync: Shopify webhook intake
 * (verification, dedupe, stale detection, subscription health), order-side mappings and mutation
 * inputs, and the signed-webhook emitter of the fake.
 */
module dev.retailsync.ecommerce {
  requires transitive dev.retailsync.core;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.retailsync.ecommerce.shopify.webhook;
  exports dev.retailsync.ecommerce.shopify.orders;
  exports dev.retailsync.ecommerce.shopify.fake;
}
