/**
 * The Salesforce connector for retail-sync, and its in-process fake of the Salesforce REST API for
 * tests.
 */
module dev.retailsync.salesforce {
  requires transitive dev.retailsync.core;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.retailsync.salesforce;
  exports dev.retailsync.salesforce.fake;

  provides dev.retailsync.api.spi.ConnectorProvider with
      dev.retailsync.salesforce.SalesforceConnectorProvider;
}
