package dev.retailsync.erp.tryton;

import dev.retailsync.api.FieldError;
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
 * Creates {@link TrytonConnector}s from settings, for hosts that wire connectors by id ({@code
 * tryton}). The host may supply an {@code OkHttpClient} and an {@link IdempotencyStore} (to share
 * idempotency outcomes between processes) as context services.
 */
public final class TrytonConnectorProvider implements ConnectorProvider {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "baseUrl", ConfigType.URL, "the Tryton server's root URL, https://erp.example.com/"),
          ConfigKey.required("database", ConfigType.STRING, "the Tryton database name"),
          ConfigKey.required("login", ConfigType.STRING, "the Tryton user's login"),
          ConfigKey.required("password", ConfigType.SECRET, "the Tryton user's password"),
          ConfigKey.optional(
              "gateSize",
              ConfigType.INT,
              "4",
              "calls in flight at once to this database, shared by the process"),
          ConfigKey.optional(
              "feedOverlap",
              ConfigType.DURATION,
              "PT1M",
              "how far before its last stamp each feed poll starts again"),
          ConfigKey.optional(
              "maxBatchSize", ConfigType.INT, "100", "the most records per writer or reader call"));

  /** Creates the provider; ServiceLoader calls this. */
  public TrytonConnectorProvider() {}

  @Override
  public String id() {
    return "tryton";
  }

  @Override
  public String description() {
    return "Tryton 6.0 JSON-RPC: customers (parties with addresses and contact mechanisms) with"
        + " _timestamp versions and a write_date/create_date change feed";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    if (errors.stream().noneMatch(e -> e.path().equals("gateSize"))
        && config.getLong("gateSize", 4) < 1) {
      errors.add(FieldError.of("gateSize", config.getLong("gateSize", 4), "must be 1 or more"));
    }
    if (errors.stream().noneMatch(e -> e.path().equals("maxBatchSize"))) {
      long size = config.getLong("maxBatchSize", 100);
      if (size < 1 || size > 1000) {
        errors.add(FieldError.of("maxBatchSize", size, "must be between 1 and 1000"));
      }
    }
    if (errors.stream().noneMatch(e -> e.path().equals("feedOverlap"))
        && config.getDuration("feedOverlap", Duration.ofMinutes(1)).isNegative()) {
      errors.add(
          FieldError.of(
              "feedOverlap", config.get("feedOverlap").orElse(""), "must not be negative"));
    }
    String db = config.get("database").orElse("");
    if (db.contains("/")) {
      errors.add(FieldError.of("database", db, "must be the database name, without slashes"));
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    TrytonConnector.Builder b =
        TrytonConnector.builder()
            .system(context.system())
            .baseUrl(c.require("baseUrl"))
            .database(c.require("database"))
            .credentials(c.require("login"), c.require("password"))
            .http(context.service(OkHttpClient.class).orElseGet(OkHttpClient::new))
            .clock(context.clock())
            .gateSize((int) c.getLong("gateSize", 4))
            .feedOverlap(c.getDuration("feedOverlap", Duration.ofMinutes(1)))
            .maxBatchSize((int) c.getLong("maxBatchSize", 100));
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    return b.build();
  }
}
