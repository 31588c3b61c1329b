/**
 * Vendure 3.x through its Admin GraphQL API: {@link
 * dev.retailsync.ecommerce.vendure.VendureConnector} (customers with addresses as parties, a change
 * feed that survives Vendure's {@code updatedAt} gaps, lookups by the {@code externalId} custom
 * field), its {@link dev.retailsync.ecommerce.vendure.VendureConnectorProvider} and {@link
 * dev.retailsync.ecommerce.vendure.VendureCustomerMapping}.
 */
package dev.retailsync.ecommerce.vendure;
