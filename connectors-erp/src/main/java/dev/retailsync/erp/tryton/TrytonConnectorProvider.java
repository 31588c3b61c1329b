package dev.retailsync.erp.tryton;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.PartyKind;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
              "maxBatchSize", ConfigType.INT, "100", "the most records per writer or reader call"),
          ConfigKey.optional(
              "shipmentStates",
              ConfigType.STRING,
              "done",
              "comma-separated stock.shipment.out states the shipment feed delivers"),
          ConfigKey.optional(
              "shipmentTrackingField",
              ConfigType.STRING,
              "reference",
              "the stock.shipment.out character field read as the tracking number"),
          ConfigKey.optional(
              "invoiceStates",
              ConfigType.STRING,
              "posted,paid",
              "comma-separated account.invoice states the invoice feed delivers"),
          ConfigKey.optional(
              "partyKind",
              ConfigType.STRING,
              "PERSON",
              "PERSON or ORGANIZATION: the kind Tryton parties are read as (PARTY)"));

  /** Creates the provider; ServiceLoader calls this. */
  public TrytonConnectorProvider() {}

  @Override
  public String id() {
    return "tryton";
  }

  @Override
  public String description() {
    return "Tryton 6.0 JSON-RPC: accounts and parties (party.party with addresses and contact"
        + " mechanisms, _timestamp versions, write_date/create_date feeds), orders (sales: reader,"
        + " idempotent writer and submission), customer shipments and invoices (feeds and"
        + " readers), inventory positions, credit and availability lookups";
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
    TrytonConnector.Builder.checkStates(
        "shipmentStates",
        states(config, "shipmentStates", "done"),
        TrytonConnector.SHIPMENT_STATES,
        errors);
    TrytonConnector.Builder.checkStates(
        "invoiceStates",
        states(config, "invoiceStates", "posted,paid"),
        TrytonConnector.INVOICE_STATES,
        errors);
    String tracking = config.get("shipmentTrackingField").orElse("reference");
    if (!tracking.matches("[a-z_][a-z0-9_]*")) {
      errors.add(
          FieldError.of(
              "shipmentTrackingField", tracking, "must be a Tryton field name (a-z, 0-9, _)"));
    }
    String kind = config.get("partyKind").orElse("PERSON");
    if (!kind.equals("PERSON") && !kind.equals("ORGANIZATION")) {
      errors.add(FieldError.of("partyKind", kind, "must be PERSON or ORGANIZATION"));
    }
    String db = config.get("database").orElse("");
    if (db.contains("/")) {
      errors.add(FieldError.of("database", db, "must be the database name, without slashes"));
    }
    return errors;
  }

  private static Set<String> states(ConnectorConfig config, String key, String defaults) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : config.get(key).orElse(defaults).split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
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
            .maxBatchSize((int) c.getLong("maxBatchSize", 100))
            .shipmentStates(states(c, "shipmentStates", "done"))
            .shipmentTrackingField(c.get("shipmentTrackingField").orElse("reference"))
            .invoiceStates(states(c, "invoiceStates", "posted,paid"))
            .partyKind(PartyKind.valueOf(c.get("partyKind").orElse("PERSON")));
    context.service(IdempotencyStore.class).ifPresent(b::idempotencyStore);
    return b.build();
  }
}
