package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Map<String, String> ENV =
      Map.of(
          "O2C_VENDURE_ADMIN_API_URL", "http://127.0.0.1:3000/admin-api",
          "O2C_VENDURE_API_KEY", "vendure-key-123",
          "O2C_TRYTON_URL", "http://127.0.0.1:8000/",
          "O2C_TRYTON_DATABASE", "shop",
          "O2C_TRYTON_LOGIN", "admin",
          "O2C_TRYTON_PASSWORD", "tryton-pass-456");

  @Test
  void settingsComeFromTheEnvironmentAndSystemPropertiesWin() {
    Settings s = Settings.from(name -> name.equals("o2c.tryton.database") ? "other" : null, ENV);
    assertEquals("http://127.0.0.1:3000/admin-api", s.vendureAdminApiUrl());
    assertEquals("other", s.trytonDatabase());
    assertEquals("tryton-pass-456", s.trytonPassword());
    assertEquals(Path.of("target/order-to-cash-db"), s.stateDirectory());
  }

  @Test
  void everyMissingSettingIsNamedAtOnce() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> Settings.from(name -> null, Map.of("O2C_TRYTON_URL", "http://127.0.0.1:8000/")));
    assertEquals(
        java.util.List.of(
            "o2c.vendure.adminApiUrl",
            "o2c.vendure.apiKey",
            "o2c.tryton.database",
            "o2c.tryton.login",
            "o2c.tryton.password"),
        e.errors().stream().map(FieldError::path).toList());
    assertTrue(e.getMessage().contains("O2C_VENDURE_API_KEY"), e.getMessage());
  }

  @Test
  void toStringHidesTheSecrets() {
    String shown = Settings.from(name -> null, ENV).toString();
    assertFalse(shown.contains("vendure-key-123"), shown);
    assertFalse(shown.contains("tryton-pass-456"), shown);
    assertTrue(shown.contains("http://127.0.0.1:8000/"), shown);
  }
}
