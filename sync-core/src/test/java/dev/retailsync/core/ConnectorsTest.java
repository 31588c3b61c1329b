package dev.retailsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, deterministic selection and configuration checks of the connector registry. */
class ConnectorsTest {
  @TempDir Path dir;

  /** A provider with one required URL setting and one optional number. */
  public static class AlphaProvider implements ConnectorProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of(
          ConfigKey.required("baseUrl", ConfigType.URL, "the API host"),
          ConfigKey.optional("batchSize", ConfigType.INT, "200", "records per call"),
          ConfigKey.optional("clientSecret", ConfigType.SECRET, null, "the OAuth client secret"));
    }

    @Override
    public Connector create(ConnectorContext context) {
      return new Connector() {
        @Override
        public SystemId system() {
          return context.system();
        }

        @Override
        public Set<EntityType<?>> entityTypes() {
          return Set.of(EntityType.ACCOUNT);
        }
      };
    }
  }

  /** Another provider claiming the id "alpha". */
  public static class AlphaImpostor extends AlphaProvider {}

  /** A provider with a distinct id. */
  public static class BetaProvider extends AlphaProvider {
    @Override
    public String id() {
      return "beta";
    }
  }

  /** A provider whose constructor fails. */
  public static class BrokenProvider extends AlphaProvider {
    /** Fails, as a provider with a missing dependency would. */
    public BrokenProvider() {
      throw new IllegalStateException("missing licence key");
    }
  }

  private ClassLoader loaderListing(Class<?>... providers) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder sb = new StringBuilder("# test providers\n");
    for (Class<?> c : providers) {
      sb.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(ConnectorProvider.class.getName()), sb);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void discoversProvidersThroughServiceLoader() throws IOException {
    Connectors c =
        Connectors.builder()
            .classLoader(loaderListing(AlphaProvider.class, BetaProvider.class))
            .build();
    assertEquals(Set.of("alpha", "beta"), c.ids());
    assertInstanceOf(BetaProvider.class, c.provider("beta"));
  }

  @Test
  void twoDiscoveredProvidersWithOneIdFailNamingBothClasses() throws IOException {
    ClassLoader cl = loaderListing(AlphaProvider.class, AlphaImpostor.class);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> Connectors.builder().classLoader(cl).build());
    assertTrue(e.getMessage().contains("'alpha'"), e.getMessage());
    assertTrue(e.getMessage().contains(AlphaProvider.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(AlphaImpostor.class.getName()), e.getMessage());
  }

  @Test
  void anExplicitRegistrationWinsOverADiscoveredProvider() throws IOException {
    AlphaImpostor mine = new AlphaImpostor();
    Connectors c =
        Connectors.builder()
            .classLoader(loaderListing(AlphaProvider.class, BetaProvider.class))
            .register(mine)
            .build();
    assertSame(mine, c.provider("alpha"));
    assertInstanceOf(BetaProvider.class, c.provider("beta"));
  }

  @Test
  void twoExplicitRegistrationsWithOneIdFail() {
    assertThrows(
        ConfigurationException.class,
        () ->
            Connectors.builder()
                .discover(false)
                .register(new AlphaProvider())
                .register(new AlphaImpostor())
                .build());
  }

  @Test
  void anUnknownIdListsTheAvailableOnes() throws IOException {
    Connectors c =
        Connectors.builder()
            .classLoader(loaderListing(AlphaProvider.class, BetaProvider.class))
            .build();
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> c.provider("gamma"));
    assertTrue(e.getMessage().contains("'gamma'"), e.getMessage());
    assertTrue(e.getMessage().contains("[alpha, beta]"), e.getMessage());
  }

  @Test
  void aProviderThatCannotBeInstantiatedIsNamed() throws IOException {
    ClassLoader cl = loaderListing(BrokenProvider.class);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> Connectors.builder().classLoader(cl).build());
    assertTrue(e.getMessage().contains(BrokenProvider.class.getName()), e.getMessage());
  }

  @Test
  void createValidatesTheConfigurationAndReportsEachSetting() {
    Connectors c = Connectors.builder().discover(false).register(new AlphaProvider()).build();
    ConnectorContext bad =
        ConnectorContext.builder(SystemId.of("alpha-eu"))
            .config(
                ConnectorConfig.of(
                    Map.of("batchSize", "lots", "clientSecret", "s3cr3t", "baseUrll", "x")))
            .build();
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> c.create("alpha", bad));
    List<String> paths = e.problems().stream().map(FieldError::path).toList();
    assertEquals(List.of("baseUrl", "batchSize", "baseUrll"), paths);
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    assertTrue(!e.getMessage().contains("s3cr3t"), e.getMessage());

    ConnectorContext good =
        ConnectorContext.builder(SystemId.of("alpha-eu"))
            .config(ConnectorConfig.of(Map.of("baseUrl", "https://erp.example.com")))
            .build();
    try (Connector connector = c.create("alpha", good)) {
      assertEquals(SystemId.of("alpha-eu"), connector.system());
    }
  }

  @Test
  void configurationToStringShowsNamesButNeverValues() {
    ConnectorConfig config = ConnectorConfig.of(Map.of("clientSecret", "s3cr3t", "tenant", "acme"));
    assertEquals("ConnectorConfig[clientSecret, tenant]", config.toString());
  }
}
