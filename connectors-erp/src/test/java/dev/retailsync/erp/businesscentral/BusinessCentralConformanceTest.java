package dev.retailsync.erp.businesscentral;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The conformance kit for Business Central customers, against the fake. */
class BusinessCentralConformanceTest extends ConnectorConformanceKit<Account> {
  private BcFixture bc;

  @Override
  protected Connector connector() {
    bc = new BcFixture();
    return bc.connector();
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    // Customer numbers are Code fields, which Business Central keeps in upper case.
    return BcFixture.account(key.toUpperCase(java.util.Locale.ROOT), "Shop " + key);
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().name(record.name() + " (moved)").build();
  }

  @Override
  protected Object roundTrip(Account a) {
    return List.of(a.accountNumber(), a.name(), a.billing().address(), a.billing().email());
  }

  @Override
  protected String unknownId() {
    return UUID.randomUUID().toString();
  }

  @Override
  protected Optional<Account> invalid(String key) {
    // JPY is not set up as a currency in the fake company: Business Central refuses the record.
    return Optional.of(sample(key).toBuilder().currency("JPY").build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    bc.fake.changeRemotely("customers", id.id(), Map.of("displayName", "Changed in BC"));
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    if (fault == Fault.THROTTLED) {
      bc.fake.throttleNext(1);
    } else {
      bc.fake.unavailableNext(1, Duration.ofSeconds(3));
    }
    return true;
  }

  @Override
  protected void advanceTime(Duration duration) {
    bc.clock.advance(duration);
  }
}
