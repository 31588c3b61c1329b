package dev.retailsync.core;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The connector providers a host can use: those registered explicitly and those discovered through
 * {@link ServiceLoader} on the class path or module path.
 *
 * <p>Selection is deterministic: an explicitly registered provider wins over a discovered one with
 * the same id; two discovered providers with one id, or two explicit ones, fail fast with a {@link
 * ConfigurationException} naming both classes (remove one jar, or register the one you want
 * explicitly); asking for an unknown id lists the ids available.
 *
 * <pre>{@code
 * Connectors connectors = Connectors.builder().build();          // discover
 * Connector erp = connectors.create("acme-erp", context);        // validate, then create
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; build one per host and reuse it.
 */
public final class Connectors {
  private final Map<String, ConnectorProvider> providers;

  private Connectors(Map<String, ConnectorProvider> providers) {
    this.providers = providers;
  }

  /**
   * Returns a builder that discovers providers with the thread's context class loader.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the ids of every available provider, sorted.
   *
   * @return the ids
   */
  public Set<String> ids() {
    return providers.keySet();
  }

  /**
   * Returns every available provider, sorted by id.
   *
   * @return the providers
   */
  public List<ConnectorProvider> providers() {
    return List.copyOf(providers.values());
  }

  /**
   * Looks up a provider.
   *
   * @param id the provider's id
   * @return the provider, or empty when none has that id
   */
  public Optional<ConnectorProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /**
   * Returns a provider.
   *
   * @param id the provider's id
   * @return the provider
   * @throws ConfigurationException if no provider has that id; the message lists those that do
   */
  public ConnectorProvider provider(String id) {
    ConnectorProvider p = providers.get(id);
    if (p == null) {
      throw new ConfigurationException(
          "No connector provider has id '"
              + id
              + "'; available: "
              + providers.keySet()
              + ". Add the connector's jar to the class or module path, or register its provider"
              + " with Connectors.builder().register(...)");
    }
    return p;
  }

  /**
   * Validates the context's configuration with the provider, then creates a connector.
   *
   * @param id the provider's id
   * @param context the connector's system id, configuration, clock and host services
   * @return the new connector, owned by the caller
   * @throws ConfigurationException if the id is unknown or the configuration is invalid; the
   *     exception lists one problem per offending setting
   */
  public Connector create(String id, ConnectorContext context) {
    ConnectorProvider p = provider(id);
    List<FieldError> problems = p.validate(context.config());
    if (!problems.isEmpty()) {
      throw new ConfigurationException("connector '" + id + "'", problems);
    }
    return p.create(context);
  }

  @Override
  public String toString() {
    return "Connectors" + providers.keySet();
  }

  /** Builds a {@link Connectors} registry. Not thread-safe. */
  public static final class Builder {
    private final List<ConnectorProvider> explicit = new ArrayList<>();
    private ClassLoader classLoader;
    private boolean discover = true;

    private Builder() {}

    /**
     * Sets the class loader to discover providers with; by default the thread's context class
     * loader, or this class's loader when there is none.
     *
     * @param classLoader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * Turns {@link ServiceLoader} discovery on (the default) or off.
     *
     * @param discover whether to discover providers
     * @return this builder
     */
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /**
     * Registers a provider explicitly; it wins over a discovered provider with the same id.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder register(ConnectorProvider provider) {
      if (provider == null) {
        throw new ConfigurationException("Connectors.register: provider must not be null");
      }
      explicit.add(provider);
      return this;
    }

    /**
     * Discovers and indexes the providers.
     *
     * @return the registry
     * @throws ConfigurationException if a provider cannot be loaded, has a blank id, or two
     *     providers of the same origin (both discovered or both explicit) share an id
     */
    public Connectors build() {
      Map<String, ConnectorProvider> discovered = new LinkedHashMap<>();
      if (discover) {
        ClassLoader cl = classLoader;
        if (cl == null) {
          cl = Thread.currentThread().getContextClassLoader();
        }
        if (cl == null) {
          cl = Connectors.class.getClassLoader();
        }
        for (ConnectorProvider p : load(cl)) {
          index(discovered, p, "discovered");
        }
      }
      Map<String, ConnectorProvider> registered = new LinkedHashMap<>();
      for (ConnectorProvider p : explicit) {
        index(registered, p, "explicitly registered");
      }
      Map<String, ConnectorProvider> all = new TreeMap<>(discovered);
      all.putAll(registered);
      return new Connectors(Collections.unmodifiableMap(all));
    }

    private static List<ConnectorProvider> load(ClassLoader cl) {
      List<ConnectorProvider> found = new ArrayList<>();
      try {
        for (ServiceLoader.Provider<ConnectorProvider> p :
            ServiceLoader.load(ConnectorProvider.class, cl).stream().toList()) {
          found.add(instantiate(p));
        }
      } catch (ServiceConfigurationError e) {
        throw new ConfigurationException(
            "Cannot load connector providers: "
                + e.getMessage()
                + ". Check the META-INF/services entry or 'provides' clause of the jar named");
      }
      return found;
    }

    private static ConnectorProvider instantiate(ServiceLoader.Provider<ConnectorProvider> p) {
      try {
        return p.get();
      } catch (ServiceConfigurationError | RuntimeException e) {
        throw new ConfigurationException(
            "Cannot instantiate connector provider "
                + p.type().getName()
                + ": "
                + e.getMessage()
                + ". A provider needs a public no-argument constructor that does not fail");
      }
    }

    private static void index(
        Map<String, ConnectorProvider> map, ConnectorProvider p, String origin) {
      String id = p.id();
      if (id == null || id.isBlank()) {
        throw new ConfigurationException(
            "Connector provider " + p.getClass().getName() + " has a blank id()");
      }
      ConnectorProvider previous = map.putIfAbsent(id, p);
      if (previous != null) {
        throw new ConfigurationException(
            "Two "
                + origin
                + " connector providers have id '"
                + id
                + "': "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName()
                + ". Remove one from the class path, or register the one to use explicitly");
      }
    }
  }
}
