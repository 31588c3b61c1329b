package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.Connectors;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The provider: discovery, configuration checks, and a connector built from settings. */
class SalesforceConnectorProviderTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void isDiscoveredByIdAndRefusesIncompleteSettingsNamingEach() {
    Connectors connectors = Connectors.builder().build();
    assertTrue(connectors.ids().contains("salesforce"));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                connectors.create(
                    "salesforce",
                    ConnectorContext.builder(SystemId.SALESFORCE)
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "instanceUrl", "not a url",
                                    "tokenUrl",
                                        "https://login.salesforce.com/services/oauth2/token",
                                    "clientId", "3MVG9",
                                    "grant", "password",
                                    "clientSecret", "hunter2")))
                        .build()));
    assertEquals(
        List.of("instanceUrl", "grant"), e.problems().stream().map(FieldError::path).toList());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void aConnectorBuiltFromSettingsTalksToTheFakeThroughTheHostsClient() {
    FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    ConnectorContext ctx =
        ConnectorContext.builder(SystemId.of("salesforce-eu"))
            .config(
                ConnectorConfig.of(
                    Map.of(
                        "instanceUrl", FakeSalesforce.INSTANCE_URL,
                        "tokenUrl", FakeSalesforce.TOKEN_URL,
                        "clientId", "3MVG9",
                        "clientSecret", "s3cr3t",
                        "accountExternalIdField", "Shop_Id__c")))
            .clock(clock)
            .putService(OkHttpClient.class, fake.client())
            .build();
    try (Connector c = Connectors.builder().build().create("salesforce", ctx)) {
      List<WriteOutcome> out =
          c.writer(EntityType.ACCOUNT)
              .orElseThrow()
              .upsert(
                  List.of(
                      WriteRequest.of(
                          "w1",
                          Account.builder()
                              .accountNumber("S-1")
                              .name("Corner Shop")
                              .customerType(CustomerType.BUSINESS)
                              .status(AccountStatus.ACTIVE)
                              .build())));
      assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
      assertEquals(SystemId.of("salesforce-eu"), out.get(0).externalId().system());
    }
    assertEquals("S-1", fake.records("Account").get(0).get("Shop_Id__c").asText());
  }

  @Test
  void partiesAndInvoicesAreSyncedOnlyWhenTheirSettingsNameTheFieldAndObject() {
    FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    Map<String, String> base =
        Map.of(
            "instanceUrl",
            FakeSalesforce.INSTANCE_URL,
            "tokenUrl",
            FakeSalesforce.TOKEN_URL,
            "clientId",
            "3MVG9",
            "clientSecret",
            "s3cr3t");
    Map<String, String> withBoth = new java.util.HashMap<>(base);
    withBoth.put("personAccountExternalIdField", "Shop_Customer_Id__c");
    withBoth.put("invoiceObject", "ERP_Invoice__c");
    withBoth.put("invoiceExternalIdField", "ERP_Invoice_Id__c");
    Connectors connectors = Connectors.builder().build();
    try (Connector plain = connectors.create("salesforce", context(fake, base));
        Connector both = connectors.create("salesforce", context(fake, withBoth))) {
      assertFalse(plain.entityTypes().contains(EntityType.PARTY));
      assertFalse(plain.entityTypes().contains(EntityType.INVOICE));
      assertTrue(both.entityTypes().contains(EntityType.PARTY));
      assertTrue(both.entityTypes().contains(EntityType.INVOICE));
    }
  }

  @Test
  void aNameThatIsNoSalesforceApiNameIsRefusedNamingTheSetting() {
    FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put("instanceUrl", FakeSalesforce.INSTANCE_URL);
    settings.put("tokenUrl", FakeSalesforce.TOKEN_URL);
    settings.put("clientId", "3MVG9");
    settings.put("clientSecret", "s3cr3t");
    settings.put("invoiceObject", "Invoice c");
    settings.put("personAccountExternalIdField", "Shop-Id");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> Connectors.builder().build().create("salesforce", context(fake, settings)));
    assertEquals(
        List.of("personAccountExternalIdField", "invoiceObject"),
        e.problems().stream().map(FieldError::path).toList());
  }

  private ConnectorContext context(FakeSalesforce fake, Map<String, String> settings) {
    return ConnectorContext.builder(SystemId.SALESFORCE)
        .config(ConnectorConfig.of(settings))
        .clock(clock)
        .putService(OkHttpClient.class, fake.client())
        .build();
  }

  @Test
  void theRefreshTokenGrantRotatesWithoutRevokingTheGrant() {
    FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
    fake.issueRefreshToken("5Aep-first");
    ConnectorContext ctx =
        ConnectorContext.builder(SystemId.SALESFORCE)
            .config(
                ConnectorConfig.of(
                    Map.of(
                        "instanceUrl", FakeSalesforce.INSTANCE_URL,
                        "tokenUrl", FakeSalesforce.TOKEN_URL,
                        "clientId", "3MVG9",
                        "grant", "refresh_token",
                        "refreshToken", "5Aep-first")))
            .clock(clock)
            .putService(OkHttpClient.class, fake.client())
            .build();
    try (Connector c = Connectors.builder().build().create("salesforce", ctx)) {
      var writer = c.writer(EntityType.ACCOUNT).orElseThrow();
      Account a =
          Account.builder()
              .accountNumber("R-1")
              .name("Rotating")
              .customerType(CustomerType.BUSINESS)
              .status(AccountStatus.ACTIVE)
              .build();
      writer.upsert(List.of(WriteRequest.of("1", a)));
      fake.expireSessions();
      writer.upsert(List.of(WriteRequest.of("2", a)));
    }
    assertFalse(fake.grantRevoked(), "the rotated refresh token was never presented twice");
  }
}
