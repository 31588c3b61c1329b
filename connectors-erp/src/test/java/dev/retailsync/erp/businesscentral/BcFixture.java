package dev.retailsync.erp.businesscentral;

import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;

/** A fake Business Central on a fake clock, and connectors against it that sleep on that clock. */
final class BcFixture {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  final FakeBusinessCentral fake =
      new FakeBusinessCentral(clock).credentials("app-id", "s3cr3t-value");
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final OkHttpClient http = new OkHttpClient.Builder().addInterceptor(fake).build();

  BusinessCentralConnector.Builder builder() {
    return BusinessCentralConnector.builder()
        .http(http)
        .tenant("contoso.onmicrosoft.com")
        .environment("production")
        .clientCredentials("app-id", "s3cr3t-value")
        .companyId(FakeBusinessCentral.COMPANY_ID)
        .localCurrency("USD")
        .clock(clock)
        .random(new Random(7))
        .gate(TenantGate.unshared("bc-test", 5))
        .sleeper(
            d -> {
              sleeps.add(d);
              clock.advance(d);
            });
  }

  BusinessCentralConnector connector() {
    return builder().build();
  }

  static Account account(String number, String name) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .billing(
            new BillingProfile(
                PostalAddress.builder()
                    .lines("1 Main Street")
                    .locality("Springfield")
                    .region("IL")
                    .postalCode("62701")
                    .country("US")
                    .build(),
                "ap@" + number.toLowerCase(java.util.Locale.ROOT) + ".example",
                null,
                null))
        .build();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
