package dev.retailsync.api.spi;

import dev.retailsync.api.FieldError;
import java.util.List;

/**
 * Creates connectors of one kind. Providers are discovered through {@link java.util.ServiceLoader}
 * (declare them in {@code META-INF/services/dev.retailsync.api.spi.ConnectorProvider} and with
 * {@code provides} in {@code module-info.java}) or registered explicitly by the host; an explicit
 * registration wins over a discovered provider with the same id, and two discovered providers with
 * one id are an error.
 *
 * <p>Implementations must have a public no-argument constructor, be thread-safe and cheap to
 * create: the registry instantiates every provider it finds, but only calls {@link #create} for the
 * ones the host uses.
 */
public interface ConnectorProvider {

  /**
   * Returns the id hosts select this provider by, such as {@code "netsuite"} or {@code "acme-erp"}:
   * a lower-case token, unique among the providers on the class or module path.
   *
   * @return the id
   */
  String id();

  /**
   * Returns a one-line description of the connector, shown when hosts list what is available.
   *
   * @return the description
   */
  default String description() {
    return id();
  }

  /**
   * Returns the settings this connector takes.
   *
   * @return the configuration specification
   */
  ConfigSpec configSpec();

  /**
   * Validates a configuration and returns one error per offending setting. The default checks the
   * configuration against {@link #configSpec()}; override to add rules that span settings, and
   * include the default's errors.
   *
   * @param config the configuration
   * @return the errors; empty when the configuration is valid
   */
  default List<FieldError> validate(ConnectorConfig config) {
    return configSpec().validate(config);
  }

  /**
   * Creates a connector. Called only with a configuration that {@link #validate} accepted.
   *
   * @param context the configuration, clock and host services
   * @return a new connector, owned by the caller, who closes it
   * @throws dev.retailsync.api.SyncException if the connector cannot be created
   */
  Connector create(ConnectorContext context);
}
