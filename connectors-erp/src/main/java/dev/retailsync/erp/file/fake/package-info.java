/**
 * An in-process ERP that exchanges flat files through the connector's directory, for unit tests of
 * mappings and flows without a real ERP.
 */
package dev.retailsync.erp.file.fake;
