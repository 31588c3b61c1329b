package com.example.acme.erp;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * Acme's connector passes the conformance kit, created the way a host creates it: found through
 * {@link ServiceLoader} by id, configured with settings, against a fresh ERP tenant per test.
 */
class AcmeConformanceTest extends ConnectorConformanceKit<Account> {
  private final String tenant = "kit-" + UUID.randomUUID();

  @Override
  protected Connector connector() {
    ConnectorProvider provider =
        ServiceLoader.load(ConnectorProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.id().equals(AcmeErpConnectorProvider.ID))
            .findFirst()
            .orElseThrow(() -> new AssertionError("acme-erp is not registered for ServiceLoader"));
    ConnectorConfig config = ConnectorConfig.of(Map.of("tenant", tenant, "pageSize", "20"));
    if (!provider.validate(config).isEmpty()) {
      throw new AssertionError(provider.validate(config).toString());
    }
    return provider.create(
        ConnectorContext.builder(SystemId.of("acme-erp")).config(config).build());
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    return Account.builder()
        .accountNumber(key)
        .name("Shop " + key.substring(key.length() - 6))
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.PROVISIONAL)
        .paymentTerms("NET30")
        .currency("EUR")
        .build();
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().paymentTerms("NET60").build();
  }

  @Override
  protected Object roundTrip(Account record) {
    return List.of(
        record.accountNumber(), record.name(), record.paymentTerms(), record.customerType());
  }

  @Override
  protected String unknownId() {
    return "NO-SUCH-CUSTOMER";
  }

  @Override
  protected Optional<Account> invalid(String key) {
    // Acme keeps at most 40 characters of a name.
    return Optional.of(sample(key).toBuilder().name("N".repeat(41)).build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    // The credit department approves credit in the ERP's own screens: a new version.
    AcmeErp.tenant(tenant).approveCredit(id.id(), 500_000, Clock.systemUTC());
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    AcmeErp.tenant(tenant)
        .failNextCall(fault == Fault.THROTTLED ? AcmeErp.Failure.BUSY : AcmeErp.Failure.DOWN);
    return true;
  }
}
