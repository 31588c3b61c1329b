/**
 * The Business Central connector: API v2.0 (OData v4) with Entra ID client-credentials tokens,
 * {@code $batch} upserts with one outcome per record, {@code @odata.etag} compare-and-set, a {@code
 * lastModifiedDateTime} change feed, idempotent order creation, and default mappings for customers,
 * items, sales orders, shipments, invoices and credit memos. Start with {@link
 * dev.retailsync.erp.businesscentral.BusinessCentralConnector#builder()}.
 */
package dev.retailsync.erp.businesscentral;
