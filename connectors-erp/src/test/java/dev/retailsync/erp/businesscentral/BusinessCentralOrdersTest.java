package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusinessCentralOrdersTest {
  private final BcFixture bc = new BcFixture();
  private final BusinessCentralConnector connector = bc.connector();
  private final OrderSubmission orders = connector.operation(OrderSubmission.class).orElseThrow();

  @BeforeEach
  void seed() {
    bc.fake.addCustomer("10000", "Adatum Corporation");
    bc.fake.addItem("1996-S", "ATLANTA Whiteboard", new BigDecimal("12"), new BigDecimal("19.99"));
    bc.fake.addItem("1900-S", "PARIS Guest Chair", new BigDecimal("-3"), new BigDecimal("192.8"));
  }

  private static Order order(String number) {
    return Order.builder()
        .orderNumber(number)
        .status(OrderStatus.CAPTURED)
        .accountNumber("10000")
        .currency("USD")
        .orderedAt(Instant.parse("2026-08-19T09:30:00Z"))
        .addLine(OrderLine.of(1, "1996-S", new BigDecimal("2"), Money.of("19.99", "USD")))
        .addLine(OrderLine.of(2, "1900-S", new BigDecimal("1"), null))
        .build();
  }

  @Test
  void anOrderIsCreatedWithItsLinesInOneDeepInsert() {
    SubmissionResult result = orders.submit(order("SHOP-100045"), IdempotencyKey.of("k-1"));

    assertTrue(result.accepted(), result.toString());
    List<ObjectNode> created = bc.fake.records("salesOrders");
    assertEquals(1, created.size());
    ObjectNode so = created.get(0);
    assertEquals(result.number(), so.path("number").asText());
    assertEquals("SHOP-100045", so.path("externalDocumentNumber").asText());
    assertEquals("2026-08-19", so.path("orderDate").asText());
    assertEquals(2, so.path("salesOrderLines").size());
    FakeBusinessCentral.Recorded post =
        bc.fake.requests().stream()
            .filter(r -> r.inBatch() && r.method().equals("POST"))
            .findFirst()
            .orElseThrow();
    assertFalse(post.body().contains("sequence"), "no sequence on deep insert: " + post.body());
    assertFalse(post.body().contains("currencyCode"), "the local currency is sent as none");
  }

  @Test
  void aTimeoutAfterTheCreateRetriedLeavesExactlyOneOrder() {
    bc.fake.timeoutAfterApplyingNext("POST");
    IdempotencyKey key = IdempotencyKey.of("order-SHOP-1-v1");

    SyncException timeout =
        assertThrows(SyncException.class, () -> orders.submit(order("SHOP-1"), key));
    assertTrue(timeout.isRetryable(), timeout.toString());
    assertEquals(1, bc.fake.records("salesOrders").size(), "the fake applied the create");

    SubmissionResult retried = orders.submit(order("SHOP-1"), key);

    assertTrue(retried.accepted());
    assertEquals(1, bc.fake.records("salesOrders").size(), "exactly one order");
    assertEquals(bc.fake.records("salesOrders").get(0).path("number").asText(), retried.number());
    long posts =
        bc.fake.requests().stream().filter(r -> r.inBatch() && r.method().equals("POST")).count();
    assertEquals(1, posts, "the retry found the order instead of creating it again");
  }

  @Test
  void aTimeoutAfterTheCreateThroughTheWriterIsRetryableAndTheRetryCreatesNothing() {
    var writer = connector.writer(EntityType.ORDER).orElseThrow();
    bc.fake.timeoutAfterApplyingNext("POST");
    WriteOutcome first = writer.upsert(List.of(WriteRequest.of("o", order("SHOP-2")))).get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.status());

    WriteOutcome again = writer.upsert(List.of(WriteRequest.of("o", order("SHOP-2")))).get(0);

    assertTrue(again.isSuccess(), again.toString());
    assertEquals(1, bc.fake.records("salesOrders").size());
  }

  @Test
  void anInvoicedOrderThatBusinessCentralRemovedIsNotCreatedAgain() {
    SubmissionResult first = orders.submit(order("SHOP-3"), IdempotencyKey.of("a"));
    bc.fake.shipOrder(first.id().id());
    bc.fake.invoiceOrder(first.id().id(), true);
    assertTrue(bc.fake.records("salesOrders").isEmpty());

    SubmissionResult again = orders.submit(order("SHOP-3"), IdempotencyKey.of("b"));

    assertTrue(again.accepted());
    assertEquals(first.number(), again.number());
    assertTrue(bc.fake.records("salesOrders").isEmpty(), "no second order");
  }

  @Test
  void aBlockedCustomerOrAnUnknownItemIsARejectionWithReasons() {
    bc.fake.changeRemotely(
        "customers",
        bc.fake.records("customers").get(0).path("id").asText(),
        Map.of("blocked", "All"));
    SubmissionResult blocked = orders.submit(order("SHOP-4"), IdempotencyKey.of("c"));
    assertFalse(blocked.accepted());
    assertTrue(blocked.reasons().get(0).message().contains("blocked"), blocked.toString());

    Order noCustomer = order("SHOP-5").toBuilder().accountNumber(null).build();
    SubmissionResult mapping = orders.submit(noCustomer, IdempotencyKey.of("d"));
    assertFalse(mapping.accepted());
    assertEquals("accountNumber", mapping.reasons().get(0).path());
    assertTrue(bc.fake.records("salesOrders").isEmpty());
  }

  @Test
  void orderStatusFollowsTheTableAndPostedShipmentsAndInvoicesAreRead() {
    SubmissionResult r = orders.submit(order("SHOP-6"), IdempotencyKey.of("e"));
    var reader = connector.reader(EntityType.ORDER).orElseThrow();
    Order draft = reader.read(List.of(r.id().id())).get(0).entity();
    assertEquals(OrderStatus.CAPTURED, draft.status());
    assertEquals("SHOP-6", draft.orderNumber());
    assertEquals(r.number(), draft.erpOrderNumber());
    assertEquals(2, draft.lines().size());
    assertEquals(new BigDecimal("192.80"), draft.lines().get(1).unitPrice().amount());

    bc.fake.changeRemotely("salesOrders", r.id().id(), Map.of("status", "Open"));
    assertEquals(OrderStatus.ACCEPTED, reader.read(List.of(r.id().id())).get(0).entity().status());

    String shipmentId = bc.fake.shipOrder(r.id().id());
    assertEquals(OrderStatus.SHIPPED, reader.read(List.of(r.id().id())).get(0).entity().status());
    Shipment shipment =
        connector
            .reader(EntityType.SHIPMENT)
            .orElseThrow()
            .read(List.of(shipmentId))
            .get(0)
            .entity();
    assertEquals(ShipmentStatus.SHIPPED, shipment.status());
    assertEquals("SHOP-6", shipment.orderNumber());
    assertEquals(2, shipment.lines().size());

    String invoiceId = bc.fake.invoiceOrder(r.id().id(), true);
    RemoteRecord<Invoice> invoice =
        connector.reader(EntityType.INVOICE).orElseThrow().read(List.of(invoiceId)).get(0);
    assertEquals(InvoiceStatus.OPEN, invoice.entity().status());
    assertEquals("SHOP-6", invoice.entity().orderNumber());
    assertEquals(new BigDecimal("232.78"), invoice.entity().totals().amountDue().amount());

    bc.fake.changeRemotely(
        "salesInvoices", invoiceId, Map.of("status", "Paid", "remainingAmount", 0));
    assertEquals(
        InvoiceStatus.PAID,
        connector
            .reader(EntityType.INVOICE)
            .orElseThrow()
            .read(List.of(invoiceId))
            .get(0)
            .entity()
            .status());
  }

  @Test
  void anUnmappedStatusIsATypedErrorNamingTheField() {
    SubmissionResult r = orders.submit(order("SHOP-7"), IdempotencyKey.of("f"));
    bc.fake.changeRemotely("salesOrders", r.id().id(), Map.of("status", "Pending Prepayment"));
    var reader = connector.reader(EntityType.ORDER).orElseThrow();
    ValidationException e =
        assertThrows(ValidationException.class, () -> reader.read(List.of(r.id().id())));
    assertEquals("status", e.errors().get(0).path());

    BusinessCentralConnector mapped =
        bc.builder()
            .mapping(
                SalesOrderMapping.defaults()
                    .withStatus("Pending Prepayment", OrderStatus.PAYMENT_AUTHORIZED))
            .build();
    assertEquals(
        OrderStatus.PAYMENT_AUTHORIZED,
        mapped
            .reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of(r.id().id()))
            .get(0)
            .entity()
            .status());
  }

  @Test
  void creditIsReadLiveFromTheCustomer() {
    String id = bc.fake.records("customers").get(0).path("id").asText();
    bc.fake.changeRemotely(
        "customers", id, Map.of("creditLimit", 5000, "balanceDue", 1200.5, "blocked", "Invoice"));
    CreditLookup credit = connector.operation(CreditLookup.class).orElseThrow();

    CreditTerms terms = credit.credit("10000").orElseThrow();

    assertEquals(CreditStatus.ON_HOLD, terms.status());
    assertEquals(Money.of("5000", "USD"), terms.limit());
    assertEquals(Money.of("1200.50", "USD"), terms.balance());
    assertTrue(credit.credit("99999").isEmpty());
  }

  @Test
  void availabilityReportsOnHandAcrossLocationsAndLeavesUnknownItemsOut() {
    AvailabilityLookup lookup = connector.operation(AvailabilityLookup.class).orElseThrow();

    List<InventoryPosition> positions =
        lookup.availability(List.of("1996-S", "1900-S", "NOPE"), null);

    assertEquals(2, positions.size());
    assertEquals(new BigDecimal("12"), positions.get(0).onHand());
    assertEquals("ALL", positions.get(0).location());
    assertEquals(new BigDecimal("-3"), positions.get(1).available(), "negative inventory is kept");
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> lookup.availability(List.of("1996-S"), "WH1"));
    assertEquals("location", e.errors().get(0).path());
  }

  @Test
  void aReturnIsAuthorisedOnceAsADraftCreditMemo() {
    ReturnAuthorization rma = connector.operation(ReturnAuthorization.class).orElseThrow();
    ReturnRequest request =
        ReturnRequest.builder()
            .rmaNumber("RMA-77")
            .accountNumber("10000")
            .status(ReturnStatus.REQUESTED)
            .addLine(new ReturnLine(1, "1996-S", BigDecimal.ONE, null, null, null))
            .build();

    SubmissionResult first = rma.authorize(request, IdempotencyKey.of("rma-77"));
    SubmissionResult again = rma.authorize(request, IdempotencyKey.of("rma-77"));

    assertTrue(first.accepted());
    assertEquals(first.id(), again.id());
    assertEquals(1, bc.fake.records("salesCreditMemos").size());
    ReturnRequest read =
        connector
            .reader(EntityType.RETURN_REQUEST)
            .orElseThrow()
            .read(List.of(first.id().id()))
            .get(0)
            .entity();
    assertEquals(ReturnStatus.AUTHORIZED, read.status());
    assertEquals("RMA-77", read.rmaNumber());
  }

  @Test
  void theFeedOverlapCatchesALateCommitWithoutRepeatingWhatItDelivered() {
    ChangeFeed<Account> feed = connector.changeFeed(EntityType.ACCOUNT).orElseThrow();
    Instant t0 = bc.clock.instant();
    bc.clock.advance(Duration.ofMinutes(1));
    bc.fake.addCustomer("20000", "Later");
    ChangePage<Account> first = drain(feed, Cursor.beginning());
    assertEquals(2, first.changes().size());

    // A transaction stamped at t0 + 30 s commits only now: its stamp is older than the last one
    // delivered, inside the overlap.
    bc.clock.advance(Duration.ofMinutes(-1).plusSeconds(30));
    bc.fake.addCustomer("30000", "Late commit");
    bc.clock.advance(Duration.ofMinutes(5));

    ChangePage<Account> next = drain(feed, first.next());

    Set<String> numbers = new HashSet<>();
    next.changes().forEach(c -> numbers.add(c.entityIfPresent().orElseThrow().accountNumber()));
    assertEquals(Set.of("30000"), numbers, "the late commit, and nothing delivered before");
    assertTrue(t0.isBefore(bc.clock.instant()));
    assertTrue(drain(feed, next.next()).changes().isEmpty());
  }

  @Test
  void theFeedPagesThroughNextLinksAndSmallPolls() {
    bc.fake.pageSize(2);
    for (int i = 0; i < 6; i++) {
      bc.clock.advance(Duration.ofSeconds(1));
      bc.fake.addCustomer("4000" + i, "Customer " + i);
    }
    ChangeFeed<Account> feed = connector.changeFeed(EntityType.ACCOUNT).orElseThrow();
    Set<String> seen = new HashSet<>();
    Cursor cursor = Cursor.beginning();
    for (int polls = 0; polls < 20; polls++) {
      ChangePage<Account> page = feed.poll(cursor, 3);
      assertTrue(page.changes().size() <= 3);
      page.changes().forEach(c -> assertTrue(seen.add(c.source().id()), "repeated " + c.source()));
      cursor = page.next();
      if (!page.hasMore()) {
        break;
      }
    }
    assertEquals(7, seen.size(), "six added and the seeded customer");
  }

  private static <T extends dev.retailsync.api.CanonicalEntity> ChangePage<T> drain(
      ChangeFeed<T> feed, Cursor from) {
    return feed.poll(from, 100);
  }
}
