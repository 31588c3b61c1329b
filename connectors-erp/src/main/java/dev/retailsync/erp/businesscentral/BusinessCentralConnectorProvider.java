package dev.retailsync.erp.businesscentral;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.core.state.IdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Creates {@link BusinessCentralConnector}s from settings, for hosts that wire connectors by id
 * ({@code business-central}). The API root and the token endpoint are settings (derived from {@code
 * tenant} and {@code environment} when absent), so sandboxes, on-premises servers and proxies work;
 * the host may supply an {@code OkHttpClient} and an {@link IdempotencyStore} as context services.
 *
 * <p>Thread-safe and stateless.
 */
public final class BusinessCentralConnectorProvider implements ConnectorProvider {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
              "tenant", ConfigType.STRING, null, "the Entra tenant id or domain (contoso.com)"),
          ConfigKey.optional(
              "environment", ConfigType.STRING, "production", "the Business Central environment"),
          ConfigKey.optional(
              "apiUrl",
              ConfigType.URL,
              null,
              "the API root; default https://api.businesscentral.dynamics.com/v2.0/{tenant}/"
                  + "{environment}/api/v2.0"),
          ConfigKey.optional(
              "tokenUrl",
              ConfigType.URL,
              null,
              "the token endpoint; default https://login.microsoftonline.com/{tenant}/oauth2/v2.0/"
                  + "token"),
          ConfigKey.required("clientId", ConfigType.STRING, "the Entra application (client) id"),
          ConfigKey.required("clientSecret", ConfigType.SECRET, "the Entra client secret"),
          ConfigKey.optional(
              "scope",
              ConfigType.STRING,
              BusinessCentralConnector.DEFAULT_SCOPE,
              "the token scope"),
          ConfigKey.optional("companyId", ConfigType.STRING, null, "the company id (a GUID)"),
          ConfigKey.optional(
              "companyName", ConfigType.STRING, null, "the company name, when no companyId"),
          ConfigKey.optional(
              "localCurrency", ConfigType.STRING, "USD", "the company's local currency (LCY)"),
          ConfigKey.optional(
              "concurrency",
              ConfigType.INT,
              "5",
              "calls in flight at once for this principal (Business Central processes 5)"),
          ConfigKey.optional("maxAttempts", ConfigType.INT, "5", "tries per call on 429 and 503"),
          ConfigKey.optional(
              "feedOverlap", ConfigType.DURATION, "PT2M", "how far back each feed poll looks"),
          ConfigKey.optional(
              "batchSize", ConfigType.INT, "100", "records per $batch upsert, 1 to 100"),
          ConfigKey.optional(
              "atomicBatches",
              ConfigType.BOOLEAN,
              "false",
              "send write batches with Isolation: snapshot (all or nothing)"));

  /** Creates the provider; ServiceLoader calls this. */
  public BusinessCentralConnectorProvider() {}

  @Override
  public String id() {
    return "business-central";
  }

  @Override
  public String description() {
    return "Dynamics 365 Business Central API v2.0: customers and items by $batch upsert, sales"
        + " orders, shipments, invoices, credit memos, lastModifiedDateTime change feed";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    if (config.get("tenant").isEmpty()
        && (config.get("apiUrl").isEmpty() || config.get("tokenUrl").isEmpty())) {
      errors.add(FieldError.redacted("tenant", "is required unless apiUrl and tokenUrl are set"));
    }
    if (config.get("companyId").isEmpty() && config.get("companyName").isEmpty()) {
      errors.add(FieldError.redacted("companyId", "is required (or set companyName)"));
    }
    if (errors.stream().noneMatch(e -> e.path().equals("batchSize"))) {
      long size = config.getLong("batchSize", 100);
      if (size < 1 || size > 100) {
        errors.add(FieldError.of("batchSize", size, "must be between 1 and 100 ($batch limit)"));
      }
    }
    if (errors.stream().noneMatch(e -> e.path().equals("concurrency"))) {
      long c = config.getLong("concurrency", 5);
      if (c < 1) {
        errors.add(FieldError.of("concurrency", c, "must be 1 or more"));
      }
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    List<FieldError> errors = validate(c);
    if (!errors.isEmpty()) {
      throw new ValidationException("business-central connector settings", errors);
    }
    BusinessCentralConnector.Builder b =
        BusinessCentralConnector.builder()
            .system(context.system())
            .http(context.service(OkHttpClient.class).orElseGet(OkHttpClient::new))
            .clock(context.clock())
            .environment(c.get("environment").orElse("production"))
            .clientCredentials(c.require("clientId"), c.require("clientSecret"))
            .scope(c.get("scope").orElse(BusinessCentralConnector.DEFAULT_SCOPE))
            .localCurrency(c.get("localCurrency").orElse("USD"))
            .concurrency((int) c.getLong("concurrency", 5))
            .maxAttempts((int) c.getLong("maxAttempts", 5))
            .feedOverlap(c.getDuration("feedOverlap", Duration.ofMinutes(2)))
            .batchSize((int) c.getLong("batchSize", 100))
            .atomicBatches(c.getBoolean("atomicBatches", false));
    c.get("tenant").ifPresent(b::tenant);
    c.get("apiUrl").ifPresent(b::apiUrl);
    c.get("tokenUrl").ifPresent(b::tokenUrl);
    c.get("companyId").ifPresent(b::companyId);
    c.get("companyName").ifPresent(b::companyName);
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    return b.build();
  }
}
