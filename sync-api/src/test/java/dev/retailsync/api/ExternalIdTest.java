package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalIdTest {

  @Test
  void rendersAsSystemColonId() {
    assertEquals("netsuite:1234", ExternalId.of(SystemId.NETSUITE, "1234").toString());
    assertEquals(
        "shopify:gid://shopify/Customer/42",
        ExternalId.of("shopify", "gid://shopify/Customer/42").toString());
  }

  @Test
  void factoriesAgree() {
    assertEquals(ExternalId.of(SystemId.SALESFORCE, "001xx"), ExternalId.of("salesforce", "001xx"));
  }

  @Test
  void keepsTheIdUnchanged() {
    ExternalId id = ExternalId.of(SystemId.NETSUITE, "C-0001 ");
    assertEquals("C-0001 ", id.id());
    assertEquals(SystemId.NETSUITE, id.system());
  }

  @Test
  void rejectsAMissingSystem() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ExternalId.of((SystemId) null, "1"));
    assertEquals("system", e.errors().get(0).path());
  }

  @Test
  void rejectsAMalformedSystemToken() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ExternalId.of("NetSuite", "1"));
    assertEquals("value", e.errors().get(0).path());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t", "\n"})
  void rejectsABlankId(String id) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ExternalId.of(SystemId.SHOPIFY, id));
    assertEquals("id", e.errors().get(0).path());
  }

  @Test
  void acceptsTwoHundredFiftyFiveCharacters() {
    String id = "x".repeat(255);
    assertEquals(id, ExternalId.of(SystemId.SHOPIFY, id).id());
  }

  @Test
  void rejectsALongerIdWithoutEchoingAllOfIt() {
    String id = "x".repeat(255) + "TAIL";
    ValidationException e =
        assertThrows(ValidationException.class, () -> ExternalId.of(SystemId.SHOPIFY, id));
    assertEquals("id", e.errors().get(0).path());
    assertFalse(e.getMessage().contains("TAIL"), e.getMessage());
  }
}
