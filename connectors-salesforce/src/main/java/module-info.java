/**
 * Salesforce connector (REST, Bulk API 2.0) for retail-sync. Exports nothing yet: the connector
 * lands with its own issue.
 */
module dev.retailsync.salesforce {
  requires dev.retailsync.core;
}
