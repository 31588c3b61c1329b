/**
 * The flat-file ERP connector: customers, stock levels, sales orders and shipments exchanged as CSV
 * or JSON Lines files through an inbox, an outbox and an archive. Start with {@link
 * dev.retailsync.erp.file.FileConnector}.
 */
package dev.retailsync.erp.file;
