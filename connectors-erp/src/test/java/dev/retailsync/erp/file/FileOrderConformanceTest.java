package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.file.fake.FakeFileErp;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat-file connector passes the conformance kit for sales orders with lines (one CSV row per
 * line). No invalid order is offered: every canonical order has its number, and UTF-8 files hold
 * any text, so the mapping refuses none; throttling is skipped as for customers.
 */
class FileOrderConformanceTest extends ConnectorConformanceKit<Order> {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  private FakeFileErp erp;

  @Override
  protected Connector connector() {
    erp = new FakeFileErp(dir, clock);
    return FileConnector.builder().directory(dir).clock(clock).build();
  }

  @Override
  protected EntityType<Order> entityType() {
    return EntityType.ORDER;
  }

  @Override
  protected Order sample(String key) {
    return Order.builder()
        .orderNumber("WEB-" + key)
        .status(OrderStatus.CAPTURED)
        .accountNumber("C-1001")
        .orderedAt(Instant.parse("2026-03-01T10:15:30Z"))
        .currency("EUR")
        .purchaseOrderNumber("PO-" + key)
        .lines(
            List.of(
                OrderLine.of(1, "SKU-98", new BigDecimal("2"), Money.of("19.99", "EUR")),
                OrderLine.of(2, "SKU-99", new BigDecimal("1"), Money.of("5.00", "EUR"))))
        .build();
  }

  @Override
  protected Order changed(Order o) {
    return o.toBuilder()
        .lines(
            List.of(
                o.lines().get(0),
                o.lines().get(1),
                OrderLine.of(3, "SKU-12", new BigDecimal("3"), Money.of("2.50", "EUR"))))
        .build();
  }

  @Override
  protected Object roundTrip(Order o) {
    return List.of(
        o.orderNumber(),
        o.status(),
        o.purchaseOrderNumber(),
        o.lines().stream()
            .map(l -> l.sku() + " x " + l.quantity() + " @ " + l.unitPrice())
            .toList());
  }

  @Override
  protected String unknownId() {
    return "WEB-NONE";
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    erp.consumeOutbox();
    erp.change("orders", id.id(), "status", "ACCEPTED");
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
