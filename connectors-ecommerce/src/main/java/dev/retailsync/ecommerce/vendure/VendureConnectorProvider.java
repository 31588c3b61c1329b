package dev.retailsync.ecommerce.vendure;

import dev.retailsync.api.ConfigurationException;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates {@link VendureConnector}s from settings; found through {@link java.util.ServiceLoader}
 * under the id {@code vendure}.
 *
 * <p>Settings: {@code adminApiUrl} (required, such as {@code https://shop.example.com/admin-api}),
 * and exactly one of {@code apiKey} (sent as {@code vendure-api-key}) or {@code bearerToken} (a
 * login session token); {@code pageSize} (1 to 1000, default 100); {@code orderChannel} (the
 * canonical channel of orders, default the system id); {@code orderFeedStates} (comma-separated
 * Vendure order states the order feed delivers, default {@link
 * VendureConnector#DEFAULT_ORDER_FEED_STATES}); {@code orderFeedLookback} (an ISO-8601 duration,
 * default {@code P30D}); {@code stockLocationCodes} (comma-separated {@code code=vendureId} pairs,
 * such as {@code WH-EAST=2}). The host's {@link OkHttpClient} and {@link IdempotencyStore} are
 * taken from the context's services when present, the clock from the context.
 */
public final class VendureConnectorProvider implements ConnectorProvider {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "adminApiUrl",
              ConfigType.URL,
              "the Admin API endpoint, such as https://shop.example.com/admin-api"),
          ConfigKey.optional(
              "apiKey", ConfigType.SECRET, null, "an API key (Vendure 3.6+), <lookupId>:<secret>"),
          ConfigKey.optional(
              "bearerToken",
              ConfigType.SECRET,
              null,
              "a login session token instead of apiKey (never log that admin out)"),
          ConfigKey.optional("pageSize", ConfigType.INT, "100", "read page size, 1 to 1000"),
          ConfigKey.optional(
              "orderChannel", ConfigType.STRING, null, "canonical channel of orders (system id)"),
          ConfigKey.optional(
              "orderFeedStates",
              ConfigType.STRING,
              null,
              "comma-separated order states the order feed delivers (all placed states)"),
          ConfigKey.optional(
              "orderFeedLookback",
              ConfigType.DURATION,
              "P30D",
              "how far back the order feed looks for payments, fulfilments and refunds"),
          ConfigKey.optional(
              "stockLocationCodes",
              ConfigType.STRING,
              null,
              "comma-separated code=stockLocationId pairs, such as WH-EAST=2"));

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public VendureConnectorProvider() {}

  @Override
  public String id() {
    return "vendure";
  }

  @Override
  public String description() {
    return "Vendure Admin GraphQL: customers (feed, reader, writer by externalId), orders (reader,"
        + " history-based feed), fulfilments (writer, reader), variant stock per location (feed,"
        + " reader, writer), refunds (return request writer)";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    boolean key = config.get("apiKey").isPresent();
    boolean token = config.get("bearerToken").isPresent();
    if (key == token) {
      errors.add(
          FieldError.redacted(
              "apiKey",
              key ? "set apiKey or bearerToken, not both" : "is required (or bearerToken)"));
    }
    config
        .get("adminApiUrl")
        .ifPresent(
            u -> {
              if (HttpUrl.parse(u) == null) {
                errors.add(FieldError.of("adminApiUrl", u, "must be an http(s) URL"));
              }
            });
    config
        .get("pageSize")
        .ifPresent(
            p -> {
              try {
                int n = Integer.parseInt(p.trim());
                if (n < 1 || n > VendureConnector.MAX_PAGE) {
                  errors.add(FieldError.of("pageSize", p, "must be 1 to 1000"));
                }
              } catch (NumberFormatException e) {
                errors.add(FieldError.of("pageSize", p, "must be a whole number, 1 to 1000"));
              }
            });
    config
        .get("orderFeedLookback")
        .ifPresent(
            d -> {
              try {
                if (Duration.parse(d.trim()).toSeconds() <= 0) {
                  errors.add(FieldError.of("orderFeedLookback", d, "must be positive"));
                }
              } catch (DateTimeParseException e) {
                // the spec's DURATION check reports it
              }
            });
    config
        .get("stockLocationCodes")
        .ifPresent(
            v -> {
              for (String pair : v.split(",")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                  errors.add(
                      FieldError.of(
                          "stockLocationCodes", v, "must be code=id pairs like WH-EAST=2"));
                  break;
                }
              }
            });
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    List<FieldError> problems = validate(c);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Vendure connector settings", problems);
    }
    VendureConnector.Builder b =
        VendureConnector.builder()
            .system(context.system())
            .adminApiUrl(c.require("adminApiUrl"))
            .http(context.service(OkHttpClient.class).orElseGet(OkHttpClient::new))
            .pageSize(Integer.parseInt(c.get("pageSize").orElse("100").trim()));
    c.get("apiKey").ifPresent(b::apiKey);
    c.get("bearerToken").ifPresent(b::bearerToken);
    b.clock(context.clock());
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    c.get("orderChannel").ifPresent(b::orderChannel);
    c.get("orderFeedStates")
        .ifPresent(
            v ->
                b.orderFeedStates(
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toSet())));
    b.orderFeedLookback(Duration.parse(c.get("orderFeedLookback").orElse("P30D").trim()));
    c.get("stockLocationCodes")
        .ifPresent(
            v -> {
              for (String pair : v.split(",")) {
                String[] kv = pair.trim().split("=", 2);
                b.stockLocationCode(kv[0].trim(), kv[1].trim());
              }
            });
    return b.build();
  }
}
