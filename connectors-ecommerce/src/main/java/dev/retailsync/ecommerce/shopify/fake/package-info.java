/**
 * {@link dev.retailsync.ecommerce.shopify.fake.FakeShopify}, an in-process emulation of a shop's
 * Admin GraphQL API for tests: no sockets, no test library needed at run time.
 */
package dev.retailsync.ecommerce.shopify.fake;
