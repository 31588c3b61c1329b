package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TrytonConnectorProviderTest {
  private static final Map<String, String> GOOD =
      Map.of(
          "baseUrl", "https://erp.example.com/",
          "database", "retail",
          "login", "sync",
          "password", "s3cret-Value");

  @Test
  void isFoundByServiceLoader() {
    boolean found =
        ServiceLoader.load(ConnectorProvider.class).stream()
            .anyMatch(p -> p.type() == TrytonConnectorProvider.class);
    assertTrue(found, "META-INF/services lists TrytonConnectorProvider");
    assertEquals("tryton", new TrytonConnectorProvider().id());
  }

  @Test
  void aCompleteConfigurationIsValid() {
    assertEquals(List.of(), new TrytonConnectorProvider().validate(ConnectorConfig.of(GOOD)));
  }

  @Test
  void eachBadSettingIsNamedAndTheSecretIsNeverShown() {
    ConnectorConfig bad =
        ConnectorConfig.of(GOOD)
            .with("baseUrl", "erp.example.com")
            .with("database", "a/b")
            .with("gateSize", "0")
            .with("maxBatchSize", "5000")
            .with("pasword", "typo");
    List<FieldError> errors = new TrytonConnectorProvider().validate(bad);
    List<String> paths = errors.stream().map(FieldError::path).toList();
    assertTrue(paths.contains("baseUrl"), paths.toString());
    assertTrue(paths.contains("database"), paths.toString());
    assertTrue(paths.contains("gateSize"), paths.toString());
    assertTrue(paths.contains("maxBatchSize"), paths.toString());
    assertTrue(paths.contains("pasword"), "an unknown setting is an error: " + paths);
    assertFalse(errors.toString().contains("s3cret-Value"), errors.toString());
    assertFalse(errors.toString().contains("typo"), errors.toString());
  }

  @Test
  void feedStatesTrackingFieldAndPartyKindAreCheckedNamingTheValue() {
    ConnectorConfig bad =
        ConnectorConfig.of(GOOD)
            .with("shipmentStates", "done, shipped")
            .with("invoiceStates", "")
            .with("shipmentTrackingField", "Tracking Number")
            .with("partyKind", "COMPANY");
    List<FieldError> errors = new TrytonConnectorProvider().validate(bad);
    assertEquals(
        List.of("shipmentStates", "invoiceStates", "shipmentTrackingField", "partyKind"),
        errors.stream().map(FieldError::path).toList(),
        errors.toString());
    assertTrue(errors.get(0).toString().contains("shipped"), errors.get(0).toString());

    ConnectorConfig good =
        ConnectorConfig.of(GOOD)
            .with("shipmentStates", "packed,done")
            .with("invoiceStates", "posted")
            .with("shipmentTrackingField", "tracking_number")
            .with("partyKind", "ORGANIZATION");
    assertEquals(List.of(), new TrytonConnectorProvider().validate(good));

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                TrytonConnector.builder()
                    .baseUrl("https://erp.example.com/")
                    .database("retail")
                    .credentials("sync", "pw")
                    .shipmentStates(java.util.Set.of("sent"))
                    .shipmentTrackingField("x-y")
                    .build());
    assertEquals(
        List.of("shipmentStates", "shipmentTrackingField"),
        e.errors().stream().map(FieldError::path).toList());
  }

  @Test
  void theConnectorOffersEachEntityTypeItHandles() {
    try (TrytonConnector c =
        TrytonConnector.builder()
            .baseUrl("https://erp.example.com/")
            .database("retail")
            .credentials("sync", "pw")
            .unsharedGate()
            .build()) {
      for (dev.retailsync.api.EntityType<?> t : c.entityTypes()) {
        assertTrue(
            c.reader(t).isPresent() || c.writer(t).isPresent() || c.changeFeed(t).isPresent(),
            t.toString());
      }
      assertTrue(c.writer(dev.retailsync.api.EntityType.ORDER).isPresent());
      assertTrue(c.writer(dev.retailsync.api.EntityType.PARTY).isPresent());
      assertTrue(c.changeFeed(dev.retailsync.api.EntityType.PARTY).isPresent());
      assertTrue(c.changeFeed(dev.retailsync.api.EntityType.SHIPMENT).isPresent());
      assertTrue(c.changeFeed(dev.retailsync.api.EntityType.INVOICE).isPresent());
      assertTrue(c.reader(dev.retailsync.api.EntityType.INVENTORY_POSITION).isPresent());
      assertFalse(c.writer(dev.retailsync.api.EntityType.SHIPMENT).isPresent());
    }
  }

  @Test
  void theBuilderNamesEveryMissingSetting() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> TrytonConnector.builder().build());
    List<String> paths = e.errors().stream().map(FieldError::path).toList();
    assertEquals(List.of("baseUrl", "database", "login", "password"), paths);
  }

  @Test
  void toStringNeverShowsThePassword() {
    TrytonConnector c =
        TrytonConnector.builder()
            .baseUrl("https://erp.example.com/")
            .database("retail")
            .credentials("sync", "s3cret-Value")
            .unsharedGate()
            .build();
    assertFalse(c.toString().contains("s3cret-Value"), c.toString());
    assertTrue(c.toString().contains("retail"), c.toString());
  }
}
