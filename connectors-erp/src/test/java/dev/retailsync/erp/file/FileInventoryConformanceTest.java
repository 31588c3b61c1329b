package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.file.fake.FakeFileErp;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat-file connector passes the conformance kit for stock levels exported as JSON Lines (the
 * fake ERP answers in CSV, which the connector reads too). Throttling is skipped as for customers.
 */
class FileInventoryConformanceTest extends ConnectorConformanceKit<InventoryPosition> {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  private FakeFileErp erp;

  @Override
  protected Connector connector() {
    erp = new FakeFileErp(dir, clock);
    return FileConnector.builder()
        .directory(dir)
        .clock(clock)
        .format(FileFormat.JSON_LINES)
        .build();
  }

  @Override
  protected EntityType<InventoryPosition> entityType() {
    return EntityType.INVENTORY_POSITION;
  }

  @Override
  protected InventoryPosition sample(String key) {
    return InventoryPosition.builder()
        .sku("SKU-" + key)
        .location("BER-1")
        .onHand(new BigDecimal("40"))
        .reserved(new BigDecimal("5"))
        .available(new BigDecimal("35"))
        .unitOfMeasure("EA")
        .asOf(Instant.parse("2026-03-01T06:00:00Z"))
        .build();
  }

  @Override
  protected InventoryPosition changed(InventoryPosition p) {
    return p.toBuilder().onHand(new BigDecimal("38")).available(new BigDecimal("33")).build();
  }

  @Override
  protected Object roundTrip(InventoryPosition p) {
    return List.of(p.sku(), p.location(), p.onHand(), p.available(), p.asOf());
  }

  @Override
  protected String unknownId() {
    return "SKU-NONE@BER-1";
  }

  @Override
  protected Optional<InventoryPosition> invalid(String key) {
    // '@' separates item and location in the record's id.
    return Optional.of(sample(key).toBuilder().sku("SKU@" + key).build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    erp.consumeOutbox();
    erp.change("inventory", id.id(), "on_hand", "0");
    erp.exportChanges();
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    if (fault == Fault.UNAVAILABLE) {
      erp.takeShareOffline();
      return true;
    }
    return false;
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
    erp.exchange();
  }
}
