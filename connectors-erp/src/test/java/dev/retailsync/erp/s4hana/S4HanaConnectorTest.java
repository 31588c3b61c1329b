package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What a user of the S/4HANA connector notices, against the fake. */
class S4HanaConnectorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  private final FakeS4Hana fake = new FakeS4Hana(clock, "COMM_USER", "s3cr3t-pass");

  private S4HanaConnector connector(UnaryOperator<S4HanaConnector.Builder> tweak) {
    return tweak
        .apply(
            S4HanaConnector.builder()
                .http(fake.client())
                .baseUrl(FakeS4Hana.BASE_URL)
                .basicAuth("COMM_USER", "s3cr3t-pass")
                .clock(clock)
                .sleeper(clock::sleep)
                .gate(TenantGate.unshared("s4hana-test", 4)))
        .build();
  }

  private S4HanaConnector connector() {
    return connector(b -> b);
  }

  private void customer(String number) {
    fake.put(
        "A_BusinessPartner",
        Map.of(
            "BusinessPartner",
            number,
            "BusinessPartnerCategory",
            "2",
            "OrganizationBPName1",
            "Acme Retail GmbH",
            "SearchTerm1",
            "ACME",
            "to_Customer",
            Map.of()));
  }

  private static Order order(String number, String soldTo) {
    return Order.builder()
        .orderNumber(number)
        .status(OrderStatus.CAPTURED)
        .accountNumber(soldTo)
        .orderedAt(Instant.parse("2026-11-24T15:30:00Z"))
        .currency("EUR")
        .lines(
            List.of(
                OrderLine.of(1, "TG11", new BigDecimal("2"), Money.of("19.99", "EUR")),
                OrderLine.of(2, "TG12", new BigDecimal("1.5"), Money.of("5.00", "EUR"))))
        .build();
  }

  // ---- CSRF ----------------------------------------------------------------------------------

  @Test
  void aRequestAfterTheCsrfTokenExpiredSucceedsAfterExactlyOneTokenFetch() {
    customer("17100001");
    S4HanaConnector sap = connector();
    OrderSubmission submit = sap.operation(OrderSubmission.class).orElseThrow();
    assertTrue(submit.submit(order("SHOP-1", "17100001"), IdempotencyKey.of("k1")).accepted());
    assertEquals(1, fake.csrfFetches());

    fake.expireCsrfTokens();
    SubmissionResult second = submit.submit(order("SHOP-2", "17100001"), IdempotencyKey.of("k2"));

    assertTrue(second.accepted(), "the write succeeds after the refetch: " + second);
    assertEquals(2, fake.csrfFetches(), "exactly one token fetch after the expiry");
    List<String> posts =
        fake.requests().stream()
            .filter(r -> r.method().equals("POST"))
            .map(r -> r.headers().get("x-csrf-token"))
            .toList();
    assertEquals(3, posts.size(), "the refused POST and its single replay, after the first");
    assertFalse(posts.get(1).equals(posts.get(2)), "the replay carries the new token");
    assertEquals(2, fake.records("A_SalesOrder").size());
  }

  @Test
  void anExpiredTokenOnABatchIsFetchedOnceAndTheBatchReplayedOnce() {
    S4HanaConnector sap = connector(b -> b.fetchTokenBeforeEveryBatch(false));
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    assertTrue(writer.upsert(List.of(req("A1"))).get(0).isSuccess());
    assertTrue(writer.upsert(List.of(req("A2"))).get(0).isSuccess());
    assertEquals(1, fake.csrfFetches(), "a lane reuses its token between batches");

    fake.expireCsrfTokens();
    WriteOutcome o = writer.upsert(List.of(req("A3"))).get(0);

    assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
    assertEquals(2, fake.csrfFetches());
    assertEquals(3, fake.records("A_BusinessPartner").size());
  }

  @Test
  void byDefaultEveryBatchFetchesItsTokenInItsLaneAndSendsTokenWithItsCookie() {
    S4HanaConnector sap = connector();
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    writer.upsert(List.of(req("B1")));
    writer.upsert(List.of(req("B2")));
    assertEquals(2, fake.csrfFetches());
    FakeS4Hana.Recorded batch =
        fake.requests().stream().filter(r -> r.path().endsWith("$batch")).findFirst().orElseThrow();
    assertNotNull(batch.headers().get("x-csrf-token"));
    assertTrue(batch.headers().get("cookie").contains("SAP_SESSIONID_FAK_100="));
    assertEquals(2, sap.csrfTokenFetches());
  }

  @Test
  void parallelWritersNeverMixTokenAndSession() throws Exception {
    customer("17100001");
    S4HanaConnector sap = connector(b -> b.lanes(3));
    OrderSubmission submit = sap.operation(OrderSubmission.class).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SubmissionResult>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String n = "PAR-" + i;
        results.add(pool.submit(() -> submit.submit(order(n, "17100001"), IdempotencyKey.of(n))));
      }
      for (Future<SubmissionResult> f : results) {
        assertTrue(f.get().accepted());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(40, fake.records("A_SalesOrder").size());
    assertTrue(fake.csrfFetches() <= 3, "one fetch per lane, was " + fake.csrfFetches());
    assertEquals(
        40,
        fake.requests().stream().filter(r -> r.method().equals("POST")).count(),
        "no POST was refused for its token and replayed");
  }

  // ---- idempotent creates --------------------------------------------------------------------

  @Test
  void aTimeoutAfterAnOrderCreateRetriedLeavesExactlyOneOrder() {
    customer("17100001");
    S4HanaConnector sap = connector();
    OrderSubmission submit = sap.operation(OrderSubmission.class).orElseThrow();
    Order order = order("SHOP-100045", "17100001");
    fake.timeoutAfterNextWrite();

    SyncException timeout =
        assertThrows(SyncException.class, () -> submit.submit(order, IdempotencyKey.of("o-1")));
    assertTrue(timeout.isRetryable(), "a timeout is retryable: " + timeout);
    assertEquals(1, fake.records("A_SalesOrder").size(), "SAP applied the create");

    SubmissionResult retried = submit.submit(order, IdempotencyKey.of("o-1"));

    assertTrue(retried.accepted(), retried.toString());
    assertEquals(1, fake.records("A_SalesOrder").size(), "the retry created no second order");
    assertEquals(fake.records("A_SalesOrder").get(0).path("SalesOrder").asText(), retried.number());
    SubmissionResult again = submit.submit(order, IdempotencyKey.of("o-1"));
    assertEquals(retried.id(), again.id(), "a replay returns the stored outcome");
    assertEquals(1, fake.records("A_SalesOrder").size());
  }

  @Test
  void aTimeoutAfterABatchedOrderCreateRetriedByTheWriterLeavesExactlyOneOrder() {
    customer("17100001");
    S4HanaConnector sap = connector();
    RecordWriter<Order> writer = sap.writer(EntityType.ORDER).orElseThrow();
    WriteRequest<Order> req =
        WriteRequest.of(
            "o", order("SHOP-7", "17100001"), null, null, Set.of(), IdempotencyKey.of("w-1"));
    fake.timeoutAfterNextWrite();

    WriteOutcome first = writer.upsert(List.of(req)).get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.status(), first.toString());

    WriteOutcome retried = writer.upsert(List.of(req)).get(0);
    assertTrue(retried.isSuccess(), retried.toString());
    assertEquals(1, fake.records("A_SalesOrder").size());
    assertEquals(
        fake.records("A_SalesOrder").get(0).path("SalesOrder").asText(), retried.externalId().id());
  }

  @Test
  void anOrderSapRefusesIsRejectedWithTheFieldSapNamed() {
    S4HanaConnector sap = connector();
    SubmissionResult r =
        sap.operation(OrderSubmission.class)
            .orElseThrow()
            .submit(order("SHOP-9", "99999999"), IdempotencyKey.of("bad"));
    assertFalse(r.accepted());
    assertEquals("SoldToParty", r.reasons().get(0).path());
    assertTrue(r.reasons().get(0).message().contains("not a customer"));
    assertEquals(1, r.reasons().size(), "Gateway's wrapper detail is left out: " + r.reasons());
  }

  @Test
  void orderLinesGoAsADeepInsertWithExactDecimalsAndReadBack() {
    customer("17100001");
    S4HanaConnector sap =
        connector(b -> b.orders(SalesOrderMapping.defaults().priceCondition("PPR0")));
    SubmissionResult r =
        sap.operation(OrderSubmission.class)
            .orElseThrow()
            .submit(order("SHOP-3", "17100001"), IdempotencyKey.of("d"));
    assertTrue(r.accepted(), r.toString());
    assertEquals(
        "1.5",
        fake.record("A_SalesOrderItem", r.number() + ",20")
            .orElseThrow()
            .path("RequestedQuantity")
            .asText());
    Order read =
        sap.reader(EntityType.ORDER).orElseThrow().read(List.of(r.number())).get(0).entity();
    assertEquals("SHOP-3", read.orderNumber());
    assertEquals(r.number(), read.erpOrderNumber());
    assertEquals(OrderStatus.ACCEPTED, read.status());
    assertEquals(new BigDecimal("1.5"), read.lines().get(1).quantity());
    assertEquals(Money.of("47.48", "EUR"), read.totals().subtotal());
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), read.orderedAt());
  }

  // ---- batches -------------------------------------------------------------------------------

  private static WriteRequest<Account> req(String key) {
    return WriteRequest.of(key, S4HanaConformanceTest.account(key, "Shop " + key));
  }

  @Test
  void aFailedChangesetIsBisectedSoEachRecordGetsItsOwnOutcome() {
    fake.rejectValue("CityName", "Atlantis", "FAKE_S4/CITY", "City Atlantis does not exist");
    S4HanaConnector sap = connector();
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      batch.add(req("C" + i));
    }
    Account bad = batch.get(5).entity();
    batch.set(
        5,
        WriteRequest.of(
            "C5",
            bad.toBuilder()
                .billing(
                    new dev.retailsync.api.model.BillingProfile(
                        bad.billing().address().toBuilder().locality("Atlantis").build(),
                        null,
                        null,
                        null))
                .build()));

    List<WriteOutcome> out = sap.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch);

    assertEquals(8, out.size());
    for (int i = 0; i < 8; i++) {
      assertEquals("C" + i, out.get(i).key());
      assertEquals(
          i == 5 ? WriteOutcome.Status.REJECTED : WriteOutcome.Status.CREATED,
          out.get(i).status(),
          out.get(i).toString());
    }
    assertEquals("CityName", out.get(5).errors().get(0).path());
    assertEquals("FAKE_S4/CITY", out.get(5).errorCode());
    assertEquals(7, fake.records("A_BusinessPartner").size());
    long batches = fake.requests().stream().filter(r -> r.path().endsWith("$batch")).count();
    assertEquals(4, batches, "8 → 4+4 → 2+2 → 1+1: four rounds for one bad record");
  }

  @Test
  void throttlingOfABatchGivesRetryableOutcomesWithSapsWait() {
    S4HanaConnector sap = connector();
    fake.throttleNext("POST .*\\$batch", Duration.ofSeconds(30));
    List<WriteOutcome> out =
        sap.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(req("T1"), req("T2")));
    for (WriteOutcome o : out) {
      assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, o.status());
      assertEquals(Duration.ofSeconds(30), o.retryAfter());
    }
    assertEquals(0, fake.records("A_BusinessPartner").size());
  }

  @Test
  void aThrottledReadIsRetriedAfterSapsWaitOnTheInjectedSleeper() {
    customer("17100001");
    S4HanaConnector sap = connector();
    fake.throttleNext("GET .*A_BusinessPartner", Duration.ofSeconds(7));
    List<RemoteRecord<Account>> read =
        sap.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("17100001"));
    assertEquals(1, read.size());
    assertEquals(Duration.ofSeconds(7), clock.slept());
  }

  @Test
  void updatesCarryIfMatchAndAStaleVersionIsAConflictWithTheCurrentVersion() {
    S4HanaConnector sap = connector();
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    WriteOutcome created = writer.upsert(List.of(req("U1"))).get(0);
    Account changed = S4HanaConformanceTest.account("U1", "Shop U1 renamed");
    WriteOutcome updated = writer.upsert(List.of(WriteRequest.of("U1", changed))).get(0);
    assertEquals(WriteOutcome.Status.UPDATED, updated.status(), updated.toString());
    assertTrue(
        fake.batchOperations()
            .contains("PATCH A_BusinessPartner('" + created.externalId().id() + "')"));

    clock.advance(Duration.ofSeconds(5));
    fake.update("A_BusinessPartner", created.externalId().id(), Map.of("SearchTerm2", "GUI"));
    String current =
        fake.record("A_BusinessPartner", created.externalId().id())
            .orElseThrow()
            .path("__etag")
            .asText();
    WriteOutcome stale =
        writer
            .upsert(
                List.of(
                    new WriteRequest<>(
                        "U1",
                        changed.toBuilder().name("Shop U1 again").build(),
                        created.externalId(),
                        updated.version(),
                        Set.of(),
                        null,
                        null)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, stale.status(), stale.toString());
    assertEquals("FAKE_S4/PRECONDITION_FAILED", stale.errorCode());
    assertEquals(current, stale.version(), "the conflict carries the current version");
    assertEquals(
        "Shop U1 renamed",
        fake.record("A_BusinessPartner", created.externalId().id())
            .orElseThrow()
            .path("OrganizationBPName1")
            .asText());
  }

  @Test
  void theSameRecordAgainIsUnchangedAndCostsNoWrite() {
    S4HanaConnector sap = connector();
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    writer.upsert(List.of(req("N1")));
    int batches = fake.batchOperations().size();
    WriteOutcome again = writer.upsert(List.of(req("N1"))).get(0);
    assertEquals(WriteOutcome.Status.UNCHANGED, again.status());
    assertEquals(batches, fake.batchOperations().size());
  }

  @Test
  void aMappingFailureIsRejectedAloneNamingTheField() {
    S4HanaConnector sap = connector();
    List<WriteOutcome> out =
        sap.writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(
                List.of(
                    req("M1"),
                    WriteRequest.of(
                        "M2",
                        S4HanaConformanceTest.account(
                            "ACCOUNT-NUMBER-WAY-TOO-LONG-FOR-SAP", "x"))));
    assertTrue(out.get(0).isSuccess());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("accountNumber", out.get(1).errors().get(0).path());
  }

  // ---- reads and feeds -----------------------------------------------------------------------

  @Test
  void readsFollowNextLinksAcrossServerPages() {
    fake.pageSize(2);
    S4HanaConnector sap = connector();
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(req("P" + i));
    }
    writer.upsert(batch);
    ChangePage<Account> page =
        sap.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(Cursor.beginning(), 50);
    assertEquals(5, page.changes().size());
    assertTrue(
        fake.requests().stream()
            .anyMatch(r -> r.query() != null && r.query().contains("$skiptoken=2")));
  }

  @Test
  void theFeedOverlapCatchesALateCommitWithoutRepeatingWhatItDelivered() {
    S4HanaConnector sap = connector();
    var feed = sap.changeFeed(EntityType.ACCOUNT).orElseThrow();
    RecordWriter<Account> writer = sap.writer(EntityType.ACCOUNT).orElseThrow();
    writer.upsert(List.of(req("L1")));
    ChangePage<Account> first = feed.poll(Cursor.beginning(), 10);
    assertEquals(1, first.changes().size());

    // A record committed later with an earlier stamp (a long-running SAP transaction).
    clock.advance(Duration.ofSeconds(-40));
    writer.upsert(List.of(req("L2")));
    clock.advance(Duration.ofSeconds(40));

    ChangePage<Account> second = feed.poll(first.next(), 10);
    assertEquals(
        List.of("L2"), second.changes().stream().map(c -> c.entity().accountNumber()).toList());
    assertEquals(0, feed.poll(second.next(), 10).changes().size());
  }

  @Test
  void shipmentsInvoicesAndCreditMemosAreReadWithTheirStatus() {
    fake.put(
        "A_OutbDeliveryHeader",
        Map.of(
            "DeliveryDocument",
            "80000001",
            "OverallGoodsMovementStatus",
            "C",
            "ActualGoodsMovementDate",
            "/Date(1786492800000)/",
            "ShippingPoint",
            "1710",
            "to_DeliveryDocumentItem",
            List.of(
                Map.of(
                    "DeliveryDocumentItem", "10",
                    "Material", "TG11",
                    "ActualDeliveryQuantity", "2.000",
                    "ReferenceSDDocument", "5000001",
                    "ReferenceSDDocumentItem", "10"))));
    fake.put(
        "A_BillingDocument",
        Map.of(
            "BillingDocument",
            "90000002",
            "BillingDocumentType",
            "G2",
            "SoldToParty",
            "17100001",
            "TransactionCurrency",
            "EUR",
            "TotalNetAmount",
            "39.98",
            "TotalTaxAmount",
            "7.60",
            "BillingDocumentDate",
            "/Date(1786492800000)/",
            "to_Item",
            Map.of(
                "results",
                List.of(
                    Map.of(
                        "BillingDocumentItem", "10",
                        "Material", "TG11",
                        "BillingQuantity", "2",
                        "NetAmount", "39.98",
                        "SalesDocument", "5000001")))));
    S4HanaConnector sap = connector();
    Shipment s =
        sap.reader(EntityType.SHIPMENT).orElseThrow().read(List.of("80000001")).get(0).entity();
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals("5000001", s.orderNumber());
    assertEquals(1, s.lines().get(0).orderLineNumber());
    assertEquals(Instant.parse("2026-08-12T00:00:00Z"), s.shippedAt());
    Invoice credit =
        sap.reader(EntityType.INVOICE).orElseThrow().read(List.of("90000002")).get(0).entity();
    assertEquals(Money.of("-47.58", "EUR"), credit.totals().total());
    assertEquals("CREDIT_MEMO", credit.extensions().get("sapDocumentKind"));
    assertEquals(
        1,
        sap.changeFeed(EntityType.INVOICE)
            .orElseThrow()
            .poll(Cursor.beginning(), 5)
            .changes()
            .size());
  }

  @Test
  void orderStatusFollowsTheTableAndARuleCanBeAdded() {
    customer("17100001");
    fake.put(
        "A_SalesOrder",
        Map.of(
            "SalesOrder", "5000777",
            "SoldToParty", "17100001",
            "TransactionCurrency", "EUR",
            "PurchaseOrderByCustomer", "SHOP-77",
            "to_Item", List.of(Map.of("Material", "TG11", "RequestedQuantity", "1"))));
    fake.update("A_SalesOrder", "5000777", Map.of("OverallTotalDeliveryStatus", "B"));
    S4HanaConnector sap = connector();
    assertEquals(
        OrderStatus.PARTIALLY_SHIPPED,
        sap.reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of("5000777"))
            .get(0)
            .entity()
            .status());
    fake.update("A_SalesOrder", "5000777", Map.of("HeaderBillingBlockReason", "02"));
    S4HanaConnector custom =
        connector(
            b ->
                b.orders(
                    SalesOrderMapping.defaults()
                        .statusRule(
                            "HeaderBillingBlockReason",
                            SalesOrderMapping.ANY,
                            OrderStatus.CAPTURED)));
    assertEquals(
        OrderStatus.CAPTURED,
        custom
            .reader(EntityType.ORDER)
            .orElseThrow()
            .read(List.of("5000777"))
            .get(0)
            .entity()
            .status());
  }

  @Test
  void creditAndAvailabilityLookups() {
    fake.put(
        "A_BusinessPartner",
        Map.of(
            "BusinessPartner", "17100002",
            "BusinessPartnerCategory", "2",
            "OrganizationBPName1", "Blocked Ltd",
            "SearchTerm1", "BLOCKED",
            "to_Customer", Map.of("OrderIsBlockedForCustomer", "01")));
    fake.put(
        "A_MatlStkInAcctMod",
        Map.of(
            "Material",
            "TG11",
            "Plant",
            "1710",
            "StorageLocation",
            "171A",
            "InventoryStockType",
            "01",
            "MatlWrhsStkQtyInMatlBaseUnit",
            "12.000",
            "MaterialBaseUnit",
            "PC"));
    fake.put(
        "A_MatlStkInAcctMod",
        Map.of(
            "Material",
            "TG11",
            "Plant",
            "1710",
            "StorageLocation",
            "171B",
            "InventoryStockType",
            "01",
            "MatlWrhsStkQtyInMatlBaseUnit",
            "3.5",
            "MaterialBaseUnit",
            "PC"));
    fake.put(
        "A_MatlStkInAcctMod",
        Map.of(
            "Material",
            "TG11",
            "Plant",
            "1710",
            "StorageLocation",
            "171C",
            "InventoryStockType",
            "02",
            "MatlWrhsStkQtyInMatlBaseUnit",
            "100",
            "MaterialBaseUnit",
            "PC"));
    S4HanaConnector sap = connector();
    CreditTerms credit =
        sap.operation(CreditLookup.class).orElseThrow().credit("BLOCKED").orElseThrow();
    assertEquals(CreditStatus.ON_HOLD, credit.status());
    assertTrue(sap.operation(CreditLookup.class).orElseThrow().credit("NOBODY").isEmpty());
    List<InventoryPosition> stock =
        sap.operation(AvailabilityLookup.class)
            .orElseThrow()
            .availability(List.of("TG11", "NONE"), "1710");
    assertEquals(1, stock.size());
    assertEquals(0, new BigDecimal("15.5").compareTo(stock.get(0).onHand()));
  }

  @Test
  void toStringAndRequestLogsHoldNoPassword() {
    S4HanaConnector sap = connector();
    assertFalse(sap.toString().contains("s3cr3t"));
    assertFalse(
        S4HanaConnector.builder().basicAuth("U", "s3cr3t-pass").toString().contains("s3cr3t"));
    assertEquals(ExternalId.of("s4hana", "1").system(), sap.system());
  }

  @Test
  void wrongCredentialsFailTheCallNotTheRecords() {
    S4HanaConnector sap = connector(b -> b.basicAuth("COMM_USER", "wrong"));
    assertThrows(
        dev.retailsync.api.AuthenticationException.class,
        () -> sap.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(req("X1"))));
    assertThrows(
        dev.retailsync.api.AuthenticationException.class,
        () -> sap.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("1")));
    assertEquals(0, fake.records("A_BusinessPartner").size());
  }

  @Test
  void aCredentialCloseToExpiryIsReported() {
    S4HanaConnector sap =
        connector(
            b ->
                b.credentialExpiry(
                    new dev.retailsync.erp.CredentialExpiry(
                        "SAP communication user COMM_USER password",
                        clock.instant().plus(Duration.ofDays(10)))));
    assertTrue(sap.credentialWarning().orElseThrow().contains("COMM_USER"));
    assertTrue(connector().credentialWarning().isEmpty());
  }

  @Test
  void aCursorOfAnotherFeedIsRefusedNamingIt() {
    S4HanaConnector sap = connector();
    sap.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(req("F1")));
    Cursor accounts =
        sap.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(Cursor.beginning(), 5).next();
    dev.retailsync.api.ValidationException e =
        assertThrows(
            dev.retailsync.api.ValidationException.class,
            () -> sap.changeFeed(EntityType.ORDER).orElseThrow().poll(accounts, 5));
    assertTrue(e.getMessage().contains("A_SalesOrder"), e.getMessage());
  }
}
