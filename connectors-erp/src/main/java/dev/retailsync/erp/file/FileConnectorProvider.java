package dev.retailsync.erp.file;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates {@link FileConnector}s from settings, for hosts that wire connectors by id ({@code
 * erp-files}). Column overrides are lists of {@code field=header} pairs, such as {@code
 * customerColumns=accountNumber=Kundennummer,name=Name1}; order status codes are {@code
 * code=STATUS} pairs. The host may supply a {@link RejectedRowListener} as a context service.
 */
public final class FileConnectorProvider implements ConnectorProvider {
  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "directory",
              ConfigType.STRING,
              "the exchange directory (inbox, outbox, archive, state)"),
          ConfigKey.optional("inbox", ConfigType.STRING, null, "the folder the ERP drops files in"),
          ConfigKey.optional("outbox", ConfigType.STRING, null, "the folder exports go to"),
          ConfigKey.optional(
              "archive", ConfigType.STRING, null, "the folder imported files move to"),
          ConfigKey.optional("state", ConfigType.STRING, null, "the connector's ledger and index"),
          ConfigKey.optional("format", ConfigType.STRING, "csv", "export format: csv or jsonl"),
          ConfigKey.optional("charset", ConfigType.STRING, "UTF-8", "the files' charset"),
          ConfigKey.optional(
              "delimiter", ConfigType.STRING, ",", "the CSV delimiter, one character"),
          ConfigKey.optional("maxBatchSize", ConfigType.INT, "1000", "records per export file"),
          ConfigKey.optional(
              "settle",
              ConfigType.DURATION,
              "PT0S",
              "how long an inbox file must be unchanged before import (ERPs writing in place)"),
          ConfigKey.optional("customersPrefix", ConfigType.STRING, "customers", "customer files"),
          ConfigKey.optional("inventoryPrefix", ConfigType.STRING, "inventory", "stock files"),
          ConfigKey.optional("ordersPrefix", ConfigType.STRING, "orders", "order files"),
          ConfigKey.optional("shipmentsPrefix", ConfigType.STRING, "shipments", "shipment files"),
          ConfigKey.optional(
              "customerColumns", ConfigType.STRING, null, "field=header pairs, comma-separated"),
          ConfigKey.optional(
              "inventoryColumns", ConfigType.STRING, null, "field=header pairs, comma-separated"),
          ConfigKey.optional(
              "orderColumns", ConfigType.STRING, null, "field=header pairs, comma-separated"),
          ConfigKey.optional(
              "shipmentColumns", ConfigType.STRING, null, "field=header pairs, comma-separated"),
          ConfigKey.optional(
              "orderStatusCodes",
              ConfigType.STRING,
              null,
              "code=STATUS pairs added to the default order-status table"));

  /** Creates the provider; ServiceLoader calls this. */
  public FileConnectorProvider() {}

  @Override
  public String id() {
    return "erp-files";
  }

  @Override
  public String description() {
    return "Flat-file ERP exchange: customers, stock, orders and shipments as CSV or JSON Lines"
        + " through an inbox, an outbox and an archive";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    if (errors.isEmpty()) {
      try {
        builder(config, null).build();
      } catch (ConfigurationException e) {
        errors.addAll(e.problems());
      }
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    return builder(context.config(), context).build();
  }

  private static FileConnector.Builder builder(ConnectorConfig c, ConnectorContext context) {
    List<FieldError> errors = new ArrayList<>();
    FileConnector.Builder b = FileConnector.builder().directory(Path.of(c.require("directory")));
    c.get("inbox").ifPresent(v -> b.inbox(Path.of(v)));
    c.get("outbox").ifPresent(v -> b.outbox(Path.of(v)));
    c.get("archive").ifPresent(v -> b.archive(Path.of(v)));
    c.get("state").ifPresent(v -> b.state(Path.of(v)));
    String format = c.get("format").orElse("csv").toLowerCase(Locale.ROOT);
    switch (format) {
      case "csv" -> b.format(FileFormat.CSV);
      case "jsonl" -> b.format(FileFormat.JSON_LINES);
      default -> errors.add(FieldError.of("format", format, "must be csv or jsonl"));
    }
    String charset = c.get("charset").orElse("UTF-8");
    try {
      b.charset(Charset.forName(charset));
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.of("charset", charset, "is not a charset this Java runtime knows"));
    }
    String delimiter = c.get("delimiter").orElse(",");
    if (delimiter.length() != 1) {
      errors.add(FieldError.of("delimiter", delimiter, "must be exactly one character"));
    } else {
      b.delimiter(delimiter.charAt(0));
    }
    b.maxBatchSize((int) Math.min(Integer.MAX_VALUE, c.getLong("maxBatchSize", 1000)));
    b.settle(c.getDuration("settle", java.time.Duration.ZERO));
    List<FileLayout<?>> layouts = new ArrayList<>();
    layouts.add(
        layout(FileLayout.accounts(), c, "customersPrefix", "customerColumns", null, errors));
    layouts.add(
        layout(FileLayout.inventory(), c, "inventoryPrefix", "inventoryColumns", null, errors));
    layouts.add(
        layout(FileLayout.orders(), c, "ordersPrefix", "orderColumns", "orderStatusCodes", errors));
    layouts.add(
        layout(FileLayout.shipments(), c, "shipmentsPrefix", "shipmentColumns", null, errors));
    b.layouts(layouts);
    if (context != null) {
      b.system(context.system()).clock(context.clock());
      context.service(RejectedRowListener.class).ifPresent(b::rejectedRows);
    }
    if (!errors.isEmpty()) {
      throw new ConfigurationException("the flat-file connector", errors);
    }
    return b;
  }

  private static <T extends CanonicalEntity> FileLayout<T> layout(
      FileLayout<T> defaults,
      ConnectorConfig c,
      String prefixKey,
      String columnsKey,
      String statusKey,
      List<FieldError> errors) {
    FileLayout.Builder<T> b = defaults.toBuilder();
    try {
      c.get(prefixKey).ifPresent(b::prefix);
      for (String[] pair : pairs(c, columnsKey, errors)) {
        b.column(pair[0], pair[1]);
      }
      if (statusKey != null) {
        for (String[] pair : pairs(c, statusKey, errors)) {
          try {
            b.statusCode(pair[0], OrderStatus.valueOf(pair[1].toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            errors.add(
                FieldError.of(
                    statusKey,
                    pair[1],
                    "is not an order status; known: " + List.of(OrderStatus.values())));
          }
        }
      }
      return b.build();
    } catch (ConfigurationException e) {
      for (FieldError f : e.problems()) {
        errors.add(FieldError.redacted(columnsKey, f.path() + " " + f.message()));
      }
      return defaults;
    }
  }

  private static List<String[]> pairs(ConnectorConfig c, String key, List<FieldError> errors) {
    List<String[]> pairs = new ArrayList<>();
    String text = c.get(key).orElse("");
    for (String item : text.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        errors.add(FieldError.of(key, item, "must be name=value pairs separated by commas"));
        continue;
      }
      pairs.add(new String[] {item.substring(0, eq).strip(), item.substring(eq + 1).strip()});
    }
    return pairs;
  }
}
