package dev.retailsync.ecommerce.shopify;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.core.http.RefreshTokenStore;
import dev.retailsync.core.http.TokenProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates {@link ShopifyConnector}s from settings, for hosts that wire connectors by id ({@code
 * shopify}). The shop's base URL and the token endpoint are settings, so proxies and the fake work;
 * the host may supply an {@code OkHttpClient}, a {@link RefreshTokenStore} (expiring offline
 * tokens), an {@link InventoryKeyStore} and a {@link ShopifyListener} as context services.
 *
 * <p>Settings: {@code shop} or {@code baseUrl}; {@code auth} ({@code static}, {@code
 * client_credentials} or {@code expiring_offline}) with {@code accessToken}, or {@code clientId}
 * and {@code clientSecret} (and {@code refreshToken} for expiring offline tokens without a store);
 * optional {@code tokenUrl}, {@code apiVersion}, {@code locations} ({@code WH-1=gid://shopify/
 * Location/1,WH-2=2}), {@code customerCustomId} ({@code custom.erp_id}), {@code feedOverlap},
 * {@code orderFeedSince} (an ISO-8601 instant where the order feed starts; without it the feed asks
 * for all orders, which needs the {@code read_all_orders} scope) and {@code maxAttempts}. A {@link
 * dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping} passed as a context service replaces
 * the default order mapping.
 */
