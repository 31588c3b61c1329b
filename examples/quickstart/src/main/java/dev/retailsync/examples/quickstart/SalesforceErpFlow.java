package dev.retailsync.examples.quickstart;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.Connectors;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Customers both ways between an ERP and Salesforce, end to end against fakes: the custom ERP
 * (found through ServiceLoader) and the real Salesforce connector talking to its in-process fake
 * org. The ERP owns payment terms and credit; a name changed in Salesforce reaches the ERP; what
 * the engine wrote to one side comes back from it as an echo and stops there.
 */
public final class SalesforceErpFlow {
  private SalesforceErpFlow() {}

  /**
   * Runs the flows.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    run(System.out, "sf-demo", Clock.systemUTC());
  }

  /**
   * Runs the flows against one ERP tenant and a fresh fake org.
   *
   * @param out where to print
   * @param tenant the ERP tenant
   * @param clock the clock of the fake org
   * @return the fake org, for inspection
   */
  public static FakeSalesforce run(PrintStream out, String tenant, Clock clock) {
    FakeSalesforce org = new FakeSalesforce(clock, "3MVG9-demo", "demo-secret");
    SystemId erpId = SystemId.of("acme-erp");
    Connectors connectors = Connectors.builder().build();
    ConnectorContext erpContext =
        ConnectorContext.builder(erpId)
            .config(ConnectorConfig.of(Map.of("tenant", tenant)))
            .clock(clock)
            .build();
    ConnectorContext sfContext =
        ConnectorContext.builder(SystemId.SALESFORCE)
            .config(
                ConnectorConfig.of(
                    Map.of(
                        "instanceUrl",
                        FakeSalesforce.INSTANCE_URL,
                        "tokenUrl",
                        FakeSalesforce.TOKEN_URL,
                        "clientId",
                        "3MVG9-demo",
                        "clientSecret",
                        "demo-secret")))
            .putService(OkHttpClient.class, org.client())
            .clock(clock)
            .build();
    try (Connector erp = connectors.create("acme-erp", erpContext);
        Connector salesforce = connectors.create("salesforce", sfContext)) {
      erp.writer(EntityType.ACCOUNT)
          .orElseThrow()
          .upsert(
              List.of(
                  WriteRequest.of("seed-1", account("C-3001", "Jane Doe", CustomerType.CONSUMER)),
                  WriteRequest.of(
                      "seed-2", account("B-4002", "Acme Hardware GmbH", CustomerType.BUSINESS))));

      Merger merger =
          Merger.builder()
              .policy(
                  OwnershipPolicy.builder(EntityType.ACCOUNT)
                      .owner(Account.Fields.PAYMENT_TERMS, erpId)
                      .owner(Account.Fields.CREDIT, erpId)
                      .owner(Account.Fields.STATUS, erpId, OwnershipPolicy.Initial.ANY_SYSTEM)
                      .defaultRule(ConflictRule.newestWins())
                      .build())
              .build();
      Flow<Account> erpToSalesforce =
          Flow.builder("accounts-erp-to-salesforce", EntityType.ACCOUNT)
              .source(erp)
              .addTarget(salesforce)
              .build();
      Flow<Account> salesforceToErp =
          Flow.builder("accounts-salesforce-to-erp", EntityType.ACCOUNT)
              .source(salesforce)
              .addTarget(erp)
              .build();
      try (SyncEngine engine =
          SyncEngine.builder()
              .merger(merger)
              .addFlow(erpToSalesforce)
              .addFlow(salesforceToErp)
              .build()) {
        engine.runOnce();
        org.records("Account")
            .forEach(
                r ->
                    out.println(
                        "salesforce " + r.get("Id").asText() + ": " + r.get("Name").asText()));

        // A user renames the business account in Salesforce.
        String acmeId =
            org.records("Account").stream()
                .filter(r -> r.get("ERP_Customer_Id__c").asText().equals("B-4002"))
                .findFirst()
                .orElseThrow()
                .get("Id")
                .asText();
        org.update("Account", acmeId, Map.of("Name", "Acme Hardware Holding GmbH"));
        engine.runOnce();
        out.println(
            "erp B-4002 is now: "
                + erp.reader(EntityType.ACCOUNT)
                    .orElseThrow()
                    .read(List.of("B-4002"))
                    .get(0)
                    .entity()
                    .name());

        RunReport quiet = engine.runOnce();
        out.print(quiet.render());
        return org;
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
}
