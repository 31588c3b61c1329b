/**
 * Vendure 3.x through its Admin GraphQL API: {@link
 * dev.retailsync.ecommerce.vendure.VendureConnector} (customers with addresses as parties, orders,
 * fulfilments as shipments, variant stock per stock location as inventory positions, refunds from
 * return requests; change feeds for customers, orders and stock that survive Vendure's {@code
 * updatedAt} gaps; lookups by the {@code externalId} custom field), its {@link
 * dev.retailsync.ecommerce.vendure.VendureConnectorProvider}, {@link
 * dev.retailsync.ecommerce.vendure.VendureCustomerMapping} and {@link
 * dev.retailsync.ecommerce.vendure.VendureOrderMapping}.
 */
package dev.retailsync.ecommerce.vendure;
