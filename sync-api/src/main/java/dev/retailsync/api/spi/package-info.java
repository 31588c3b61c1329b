/**
 * The connector SPI, shaped after Kafka Connect: a {@link dev.retailsync.api.spi.ConnectorProvider}
 * discovered through {@link java.util.ServiceLoader} creates a {@link
 * dev.retailsync.api.spi.Connector}, which offers per entity type a change feed, a reader and a
 * writer, plus domain operations where the platform has them.
 *
 * <p>A company that writes its own ERP connector implements these interfaces against this module
 * only, declares its provider in {@code META-INF/services/dev.retailsync.api.spi.ConnectorProvider}
 * and in {@code module-info.java} ({@code provides dev.retailsync.api.spi.ConnectorProvider with
 * ...}), and ships it as its own jar.
 */
package dev.retailsync.api.spi;
