package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSpecTest {
  private static final String SECRET = "hunter2-Sup3rS3cret";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("baseUrl", ConfigType.URL, "The instance URL"),
          ConfigKey.required("clientId", ConfigType.STRING, null),
          ConfigKey.required("clientSecret", ConfigType.SECRET, "The OAuth client secret"),
          ConfigKey.optional("batchSize", ConfigType.INT, "200", null),
          ConfigKey.optional("sandbox", ConfigType.BOOLEAN, null, null),
          ConfigKey.optional("timeout", ConfigType.DURATION, "PT30S", null),
          new ConfigKey("region", ConfigType.STRING, true, "eu", "Data centre region"));

  private static Map<String, String> valid() {
    Map<String, String> m = new HashMap<>();
    m.put("baseUrl", "https://acme.my.salesforce.com");
    m.put("clientId", "3MVG9");
    m.put("clientSecret", SECRET);
    m.put("batchSize", "500");
    m.put("sandbox", "false");
    m.put("timeout", "PT1M");
    return m;
  }

  private static List<FieldError> validate(Map<String, String> values) {
    return SPEC.validate(ConnectorConfig.of(values));
  }

  @Test
  void aCompleteConfigurationIsValid() {
    assertEquals(List.of(), validate(valid()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"batchSize", "sandbox", "timeout"})
  void optionalSettingsMayBeLeftOut(String name) {
    Map<String, String> m = valid();
    m.remove(name);
    assertEquals(List.of(), validate(m));
  }

  @Test
  void aRequiredSettingWithADefaultMayBeLeftOut() {
    assertEquals(List.of(), validate(valid()));
    assertFalse(valid().containsKey("region"));
  }

  @ParameterizedTest
  @CsvSource({
    "baseUrl, The instance URL",
    "clientId, a string setting",
    "clientSecret, The OAuth client secret"
  })
  void aMissingRequiredSettingIsNamedWithItsDocumentation(String name, String described) {
    Map<String, String> m = valid();
    m.remove(name);
    List<FieldError> errors = validate(m);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals(name, errors.get(0).path());
    assertNull(errors.get(0).rejectedValue());
    assertEquals("is required: " + described, errors.get(0).message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void aBlankRequiredSettingCountsAsMissing(String blank) {
    Map<String, String> m = valid();
    m.put("clientId", blank);
    List<FieldError> errors = validate(m);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("clientId", errors.get(0).path());
  }

  @ParameterizedTest
  @CsvSource({
    "batchSize, ten, whole number",
    "batchSize, 1.5, whole number",
    "batchSize, 99999999999999999999, whole number",
    "sandbox, yes, true or false",
    "sandbox, 1, true or false",
    "baseUrl, acme.my.salesforce.com, http or https URL",
    "baseUrl, ftp://files.example.com, http or https URL",
    "baseUrl, https://, http or https URL",
    "baseUrl, https://exa mple.com, http or https URL",
    "baseUrl, mailto:ops@example.com, http or https URL",
    "timeout, 30s, ISO-8601 duration",
    "timeout, PT, ISO-8601 duration"
  })
  void aMalformedValueIsNamedAndShown(String name, String value, String hint) {
    Map<String, String> m = valid();
    m.put(name, value);
    List<FieldError> errors = validate(m);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals(name, errors.get(0).path());
    assertEquals(value, errors.get(0).rejectedValue());
    assertTrue(errors.get(0).message().contains(hint), errors.get(0).message());
  }

  @ParameterizedTest
  @CsvSource({
    "batchSize, ' 250 '",
    "batchSize, -1",
    "sandbox, TRUE",
    "sandbox, False",
    "baseUrl, http://localhost:8080",
    "baseUrl, https://acme.example.com/services/v1?x=1",
    "timeout, pt30s",
    "timeout, P1DT2H"
  })
  void wellFormedValuesAreAccepted(String name, String value) {
    Map<String, String> m = valid();
    m.put(name, value);
    assertEquals(List.of(), validate(m));
  }

  @Test
  void unknownSettingsAreReportedWithTheKnownNames() {
    Map<String, String> m = valid();
    m.put("baseURL", "https://typo.example.com");
    List<FieldError> errors = validate(m);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("baseURL", errors.get(0).path());
    assertNull(errors.get(0).rejectedValue());
    assertTrue(
        errors
            .get(0)
            .message()
            .contains("[baseUrl, clientId, clientSecret, batchSize, sandbox, timeout, region]"),
        errors.get(0).message());
  }

  @Test
  void everyProblemIsReported() {
    Map<String, String> m = valid();
    m.remove("clientId");
    m.put("batchSize", "many");
    m.put("colour", "blue");
    List<String> paths = validate(m).stream().map(FieldError::path).toList();
    assertEquals(List.of("clientId", "batchSize", "colour"), paths);
  }

  @Test
  void secretsNeverAppearInErrors() {
    // A secret under a mistyped name, another setting wrong, the real secret present.
    Map<String, String> m = valid();
    m.put("clientSecrett", SECRET);
    m.put("batchSize", "x");
    List<FieldError> errors = validate(m);
    assertEquals(2, errors.size(), errors::toString);
    for (FieldError e : errors) {
      assertFalse(String.valueOf(e.rejectedValue()).contains(SECRET), e::toString);
      assertFalse(e.message().contains(SECRET), e::toString);
      assertFalse(e.toString().contains(SECRET), e::toString);
    }
  }

  @Test
  void aMissingSecretIsReportedWithoutAValue() {
    Map<String, String> m = valid();
    m.put("clientSecret", " ");
    FieldError e = validate(m).get(0);
    assertEquals("clientSecret", e.path());
    assertNull(e.rejectedValue());
  }

  @Test
  void keysKeepDeclarationOrderAndCanBeLookedUp() {
    assertEquals(
        List.of("baseUrl", "clientId", "clientSecret", "batchSize", "sandbox", "timeout", "region"),
        SPEC.keys().stream().map(ConfigKey::name).toList());
    assertEquals(Optional.of(ConfigType.INT), SPEC.key("batchSize").map(ConfigKey::type));
    assertEquals(Optional.empty(), SPEC.key("nope"));
  }

  @Test
  void aSettingDeclaredTwiceIsRejected() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ConfigSpec.of(
                    ConfigKey.required("baseUrl", ConfigType.URL, null),
                    ConfigKey.optional("baseUrl", ConfigType.STRING, null, null)));
    assertEquals("keys", e.errors().get(0).path());
    assertEquals("baseUrl", e.errors().get(0).rejectedValue());
  }

  @Test
  void anEmptySpecificationAcceptsOnlyAnEmptyConfiguration() {
    ConfigSpec none = ConfigSpec.of();
    assertEquals(List.of(), none.validate(ConnectorConfig.empty()));
    assertEquals(
        List.of("x"),
        none.validate(ConnectorConfig.of(Map.of("x", "1"))).stream()
            .map(FieldError::path)
            .toList());
  }
}
