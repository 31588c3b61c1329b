package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
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
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteConnectorTest {
  private TestClock clock;
  private FakeNetSuite fake;
  private Fixtures.Sleeps sleeps;
  private NetSuiteConnector ns;

  @BeforeEach
  void setUp() {
    clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    fake = Fixtures.fake(clock);
    sleeps = new Fixtures.Sleeps(clock);
    ns = Fixtures.connector(fake, clock, sleeps).build();
    fake.put("customer", Map.of("externalId", "ACME", "companyName", "Acme Retail"));
    fake.put("inventoryItem", Map.of("externalId", "SKU-1", "itemId", "SKU-1"));
    fake.put("inventoryItem", Map.of("externalId", "SKU-2", "itemId", "SKU-2"));
  }

  private static Order order(String number, OrderStatus status, OrderLine... lines) {
    return Order.builder()
        .orderNumber(number)
        .status(status)
        .accountNumber("ACME")
        .currency("USD")
        .purchaseOrderNumber("PO-1")
        .lines(List.of(lines))
        .build();
  }

  private static OrderLine line(int n, String sku, String qty, String price) {
    return OrderLine.of(n, sku, new BigDecimal(qty), Money.of(price, "USD"));
  }

  @Test
  void orderWithLinesRoundTripsAndAnUpdateReplacesTheLinesWithoutTouchingTheStatus() {
    var writer = ns.writer(EntityType.ORDER).orElseThrow();
    Order first =
        order(
            "WEB-1",
            OrderStatus.ACCEPTED,
            line(1, "SKU-1", "2", "19.99"),
            line(2, "SKU-2", "1", "5"));
    WriteOutcome created = writer.upsert(List.of(WriteRequest.of("WEB-1", first))).get(0);
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    assertTrue(created.version().startsWith("lm:"), "a version token comes back: " + created);

    ObjectNode stored = fake.byExternalId("salesOrder", "WEB-1").orElseThrow();
    assertEquals("B", stored.path("orderStatus").path("id").asText(), "ACCEPTED is sent as B");
    assertEquals(2, stored.path("item").path("items").size());
    fake.update("salesOrder", stored.path("id").asText(), Map.of("orderStatus", "D"));

    Order changed = order("WEB-1", OrderStatus.ACCEPTED, line(1, "SKU-1", "3", "19.99"));
    WriteOutcome updated = writer.upsert(List.of(WriteRequest.of("WEB-1", changed))).get(0);
    assertEquals(WriteOutcome.Status.UPDATED, updated.status());
    assertEquals(created.externalId(), updated.externalId());
    String put = fake.requestBodies().get(fake.requestBodies().size() - 2);
    assertFalse(put.contains("orderStatus"), "the status is NetSuite's once the order exists");

    Order read =
        ns.reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of(created.externalId().id()))
            .get(0)
            .entity();
    assertEquals(1, read.lines().size(), "?replace=item replaced the lines");
    assertEquals("SKU-1", read.lines().get(0).sku());
    assertEquals(0, new BigDecimal("3").compareTo(read.lines().get(0).quantity()));
    assertEquals(OrderStatus.PARTIALLY_SHIPPED, read.status(), "D Partially Fulfilled");
    assertEquals("ACME", read.accountNumber());
    assertEquals("SO1", read.erpOrderNumber());
    assertEquals(1, fake.records("salesOrder").size());
  }

  @Test
  void submissionRetriedAfterATimeoutThatNetSuiteAppliedCreatesOneOrder() {
    NetSuiteConnector guarded =
        Fixtures.connector(fake, clock, sleeps)
            .idempotencyStore(new InMemoryIdempotencyStore(clock))
            .build();
    OrderSubmission submit = guarded.operation(OrderSubmission.class).orElseThrow();
    Order o = order("WEB-2", OrderStatus.ACCEPTED, line(1, "SKU-1", "1", "10"));
    IdempotencyKey key = IdempotencyKey.of("submit-WEB-2");

    fake.timeoutAfterApplying(1);
    SyncException timeout = assertThrows(SyncException.class, () -> submit.submit(o, key));
    assertTrue(timeout.isRetryable(), "a lost answer is retryable: " + timeout);
    assertEquals(1, fake.records("salesOrder").size(), "NetSuite did apply the first attempt");

    SubmissionResult again = submit.submit(o, key);
    assertTrue(again.accepted());
    assertEquals("SO1", again.number());
    assertEquals(1, fake.records("salesOrder").size(), "the retry updated, it did not duplicate");

    int calls = fake.requests().size();
    SubmissionResult replay = submit.submit(o, key);
    assertEquals(again, replay);
    assertEquals(calls, fake.requests().size(), "a completed key replays without calling NetSuite");
  }

  @Test
  void submissionIsRejectedWithNetSuitesReasonsAndMappingProblemsWithoutACall() {
    OrderSubmission submit = ns.operation(OrderSubmission.class).orElseThrow();
    SubmissionResult unknownItem =
        submit.submit(order("WEB-3", OrderStatus.ACCEPTED, line(1, "NOPE", "1", "1")), null);
    assertFalse(unknownItem.accepted());
    assertEquals("item.items[0].item", unknownItem.reasons().get(0).path());

    int calls = fake.requests().size();
    SubmissionResult shipped =
        submit.submit(order("WEB-4", OrderStatus.SHIPPED, line(1, "SKU-1", "1", "1")), null);
    assertFalse(shipped.accepted());
    assertEquals("status", shipped.reasons().get(0).path());
    assertEquals(calls + 1, fake.requests().size(), "only the lookup, no write");
    assertTrue(fake.records("salesOrder").isEmpty());
  }

  @Test
  void badRecordsAreRejectedAloneNamingTheField() {
    Account bad = Fixtures.account("OK-2").toBuilder().accountNumber("A|B").build();
    List<WriteOutcome> out =
        ns.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("k1", Fixtures.account("OK-1")),
                    WriteRequest.of("k2", bad),
                    WriteRequest.of("k3", Fixtures.account("OK-3"))));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("accountNumber", out.get(1).errors().get(0).path());
    assertEquals(WriteOutcome.Status.CREATED, out.get(2).status());
    assertEquals("k2", out.get(1).key());
  }

  @Test
  void theSameKeyTwiceInOneBatchCreatesOnceThenUpdates() {
    Account a = Fixtures.account("TWICE");
    List<WriteOutcome> out =
        ns.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("first", a),
                    WriteRequest.of("second", a.toBuilder().name("Twice renamed").build())));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.UPDATED, out.get(1).status());
    assertEquals(out.get(0).externalId(), out.get(1).externalId());
    assertEquals(
        "Twice renamed",
        fake.byExternalId("customer", "TWICE").orElseThrow().path("companyName").asText());
  }

  @Test
  void throttlingIsWaitedOutWithGrowingWaitsOnTheInjectedSleeperThenReported() {
    fake.throttleNext(2);
    WriteOutcome ok =
        ns.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("t1", Fixtures.account("T-1"))))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, ok.status());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps.waits);

    sleeps.waits.clear();
    fake.failNext(429, "CONCURRENCY_LIMIT_EXCEEDED", "Request limit exceeded.", null, "7");
    fake.throttleNext(2);
    WriteOutcome refused =
        ns.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("t2", Fixtures.account("T-2"))))
            .get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, refused.status());
    assertEquals(Duration.ofSeconds(7), sleeps.waits.get(0), "Retry-After is honoured");
    assertEquals(
        Duration.ofSeconds(4), refused.retryAfter(), "the engine is told how long to wait");
  }

  @Test
  void creditAndAvailabilityComeFromTheCustomerAndItemRecords() {
    fake.put(
        "customer",
        Map.of(
            "externalId",
            "HOLD",
            "companyName",
            "Held Ltd",
            "currency",
            Map.of("id", "4"),
            "creditLimit",
            5000,
            "balance",
            4800.5,
            "creditHoldOverride",
            Map.of("id", "ON", "refName", "On")));
    CreditLookup credit = ns.operation(CreditLookup.class).orElseThrow();
    CreditTerms terms = credit.credit("HOLD").orElseThrow();
    assertEquals(CreditStatus.ON_HOLD, terms.status());
    assertEquals(Money.of("5000", "EUR"), terms.limit());
    assertEquals(Money.of("4800.5", "EUR"), terms.balance());
    assertTrue(credit.credit("NOBODY").isEmpty());

    fake.put(
        "inventoryItem",
        Map.of(
            "externalId",
            "SKU-9",
            "itemId",
            "SKU-9",
            "locations",
            Map.of(
                "items",
                List.of(
                    Map.of(
                        "location",
                        Map.of("id", "1", "refName", "Berlin"),
                        "quantityOnHand",
                        12,
                        "quantityAvailable",
                        9,
                        "quantityCommitted",
                        3),
                    Map.of(
                        "location",
                        Map.of("id", "2", "refName", "Paris"),
                        "quantityOnHand",
                        4,
                        "quantityAvailable",
                        4)))));
    AvailabilityLookup stock = ns.operation(AvailabilityLookup.class).orElseThrow();
    List<InventoryPosition> berlin = stock.availability(List.of("SKU-9", "UNKNOWN"), "Berlin");
    assertEquals(1, berlin.size());
    assertEquals("1", berlin.get(0).location());
    assertEquals(0, new BigDecimal("9").compareTo(berlin.get(0).available()));
    assertEquals(0, new BigDecimal("3").compareTo(berlin.get(0).reserved()));
    assertEquals(2, stock.availability(List.of("SKU-9"), null).size());
  }

  @Test
  void returnAuthorizationTransformsTheOrderOnceAndARepeatFindsIt() {
    ns.writer(EntityType.ORDER)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "WEB-5", order("WEB-5", OrderStatus.ACCEPTED, line(1, "SKU-1", "2", "10")))));
    ReturnAuthorization rma = ns.operation(ReturnAuthorization.class).orElseThrow();
    ReturnRequest request =
        ReturnRequest.builder()
            .rmaNumber("RMA-5")
            .orderNumber("WEB-5")
            .status(ReturnStatus.REQUESTED)
            .lines(List.of(new ReturnLine(1, "SKU-1", BigDecimal.ONE, null, "broken", null)))
            .build();
    SubmissionResult first = rma.authorize(request, null);
    assertTrue(first.accepted(), first.toString());
    SubmissionResult again = rma.authorize(request, null);
    assertEquals(first.id(), again.id());
    assertEquals(1, fake.records("returnAuthorization").size());
    ObjectNode stored = fake.records("returnAuthorization").get(0);
    assertEquals(
        fake.idOf("salesOrder", "WEB-5").orElseThrow(),
        stored.path("createdFrom").path("id").asText());
    assertTrue(
        fake.requests().stream()
            .anyMatch(r -> r.contains("/salesOrder/eid:WEB-5/!transform/returnAuthorization")));

    SubmissionResult noOrder =
        rma.authorize(request.toBuilder().rmaNumber("RMA-6").orderNumber("NOPE").build(), null);
    assertFalse(noOrder.accepted());
  }

  @Test
  void shipmentsAndInvoicesAreReadWithTheirStatuses() {
    ns.writer(EntityType.ORDER)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "WEB-7", order("WEB-7", OrderStatus.ACCEPTED, line(1, "SKU-2", "1", "8")))));
    String soId = fake.idOf("salesOrder", "WEB-7").orElseThrow();
    ObjectNode fulfilment =
        fake.put(
            "itemFulfillment",
            Map.of(
                "createdFrom", Map.of("id", soId),
                "shipStatus", "C",
                "package", Map.of("items", List.of(Map.of("packageTrackingNumber", "1Z999"))),
                "item",
                    Map.of(
                        "items",
                        List.of(Map.of("item", Map.of("externalId", "SKU-2"), "quantity", 1)))));
    Shipment s =
        ns.reader(EntityType.SHIPMENT)
            .orElseThrow()
            .read(List.of(fulfilment.path("id").asText()))
            .get(0)
            .entity();
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals("WEB-7", s.orderNumber());
    assertEquals("1Z999", s.trackingNumber());
    assertEquals("SKU-2", s.lines().get(0).sku());

    ObjectNode invoice =
        fake.put(
            "invoice",
            Map.of(
                "createdFrom", Map.of("id", soId),
                "entity", Map.of("externalId", "ACME"),
                "status", Map.of("id", "A", "refName", "Open"),
                "amountRemaining", 3,
                "item",
                    Map.of(
                        "items",
                        List.of(
                            Map.of(
                                "item",
                                Map.of("externalId", "SKU-2"),
                                "quantity",
                                1,
                                "rate",
                                8)))));
    Invoice inv =
        ns.reader(EntityType.INVOICE)
            .orElseThrow()
            .read(List.of(invoice.path("id").asText()))
            .get(0)
            .entity();
    assertEquals(InvoiceStatus.PARTIALLY_PAID, inv.status());
    assertEquals("ACME", inv.accountNumber());
    assertEquals("WEB-7", inv.orderNumber());
    assertEquals(Money.of("8", "USD"), inv.totals().total());

    ObjectNode memo =
        fake.put(
            "creditMemo",
            Map.of(
                "entity",
                Map.of("externalId", "ACME"),
                "status",
                Map.of("id", "B", "refName", "Fully Applied")));
    Invoice cm = ns.creditMemoReader().read(List.of(memo.path("id").asText())).get(0).entity();
    assertEquals(InvoiceStatus.PAID, cm.status());
    assertEquals("creditMemo", cm.extensions().get("netsuiteRecordType"));
    assertTrue(ns.writer(EntityType.SHIPMENT).isEmpty(), "fulfilments are NetSuite's to create");
  }

  @Test
  void feedPagesPastManyRowsByKeysetAndCatchesALateCommitInTheOverlap() {
    for (int i = 0; i < 25; i++) {
      fake.put("customer", Map.of("externalId", "F" + i, "companyName", "Feed " + i));
    }
    var feed = ns.changeFeed(EntityType.ACCOUNT).orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    Set<String> ids = new HashSet<>();
    Cursor cursor = Cursor.beginning();
    int polls = 0;
    ChangePage<Account> page;
    do {
      page = feed.poll(cursor, 10);
      for (Change<Account> c : page.changes()) {
        assertTrue(ids.add(c.source().id()), "delivered once: " + c.source());
      }
      cursor = page.next();
      polls++;
    } while (page.hasMore());
    assertEquals(26, ids.size(), "25 plus the customer from setUp");
    assertEquals(3, polls);
    assertTrue(
        fake.requests().stream()
            .filter(r -> r.contains("/suiteql"))
            .allMatch(r -> r.endsWith("offset=0")),
        "keyset paging never needs an offset");

    // A record committed late: its stamp (09:59:30) is older than the newest one the feed has seen
    // (10:00:00), but it became visible only after that scan. The overlap finds it.
    clock.advance(Duration.ofSeconds(-630));
    String late =
        fake.put("customer", Map.of("externalId", "LATE", "companyName", "Late"))
            .path("id")
            .asText();
    clock.advance(Duration.ofSeconds(660));
    List<String> next = drain(feed, cursor);
    assertEquals(List.of(late), next);
  }

  private Cursor last;

  private List<String> drain(dev.retailsync.api.spi.ChangeFeed<Account> feed, Cursor from) {
    List<String> out = new java.util.ArrayList<>();
    Cursor cursor = from;
    ChangePage<Account> page;
    do {
      page = feed.poll(cursor, 10);
      page.changes().forEach(c -> out.add(c.source().id()));
      cursor = page.next();
    } while (page.hasMore());
    last = cursor;
    return out;
  }

  @Test
  void feedRepeatsNothingAcrossQuietPolls() {
    var feed = ns.changeFeed(EntityType.ACCOUNT).orElseThrow();
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, drain(feed, Cursor.beginning()).size());
    assertTrue(drain(feed, last).isEmpty());
    clock.advance(Duration.ofMinutes(5));
    assertTrue(drain(feed, last).isEmpty());
    String id = fake.idOf("customer", "ACME").orElseThrow();
    fake.update("customer", id, Map.of("companyName", "Acme Renamed"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(id), drain(feed, last), "a changed record comes again");
  }

  @Test
  void customerFieldsCanBeOverriddenOneByOne() {
    CustomerMapping m =
        CustomerMapping.defaults()
            .field(
                Account.Fields.TAX_ID,
                (a, rec) -> rec.put("custentity_vat", a.taxId()),
                (rec, b) -> b.taxId(rec.path("custentity_vat").asText(null)))
            .withoutField(Account.Fields.BILLING)
            .currencies(Map.of("CHF", "9"));
    NetSuiteConnector custom = Fixtures.connector(fake, clock, sleeps).mapping(m).build();
    Account a =
        Fixtures.account("VAT-1").toBuilder().taxId("CHE-123.456.789").currency("CHF").build();
    WriteOutcome o =
        custom
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("v", a)))
            .get(0);
    ObjectNode stored = fake.byExternalId("customer", "VAT-1").orElseThrow();
    assertEquals("CHE-123.456.789", stored.path("custentity_vat").asText());
    assertEquals("9", stored.path("currency").path("id").asText());
    assertFalse(stored.has("email"), "billing was switched off");
    Account read =
        custom
            .reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of(o.externalId().id()))
            .get(0)
            .entity();
    assertEquals("CHE-123.456.789", read.taxId());
    assertNull(read.billing());

    WriteOutcome unknownCurrency =
        custom
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "w", a.toBuilder().accountNumber("VAT-2").currency("JPY").build())))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, unknownCurrency.status());
    assertEquals("currency", unknownCurrency.errors().get(0).path());
  }

  @Test
  void secretsStayOutOfToStringAndExpiringCertificatesAreReported() {
    NetSuiteCredentials c = Fixtures.credentials();
    String shown = c.toString() + ns.toString();
    String key =
        java.util.Base64.getEncoder().encodeToString(Fixtures.KEYS.getPrivate().getEncoded());
    assertFalse(shown.contains(key.substring(20, 60)));
    assertTrue(c.toString().contains("key=***"));
    assertTrue(ns.certificateWarning().isEmpty());
    clock.advance(Duration.between(clock.instant(), Instant.parse("2027-12-20T00:00:00Z")));
    assertTrue(ns.certificateWarning().orElseThrow().contains(Fixtures.CERTIFICATE_ID));
  }

  @Test
  void expiredTokensAreRenewedWithAFreshAssertion() {
    var reader = ns.reader(EntityType.ACCOUNT).orElseThrow();
    String id = fake.idOf("customer", "ACME").orElseThrow();
    reader.read(List.of(id));
    fake.expireTokens();
    assertEquals(1, reader.read(List.of(id)).size());
    assertEquals(2, fake.tokenRequests());
  }
}
