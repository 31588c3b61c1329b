/**
 * The NetSuite connector (SuiteTalk REST web services): {@link
 * dev.retailsync.erp.netsuite.NetSuiteConnector}, its provider, its OAuth 2.0 M2M credentials and
 * its default mappings. The in-process fake lives in {@code dev.retailsync.erp.netsuite.fake}.
 */
package dev.retailsync.erp.netsuite;
