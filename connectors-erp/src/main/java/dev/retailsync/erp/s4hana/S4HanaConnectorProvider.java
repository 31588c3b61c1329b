package dev.retailsync.erp.s4hana;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.state.IdempotencyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates {@link S4HanaConnector}s from settings, for hosts that wire connectors by id ({@code
 * s4hana}). The API host and the token endpoint are settings; the host may supply an {@code
 * OkHttpClient} and the engine's {@link IdempotencyStore} as context services (the store makes
 * look-up-then-create safe across instances).
 *
 * <p>Thread-safe and stateless.
 */
public final class S4HanaConnectorProvider implements ConnectorProvider {
  private static final Set<String> AUTH = Set.of("basic", "oauth_client_credentials");

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "baseUrl",
              ConfigType.URL,
              "the API host, such as https://my123456-api.s4hana.cloud.sap"),
          ConfigKey.optional("sapClient", ConfigType.STRING, null, "sap-client, such as 100"),
          ConfigKey.optional(
              "auth",
              ConfigType.STRING,
              "basic",
              "basic (communication user) or" + " oauth_client_credentials"),
          ConfigKey.optional("user", ConfigType.STRING, null, "the communication user (basic)"),
          ConfigKey.optional("password", ConfigType.SECRET, null, "its password (basic)"),
          ConfigKey.optional(
              "tokenUrl",
              ConfigType.URL,
              null,
              "the OAuth token endpoint (oauth_client_credentials)"),
          ConfigKey.optional("clientId", ConfigType.STRING, null, "the OAuth client id"),
          ConfigKey.optional("clientSecret", ConfigType.SECRET, null, "the OAuth client secret"),
          ConfigKey.optional("scope", ConfigType.STRING, null, "the OAuth scope, if any"),
          ConfigKey.optional(
              "gateSize", ConfigType.INT, "10", "calls in flight at once to this SAP host"),
          ConfigKey.optional(
              "lanes", ConfigType.INT, null, "CSRF lanes per service; the gate size by default"),
          ConfigKey.optional(
              "csrfFetchPath", ConfigType.STRING, null, "empty (service root) or $metadata"),
          ConfigKey.optional(
              "fetchTokenBeforeEveryBatch",
              ConfigType.BOOLEAN,
              "true",
              "fetch a CSRF token before every $batch"),
          ConfigKey.optional("maxBatchSize", ConfigType.INT, "100", "records per writer call"),
          ConfigKey.optional(
              "changesetSize", ConfigType.INT, null, "records per changeset; the batch by default"),
          ConfigKey.optional(
              "feedOverlap", ConfigType.DURATION, "PT2M", "how far each feed poll looks back"),
          ConfigKey.optional(
              "customerKeyField",
              ConfigType.STRING,
              "SearchTerm1",
              "the BP field holding the account number"),
          ConfigKey.optional(
              "customerKeyMaxLength", ConfigType.INT, "20", "the length of that field"),
          ConfigKey.optional("orderType", ConfigType.STRING, "OR", "SalesOrderType of new orders"),
          ConfigKey.optional(
              "returnType",
              ConfigType.STRING,
              "CBAR",
              "CustomerReturnType of new customer returns (return authorization)"),
          ConfigKey.optional(
              "salesOrganization", ConfigType.STRING, null, "sales area: SalesOrganization"),
          ConfigKey.optional(
              "distributionChannel", ConfigType.STRING, null, "sales area: DistributionChannel"),
          ConfigKey.optional("division", ConfigType.STRING, null, "sales area: Division"),
          ConfigKey.optional(
              "deepInsertPlainArrays",
              ConfigType.BOOLEAN,
              "false",
              "write to-many navigations as plain arrays"));

  /** Creates the provider; ServiceLoader calls this. */
  public S4HanaConnectorProvider() {}

  @Override
  public String id() {
    return "s4hana";
  }

  @Override
  public String description() {
    return "SAP S/4HANA OData v2: business partners and sales orders through $batch with CSRF"
        + " lanes and If-Match, deliveries, billing documents, products and stock, return"
        + " authorization as customer returns";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    String auth = config.get("auth").orElse("basic");
    if (!AUTH.contains(auth)) {
      errors.add(FieldError.of("auth", auth, "must be one of " + AUTH));
    }
    if (auth.equals("basic")) {
      require(config, errors, "user", "is required for basic auth");
      require(config, errors, "password", "is required for basic auth");
    } else if (auth.equals("oauth_client_credentials")) {
      require(config, errors, "tokenUrl", "is required for oauth_client_credentials");
      require(config, errors, "clientId", "is required for oauth_client_credentials");
      require(config, errors, "clientSecret", "is required for oauth_client_credentials");
    }
    String area = config.get("salesOrganization").orElse(null);
    if (area != null
        && (config.get("distributionChannel").isEmpty() || config.get("division").isEmpty())) {
      errors.add(
          FieldError.redacted(
              "distributionChannel",
              "salesOrganization, distributionChannel and division go together"));
    }
    for (String n : List.of("gateSize", "maxBatchSize")) {
      if (errors.stream().noneMatch(e -> e.path().equals(n))) {
        long v = config.getLong(n, 1);
        if (v < 1 || (n.equals("maxBatchSize") && v > 1000)) {
          errors.add(
              FieldError.of(n, v, n.equals("gateSize") ? "must be 1 or more" : "must be 1-1000"));
        }
      }
    }
    return errors;
  }

  private static void require(ConnectorConfig c, List<FieldError> errors, String name, String why) {
    if (c.get(name).map(String::isBlank).orElse(true)) {
      errors.add(FieldError.redacted(name, why));
    }
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    List<FieldError> errors = validate(c);
    if (!errors.isEmpty()) {
      throw new dev.retailsync.api.ConfigurationException("s4hana connector settings", errors);
    }
    OkHttpClient http = context.service(OkHttpClient.class).orElseGet(OkHttpClient::new);
    S4HanaConnector.Builder b =
        S4HanaConnector.builder()
            .system(context.system())
            .http(http)
            .baseUrl(c.require("baseUrl"))
            .sapClient(c.get("sapClient").orElse(null))
            .clock(context.clock())
            .gateSize((int) c.getLong("gateSize", 10))
            .fetchTokenBeforeEveryBatch(c.getBoolean("fetchTokenBeforeEveryBatch", true))
            .maxBatchSize((int) c.getLong("maxBatchSize", 100))
            .feedOverlap(c.getDuration("feedOverlap", java.time.Duration.ofMinutes(2)))
            .deepInsertPlainArrays(c.getBoolean("deepInsertPlainArrays", false));
    if (c.get("auth").orElse("basic").equals("basic")) {
      b.basicAuth(c.require("user"), c.require("password"));
    } else {
      b.tokenProvider(
          OAuthTokenProvider.builder(
                  http,
                  HttpUrl.get(c.require("tokenUrl")),
                  OAuthGrant.clientCredentials(
                      c.require("clientId"),
                      c.require("clientSecret"),
                      c.get("scope").orElse(null)))
              .clock(context.clock())
              .system(context.system())
              .build());
    }
    c.get("lanes").ifPresent(v -> b.lanes((int) c.getLong("lanes", 1)));
    c.get("changesetSize").ifPresent(v -> b.changesetSize((int) c.getLong("changesetSize", 1)));
    c.get("csrfFetchPath").ifPresent(b::csrfFetchPath);
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    CustomerMapping customers =
        CustomerMapping.defaults()
            .keyField(
                c.get("customerKeyField").orElse("SearchTerm1"),
                (int) c.getLong("customerKeyMaxLength", 20));
    SalesOrderMapping orders = SalesOrderMapping.defaults();
    if (c.get("salesOrganization").isPresent()) {
      customers =
          customers.salesArea(
              c.require("salesOrganization"),
              c.require("distributionChannel"),
              c.require("division"));
      orders =
          orders.orderType(
              c.get("orderType").orElse("OR"),
              c.require("salesOrganization"),
              c.require("distributionChannel"),
              c.require("division"));
    }
    return b.customers(customers)
        .orders(orders)
        .returns(CustomerReturnMapping.defaults().returnType(c.get("returnType").orElse("CBAR")))
        .build();
  }
}
