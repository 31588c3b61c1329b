package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class NetSuiteConnectorProviderTest {

  private static String pem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(Fixtures.KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void serviceLoaderFindsTheProvider() {
    boolean found = false;
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
      found |= p.id().equals("netsuite") && p instanceof NetSuiteConnectorProvider;
    }
    assertTrue(found);
  }

  @Test
  void validationNamesEveryBadSettingAndHowToFixIt() {
    List<FieldError> errors =
        new NetSuiteConnectorProvider()
            .validate(
                ConnectorConfig.of(
                    Map.of(
                        "clientId", "c",
                        "algorithm", "RS256",
                        "concurrencyLimit", "0",
                        "accountTimeZone", "Mars/Base",
                        "certificateIdTypo", "x")));
    List<String> paths = errors.stream().map(FieldError::path).toList();
    assertTrue(
        paths.containsAll(
            List.of(
                "certificateId",
                "accountId",
                "algorithm",
                "concurrencyLimit",
                "accountTimeZone",
                "certificateIdTypo")),
        paths.toString());
    String algorithm =
        errors.stream()
            .filter(e -> e.path().equals("algorithm"))
            .findFirst()
            .orElseThrow()
            .message();
    assertTrue(algorithm.contains("PS256"), algorithm);
  }

  @Test
  void createsAWorkingConnectorFromSettingsWithTheKeyInPemAndTheHostsClient() {
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    FakeNetSuite fake = Fixtures.fake(clock);
    ConnectorConfig config =
        ConnectorConfig.of(
            Map.of(
                "baseUrl",
                FakeNetSuite.BASE_URL,
                "clientId",
                Fixtures.CLIENT_ID,
                "certificateId",
                Fixtures.CERTIFICATE_ID,
                "privateKeyPem",
                pem(),
                "concurrencyLimit",
                "3",
                "subsidiaryId",
                "7",
                "certificateExpiresAt",
                "2026-12-01T00:00:00Z"));
    NetSuiteConnectorProvider provider = new NetSuiteConnectorProvider();
    assertTrue(provider.validate(config).isEmpty(), provider.validate(config).toString());
    assertFalse(config.toString().contains("PRIVATE"), "settings never print the key");
    Connector c =
        provider.create(
            ConnectorContext.builder(SystemId.of("netsuite-provider-test"))
                .config(config)
                .clock(clock)
                .putService(OkHttpClient.class, fake.client())
                .build());
    WriteOutcome o =
        c.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("P-1", Fixtures.account("P-1"))))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
    assertEquals(
        "7",
        fake.byExternalId("customer", "P-1").orElseThrow().path("subsidiary").path("id").asText());
    assertEquals(3, ((NetSuiteConnector) c).gate().permits());
    assertTrue(((NetSuiteConnector) c).certificateWarning().orElseThrow().contains("expires"));
  }

  @Test
  void accountIdBecomesTheLowerCaseDashedHost() {
    NetSuiteConnector c =
        NetSuiteConnector.builder()
            .accountId("1234567_SB1")
            .credentials(Fixtures.credentials())
            .system(SystemId.of("netsuite-host-test"))
            .build();
    assertTrue(c.toString().contains("1234567-sb1.suitetalk.api.netsuite.com"), c.toString());
  }
}
