package dev.retailsync.api.spi;

import dev.retailsync.api.internal.Checks;

/**
 * One setting a connector takes: its name, type, whether it is required, its default and its
 * documentation. Secret settings (passwords, client secrets, private keys) are never shown in
 * messages or {@code toString()}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the setting's name, such as {@code "baseUrl"}
 * @param type the setting's type
 * @param required whether the setting must be given
 * @param defaultValue the value used when the setting is absent, or {@code null}
 * @param documentation what the setting does
 */
public record ConfigKey(
    String name, ConfigType type, boolean required, String defaultValue, String documentation) {

  // Checks the components; see the class documentation for the rules.
  public ConfigKey {
    Checks.requiredText("ConfigKey", "name", name);
    Checks.required("ConfigKey", "type", type);
    documentation = documentation == null ? "" : documentation;
  }

  /**
   * Returns a required setting.
   *
   * @param name the name
   * @param type the type
   * @param documentation what the setting does
   * @return the key
   */
  public static ConfigKey required(String name, ConfigType type, String documentation) {
    return new ConfigKey(name, type, true, null, documentation);
  }

  /**
   * Returns an optional setting with a default.
   *
   * @param name the name
   * @param type the type
   * @param defaultValue the default, or {@code null} for none
   * @param documentation what the setting does
   * @return the key
   */
  public static ConfigKey optional(
      String name, ConfigType type, String defaultValue, String documentation) {
    return new ConfigKey(name, type, false, defaultValue, documentation);
  }

  /**
   * Tells whether the setting holds a secret.
   *
   * @return {@code true} for {@link ConfigType#SECRET}
   */
  public boolean secret() {
    return type == ConfigType.SECRET;
  }
}
