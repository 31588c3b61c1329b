package dev.retailsync.api.spi;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.internal.Checks;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ConnectorProvider} gets to create a connector: the instance's system id, its
 * settings, the clock to read time from, and services the host supplies (such as a shared {@code
 * okhttp3.OkHttpClient} or a token store), looked up by type so that this API names no third-party
 * type.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConnectorContext {
  private final SystemId system;
  private final ConnectorConfig config;
  private final Clock clock;
  private final Map<Class<?>, Object> services;

  private ConnectorContext(Builder b) {
    this.system = Checks.required("ConnectorContext", "system", b.system);
    this.config = b.config;
    this.clock = b.clock;
    this.services = Map.copyOf(b.services);
  }

  /**
   * Returns a builder.
   *
   * @param system the system id the connector instance will report, such as {@code "acme-erp"}
   * @return the builder
   */
  public static Builder builder(SystemId system) {
    return new Builder(system);
  }

  /**
   * Returns the system id of the connector instance.
   *
   * @return the system id
   */
  public SystemId system() {
    return system;
  }

  /**
   * Returns the instance's settings.
   *
   * @return the settings
   */
  public ConnectorConfig config() {
    return config;
  }

  /**
   * Returns the clock the connector must read time from (tests pass a fixed or fake clock).
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns a service the host supplied.
   *
   * @param type the service's type, such as {@code okhttp3.OkHttpClient.class}
   * @param <T> the type
   * @return the service, or empty when the host supplied none of that type
   */
  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(type.cast(services.get(type)));
  }

  @Override
  public String toString() {
    return "ConnectorContext[system=" + system + ", config=" + config + "]";
  }

  /** Builds a {@link ConnectorContext}. Not thread-safe. */
  public static final class Builder {
    private final SystemId system;
    private ConnectorConfig config = ConnectorConfig.empty();
    private Clock clock = Clock.systemUTC();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();

    private Builder(SystemId system) {
      this.system = system;
    }

    /**
     * Sets the settings; empty by default.
     *
     * @param config the settings
     * @return this builder
     */
    public Builder config(ConnectorConfig config) {
      this.config = Checks.required("ConnectorContext", "config", config);
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.required("ConnectorContext", "clock", clock);
      return this;
    }

    /**
     * Adds a host service, replacing one of the same type.
     *
     * @param type the type the connector will look it up by
     * @param service the service
     * @param <T> the type
     * @return this builder
     */
    public <T> Builder putService(Class<T> type, T service) {
      services.put(
          Checks.required("ConnectorContext", "service type", type),
          Checks.required("ConnectorContext", "service", service));
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public ConnectorContext build() {
      return new ConnectorContext(this);
    }
  }
}
