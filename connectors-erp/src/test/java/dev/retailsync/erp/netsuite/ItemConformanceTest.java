package dev.retailsync.erp.netsuite;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/** The connector conformance kit, for inventory items, against the fake NetSuite. */
class ItemConformanceTest extends ConnectorConformanceKit<Product> {
  private TestClock clock;
  private FakeNetSuite fake;

  @Override
  protected Connector connector() {
    clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    fake = Fixtures.fake(clock);
    return Fixtures.connector(fake, clock, new Fixtures.Sleeps(clock))
        .throttleRetries(0, Duration.ofSeconds(1))
        .build();
  }

  @Override
  protected EntityType<Product> entityType() {
    return EntityType.PRODUCT;
  }

  @Override
  protected Product sample(String key) {
    clock.advance(Duration.ofSeconds(1));
    return Product.builder()
        .sku("SKU-" + key)
        .name("Mug " + key)
        .description("A blue mug")
        .gtin("4006381333931")
        .status(ProductStatus.ACTIVE)
        .build();
  }

  @Override
  protected Product changed(Product record) {
    return record.toBuilder().name(record.name() + " XL").status(ProductStatus.INACTIVE).build();
  }

  @Override
  protected Object roundTrip(Product p) {
    return Arrays.asList(p.sku(), p.name(), p.description(), p.gtin(), p.status());
  }

  @Override
  protected String unknownId() {
    return "424242";
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    clock.advance(Duration.ofSeconds(5));
    fake.update("inventoryItem", id.id(), Map.of("displayName", "Renamed in NetSuite"));
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    if (fault == Fault.THROTTLED) {
      fake.throttleNext(1);
    } else {
      fake.failNext(503, "UNEXPECTED_ERROR", "An unexpected error occurred.");
    }
    return true;
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
  }
}
