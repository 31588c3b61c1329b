/**
 * ERP connectors (NetSuite, Business Central, SAP S/4HANA, flat files) for retail-sync, with the
 * error taxonomy, version tokens and concurrency gate they share.
 */
module dev.retailsync.erp {
  requires transitive dev.retailsync.core;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.retailsync.erp;
  exports dev.retailsync.erp.businesscentral;
  exports dev.retailsync.erp.businesscentral.fake;
  exports dev.retailsync.erp.file;
  exports dev.retailsync.erp.file.fake;

  provides dev.retailsync.api.spi.ConnectorProvider with
      dev.retailsync.erp.businesscentral.BusinessCentralConnectorProvider,
      dev.retailsync.erp.file.FileConnectorProvider;
}
