package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "abc-123", "scope:netsuite:account:42:v7", "!~{}[]|", "A_B.C"})
  void acceptsPrintableAscii(String value) {
    CorrelationId id = CorrelationId.of(value);
    assertEquals(value, id.value());
    assertEquals(value, id.toString());
  }

  @Test
  void acceptsTheMaximumLength() {
    String value = "k".repeat(128);
    assertEquals(value, CorrelationId.of(value).value());
  }

  @Test
  void rejectsOneCharacterMoreThanTheMaximum() {
    String value = "k".repeat(128 + 1);
    ValidationException e = assertThrows(ValidationException.class, () -> CorrelationId.of(value));
    assertEquals("value", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("128"), e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void rejectsMissingOrBlankValues(String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> CorrelationId.of(value));
    assertEquals("value", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("CorrelationId"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "tab\tbed", "line\nbreak", "café", "naïve-key", "€100", "x\u007f"})
  void rejectsSpacesControlCharactersAndNonAscii(String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> CorrelationId.of(value));
    assertEquals("value", e.errors().get(0).path());
  }

  @Test
  void uuidFactoryUsesTheCanonicalLowerCaseForm() {
    UUID uuid = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
    CorrelationId id = CorrelationId.of(uuid);
    assertEquals("123e4567-e89b-12d3-a456-426614174000", id.value());
    assertEquals(CorrelationId.of("123e4567-e89b-12d3-a456-426614174000"), id);
  }

  @Test
  void differentValuesAreDifferentIds() {
    assertNotEquals(CorrelationId.of(UUID.randomUUID()), CorrelationId.of(UUID.randomUUID()));
  }
}
