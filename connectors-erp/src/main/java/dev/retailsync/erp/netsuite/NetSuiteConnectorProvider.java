package dev.retailsync.erp.netsuite;

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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Creates {@link NetSuiteConnector}s from settings, for hosts that wire connectors by id ({@code
 * netsuite}). The account's host and the token endpoint are settings (or derived from {@code
 * accountId}), so sandboxes, proxies and fakes work. The host may supply an {@code OkHttpClient},
 * the certificate's {@link PrivateKey} (instead of {@code privateKeyPem}) and an {@link
 * IdempotencyStore} as context services.
 *
 * <p>Thread-safe and stateless.
 */
public final class NetSuiteConnectorProvider implements ConnectorProvider {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
              "accountId",
              ConfigType.STRING,
              null,
              "the account id as NetSuite shows it, 1234567 or 1234567_SB1 (or set baseUrl)"),
          ConfigKey.optional(
              "baseUrl",
              ConfigType.URL,
              null,
              "the SuiteTalk host, https://1234567-sb1.suitetalk.api.netsuite.com"),
          ConfigKey.optional(
              "tokenUrl",
              ConfigType.URL,
              null,
              "the token endpoint; <baseUrl>/services/rest/auth/oauth2/v1/token by default"),
          ConfigKey.required("clientId", ConfigType.STRING, "the integration record's client id"),
          ConfigKey.required(
              "certificateId",
              ConfigType.STRING,
              "the certificate id from OAuth 2.0 Client Credentials (M2M) Setup"),
          ConfigKey.optional(
              "privateKeyPem",
              ConfigType.SECRET,
              null,
              "the certificate's PKCS#8 private key in PEM (or a PrivateKey context service)"),
          ConfigKey.optional(
              "algorithm", ConfigType.STRING, null, "PS256 (RSA, default) or ES256 (EC), ..."),
          ConfigKey.optional(
              "scopes", ConfigType.STRING, "rest_webservices", "comma-separated OAuth scopes"),
          ConfigKey.optional(
              "certificateExpiresAt",
              ConfigType.STRING,
              null,
              "the certificate's expiry (ISO-8601 instant), for early warnings"),
          ConfigKey.optional(
              "concurrencyLimit",
              ConfigType.INT,
              "5",
              "the account's (or integration's) concurrent request limit"),
          ConfigKey.optional(
              "subsidiaryId", ConfigType.STRING, null, "subsidiary of new customers (OneWorld)"),
          ConfigKey.optional(
              "feedOverlap", ConfigType.DURATION, "PT2M", "how far back each feed scan looks"),
          ConfigKey.optional(
              "accountTimeZone", ConfigType.STRING, "UTC", "the time zone SuiteQL dates are in"));

  /** Creates the provider; ServiceLoader calls this. */
  public NetSuiteConnectorProvider() {}

  @Override
  public String id() {
    return "netsuite";
  }

  @Override
  public String description() {
    return "NetSuite SuiteTalk REST: external-id upserts, SuiteQL change feeds, order submission,"
        + " credit and availability lookups, return authorizations";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    if (config.get("accountId").isEmpty() && config.get("baseUrl").isEmpty()) {
      errors.add(FieldError.redacted("accountId", "is required unless baseUrl is set"));
    }
    config
        .get("accountId")
        .filter(a -> !a.matches("[A-Za-z0-9_-]+"))
        .ifPresent(a -> errors.add(FieldError.of("accountId", a, "must look like 1234567_SB1")));
    config
        .get("algorithm")
        .filter(
            a ->
                Arrays.stream(NetSuiteCredentials.Algorithm.values())
                    .noneMatch(v -> v.name().equals(a)))
        .ifPresent(
            a ->
                errors.add(
                    FieldError.of(
                        "algorithm",
                        a,
                        "must be one of "
                            + Arrays.toString(NetSuiteCredentials.Algorithm.values())
                            + " (NetSuite refuses RS256)")));
    config
        .get("certificateExpiresAt")
        .ifPresent(
            v -> {
              try {
                Instant.parse(v);
              } catch (DateTimeException e) {
                errors.add(
                    FieldError.of(
                        "certificateExpiresAt", v, "must be an instant like 2027-06-30T00:00:00Z"));
              }
            });
    config
        .get("accountTimeZone")
        .ifPresent(
            v -> {
              try {
                ZoneId.of(v);
              } catch (DateTimeException e) {
                errors.add(FieldError.of("accountTimeZone", v, "must be a zone id such as UTC"));
              }
            });
    if (errors.stream().noneMatch(e -> e.path().equals("concurrencyLimit"))
        && config.getLong("concurrencyLimit", 5) < 1) {
      errors.add(
          FieldError.of(
              "concurrencyLimit", config.getLong("concurrencyLimit", 5), "must be 1 or more"));
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    ConnectorConfig c = context.config();
    List<FieldError> problems = validate(c);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("netsuite connector settings", problems);
    }
    OkHttpClient http = context.service(OkHttpClient.class).orElseGet(OkHttpClient::new);
    PrivateKey key =
        context
            .service(PrivateKey.class)
            .orElseGet(
                () ->
                    c.get("privateKeyPem")
                        .map(NetSuiteConnectorProvider::parsePem)
                        .orElseThrow(
                            () ->
                                new ConfigurationException(
                                    "netsuite needs the M2M certificate's private key: set"
                                        + " privateKeyPem or pass a java.security.PrivateKey with"
                                        + " ConnectorContext.putService")));
    NetSuiteCredentials.Builder cb =
        NetSuiteCredentials.builder()
            .clientId(c.require("clientId"))
            .certificateId(c.require("certificateId"))
            .privateKey(key)
            .scopes(List.of(c.get("scopes").orElse("rest_webservices").split("\\s*,\\s*")));
    c.get("algorithm").ifPresent(a -> cb.algorithm(NetSuiteCredentials.Algorithm.valueOf(a)));
    c.get("certificateExpiresAt").ifPresent(v -> cb.certificateExpiresAt(Instant.parse(v)));
    NetSuiteConnector.Builder b =
        NetSuiteConnector.builder()
            .system(context.system())
            .http(http)
            .credentials(cb.build())
            .clock(context.clock())
            .concurrencyLimit((int) c.getLong("concurrencyLimit", 5))
            .feedOverlap(c.getDuration("feedOverlap", Duration.ofMinutes(2)))
            .accountTimeZone(ZoneId.of(c.get("accountTimeZone").orElse("UTC")));
    if (c.get("baseUrl").isPresent()) {
      b.baseUrl(c.require("baseUrl"));
    } else {
      b.accountId(c.require("accountId"));
    }
    c.get("tokenUrl").ifPresent(b::tokenUrl);
    c.get("subsidiaryId").ifPresent(s -> b.mapping(CustomerMapping.defaults().subsidiary(s)));
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    return b.build();
  }

  /** Reads a PKCS#8 PEM private key, RSA or EC. */
  static PrivateKey parsePem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "netsuite settings",
          List.of(FieldError.redacted("privateKeyPem", "is not base64 PEM (BEGIN PRIVATE KEY)")));
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new ConfigurationException(
        "netsuite settings",
        List.of(
            FieldError.redacted(
                "privateKeyPem",
                "is not an unencrypted PKCS#8 RSA or EC key; convert it with openssl pkcs8"
                    + " -topk8 -nocrypt")));
  }
}
