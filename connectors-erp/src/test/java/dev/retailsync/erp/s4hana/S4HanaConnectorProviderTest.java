package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The s4hana provider: found by ServiceLoader, settings checked by name, connectors built. */
class S4HanaConnectorProviderTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));

  private static ConnectorProvider provider() {
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
      if (p.id().equals("s4hana")) {
        return p;
      }
    }
    throw new AssertionError("no s4hana provider in META-INF/services");
  }

  @Test
  void settingsAreCheckedPerAuthenticationMode() {
    List<FieldError> basic =
        provider().validate(ConnectorConfig.of(Map.of("baseUrl", "https://s4.example.com")));
    assertTrue(basic.stream().anyMatch(e -> e.path().equals("user")), basic.toString());
    assertTrue(basic.stream().anyMatch(e -> e.path().equals("password")));
    List<FieldError> oauth =
        provider()
            .validate(
                ConnectorConfig.of(
                    Map.of(
                        "baseUrl", "https://s4.example.com",
                        "auth", "oauth_client_credentials",
                        "clientId", "c",
                        "clintSecret", "typo")));
    assertTrue(oauth.stream().anyMatch(e -> e.path().equals("clientSecret")), oauth.toString());
    assertTrue(oauth.stream().anyMatch(e -> e.path().equals("clintSecret")), "unknown setting");
    assertTrue(oauth.stream().anyMatch(e -> e.path().equals("tokenUrl")));
    assertThrows(
        ConfigurationException.class,
        () ->
            provider()
                .create(
                    ConnectorContext.builder(SystemId.S4HANA)
                        .config(ConnectorConfig.of(Map.of("baseUrl", "https://s4.example.com")))
                        .build()));
  }

  @Test
  void createsAConnectorThatWritesThroughTheHostsClientWithOAuth() {
    FakeS4Hana fake = new FakeS4Hana(clock, null, null);
    fake.clientCredentials("sb-client", "client-secret-value");
    OkHttpClient http = fake.client();
    Connector c =
        provider()
            .create(
                ConnectorContext.builder(SystemId.S4HANA)
                    .clock(clock)
                    .putService(OkHttpClient.class, http)
                    .config(
                        ConnectorConfig.of(
                            Map.of(
                                "baseUrl", FakeS4Hana.BASE_URL,
                                "auth", "oauth_client_credentials",
                                "tokenUrl", FakeS4Hana.TOKEN_URL,
                                "clientId", "sb-client",
                                "clientSecret", "client-secret-value",
                                "gateSize", "3",
                                "returnType", "RE",
                                "salesOrganization", "1710",
                                "distributionChannel", "10",
                                "division", "00")))
                    .build());
    WriteOutcome o =
        c.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "P1",
                        S4HanaConformanceTest.account("P1", "Provider GmbH").toBuilder()
                            .currency("EUR")
                            .paymentTerms("0004")
                            .build())))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
    assertEquals(1, fake.records("A_CustomerSalesArea").size(), "sales area from the settings");
    assertEquals(
        "0004", fake.records("A_CustomerSalesArea").get(0).path("CustomerPaymentTerms").asText());
    assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/oauth/token")));
    assertFalse(c.toString().contains("client-secret-value"));

    SubmissionResult order =
        c.operation(OrderSubmission.class)
            .orElseThrow()
            .submit(
                Order.builder()
                    .orderNumber("SHOP-P1")
                    .status(OrderStatus.CAPTURED)
                    .accountNumber(o.externalId().id())
                    .currency("EUR")
                    .lines(List.of(OrderLine.of(1, "TG11", BigDecimal.ONE, null)))
                    .build(),
                IdempotencyKey.of("p-order"));
    assertTrue(order.accepted(), order.toString());
    SubmissionResult rma =
        c.operation(ReturnAuthorization.class)
            .orElseThrow()
            .authorize(
                ReturnRequest.builder()
                    .rmaNumber("RMA-P1")
                    .orderNumber("SHOP-P1")
                    .status(ReturnStatus.REQUESTED)
                    .addLine(new ReturnLine(1, "TG11", BigDecimal.ONE, null, null, null))
                    .build(),
                IdempotencyKey.of("p-rma"));
    assertTrue(rma.accepted(), rma.toString());
    assertEquals("RE", fake.records("A_CustomerReturn").get(0).path("CustomerReturnType").asText());
  }
}
