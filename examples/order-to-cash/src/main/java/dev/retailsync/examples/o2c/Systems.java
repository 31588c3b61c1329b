package dev.retailsync.examples.o2c;

import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.ecommerce.vendure.VendureConnector;
import dev.retailsync.erp.tryton.TrytonConnector;
import dev.retailsync.salesforce.InvoiceMapping;
import dev.retailsync.salesforce.PersonAccountMapping;
import dev.retailsync.salesforce.SalesforceConnector;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The three connectors of the order-to-cash flow. Closing it closes them.
 *
 * @param vendure the Vendure connector (customers, orders, fulfilments)
 * @param tryton the Tryton connector (parties, sales, shipments, invoices, stock)
 * @param salesforce the Salesforce connector with person accounts and {@code Invoice__c}
 */
public record Systems(
    VendureConnector vendure, TrytonConnector tryton, SalesforceConnector salesforce)
    implements AutoCloseable {
  /** The consumer key of the fake org's connected app. */
  static final String CLIENT_ID = "3MVG9o2c";

  /** Its consumer secret (an in-process fake; not a secret anywhere). */
  static final String CLIENT_SECRET = "o2c-fake-secret";

  // Checks the components; see the class documentation.
  public Systems {
    Objects.requireNonNull(vendure, "vendure");
    Objects.requireNonNull(tryton, "tryton");
    Objects.requireNonNull(salesforce, "salesforce");
  }

  /**
   * Connects to Vendure and Tryton as the settings say, through the given HTTP client (its proxy,
   * TLS and timeouts apply), and to a Salesforce org in this process.
   *
   * @param settings where Vendure and Tryton are
   * @param http the HTTP client both connectors share
   * @param org the Salesforce org, such as {@link #fakeOrg(Clock)}
   * @param outcomes where connectors record the outcome of writes that carry an idempotency key
   *     (Vendure fulfilments, Tryton creates), so that a write repeated after a restart replays its
   *     outcome; the engine's own store on the same database, such as {@code
   *     JdbcStateStores.idempotency()}
   * @param clock the clock
   * @return the connectors
   */
  public static Systems connect(
      Settings settings,
      OkHttpClient http,
      FakeSalesforce org,
      IdempotencyStore outcomes,
      Clock clock) {
    VendureConnector vendure =
        VendureConnector.builder()
            .adminApiUrl(settings.vendureAdminApiUrl())
            .apiKey(settings.vendureApiKey())
            .http(http)
            .idempotencyStore(outcomes)
            .clock(clock)
            .build();
    TrytonConnector tryton =
        TrytonConnector.builder()
            .baseUrl(settings.trytonUrl())
            .database(settings.trytonDatabase())
            .credentials(settings.trytonLogin(), settings.trytonPassword())
            .http(http)
            .idempotencyStore(outcomes)
            .clock(clock)
            // One call at a time: a Tryton on SQLite (as in the tests) serialises writes anyway,
            // and concurrent creates of parties draw the same code from its sequence.
            .gateSize(1)
            .build();
    return new Systems(vendure, tryton, salesforce(org, clock));
  }

  /**
   * Returns a Salesforce connector to the fake org: consumers as person accounts upserted by {@code
   * ERP_Customer_Id__c}, invoices as {@code Invoice__c} records upserted by {@code
   * Invoice_Number__c}.
   *
   * @param org the org
   * @param clock the clock
   * @return the connector
   */
  public static SalesforceConnector salesforce(FakeSalesforce org, Clock clock) {
    return SalesforceConnector.builder()
        .http(org.client())
        .tokenProvider(
            OAuthTokenProvider.builder(
                    org.client(),
                    HttpUrl.get(FakeSalesforce.TOKEN_URL),
                    OAuthGrant.clientCredentials(CLIENT_ID, CLIENT_SECRET, null))
                .clock(clock)
                .build())
        .instanceUrl(FakeSalesforce.INSTANCE_URL)
        .mapping(PersonAccountMapping.withExternalId("ERP_Customer_Id__c"))
        .mapping(InvoiceMapping.ofDefaults())
        .clock(clock)
        .build();
  }

  /**
   * Returns a fake org set up as the flow needs: person accounts, and the {@code Invoice__c} custom
   * object with the fields of {@link InvoiceMapping}'s defaults.
   *
   * @param clock the clock
   * @return the org
   */
  public static FakeSalesforce fakeOrg(Clock clock) {
    FakeSalesforce org = new FakeSalesforce(clock, CLIENT_ID, CLIENT_SECRET);
    org.createCustomObject(
        "Invoice__c",
        "Invoice_Number__c",
        InvoiceMapping.ofDefaults().fields().values().toArray(new String[0]));
    return org;
  }

  /** Closes the three connectors. */
  @Override
  public void close() {
    vendure.close();
    tryton.close();
    salesforce.close();
  }
}
