/**
 * ERP connectors (NetSuite, Business Central, SAP S/4HANA, flat files) for retail-sync. Exports
 * nothing yet: the connector lands with its own issue.
 */
module dev.retailsync.erp {
  requires dev.retailsync.core;
}
