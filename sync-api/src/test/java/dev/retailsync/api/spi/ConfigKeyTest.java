package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigKeyTest {

  @Test
  void requiredHasNoDefault() {
    ConfigKey k = ConfigKey.required("baseUrl", ConfigType.URL, "The instance URL");
    assertTrue(k.required());
    assertNull(k.defaultValue());
    assertEquals("The instance URL", k.documentation());
  }

  @Test
  void optionalKeepsItsDefault() {
    ConfigKey k = ConfigKey.optional("batchSize", ConfigType.INT, "200", null);
    assertFalse(k.required());
    assertEquals("200", k.defaultValue());
    assertEquals("", k.documentation());
  }

  @ParameterizedTest
  @EnumSource(ConfigType.class)
  void onlySecretSettingsAreSecret(ConfigType type) {
    assertEquals(
        type == ConfigType.SECRET, ConfigKey.required("x", type, null).secret(), type::name);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void needsAName(String name) {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> ConfigKey.required(name, ConfigType.STRING, null));
    assertEquals("name", e.errors().get(0).path());
  }

  @Test
  void needsAType() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ConfigKey.required("x", null, null));
    assertEquals("type", e.errors().get(0).path());
  }
}
