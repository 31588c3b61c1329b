package dev.retailsync.examples.quickstart;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.Connectors;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A flow end to end: accounts from the custom ERP (discovered through {@code ServiceLoader}) go
 * through one {@link SyncEngine} (validate, dedupe, resolve, merge under the ownership policy,
 * plan, deliver) into a CRM, and the engine prints its run report. The CRM here is a small
 * in-memory target; a real host plugs in the Salesforce connector instead.
 *
 * <p>Run it with {@code mvn -B -ntp -q -pl examples/quickstart -am package exec:java -DskipTests
 * -Dexec.mainClass=dev.retailsync.examples.quickstart.SyncFlowQuickStart}.
 */
public final class SyncFlowQuickStart {
  private SyncFlowQuickStart() {}

  /**
   * Runs the flow and prints what happens.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    run(System.out, "flow-demo");
  }

  /**
   * Runs the flow against one ERP tenant.
   *
   * @param out where to print
   * @param tenant the ERP tenant
   * @return the run report
   */
  public static RunReport run(PrintStream out, String tenant) {
    SystemId acme = SystemId.of("acme-erp");
    Connectors connectors = Connectors.builder().build();
    ConnectorContext context =
        ConnectorContext.builder(acme)
            .config(ConnectorConfig.of(Map.of("tenant", tenant, "pageSize", "50")))
            .build();
    try (Connector erp = connectors.create("acme-erp", context)) {
      // Seed the ERP: two customers exist there before the flow starts.
      erp.writer(EntityType.ACCOUNT)
          .orElseThrow()
          .upsert(
              List.of(
                  WriteRequest.of("seed-1", account("C-1001", "Jane Doe", CustomerType.CONSUMER)),
                  WriteRequest.of(
                      "seed-2", account("B-2002", "Acme Hardware GmbH", CustomerType.BUSINESS))));
      InMemoryCrm crm = new InMemoryCrm();

      // The ERP owns payment terms; every other field: the newest change wins.
      Merger merger =
          Merger.builder()
              .policy(
                  OwnershipPolicy.builder(EntityType.ACCOUNT)
                      .owner(Account.Fields.PAYMENT_TERMS, acme)
                      .defaultRule(ConflictRule.newestWins())
                      .build())
              .build();
      Flow<Account> accounts =
          Flow.builder("accounts-erp-to-crm", EntityType.ACCOUNT)
              .source(erp)
              .addTarget(crm)
              .build();

      // One engine per host, created once and reused; it owns its threads.
      try (SyncEngine engine = SyncEngine.builder().merger(merger).addFlow(accounts).build()) {
        RunReport report = engine.runOnce();
        crm.records.forEach((id, a) -> out.println("crm " + id + ": " + a.accountNumber()));
        out.println("dead letters: " + engine.deadLetters().list(DeadLetterFilter.all()).size());
        out.print(report.render());
        return report;
      }
    }
  }

  private static Account account(String number, String name, CustomerType type) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(type)
        .status(AccountStatus.ACTIVE)
        .paymentTerms(type == CustomerType.BUSINESS ? "NET30" : "PREPAID")
        .currency("EUR")
        .build();
  }

  /** A CRM kept in memory: it upserts accounts and returns one outcome per record. */
  static final class InMemoryCrm implements Connector {
    final Map<String, Account> records = new ConcurrentHashMap<>();
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    @Override
    public SystemId system() {
      return SystemId.SALESFORCE;
    }

    @Override
    public Set<EntityType<?>> entityTypes() {
      return Set.of(EntityType.ACCOUNT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
      if (!type.equals(EntityType.ACCOUNT)) {
        return Optional.empty();
      }
      RecordWriter<Account> w =
          new RecordWriter<>() {
            @Override
            public int maxBatchSize() {
              return 200;
            }

            @Override
            public List<WriteOutcome> upsert(List<WriteRequest<Account>> batch) {
              List<WriteOutcome> out = new ArrayList<>();
              for (WriteRequest<Account> r : batch) {
                String id = idsByKey.computeIfAbsent(r.key(), k -> "001" + (idsByKey.size() + 1));
                boolean created = records.put(id, r.entity()) == null;
                ExternalId ext = ExternalId.of(SystemId.SALESFORCE, id);
                out.add(
                    created
                        ? WriteOutcome.created(r.key(), ext, "1")
                        : WriteOutcome.updated(r.key(), ext, null));
              }
              return out;
            }
          };
      return Optional.of((RecordWriter<T>) w);
    }
  }
}
