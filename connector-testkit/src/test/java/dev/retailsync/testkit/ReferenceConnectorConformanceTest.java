package dev.retailsync.testkit;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.Connector;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kit against its in-memory reference connector, which answers every optional hook: every kit
 * test must run (none skipped) and pass. {@link KitSelfTest} checks that nothing is skipped.
 */
class ReferenceConnectorConformanceTest extends ConnectorConformanceKit<Account> {
  final InMemoryAccountsConnector.Remote remote = new InMemoryAccountsConnector.Remote();

  /** The defects of the connector under test; none for the reference. */
  Set<InMemoryAccountsConnector.Defect> defects() {
    return Set.of();
  }

  @Override
  protected Connector connector() {
    return new InMemoryAccountsConnector(remote, defects());
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    return Account.builder()
        .accountNumber(key)
        .name("Shop " + key)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .paymentTerms("NET30")
        .currency("EUR")
        .build();
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().name(record.name() + " (moved)").build();
  }

  @Override
  protected Object roundTrip(Account record) {
    return List.of(record.accountNumber(), record.name(), record.paymentTerms());
  }

  @Override
  protected String unknownId() {
    return "A-none";
  }

  @Override
  protected Optional<Account> invalid(String key) {
    return Optional.of(sample(key).toBuilder().name("x".repeat(41)).build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    remote.changeBehindTheConnectorsBack(id.id());
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    remote.failNext(fault);
    return true;
  }
}
