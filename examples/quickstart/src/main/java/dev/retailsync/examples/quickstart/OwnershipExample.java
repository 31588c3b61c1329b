package dev.retailsync.examples.quickstart;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.golden.GoldenRecords;
import dev.retailsync.core.golden.MergeResult;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.golden.PlannedWrite;
import dev.retailsync.core.golden.WritePlanner;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.InMemoryGoldenRecordStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.core.state.InMemoryReviewQueue;
import dev.retailsync.core.state.InMemoryWriteFingerprintStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ownership, golden records and idempotency: the ERP owns credit and payment terms, Salesforce owns
 * consent, addresses are shared (newest wins). A Salesforce change that touches credit has that
 * field dropped while its other fields apply; the writes are planned per system; a retried delivery
 * replays its stored outcome instead of writing twice.
 */
public final class OwnershipExample {
  private OwnershipExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out, Clock.systemUTC());
  }

  /**
   * Runs the example and prints what happens.
   *
   * @param out where to print
   * @param clock the clock (tests pass a fixed one)
   * @return the result of merging the Salesforce change
   */
  public static MergeResult<Account> run(PrintStream out, Clock clock) {
    SystemId erp = SystemId.of("acme-erp");
    SystemId salesforce = SystemId.SALESFORCE;
    SystemId shopify = SystemId.SHOPIFY;

    OwnershipPolicy<Account> accounts =
        OwnershipPolicy.builder(EntityType.ACCOUNT)
            .owner(Account.Fields.CREDIT, erp)
            .owner(Account.Fields.PAYMENT_TERMS, erp)
            .owner(Account.Fields.STATUS, erp, OwnershipPolicy.Initial.ANY_SYSTEM)
            .owner(Account.Fields.MARKETING_CONSENT, salesforce)
            .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.newestWins())
            .defaultRule(ConflictRule.newestWins())
            .build();
    Merger merger = Merger.builder().policy(accounts).clock(clock).build();
    GoldenRecords golden =
        GoldenRecords.builder()
            .merger(merger)
            .store(new InMemoryGoldenRecordStore())
            .reviewQueue(new InMemoryReviewQueue())
            .fingerprints(new InMemoryWriteFingerprintStore())
            .clock(clock)
            .build();
    WritePlanner planner =
        WritePlanner.builder(merger)
            .subscribeAll(EntityType.ACCOUNT, erp)
            .subscribeAll(EntityType.ACCOUNT, salesforce)
            .subscribe(
                EntityType.ACCOUNT, shopify, Account.Fields.NAME, Account.Fields.SHIPPING_ADDRESS)
            .build();

    CanonicalId id = CanonicalId.of("acc-42");
    Instant now = clock.instant();
    Account fromErp =
        Account.builder()
            .accountNumber("B-2002")
            .name("Acme Hardware GmbH")
            .customerType(CustomerType.BUSINESS)
            .status(AccountStatus.ACTIVE)
            .credit(CreditTerms.of(CreditStatus.APPROVED, Money.of("5000", "EUR")))
            .paymentTerms("NET30")
            .build();
    golden.apply(id, change(erp, fromErp, now.minusSeconds(60)));

    // Salesforce renames the account, moves its shipping address and (wrongly) puts it on hold.
    Account fromSalesforce =
        fromErp.toBuilder()
            .name("Acme Hardware Holding GmbH")
            .credit(CreditTerms.of(CreditStatus.ON_HOLD, Money.of("0", "EUR")))
            .shipping(
                ShippingProfile.of(
                    PostalAddress.builder()
                        .lines("Industriestraße 7")
                        .postalCode("70565")
                        .locality("Stuttgart")
                        .country("DE")
                        .build()))
            .build();
    MergeResult<Account> result = golden.apply(id, change(salesforce, fromSalesforce, now));
    out.println("applied: " + result.applied());
    out.println("dropped: " + result.dropped());
    out.println("credit stays " + result.record().entity().credit().status());

    for (PlannedWrite<Account> write : planner.plan(result)) {
      out.println("write to " + write.target() + ": " + write.fields());
    }

    // Delivering a write under an idempotency key: a retry replays the stored outcome.
    IdempotentExecutor once =
        new IdempotentExecutor(
            new InMemoryIdempotencyStore(clock), Duration.ofMinutes(5), Duration.ofDays(1));
    IdempotencyKey key =
        IdempotencyKeys.derive("write:" + erp, salesforce, EntityType.ACCOUNT, "001A", "v2");
    String fingerprint = IdempotencyKeys.fingerprint(result.record().entity());
    AtomicInteger calls = new AtomicInteger();
    for (int attempt = 1; attempt <= 2; attempt++) {
      IdempotentExecutor.Execution e =
          once.execute(
              key,
              fingerprint,
              ErrorContext.of(erp, "upsert"),
              () -> "UPDATED acme-erp:B-2002 (call " + calls.incrementAndGet() + ")");
      out.println("attempt " + attempt + ": " + e.outcome() + (e.replayed() ? ", replayed" : ""));
    }
    return result;
  }

  private static Change<Account> change(SystemId system, Account account, Instant at) {
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, "B-2002"))
        .entity(account)
        .sourceTimestamp(at)
        .build();
  }
}
