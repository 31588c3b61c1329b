package dev.retailsync.erp.tryton;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The connector conformance kit for Tryton customers, against the real Tryton 6.0 server of {@link
 * TrytonServerExtension}. Faults Tryton cannot produce on demand (429, 503) are scripted by an
 * interceptor in front of it.
 */
@RealTryton
class TrytonConformanceTest extends ConnectorConformanceKit<Account> {
  private final TrytonTestServer server;
  private final FaultInjector faults = new FaultInjector();

  TrytonConformanceTest(TrytonTestServer server) {
    this.server = server;
  }

  @Override
  protected Connector connector() {
    return server
        .connector()
        .http(new OkHttpClient.Builder().addInterceptor(faults).build())
        .build();
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    return Account.builder()
        .accountNumber("A-" + key)
        .name("Shop " + key)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .billing(
            new BillingProfile(
                PostalAddress.builder()
                    .lines(List.of("Hauptstr. 1", "Hinterhaus"))
                    .locality("Berlin")
                    .postalCode("10115")
                    .country("DE")
                    .build(),
                key + "@example.com",
                null,
                null))
        .build();
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().name(record.name() + " (moved)").build();
  }

  @Override
  protected Object roundTrip(Account record) {
    return List.of(
        record.name(), record.accountNumber(), record.status(), String.valueOf(record.billing()));
  }

  @Override
  protected String unknownId() {
    return "999999";
  }

  /** An account number Tryton already gives another party: its unique party code refuses it. */
  @Override
  protected Optional<Account> invalid(String key) {
    return Optional.of(sample(key).toBuilder().accountNumber(seedCustomerCode()).build());
  }

  private String seedCustomerCode() {
    TrytonRpc rpc = server.rpc();
    String code =
        rpc.model(
                "party.party",
                "read",
                List.of(List.of(server.id("customers", "seed")), List.of("code")))
            .path(0)
            .path("code")
            .asText();
    rpc.logout();
    return code;
  }

  /**
   * Renames the party behind the connector's back. Tryton's _timestamp has one-second resolution on
   * SQLite, so the change waits for the next second; otherwise both versions would read alike.
   */
  @Override
  protected boolean changeRemotely(ExternalId id) {
    TrytonRpc rpc = server.rpc();
    try {
      TrytonTestServer.nextSecond();
      rpc.model(
          "party.party",
          "write",
          List.of(List.of(Long.parseLong(id.id())), Map.of("name", "renamed in Tryton")));
      return true;
    } finally {
      rpc.logout();
    }
  }

  @Override
  protected boolean injectFault(Fault fault) {
    faults.failNext(
        fault == Fault.THROTTLED ? FaultInjector.Next.THROTTLED : FaultInjector.Next.UNAVAILABLE);
    return true;
  }
}
