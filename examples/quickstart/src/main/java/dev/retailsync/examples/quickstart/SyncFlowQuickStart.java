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
import dev.retailsync.core.state.JdbcStateStores;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A flow end to end: accounts from the custom ERP (discovered through {@code ServiceLoader}) go
 * through one {@link SyncEngine} (validate, dedupe, resolve, merge under the ownership policy,
 * plan, deliver) into a CRM, and the engine prints its run report. The CRM here is a small
 * in-memory target; a real host plugs in the Salesforce connector instead.
 *
 * <p>The engine keeps its state (cursors, golden records, idempotency, dead letters...) in an
 * embedded H2 database, a file under {@code target/quickstart-db}: stop it and start it again and
 * it resumes from its cursor instead of repeating the first run's writes. A host points the same
 * code at PostgreSQL by passing its pooled {@link DataSource}.
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
    JdbcConnectionPool db = embeddedH2("file:./target/quickstart-db/retail-sync");
    try {
      run(System.out, "flow-demo", db, new InMemoryCrm());
    } finally {
      db.dispose();
    }
  }

  /**
   * Returns a small connection pool on an embedded H2 database: no server, in a file or in memory.
   * Dispose of it when the host stops.
   *
   * @param location an H2 location such as {@code file:./data/retail-sync} or {@code mem:demo}
   * @return the pool
   */
  static JdbcConnectionPool embeddedH2(String location) {
    return JdbcConnectionPool.create(
        "jdbc:h2:" + location + (location.startsWith("mem:") ? ";DB_CLOSE_DELAY=-1" : ""),
        "sa",
        "");
  }

  /**
   * Runs the flow against one ERP tenant.
   *
   * @param out where to print
   * @param tenant the ERP tenant
   * @return the run report
   */
  public static RunReport run(PrintStream out, String tenant) {
    return run(out, tenant, embeddedH2("mem:quickstart-" + tenant), new InMemoryCrm());
  }

  /**
   * Runs the flow against one ERP tenant, with the engine's state in a database.
   *
   * @param out where to print
   * @param tenant the ERP tenant
   * @param db where the engine keeps its state; the schema is created or migrated on start
   * @param crm the target
   * @return the run report
   */
  static RunReport run(PrintStream out, String tenant, DataSource db, InMemoryCrm crm) {
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

      // One engine per host, created once and reused; it owns its threads. Its state lives in the
      // database (schema created or migrated here), so a restart resumes from the cursor.
      JdbcStateStores stores = JdbcStateStores.builder(db).build();
      try (SyncEngine engine =
          SyncEngine.builder().merger(merger).stateStores(stores).addFlow(accounts).build()) {
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
    final AtomicInteger writes = new AtomicInteger();
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();
    // Delivery lanes write in parallel: ids come from a counter, not from the map's size.
    private final AtomicInteger nextId = new AtomicInteger();

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
                writes.incrementAndGet();
                String id =
                    idsByKey.computeIfAbsent(r.key(), k -> "001" + nextId.incrementAndGet());
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
