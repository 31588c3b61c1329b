package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorConfigTest {
  private static final ConnectorConfig CONFIG =
      ConnectorConfig.of(
          Map.of(
              "baseUrl", "https://acme.example.com",
              "batchSize", " 250 ",
              "sandbox", "TRUE",
              "timeout", "PT45S",
              "clientSecret", "hunter2",
              "blank", " "));

  static Stream<Arguments> typedGetters() {
    return Stream.of(
        Arguments.of(getter(c -> c.getLong("batchSize", 10)), 250L),
        Arguments.of(getter(c -> c.getLong("absent", 10)), 10L),
        Arguments.of(getter(c -> c.getLong("blank", 10)), 10L),
        Arguments.of(getter(c -> c.getBoolean("sandbox", false)), true),
        Arguments.of(getter(c -> c.getBoolean("absent", true)), true),
        Arguments.of(getter(c -> c.getDuration("timeout", Duration.ZERO)), Duration.ofSeconds(45)),
        Arguments.of(
            getter(c -> c.getDuration("absent", Duration.ofMinutes(1))), Duration.ofMinutes(1)),
        Arguments.of(
            getter(c -> c.getUrl("baseUrl", null)), URI.create("https://acme.example.com")),
        Arguments.of(
            getter(c -> c.getUrl("absent", URI.create("https://default.example.com"))),
            URI.create("https://default.example.com")));
  }

  private static Function<ConnectorConfig, Object> getter(Function<ConnectorConfig, Object> f) {
    return f;
  }

  @ParameterizedTest
  @MethodSource("typedGetters")
  void typedGettersParseOrFallBackToTheDefault(
      Function<ConnectorConfig, Object> get, Object expected) {
    assertEquals(expected, get.apply(CONFIG));
  }

  @Test
  void anAbsentUrlWithoutDefaultIsNull() {
    assertNull(CONFIG.getUrl("absent", null));
  }

  static Stream<Arguments> malformedValues() {
    return Stream.of(
        Arguments.of("batchSize", "lots", getter(c -> c.getLong("batchSize", 1))),
        Arguments.of("sandbox", "yes", getter(c -> c.getBoolean("sandbox", false))),
        Arguments.of("timeout", "45s", getter(c -> c.getDuration("timeout", Duration.ZERO))),
        Arguments.of("baseUrl", "acme.example.com", getter(c -> c.getUrl("baseUrl", null))),
        Arguments.of("baseUrl", "ftp://acme.example.com", getter(c -> c.getUrl("baseUrl", null))));
  }

  @ParameterizedTest
  @MethodSource("malformedValues")
  void typedGettersNameTheMalformedSetting(
      String name, String value, Function<ConnectorConfig, Object> get) {
    ConnectorConfig config = ConnectorConfig.of(Map.of(name, value));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> get.apply(config));
    assertEquals(1, e.problems().size());
    assertEquals(name, e.problems().get(0).path());
    assertEquals(value, e.problems().get(0).rejectedValue());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void requireReturnsTheValue() {
    assertEquals("hunter2", CONFIG.require("clientSecret"));
    assertEquals(Optional.of("TRUE"), CONFIG.get("sandbox"));
    assertEquals(Optional.empty(), CONFIG.get("absent"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"absent", "blank"})
  void requireNamesTheMissingSetting(String name) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> CONFIG.require(name));
    FieldError problem = e.problems().get(0);
    assertEquals(name, problem.path());
    assertNull(problem.rejectedValue());
    assertTrue(e.getMessage().contains(name + ": is required"), e.getMessage());
  }

  @Test
  void toStringListsNamesButNoValues() {
    String s = CONFIG.toString();
    assertEquals("ConnectorConfig[baseUrl, batchSize, blank, clientSecret, sandbox, timeout]", s);
    assertFalse(s.contains("hunter2"), s);
  }

  @Test
  void valuesAreASortedUnmodifiableCopy() {
    Map<String, String> source = new HashMap<>(Map.of("b", "2", "a", "1"));
    ConnectorConfig config = ConnectorConfig.of(source);
    source.put("c", "3");
    assertEquals(List.of("a", "b"), List.copyOf(config.values().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> config.values().put("z", "9"));
  }

  @Test
  void withAddsOrReplacesWithoutChangingTheOriginal() {
    ConnectorConfig base = ConnectorConfig.of(Map.of("a", "1"));
    ConnectorConfig changed = base.with("a", "2").with("b", "3");
    assertEquals(Map.of("a", "1"), base.values());
    assertEquals(Map.of("a", "2", "b", "3"), changed.values());
    assertEquals(ConnectorConfig.of(Map.of("a", "2", "b", "3")), changed);
    assertEquals(ConnectorConfig.of(Map.of("a", "1")).hashCode(), base.hashCode());
    assertNotEquals(base, changed);
  }

  @Test
  void emptyHasNoSettings() {
    assertEquals(Map.of(), ConnectorConfig.empty().values());
    assertEquals(ConnectorConfig.of(Map.of()), ConnectorConfig.empty());
  }

  @Test
  void aNullValueIsRejectedNamingTheSetting() {
    Map<String, String> m = new HashMap<>();
    m.put("tenantId", null);
    ValidationException e = assertThrows(ValidationException.class, () -> ConnectorConfig.of(m));
    assertEquals("tenantId", e.errors().get(0).path());
    ValidationException viaWith =
        assertThrows(ValidationException.class, () -> ConnectorConfig.empty().with("x", null));
    assertEquals("x", viaWith.errors().get(0).path());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void aBlankNameIsRejected(String name) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ConnectorConfig.of(Map.of(name, "v")));
    assertEquals("name", e.errors().get(0).path());
  }
}
