package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.resilience.CircuitBreakerSettings;
import dev.retailsync.core.resilience.ResilienceSettings;
import dev.retailsync.core.resilience.RetrySettings;
import dev.retailsync.core.testing.FakeClock;
import dev.retailsync.core.testing.FakeScheduler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Systems, records and an engine on fake time, shared by the engine tests. */
final class EngineFixtures {
  static final SystemId ERP = SystemId.of("erp");
  static final SystemId CRM = SystemId.SALESFORCE;
  static final SystemId SHOP = SystemId.SHOPIFY;

  final FakeClock clock = FakeClock.create();
  final FakeScheduler scheduler = new FakeScheduler(clock);
  final ScriptedConnector<Account> erp = new ScriptedConnector<>(ERP, EntityType.ACCOUNT);
  final ScriptedConnector<Account> crm = new ScriptedConnector<>(CRM, EntityType.ACCOUNT);
  private final AtomicInteger seq = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();

  static Merger merger() {
    return Merger.builder()
        .policy(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .owner(Account.Fields.PAYMENT_TERMS, ERP)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .policy(
            OwnershipPolicy.builder(EntityType.INVENTORY_POSITION)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .build();
  }

  /** Fast retries: 4 attempts, 1 s base, 8 s cap; a breaker that opens after 50 failures. */
  static ResilienceSettings resilience() {
    return ResilienceSettings.builder()
        .retry(
            RetrySettings.builder()
                .maxAttempts(4)
                .baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(8))
                .build())
        .circuitBreaker(CircuitBreakerSettings.builder().failureThreshold(50).build())
        .build();
  }

  SyncEngine.Builder engine() {
    return SyncEngine.builder()
        .merger(merger())
        .clock(clock)
        .random(new Random(42))
        .scheduler(scheduler)
        .deliveryExecutor(Runnable::run)
        .defaultResilience(resilience())
        .canonicalIds(() -> CanonicalId.of("gold-" + ids.incrementAndGet()));
  }

  Flow<Account> accountsErpToCrm() {
    return Flow.builder("accounts", EntityType.ACCOUNT).source(erp).addTarget(crm).build();
  }

  static Account account(String number, String name) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .build();
  }

  static Account withEmail(Account a, String email) {
    return a.toBuilder().billing(new BillingProfile(null, email, null, null)).build();
  }

  Change<Account> change(SystemId system, String id, Account account) {
    int n = seq.incrementAndGet();
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, id))
        .entity(account)
        .sourceTimestamp(clock.instant().minusSeconds(600).plusSeconds(n))
        .sourceVersion("v" + n)
        .correlationId(CorrelationId.of("corr-" + n))
        .build();
  }

  Change<InventoryPosition> stock(SystemId system, String sku, String location, int available) {
    int n = seq.incrementAndGet();
    Instant at = clock.instant().minusSeconds(600).plusSeconds(n);
    return Change.builder(EntityType.INVENTORY_POSITION)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, sku + "@" + location))
        .entity(
            InventoryPosition.builder()
                .sku(sku)
                .location(location)
                .available(BigDecimal.valueOf(available))
                .asOf(at)
                .extensions(Map.of())
                .build())
        .sourceTimestamp(at)
        .sourceVersion("v" + n)
        .correlationId(CorrelationId.of("corr-" + n))
        .build();
  }
}
