package dev.retailsync.api.spi;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a connector takes, and the checks that apply to them: required settings present,
 * values of the right type, no unknown settings (a typo in a setting's name is an error, not a
 * silently ignored value).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConfigSpec {
  private final Map<String, ConfigKey> keys;

  private ConfigSpec(Map<String, ConfigKey> keys) {
    this.keys = keys;
  }

  /**
   * Returns a specification with the given settings.
   *
   * @param keys the settings
   * @return the specification
   * @throws ValidationException if two settings share a name
   */
  public static ConfigSpec of(ConfigKey... keys) {
    return of(List.of(keys));
  }

  /**
   * Returns a specification with the given settings.
   *
   * @param keys the settings
   * @return the specification
   * @throws ValidationException if two settings share a name
   */
  public static ConfigSpec of(List<ConfigKey> keys) {
    Map<String, ConfigKey> map = new LinkedHashMap<>();
    for (ConfigKey k : keys) {
      if (map.put(k.name(), k) != null) {
        throw ValidationException.of("ConfigSpec", "keys", k.name(), "is declared twice");
      }
    }
    return new ConfigSpec(Collections.unmodifiableMap(map));
  }

  /**
   * Returns the settings, in declaration order.
   *
   * @return the settings
   */
  public List<ConfigKey> keys() {
    return List.copyOf(keys.values());
  }

  /**
   * Returns one setting.
   *
   * @param name the setting's name
   * @return the setting, or empty when this specification has none of that name
   */
  public Optional<ConfigKey> key(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /**
   * Checks a configuration against this specification.
   *
   * @param config the configuration
   * @return one error per missing, malformed or unknown setting; empty when it is valid
   */
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>();
    for (ConfigKey k : keys.values()) {
      String v = config.values().get(k.name());
      if (v == null || v.isBlank()) {
        if (k.required() && k.defaultValue() == null) {
          errors.add(FieldError.redacted(k.name(), "is required: " + describe(k)));
        }
        continue;
      }
      String problem = check(k.type(), v.trim());
      if (problem != null) {
        errors.add(
            k.secret()
                ? FieldError.redacted(k.name(), problem)
                : FieldError.of(k.name(), v, problem));
      }
    }
    for (String name : config.values().keySet()) {
      if (!keys.containsKey(name)) {
        errors.add(
            FieldError.redacted(
                name, "is not a setting of this connector; known settings: " + keys.keySet()));
      }
    }
    return errors;
  }

  private static String describe(ConfigKey k) {
    return k.documentation().isEmpty()
        ? "a " + k.type().name().toLowerCase(java.util.Locale.ROOT) + " setting"
        : k.documentation();
  }

  static String check(ConfigType type, String v) {
    switch (type) {
      case INT:
        try {
          Long.parseLong(v);
          return null;
        } catch (NumberFormatException e) {
          return "must be a whole number";
        }
      case BOOLEAN:
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
            ? null
            : "must be true or false";
      case URL:
        try {
          URI uri = new URI(v);
          String scheme = uri.getScheme();
          return uri.getHost() != null && ("https".equals(scheme) || "http".equals(scheme))
              ? null
              : "must be an absolute http or https URL, such as https://example.my.salesforce.com";
        } catch (URISyntaxException e) {
          return "must be an absolute http or https URL: " + e.getReason();
        }
      case DURATION:
        try {
          Duration.parse(v);
          return null;
        } catch (DateTimeParseException e) {
          return "must be an ISO-8601 duration such as PT30S";
        }
      default:
        return null;
    }
  }
}
