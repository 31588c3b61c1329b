/**
 * The SAP S/4HANA connector over its OData v2 APIs: {@link
 * dev.retailsync.erp.s4hana.S4HanaConnector} (built directly or through {@link
 * dev.retailsync.erp.s4hana.S4HanaConnectorProvider}, id {@code s4hana}) with its field-by-field
 * overridable mappings {@link dev.retailsync.erp.s4hana.CustomerMapping}, {@link
 * dev.retailsync.erp.s4hana.SalesOrderMapping}, {@link
 * dev.retailsync.erp.s4hana.CustomerReturnMapping} and {@link
 * dev.retailsync.erp.s4hana.DocumentMapping}.
 */
package dev.retailsync.erp.s4hana;
