package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorContextTest {
  private static final SystemId ERP = SystemId.of("acme-erp");

  interface TokenStore {
    String token();
  }

  record FixedTokenStore(String token) implements TokenStore {}

  @Test
  void defaultsToEmptyConfigAndTheUtcClock() {
    ConnectorContext c = ConnectorContext.builder(ERP).build();
    assertEquals(ERP, c.system());
    assertEquals(ConnectorConfig.empty(), c.config());
    assertEquals(ZoneOffset.UTC, c.clock().getZone());
  }

  @Test
  void keepsConfigAndClock() {
    Clock fixed = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
    ConnectorConfig config = ConnectorConfig.of(Map.of("baseUrl", "https://erp.example.com"));
    ConnectorContext c = ConnectorContext.builder(ERP).config(config).clock(fixed).build();
    assertSame(fixed, c.clock());
    assertEquals(config, c.config());
  }

  @Test
  void servicesAreLookedUpByTheRegisteredType() {
    TokenStore store = new FixedTokenStore("t");
    ConnectorContext c = ConnectorContext.builder(ERP).putService(TokenStore.class, store).build();
    assertEquals(Optional.of(store), c.service(TokenStore.class));
    assertEquals(Optional.empty(), c.service(FixedTokenStore.class));
    assertEquals(Optional.empty(), c.service(String.class));
  }

  @Test
  void aLaterServiceReplacesOneOfTheSameType() {
    TokenStore first = new FixedTokenStore("a");
    TokenStore second = new FixedTokenStore("b");
    ConnectorContext c =
        ConnectorContext.builder(ERP)
            .putService(TokenStore.class, first)
            .putService(TokenStore.class, second)
            .build();
    assertEquals(Optional.of(second), c.service(TokenStore.class));
  }

  @Test
  void servicesAddedAfterBuildDoNotLeakIntoTheContext() {
    ConnectorContext.Builder b = ConnectorContext.builder(ERP);
    ConnectorContext c = b.build();
    b.putService(TokenStore.class, new FixedTokenStore("late"));
    assertEquals(Optional.empty(), c.service(TokenStore.class));
  }

  @Test
  void needsASystem() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ConnectorContext.builder(null).build());
    assertEquals("system", e.errors().get(0).path());
  }

  @Test
  void rejectsMissingPieces() {
    ConnectorContext.Builder b = ConnectorContext.builder(ERP);
    assertEquals(
        "config",
        assertThrows(ValidationException.class, () -> b.config(null)).errors().get(0).path());
    assertEquals(
        "clock",
        assertThrows(ValidationException.class, () -> b.clock(null)).errors().get(0).path());
    assertEquals(
        "service type",
        assertThrows(ValidationException.class, () -> b.putService(null, "x"))
            .errors()
            .get(0)
            .path());
    assertEquals(
        "service",
        assertThrows(ValidationException.class, () -> b.putService(TokenStore.class, null))
            .errors()
            .get(0)
            .path());
  }

  @Test
  void toStringShowsSettingNamesButNotValues() {
    ConnectorContext c =
        ConnectorContext.builder(ERP)
            .config(ConnectorConfig.of(Map.of("clientSecret", "hunter2")))
            .build();
    assertTrue(c.toString().contains("acme-erp"), c.toString());
    assertTrue(c.toString().contains("clientSecret"), c.toString());
    assertFalse(c.toString().contains("hunter2"), c.toString());
  }
}
