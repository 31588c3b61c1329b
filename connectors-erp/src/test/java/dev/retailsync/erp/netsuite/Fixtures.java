package dev.retailsync.erp.netsuite;

import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the NetSuite tests share: one RSA key pair, credentials, a connector against a fake. */
final class Fixtures {
  static final String CLIENT_ID = "f3a1c0de-client";
  static final String CERTIFICATE_ID = "cert-kid-7Hq";
  static final KeyPair KEYS = keys();

  private Fixtures() {}

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(
          2048); // NetSuite wants 3072+; the fake does not check, and 2048 keeps tests fast
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static NetSuiteCredentials credentials() {
    return NetSuiteCredentials.builder()
        .clientId(CLIENT_ID)
        .certificateId(CERTIFICATE_ID)
        .privateKey(KEYS.getPrivate())
        .certificateExpiresAt(Instant.parse("2028-01-01T00:00:00Z"))
        .build();
  }

  static FakeNetSuite fake(TestClock clock) {
    return new FakeNetSuite(clock).expectClient(CLIENT_ID, CERTIFICATE_ID, KEYS.getPublic());
  }

  /** Every sleep the connector asks for, which advances the test clock instead of waiting. */
  static final class Sleeps {
    final List<Duration> waits = new ArrayList<>();
    final TestClock clock;

    Sleeps(TestClock clock) {
      this.clock = clock;
    }

    synchronized void sleep(Duration d) {
      waits.add(d);
      clock.advance(d);
    }
  }

  static NetSuiteConnector.Builder connector(FakeNetSuite fake, TestClock clock, Sleeps sleeps) {
    return NetSuiteConnector.builder()
        .baseUrl(FakeNetSuite.BASE_URL)
        .http(fake.client())
        .credentials(credentials())
        .clock(clock)
        .sleeper(sleeps::sleep)
        .gate(TenantGate.unshared("test", 5));
  }

  static Account account(String key) {
    return Account.builder()
        .accountNumber(key)
        .name("Shop " + key)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .currency("USD")
        .billing(new BillingProfile(null, "ap-" + key + "@example.com", null, null))
        .build();
  }
}
