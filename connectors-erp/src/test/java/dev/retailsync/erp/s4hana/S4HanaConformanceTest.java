package dev.retailsync.erp.s4hana;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connector conformance kit for S/4HANA customers (business partners) against the fake. */
class S4HanaConformanceTest extends ConnectorConformanceKit<Account> {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  private final FakeS4Hana fake = new FakeS4Hana(clock, "COMM_USER", "s3cr3t-pass");

  @Override
  protected Connector connector() {
    return S4HanaConnector.builder()
        .http(fake.client())
        .baseUrl(FakeS4Hana.BASE_URL)
        .basicAuth("COMM_USER", "s3cr3t-pass")
        .clock(clock)
        .sleeper(clock::sleep)
        .gate(TenantGate.unshared("s4hana-test", 4))
        .build();
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  static Account account(String key, String name) {
    return Account.builder()
        .accountNumber(key)
        .name(name)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .billing(
            new BillingProfile(
                PostalAddress.builder()
                    .lines("Hauptstrasse 5")
                    .locality("Berlin")
                    .postalCode("10115")
                    .country("DE")
                    .build(),
                "ap+" + key + "@acme.example",
                null,
                null))
        .build();
  }

  @Override
  protected Account sample(String key) {
    return account(key, "Shop " + key);
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().name(record.name() + " moved").build();
  }

  @Override
  protected Object roundTrip(Account a) {
    return List.of(
        a.name(),
        a.accountNumber(),
        a.customerType(),
        a.status(),
        a.billing().address(),
        a.billing().email());
  }

  @Override
  protected String unknownId() {
    return "9999999999";
  }

  @Override
  protected Optional<Account> invalid(String key) {
    // SAP's OrganizationBPName1 holds 40 characters; the fake enforces the metadata's MaxLength.
    return Optional.of(account(key, "A name much longer than SAP's forty characters allow"));
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    clock.advance(Duration.ofSeconds(1));
    fake.update("A_BusinessPartner", id.id(), Map.of("OrganizationBPName2", "changed in SAP GUI"));
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    switch (fault) {
      case THROTTLED -> fake.throttleNext(Duration.ofSeconds(2));
      case UNAVAILABLE -> fake.failNext(503, "FAKE_S4/DOWN", "Service unavailable");
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
  }
}