public final class ShopifyConnectorProvider implements ConnectorProvider {
  private static final Set<String> AUTH =
      Set.of("static", "client_credentials", "expiring_offline");

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional("shop", ConfigType.STRING, null, "the shop's handle, such as acme"),
          ConfigKey.optional(
              "baseUrl",
              ConfigType.URL,
              null,
              "the shop's base URL instead of shop, such as https://acme.myshopify.com"),
          ConfigKey.optional(
              "tokenUrl",
              ConfigType.URL,
              null,
              "the token endpoint; {baseUrl}/admin/oauth/access_token by default"),
          ConfigKey.optional(
              "apiVersion",
              ConfigType.STRING,
              ShopifyGraphQlClient.DEFAULT_API_VERSION,
              "the Admin API version to pin"),
          ConfigKey.optional(
              "auth",
              ConfigType.STRING,
              "static",
              "static, client_credentials or expiring_offline"),
          ConfigKey.optional(
              "accessToken", ConfigType.SECRET, null, "the custom app's token (auth=static)"),
          ConfigKey.optional("clientId", ConfigType.STRING, null, "the app's client id"),
          ConfigKey.optional("clientSecret", ConfigType.SECRET, null, "the app's client secret"),
          ConfigKey.optional(
              "refreshToken",
              ConfigType.SECRET,
              null,
              "the first refresh token (auth=expiring_offline without a RefreshTokenStore)"),
          ConfigKey.optional(
              "locations",
              ConfigType.STRING,
              null,
              "canonical location codes to Shopify locations: WH-1=gid://shopify/Location/1,WH-2=2"),
          ConfigKey.optional(
              "customerCustomId",
              ConfigType.STRING,
              null,
              "the unique metafield customers are upserted by without e-mail or phone:"
                  + " namespace.key"),
          ConfigKey.optional(
              "feedOverlap", ConfigType.DURATION, "PT2M", "the customer feed's overlap window"),
          ConfigKey.optional(
              "orderFeedSince",
              ConfigType.STRING,
              null,
              "where the order feed starts, an ISO-8601 instant such as 2026-10-01T00:00:00Z"),
          ConfigKey.optional(
              "maxAttempts", ConfigType.INT, "6", "how many times one request is sent at most"));

  /** Creates the provider; ServiceLoader calls this. */
  public ShopifyConnectorProvider() {}

  @Override
  public String id() {
    return "shopify";
  }

  @Override
  public String description() {
    return "Shopify Admin GraphQL: customers (feed, reader, customerSet writer) and inventory levels"
        + " (2026-04 compare-and-swap with idempotency keys), bulk operations, orders (feed,"
        + " reader) and ERP shipments as fulfilments";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    if (config.get("shop").isEmpty() && config.get("baseUrl").isEmpty()) {
      errors.add(FieldError.redacted("shop", "is required (or baseUrl): the shop's handle"));
    }
    String auth = config.get("auth").orElse("static");
    if (!AUTH.contains(auth)) {
      errors.add(FieldError.of("auth", auth, "must be one of " + AUTH));
    }
    if (auth.equals("static") && config.get("accessToken").isEmpty()) {
      errors.add(FieldError.redacted("accessToken", "is required for auth=static"));
    }
    if (!auth.equals("static")) {
      if (config.get("clientId").isEmpty()) {
        errors.add(FieldError.redacted("clientId", "is required for auth=" + auth));
      }
      if (config.get("clientSecret").isEmpty()) {
        errors.add(FieldError.redacted("clientSecret", "is required for auth=" + auth));
      }
    }
    config
        .get("orderFeedSince")
        .ifPresent(
            v -> {
              try {
                java.time.Instant.parse(v.trim());
              } catch (java.time.format.DateTimeParseException e) {
                errors.add(
                    FieldError.of(
                        "orderFeedSince",
                        v,
                        "must be an ISO-8601 instant such as 2026-10-01T00:00:00Z"));
              }
            });
    config
        .get("apiVersion")
        .ifPresent(
            v -> {
              try {
                ShopifyGraphQlClient.builder().apiVersion(v);
              } catch (ValidationException e) {
                errors.add(FieldError.of("apiVersion", v, "must be a version such as 2026-04"));
              }
            });
    config
        .get("locations")
        .ifPresent(
            v -> {
              try {
                locations(v);
              } catch (ValidationException e) {
                errors.add(FieldError.of("locations", v, e.getMessage()));
              }
            });
    config
        .get("customerCustomId")
        .ifPresent(
            v -> {
              if (!v.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
                errors.add(FieldError.of("customerCustomId", v, "must be namespace.key"));
              }
            });
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    List<FieldError> problems = validate(c);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Shopify connector settings", problems);
    }
    OkHttpClient http = context.service(OkHttpClient.class).orElseGet(OkHttpClient::new);
    ShopifyConnector.Builder b =
        ShopifyConnector.builder()
            .system(context.system())
            .http(http)
            .clock(context.clock())
            .apiVersion(c.get("apiVersion").orElse(ShopifyGraphQlClient.DEFAULT_API_VERSION))
            .feedOverlap(c.getDuration("feedOverlap", Duration.ofMinutes(2)))
            .maxAttempts((int) c.getLong("maxAttempts", 6));
    String baseUrl =
        c.get("baseUrl")
            .orElseGet(
                () -> {
                  String s = c.require("shop").trim();
                  return "https://" + (s.endsWith(".myshopify.com") ? s : s + ".myshopify.com");
                });
    b.baseUrl(baseUrl);
    HttpUrl tokenUrl =
        c.get("tokenUrl")
            .map(HttpUrl::get)
            .orElseGet(() -> ShopifyTokens.tokenEndpoint(HttpUrl.get(baseUrl)));
    b.tokens(tokens(c, context, http, tokenUrl));
    c.get("locations").ifPresent(v -> locations(v).forEach(b::putLocation));
    c.get("customerCustomId")
        .ifPresent(
            v -> {
              int dot = v.indexOf('.');
              b.customerCustomId(v.substring(0, dot), v.substring(dot + 1));
            });
    context.service(InventoryKeyStore.class).ifPresent(b::inventoryKeyStore);
    context.service(ShopifyListener.class).ifPresent(b::listener);
    context
        .service(dev.retailsync.ecommerce.shopify.orders.ShopifyOrderMapping.class)
        .ifPresent(b::orderMapping);
    c.get("orderFeedSince").ifPresent(v -> b.orderFeedSince(java.time.Instant.parse(v.trim())));
    return b.build();
  }

  private static TokenProvider tokens(
      ConnectorConfig c, ConnectorContext context, OkHttpClient http, HttpUrl tokenUrl) {
    switch (c.get("auth").orElse("static")) {
      case "client_credentials":
        return ShopifyTokens.clientCredentials(
            http,
            tokenUrl,
            c.require("clientId"),
            c.require("clientSecret"),
            context.clock(),
            context.system());
      case "expiring_offline":
        RefreshTokenStore store =
            context
                .service(RefreshTokenStore.class)
                .orElseGet(
                    () -> {
                      if (c.get("refreshToken").isEmpty()) {
                        throw new ConfigurationException(
                            "Shopify connector settings",
                            List.of(
                                FieldError.redacted(
                                    "refreshToken",
                                    "is required for auth=expiring_offline unless the host passes"
                                        + " a RefreshTokenStore (recommended: the token rotates)")));
                      }
                      return RefreshTokenStore.inMemory(c.require("refreshToken"));
                    });
        return ShopifyTokens.expiringOffline(
            http,
            tokenUrl,
            c.require("clientId"),
            c.require("clientSecret"),
            store,
            context.clock(),
            context.system());
      default:
        return ShopifyTokens.staticToken(c.require("accessToken"), context.clock());
    }
  }

  static Map<String, String> locations(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw ValidationException.of(
            "Shopify connector settings",
            "locations",
            p,
            "must be code=location pairs such as WH-1=gid://shopify/Location/1");
      }
      out.put(p.substring(0, eq).trim(), ShopifyIds.toGid("Location", p.substring(eq + 1).trim()));
    }
    return out;
  }
}
