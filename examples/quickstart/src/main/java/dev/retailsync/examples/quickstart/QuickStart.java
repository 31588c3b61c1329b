package dev.retailsync.examples.quickstart;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.Connectors;
import dev.retailsync.core.json.CanonicalJson;
import dev.retailsync.core.validation.CanonicalValidator;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The quick start: discovers the connectors on the class or module path, creates the custom ERP
 * connector that {@code examples/custom-erp-connector} ships (the host never names its classes),
 * writes canonical accounts through it with one outcome per record, follows its change feed, and
 * reads a record back as canonical JSON.
 *
 * <p>Run it with {@code mvn -B -ntp -q -pl examples/quickstart -am package exec:java -DskipTests}.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the quick start and prints what happens.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // The host decides where logs go; route Hibernate Validator's through SLF4J like ours.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    run(System.out, "demo");
    System.out.println();
    System.out.println("-- ownership, golden records and idempotency --");
    OwnershipExample.run(System.out, java.time.Clock.systemUTC());
  }

  /**
   * Runs the quick start against one ERP tenant.
   *
   * @param out where to print
   * @param tenant the ERP tenant
   * @return the outcomes of the write
   */
  public static List<WriteOutcome> run(PrintStream out, String tenant) {
    // 1. Discover connectors: ServiceLoader finds every provider on the class or module path.
    Connectors connectors = Connectors.builder().build();
    for (ConnectorProvider p : connectors.providers()) {
      out.println("discovered connector '" + p.id() + "': " + p.description());
    }

    // 2. A bad configuration fails with one typed error per setting.
    try {
      connectors.create(
          "acme-erp",
          ConnectorContext.builder(SystemId.of("acme-erp"))
              .config(ConnectorConfig.of(Map.of("pageSize", "0")))
              .build());
    } catch (ConfigurationException e) {
      out.println("refused configuration: " + e.getMessage());
    }

    // 3. Create the connector by id, with its settings.
    ConnectorContext context =
        ConnectorContext.builder(SystemId.of("acme-erp"))
            .config(ConnectorConfig.of(Map.of("tenant", tenant, "pageSize", "50")))
            .build();
    try (Connector erp = connectors.create("acme-erp", context)) {
      // 4. Write canonical accounts; every record gets its own outcome, keyed by our key.
      RecordWriter<Account> writer = erp.writer(EntityType.ACCOUNT).orElseThrow();
      List<WriteRequest<Account>> batch =
          List.of(
              WriteRequest.of("web-1001", account("C-1001", "Jane Doe", CustomerType.CONSUMER)),
              WriteRequest.of(
                  "web-1002", account("B-2002", "Acme Hardware GmbH", CustomerType.BUSINESS)),
              WriteRequest.of(
                  "web-1003",
                  account(
                      "B-2003",
                      "Northwind Traders International Wholesale Division",
                      CustomerType.BUSINESS)));
      List<WriteOutcome> outcomes = writer.upsert(batch);
      for (WriteOutcome o : outcomes) {
        out.println(
            "write "
                + o.key()
                + ": "
                + o.status()
                + (o.isSuccess() ? " as " + o.externalId() : " " + o.errors()));
      }

      // 5. Follow the ERP's change feed from the beginning; the host stores the cursor.
      ChangePage<Account> page =
          erp.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(Cursor.beginning(), 10);
      page.changes()
          .forEach(
              c -> out.println("change " + c.type() + " " + c.source() + " v" + c.sourceVersion()));
      out.println("next cursor: " + page.next().value() + ", more: " + page.hasMore());

      // 6. Read a record back and show its canonical JSON; validate it.
      List<RemoteRecord<Account>> read =
          erp.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("B-2002"));
      Account account = read.get(0).entity();
      out.println("canonical JSON: " + CanonicalJson.create().write(account));
      out.println("constraint violations: " + CanonicalValidator.create().validate(account));

      // 7. Domain operations are looked up by interface; the ERP owns credit, so read it live.
      erp.operation(CreditLookup.class)
          .flatMap(credit -> credit.credit("B-2002"))
          .ifPresent(terms -> out.println("credit of B-2002: " + terms.status()));
      return outcomes;
    }
  }

  private static Account account(String number, String name, CustomerType type) {
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(type)
        .status(AccountStatus.PROVISIONAL)
        .paymentTerms(type == CustomerType.BUSINESS ? "NET30" : "PREPAID")
        .currency("EUR")
        .build();
  }
}
