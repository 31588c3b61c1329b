/**
 * Acme's own ERP connector for retail-sync: written against {@code dev.retailsync.api} only, and
 * found by the host through {@link java.util.ServiceLoader}.
 */
module com.example.acme.erp {
  requires transitive dev.retailsync.api;

  exports com.example.acme.erp;

  provides dev.retailsync.api.spi.ConnectorProvider with
      com.example.acme.erp.AcmeErpConnectorProvider;
}
