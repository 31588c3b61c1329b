package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetSuiteCredentialsTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

  @Test
  void anEcKeySignsEs256AssertionsTheAccountAccepts() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = g.generateKeyPair();
    NetSuiteCredentials credentials =
        NetSuiteCredentials.builder()
            .clientId("ec-client")
            .certificateId("ec-kid")
            .privateKey(ec.getPrivate())
            .build();
    assertEquals(NetSuiteCredentials.Algorithm.ES256, credentials.algorithm());
    String jwt = credentials.assertion(clock, FakeNetSuite.TOKEN_URL);
    JsonNode header =
        new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    assertEquals("ES256", header.path("alg").asText());
    assertEquals(
        64, Base64.getUrlDecoder().decode(jwt.split("\\.")[2]).length, "JOSE R||S, not DER");

    FakeNetSuite fake = new FakeNetSuite(clock).expectClient("ec-client", "ec-kid", ec.getPublic());
    NetSuiteConnector ns =
        NetSuiteConnector.builder()
            .baseUrl(FakeNetSuite.BASE_URL)
            .http(fake.client())
            .credentials(credentials)
            .clock(clock)
            .gate(TenantGate.unshared("ec", 1))
            .build();
    WriteOutcome o =
        ns.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("E", Fixtures.account("E"))))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, o.status(), "the fake verified the ES256 signature");
  }

  @Test
  void aWrongCertificateIdIsRefusedByTheTokenEndpointAsAnAuthenticationError() {
    FakeNetSuite fake =
        new FakeNetSuite(clock)
            .expectClient(Fixtures.CLIENT_ID, "another-kid", Fixtures.KEYS.getPublic());
    NetSuiteConnector ns = Fixtures.connector(fake, clock, new Fixtures.Sleeps(clock)).build();
    var e =
        assertThrows(
            dev.retailsync.api.AuthenticationException.class,
            () -> ns.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("1")));
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
  }

  @Test
  void builderNamesWhatIsWrong() {
    ValidationException kid =
        assertThrows(
            ValidationException.class,
            () ->
                NetSuiteCredentials.builder()
                    .clientId("c")
                    .privateKey(Fixtures.KEYS.getPrivate())
                    .build());
    assertEquals("certificateId", kid.errors().get(0).path());
    ValidationException alg =
        assertThrows(
            ValidationException.class,
            () ->
                NetSuiteCredentials.builder()
                    .clientId("c")
                    .certificateId("k")
                    .privateKey(Fixtures.KEYS.getPrivate())
                    .algorithm(NetSuiteCredentials.Algorithm.ES256)
                    .build());
    assertEquals("algorithm", alg.errors().get(0).path());
    ValidationException life =
        assertThrows(
            ValidationException.class,
            () ->
                NetSuiteCredentials.builder()
                    .clientId("c")
                    .certificateId("k")
                    .privateKey(Fixtures.KEYS.getPrivate())
                    .assertionLifetime(Duration.ofMinutes(61))
                    .build());
    assertEquals("assertionLifetime", life.errors().get(0).path());
  }
}
