package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.core.golden.Dropped;
import dev.retailsync.core.golden.MergeResult;
import dev.retailsync.core.golden.Merger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order-to-cash ownership: who may change what. */
class OwnershipTest {
  private static final SystemId VENDURE = SystemId.of("vendure");
  private static final SystemId TRYTON = SystemId.of("tryton");
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final Merger merger =
      OrderToCash.merger(VENDURE, TRYTON, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
  private final CanonicalId id = CanonicalId.of(UUID.randomUUID());

  private static Order order(String sku, String erpNumber) {
    return Order.builder()
        .orderNumber("ABC123")
        .status(OrderStatus.ACCEPTED)
        .currency("USD")
        .customerEmail("ada.o2c@example.com")
        .erpOrderNumber(erpNumber)
        .lines(List.of(OrderLine.of(1, sku, BigDecimal.ONE, Money.of("19.99", "USD"))))
        .build();
  }

  private static <T extends dev.retailsync.api.CanonicalEntity> Change<T> change(
      EntityType<T> type,
      SystemId system,
      T entity,
      Instant at,
      dev.retailsync.api.FieldPath... fields) {
    return Change.builder(type)
        .type(ChangeType.UPDATED)
        .source(ExternalId.of(system, "1"))
        .entity(entity)
        .changedFields(fields)
        .sourceTimestamp(at)
        .build();
  }

  @Test
  void vendureOwnsTheLinesAndTrytonItsOrderNumber() {
    MergeResult<Order> placed =
        merger.merge(
            null, id, change(EntityType.ORDER, VENDURE, order("SHOE-42", null), T0), Map.of());

    MergeResult<Order> fromTryton =
        merger.merge(
            placed.record(),
            id,
            change(
                EntityType.ORDER,
                TRYTON,
                order("SHOE-43", "SO-7"),
                T0.plusSeconds(10),
                Order.Fields.LINES,
                Order.Fields.ERP_ORDER_NUMBER),
            Map.of());

    assertEquals(
        List.of(Order.Fields.LINES),
        fromTryton.dropped().stream().map(Dropped::field).toList(),
        "Tryton may not change what was ordered");
    assertEquals("SHOE-42", fromTryton.record().entity().lines().get(0).sku());
    assertEquals("SO-7", fromTryton.record().entity().erpOrderNumber());

    MergeResult<Order> fromVendure =
        merger.merge(
            fromTryton.record(),
            id,
            change(
                EntityType.ORDER,
                VENDURE,
                order("SHOE-42", "V-1"),
                T0.plusSeconds(20),
                Order.Fields.ERP_ORDER_NUMBER),
            Map.of());
    assertEquals(
        List.of(Order.Fields.ERP_ORDER_NUMBER),
        fromVendure.dropped().stream().map(Dropped::field).toList());
    assertEquals("SO-7", fromVendure.record().entity().erpOrderNumber());
  }

  @Test
  void onlyTrytonMovesAnInvoicesStatus() {
    Invoice open =
        Invoice.builder().invoiceNumber("INV-1").status(InvoiceStatus.OPEN).currency("USD").build();
    MergeResult<Invoice> posted =
        merger.merge(null, id, change(EntityType.INVOICE, TRYTON, open, T0), Map.of());
    MergeResult<Invoice> elsewhere =
        merger.merge(
            posted.record(),
            id,
            change(
                EntityType.INVOICE,
                VENDURE,
                open.toBuilder().status(InvoiceStatus.PAID).build(),
                T0.plusSeconds(5),
                Invoice.Fields.STATUS),
            Map.of());
    assertTrue(elsewhere.dropped().stream().anyMatch(d -> d.field().equals(Invoice.Fields.STATUS)));
    assertEquals(InvoiceStatus.OPEN, elsewhere.record().entity().status());
  }
}
