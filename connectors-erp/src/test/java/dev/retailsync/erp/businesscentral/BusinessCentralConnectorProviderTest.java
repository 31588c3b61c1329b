package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.Connectors;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The provider: discovery, configuration checks, and a connector built from settings. */
class BusinessCentralConnectorProviderTest {

  @Test
  void isDiscoveredByIdAndRefusesIncompleteSettingsNamingEach() {
    Connectors connectors = Connectors.builder().build();
    assertTrue(connectors.ids().contains("business-central"), connectors.ids().toString());
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                connectors.create(
                    "business-central",
                    ConnectorContext.builder(SystemId.BUSINESS_CENTRAL)
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "clientId", "app-id",
                                    "clientSecret", "hunter2",
                                    "batchSize", "500",
                                    "apiUrl", "not a url")))
                        .build()));
    assertEquals(
        List.of("apiUrl", "tenant", "companyId", "batchSize"),
        e.problems().stream().map(FieldError::path).toList());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void aConnectorBuiltFromSettingsTalksToTheFakeThroughTheHostsClient() {
    BcFixture bc = new BcFixture();
    ConnectorContext ctx =
        ConnectorContext.builder(SystemId.of("bc-eu"))
            .config(
                ConnectorConfig.of(
                    Map.of(
                        "tenant", "contoso.onmicrosoft.com",
                        "environment", "sandbox",
                        "clientId", "app-id",
                        "clientSecret", "s3cr3t-value",
                        "companyName", "CRONUS USA, Inc.",
                        "localCurrency", "EUR")))
            .clock(bc.clock)
            .putService(OkHttpClient.class, bc.http)
            .build();
    try (Connector c = Connectors.builder().build().create("business-central", ctx)) {
      WriteOutcome out =
          c.writer(EntityType.ACCOUNT)
              .orElseThrow()
              .upsert(List.of(WriteRequest.of("w1", BcFixture.account("S-1", "Corner Shop"))))
              .get(0);
      assertEquals(WriteOutcome.Status.CREATED, out.status());
      assertEquals(SystemId.of("bc-eu"), out.externalId().system());
      assertFalse(c.toString().contains("s3cr3t"));
    }
    assertEquals("Corner Shop", bc.fake.records("customers").get(0).path("displayName").asText());
    FakeBusinessCentral.Recorded call =
        bc.fake.requests().stream()
            .filter(r -> r.path().contains("/api/v2.0/"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        call.path().startsWith("/v2.0/contoso.onmicrosoft.com/sandbox/api/v2.0/"), call.path());
  }
}
