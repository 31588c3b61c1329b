package com.example.acme.erp;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.ConfigKey;
import dev.retailsync.api.spi.ConfigSpec;
import dev.retailsync.api.spi.ConfigType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates connectors to Acme's ERP. Found by retail-sync through {@code META-INF/services} on the
 * class path and through {@code provides} in {@code module-info.java} on the module path.
 */
public final class AcmeErpConnectorProvider implements ConnectorProvider {

  /** The id hosts select this connector by. */
  public static final String ID = "acme-erp";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("tenant", ConfigType.STRING, "the ERP tenant to connect to"),
          ConfigKey.optional("pageSize", ConfigType.INT, "100", "changes per poll, 1 to 1000"));

  /** Creates the provider; ServiceLoader calls this. */
  public AcmeErpConnectorProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Acme ERP: customer accounts (feed, read, upsert by account number)";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public List<FieldError> validate(ConnectorConfig config) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate(config));
    // Range check only when the value parses; the spec already reported one that does not.
    if (errors.stream().noneMatch(e -> e.path().equals("pageSize"))) {
      long pageSize = config.getLong("pageSize", 100);
      if (pageSize < 1 || pageSize > 1000) {
        errors.add(FieldError.of("pageSize", pageSize, "must be between 1 and 1000"));
      }
    }
    return errors;
  }

  @Override
  public Connector create(ConnectorContext context) {
    return new AcmeErpConnector(
        context.system(),
        AcmeErp.tenant(context.config().require("tenant")),
        (int) context.config().getLong("pageSize", 100),
        context.clock());
  }
}
