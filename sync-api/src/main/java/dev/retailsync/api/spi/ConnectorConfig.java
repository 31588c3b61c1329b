package dev.retailsync.api.spi;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings a host gives one connector instance, as text: base URLs, token endpoints, tenant
 * ids, credentials, batch sizes. Typed getters parse on demand and fail with a {@link
 * ConfigurationException} naming the setting.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} lists the setting names only,
 * never their values, since some are secrets.
 */
public final class ConnectorConfig {
  private static final ConnectorConfig EMPTY = new ConnectorConfig(Map.of());

  private final Map<String, String> values;

  private ConnectorConfig(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Returns an empty configuration.
   *
   * @return the configuration
   */
  public static ConnectorConfig empty() {
    return EMPTY;
  }

  /**
   * Returns a configuration holding a copy of the given settings.
   *
   * @param values the settings; names must not be blank and values must not be {@code null}
   * @return the configuration
   * @throws dev.retailsync.api.ValidationException if a name is blank or a value is {@code null}
   */
  public static ConnectorConfig of(Map<String, String> values) {
    Map<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      Checks.requiredText("ConnectorConfig", "name", e.getKey());
      copy.put(e.getKey(), Checks.required("ConnectorConfig", e.getKey(), e.getValue()));
    }
    return new ConnectorConfig(Collections.unmodifiableMap(copy));
  }

  /**
   * Returns a copy with one more setting, or with one replaced.
   *
   * @param name the setting's name
   * @param value its value
   * @return the copy
   */
  public ConnectorConfig with(String name, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(name, value);
    return of(copy);
  }

  /**
   * Returns every setting.
   *
   * @return an unmodifiable map sorted by name
   */
  public Map<String, String> values() {
    return values;
  }

  /**
   * Returns a text setting.
   *
   * @param name the setting's name
   * @return the value, or empty when absent
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * Returns a required text setting.
   *
   * @param name the setting's name
   * @return the value
   * @throws ConfigurationException if the setting is absent
   */
  public String require(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw problem(FieldError.redacted(name, "is required"));
    }
    return v;
  }

  /**
   * Returns a whole-number setting.
   *
   * @param name the setting's name
   * @param defaultValue the value when the setting is absent
   * @return the value
   * @throws ConfigurationException if the value is not a whole number
   */
  public long getLong(String name, long defaultValue) {
    return parse(name, ConfigType.INT, defaultValue, Long::parseLong);
  }

  /**
   * Returns a boolean setting.
   *
   * @param name the setting's name
   * @param defaultValue the value when the setting is absent
   * @return the value
   * @throws ConfigurationException if the value is not {@code true} or {@code false}
   */
  public boolean getBoolean(String name, boolean defaultValue) {
    return parse(name, ConfigType.BOOLEAN, defaultValue, Boolean::parseBoolean);
  }

  /**
   * Returns an ISO-8601 duration setting.
   *
   * @param name the setting's name
   * @param defaultValue the value when the setting is absent
   * @return the value
   * @throws ConfigurationException if the value is not a duration
   */
  public Duration getDuration(String name, Duration defaultValue) {
    return parse(name, ConfigType.DURATION, defaultValue, Duration::parse);
  }

  /**
   * Returns a URL setting.
   *
   * @param name the setting's name
   * @param defaultValue the value when the setting is absent, or {@code null}
   * @return the value, or {@code defaultValue}
   * @throws ConfigurationException if the value is not an absolute http or https URL
   */
  public URI getUrl(String name, URI defaultValue) {
    return parse(name, ConfigType.URL, defaultValue, URI::create);
  }

  /**
   * Lists the setting names, never their values.
   *
   * @return the rendering
   */
  @Override
  public String toString() {
    return "ConnectorConfig" + values.keySet();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectorConfig c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  private <T> T parse(
      String name, ConfigType type, T defaultValue, java.util.function.Function<String, T> parser) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    String problem = ConfigSpec.check(type, v.trim());
    if (problem != null) {
      throw problem(FieldError.of(name, v, problem));
    }
    return parser.apply(v.trim());
  }

  private static ConfigurationException problem(FieldError e) {
    return new ConfigurationException("connector settings", List.of(e));
  }
}
