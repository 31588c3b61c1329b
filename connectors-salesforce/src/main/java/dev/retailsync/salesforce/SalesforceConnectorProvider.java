package dev.retailsync.salesforce;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.core.http.Jwt;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.http.RefreshTokenStore;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates {@link SalesforceConnector}s from settings, for hosts that wire connectors by id ({@code
 * salesforce}). The token endpoint and instance URL are settings, so sandboxes, My Domains and
 * proxies work; the host may supply an {@code OkHttpClient}, a {@link PrivateKey} (JWT bearer) and
 * a {@link RefreshTokenStore} (refresh-token flow) as context services.
 */
public final class SalesforceConnectorProvider implements ConnectorProvider {
  private static final Set<String> GRANTS =
      Set.of("client_credentials", "jwt_bearer", "refresh_token");

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "instanceUrl", ConfigType.URL, "the org's My Domain, https://acme.my.salesforce.com"),
          ConfigKey.required(
              "tokenUrl",
              ConfigType.URL,
              "the token endpoint: My Domain for client credentials, login/test or My Domain for"
                  + " JWT bearer"),
          ConfigKey.optional(
              "grant",
              ConfigType.STRING,
              "client_credentials",
              "client_credentials, jwt_bearer or refresh_token"),
          ConfigKey.required("clientId", ConfigType.STRING, "the app's consumer key"),
          ConfigKey.optional("clientSecret", ConfigType.SECRET, null, "the app's consumer secret"),
          ConfigKey.optional(
              "username", ConfigType.STRING, null, "the integration user (JWT bearer)"),
          ConfigKey.optional(
              "audience", ConfigType.URL, "https://login.salesforce.com", "the JWT audience"),
          ConfigKey.optional(
              "refreshToken",
              ConfigType.SECRET,
              null,
              "the first refresh token (refresh_token grant)"),
          ConfigKey.optional("apiVersion", ConfigType.STRING, "v66.0", "the REST API version"),
          ConfigKey.optional(
              "accountExternalIdField",
              ConfigType.STRING,
              "ERP_Customer_Id__c",
              "the Account's unique External ID field"),
          ConfigKey.optional(
              "personAccountExternalIdField",
              ConfigType.STRING,
              null,
              "the Account External ID field web customers (parties) are upserted by as person"
                  + " accounts; set it to sync parties (the org must have person accounts)"),
          ConfigKey.optional(
              "invoiceObject",
              ConfigType.STRING,
              null,
              "the custom object ERP invoices are upserted to, such as Invoice__c; set it to sync"
                  + " invoices"),
          ConfigKey.optional(
              "invoiceExternalIdField",
              ConfigType.STRING,
              "Invoice_Number__c",
              "the invoice object's External ID field holding the invoice number"),
          ConfigKey.optional(
              "budgetReservePercent",
              ConfigType.INT,
              "20",
              "share of the daily API allocation kept for other integrations"),
          ConfigKey.optional(
              "clientName", ConfigType.STRING, null, "sent as Sforce-Call-Options client=<name>"));

  /** Creates the provider; ServiceLoader calls this. */
  public SalesforceConnectorProvider() {}

  @Override
  public String id() {
    return "salesforce";
  }

  @Override
  public String description() {
    return "Salesforce REST: accounts by external-id upsert (sObject Collections), SOQL reads and"
        + " a SystemModstamp change feed";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    String grant = config.get("grant").orElse("client_credentials");
    if (!GRANTS.contains(grant)) {
      errors.add(FieldError.of("grant", grant, "must be one of " + GRANTS));
    }
    if (grant.equals("client_credentials") && config.get("clientSecret").isEmpty()) {
      errors.add(
          FieldError.redacted("clientSecret", "is required for the client_credentials grant"));
    }
    if (grant.equals("jwt_bearer") && config.get("username").isEmpty()) {
      errors.add(FieldError.redacted("username", "is required for the jwt_bearer grant"));
    }
    if (grant.equals("refresh_token") && config.get("refreshToken").isEmpty()) {
      errors.add(FieldError.redacted("refreshToken", "is required for the refresh_token grant"));
    }
    for (String key :
        List.of(
            "accountExternalIdField",
            "personAccountExternalIdField",
            "invoiceObject",
            "invoiceExternalIdField")) {
      config
          .get(key)
          .filter(v -> !v.matches("[A-Za-z][A-Za-z0-9_]*"))
          .ifPresent(
              v ->
                  errors.add(
                      FieldError.of(
                          key, v, "must be a Salesforce API name, such as Invoice_Number__c")));
    }
    if (errors.stream().noneMatch(e -> e.path().equals("budgetReservePercent"))) {
      long p = config.getLong("budgetReservePercent", 20);
      if (p < 0 || p > 90) {
        errors.add(FieldError.of("budgetReservePercent", p, "must be between 0 and 90"));
      }
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    OkHttpClient http = context.service(OkHttpClient.class).orElseGet(OkHttpClient::new);
    Clock clock = context.clock();
    OAuthGrant grant = grant(c, context);
    OAuthTokenProvider tokens =
        OAuthTokenProvider.builder(http, HttpUrl.get(c.require("tokenUrl")), grant)
            .clock(clock)
            .system(context.system())
            .build();
    SalesforceConnector.Builder b = SalesforceConnector.builder();
    c.get("personAccountExternalIdField")
        .ifPresent(f -> b.mapping(PersonAccountMapping.withExternalId(f)));
    c.get("invoiceObject")
        .ifPresent(
            o ->
                b.mapping(
                    InvoiceMapping.builder()
                        .sobject(o)
                        .externalIdField(
                            c.get("invoiceExternalIdField").orElse("Invoice_Number__c"))
                        .build()));
    return b.system(context.system())
        .http(http)
        .tokenProvider(tokens)
        .instanceUrl(c.require("instanceUrl"))
        .apiVersion(c.get("apiVersion").orElse("v66.0"))
        .accounts(
            AccountMapping.withExternalId(
                c.get("accountExternalIdField").orElse("ERP_Customer_Id__c")))
        .budgetReserve(c.getLong("budgetReservePercent", 20) / 100.0)
        .clientName(c.get("clientName").orElse(null))
        .clock(clock)
        .build();
  }

  private static OAuthGrant grant(ConnectorConfig c, ConnectorContext context) {
    String clientId = c.require("clientId");
    switch (c.get("grant").orElse("client_credentials")) {
      case "jwt_bearer":
        PrivateKey key =
            context
                .service(PrivateKey.class)
                .orElseThrow(
                    () ->
                        new ConfigurationException(
                            "the jwt_bearer grant needs the integration user's private key: pass a"
                                + " java.security.PrivateKey with ConnectorContext.putService"));
        String username = c.require("username");
        URI audience = c.getUrl("audience", URI.create("https://login.salesforce.com"));
        Clock clock = context.clock();
        return OAuthGrant.jwtBearer(
            () -> {
              Map<String, Object> claims = new LinkedHashMap<>();
              claims.put("iss", clientId);
              claims.put("sub", username);
              claims.put("aud", audience.toString());
              claims.put("exp", clock.instant().plusSeconds(180).getEpochSecond());
              return Jwt.rs256(key, null, claims);
            });
      case "refresh_token":
        RefreshTokenStore store =
            context
                .service(RefreshTokenStore.class)
                .orElseGet(() -> RefreshTokenStore.inMemory(c.require("refreshToken")));
        return OAuthGrant.refreshToken(clientId, c.get("clientSecret").orElse(null), store);
      default:
        return OAuthGrant.clientCredentials(clientId, c.require("clientSecret"), null);
    }
  }
}
