/**
 * ERP connectors (NetSuite, Business Central, SAP S/4HANA, Tryton, flat files) for retail-sync,
 * with the error taxonomy, version tokens and concurrency gate they share.
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
  exports dev.retailsync.erp.netsuite;
  exports dev.retailsync.erp.netsuite.fake;
  exports dev.retailsync.erp.s4hana;
  exports dev.retailsync.erp.s4hana.fake;
  exports dev.retailsync.erp.tryton;

  provides dev.retailsync.api.spi.ConnectorProvider with
      dev.retailsync.erp.businesscentral.BusinessCentralConnectorProvider,
      dev.retailsync.erp.file.FileConnectorProvider,
      dev.retailsync.erp.netsuite.NetSuiteConnectorProvider,
      dev.retailsync.erp.s4hana.S4HanaConnectorProvider,
      dev.retailsync.erp.tryton.TrytonConnectorProvider;
}
