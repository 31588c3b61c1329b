package dev.retailsync.erp.netsuite;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The connector conformance kit, for customers, against the fake NetSuite. */
class NetSuiteConformanceTest extends ConnectorConformanceKit<Account> {
  private TestClock clock;
  private FakeNetSuite fake;

  @Override
  protected Connector connector() {
    clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    fake = Fixtures.fake(clock);
    // No waiting out throttling inside the connector: the kit checks what the engine sees.
    return Fixtures.connector(fake, clock, new Fixtures.Sleeps(clock))
        .throttleRetries(0, Duration.ofSeconds(1))
        .build();
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    clock.advance(Duration.ofSeconds(1));
    return Fixtures.account(key);
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().name(record.name() + " (moved)").build();
  }

  @Override
  protected Object roundTrip(Account a) {
    return Arrays.asList(
        a.accountNumber(),
        a.name(),
        a.customerType(),
        a.status(),
        a.currency(),
        a.billing() == null ? null : a.billing().email());
  }

  @Override
  protected String unknownId() {
    return "999999";
  }

  @Override
  protected Optional<Account> invalid(String key) {
    Account a = Fixtures.account(key);
    return Optional.of(
        a.toBuilder().billing(new BillingProfile(null, "not-an-email", null, null)).build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    clock.advance(Duration.ofSeconds(5));
    fake.update("customer", id.id(), Map.of("phone", "+1 555 0100"));
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    if (fault == Fault.THROTTLED) {
      fake.throttleNext(1);
    } else {
      fake.failNext(503, "UNEXPECTED_ERROR", "An unexpected error occurred.");
    }
    return true;
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
  }
}
