package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SystemIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"salesforce", "acme-erp", "salesforce-eu", "s4hana", "a", "x.y_z-1"})
  void acceptsLowerCaseTokens(String token) {
    SystemId id = SystemId.of(token);
    assertEquals(token, id.value());
    assertEquals(token, id.toString());
  }

  @Test
  void acceptsSixtyFourCharacters() {
    String token = "a".repeat(64);
    assertEquals(token, SystemId.of(token).value());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "Salesforce",
        "SHOPIFY",
        "1erp",
        "-erp",
        "acme erp",
        "acme/erp",
        "acme:erp",
        "sälesforce",
        " netsuite"
      })
  void rejectsMalformedTokensNamingTheValue(String token) {
    ValidationException e = assertThrows(ValidationException.class, () -> SystemId.of(token));
    assertEquals("value", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("SystemId"), e.getMessage());
  }

  @Test
  void rejectsSixtyFiveCharacters() {
    String token = "a".repeat(65);
    ValidationException e = assertThrows(ValidationException.class, () -> SystemId.of(token));
    assertEquals("value", e.errors().get(0).path());
  }

  @Test
  void constantsAreTheWellKnownTokens() {
    assertEquals("salesforce", SystemId.SALESFORCE.value());
    assertEquals("netsuite", SystemId.NETSUITE.value());
    assertEquals("business-central", SystemId.BUSINESS_CENTRAL.value());
    assertEquals("s4hana", SystemId.S4HANA.value());
    assertEquals("shopify", SystemId.SHOPIFY.value());
  }

  @Test
  void equalTokensAreEqualIds() {
    assertEquals(SystemId.SHOPIFY, SystemId.of("shopify"));
    assertEquals(SystemId.SHOPIFY.hashCode(), SystemId.of("shopify").hashCode());
  }

  @Test
  void sortsByToken() {
    TreeSet<SystemId> sorted =
        new TreeSet<>(List.of(SystemId.SHOPIFY, SystemId.NETSUITE, SystemId.SALESFORCE));
    assertEquals(
        List.of(SystemId.NETSUITE, SystemId.SALESFORCE, SystemId.SHOPIFY), List.copyOf(sorted));
  }
}
