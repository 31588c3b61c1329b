package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnReason;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.s4hana.fake.FakeS4Hana;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Return authorisation through {@code API_CUSTOMER_RETURN_SRV}, against the fake. */
class S4HanaReturnAuthorizationTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  private final FakeS4Hana fake = new FakeS4Hana(clock, "COMM_USER", "s3cr3t-pass");
  private String salesOrder;

  private S4HanaConnector connector(UnaryOperator<S4HanaConnector.Builder> tweak) {
    return tweak
        .apply(
            S4HanaConnector.builder()
                .http(fake.client())
                .baseUrl(FakeS4Hana.BASE_URL)
                .basicAuth("COMM_USER", "s3cr3t-pass")
                .clock(clock)
                .sleeper(clock::sleep)
                .gate(TenantGate.unshared("s4hana-returns-test", 4)))
        .build();
  }

  @BeforeEach
  void anOrderSapAccepted() {
    fake.put(
        "A_BusinessPartner",
        Map.of(
            "BusinessPartner",
            "17100001",
            "BusinessPartnerCategory",
            "2",
            "OrganizationBPName1",
            "Acme Retail GmbH",
            "to_Customer",
            Map.of()));
    Order order =
        Order.builder()
            .orderNumber("SHOP-100045")
            .status(OrderStatus.CAPTURED)
            .accountNumber("17100001")
            .orderedAt(Instant.parse("2026-11-24T15:30:00Z"))
            .currency("EUR")
            .lines(
                List.of(
                    OrderLine.of(1, "TG11", new BigDecimal("2"), Money.of("19.99", "EUR")),
                    OrderLine.of(2, "TG12", new BigDecimal("1.5"), Money.of("5.00", "EUR"))))
            .build();
    SubmissionResult r =
        connector(b -> b)
            .operation(OrderSubmission.class)
            .orElseThrow()
            .submit(order, IdempotencyKey.of("order-1"));
    assertTrue(r.accepted(), r.toString());
    salesOrder = r.number();
  }

  private static ReturnRequest.Builder rma(String number) {
    return ReturnRequest.builder()
        .rmaNumber(number)
        .orderNumber("SHOP-100045")
        .accountNumber("17100001")
        .status(ReturnStatus.REQUESTED)
        .requestedAt(Instant.parse("2026-11-25T07:00:00Z"))
        .addLine(
            new ReturnLine(
                2, "TG12", new BigDecimal("1.25"), ReturnReason.DAMAGED, "box crushed", null));
  }

  private long returnPosts() {
    return fake.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/A_CustomerReturn"))
        .count();
  }

  @Test
  void aReturnIsCreatedOnceReferencingTheOrderItemAndReplayedForTheSameKey() {
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();

    SubmissionResult r = rmas.authorize(rma("RMA-1").build(), IdempotencyKey.of("rma-1"));

    assertTrue(r.accepted(), r.toString());
    List<ObjectNode> returns = fake.records("A_CustomerReturn");
    assertEquals(1, returns.size());
    ObjectNode header = returns.get(0);
    assertEquals(header.path("CustomerReturn").asText(), r.number());
    assertEquals("RMA-1", header.path("PurchaseOrderByCustomer").asText());
    assertEquals("17100001", header.path("SoldToParty").asText());
    assertEquals("CBAR", header.path("CustomerReturnType").asText());
    assertEquals("1710", header.path("SalesOrganization").asText(), "sales area of the order");
    assertEquals("/Date(1795564800000)/", header.path("CustomerReturnDate").asText());
    assertFalse(header.has("SDDocumentReason"), "no reason code configured, none invented");
    List<ObjectNode> items = fake.records("A_CustomerReturnItem");
    assertEquals(1, items.size());
    ObjectNode item = items.get(0);
    assertEquals("TG12", item.path("Material").asText());
    assertEquals("1.25", item.path("RequestedQuantity").asText(), "exact decimal string");
    assertEquals("PC", item.path("RequestedQuantityUnit").asText());
    assertEquals(salesOrder, item.path("ReferenceSDDocument").asText());
    assertEquals("20", item.path("ReferenceSDDocumentItem").asText(), "order line 2 is item 20");
    assertEquals("box crushed", item.path("CustomerReturnItemText").asText());
    FakeS4Hana.Recorded post =
        fake.requests().stream()
            .filter(q -> q.method().equals("POST"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals("/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn", post.path());
    assertTrue(post.headers().containsKey("x-csrf-token"), "the create goes through a CSRF lane");

    SubmissionResult again = rmas.authorize(rma("RMA-1").build(), IdempotencyKey.of("rma-1"));
    SubmissionResult otherKey = rmas.authorize(rma("RMA-1").build(), IdempotencyKey.of("rma-1b"));

    assertEquals(r, again, "the same key replays the stored verdict");
    assertEquals(r.number(), otherKey.number(), "the RMA number finds the return SAP has");
    assertEquals(1, fake.records("A_CustomerReturn").size());
    assertEquals(1, returnPosts(), "no second create was sent");
  }

  @Test
  void aRetryAfterATimeoutFindsTheReturnTheFirstCallCreated() {
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();
    ReturnRequest request = rma("RMA-2").build();
    fake.timeoutAfterNextWrite();

    SyncException timeout =
        assertThrows(SyncException.class, () -> rmas.authorize(request, IdempotencyKey.of("r2")));
    assertTrue(timeout.isRetryable(), timeout.toString());
    assertEquals(1, fake.records("A_CustomerReturn").size(), "SAP applied the create");

    SubmissionResult retried = rmas.authorize(request, IdempotencyKey.of("r2"));

    assertTrue(retried.accepted(), retried.toString());
    assertEquals(1, fake.records("A_CustomerReturn").size(), "still one return");
    assertEquals(
        fake.records("A_CustomerReturn").get(0).path("CustomerReturn").asText(), retried.number());
    assertEquals(1, returnPosts());
  }

  @Test
  void aFieldSapRefusesIsARejectionNamingItAndLeavesNoReturn() {
    fake.rejectValue("SDDocumentReason", "Z99", "V1/888", "Order reason Z99 is not defined");
    ReturnAuthorization rmas =
        connector(
                b ->
                    b.returns(
                        CustomerReturnMapping.defaults()
                            .orderReason(ReturnReason.DAMAGED, "Z99")
                            .itemReturnReason(ReturnReason.DAMAGED, "103")))
            .operation(ReturnAuthorization.class)
            .orElseThrow();

    SubmissionResult r = rmas.authorize(rma("RMA-3").build(), IdempotencyKey.of("r3"));

    assertFalse(r.accepted());
    assertEquals(1, r.reasons().size(), "Gateway's wrapper is left out: " + r.reasons());
    assertEquals("SDDocumentReason", r.reasons().get(0).path());
    assertTrue(r.reasons().get(0).message().contains("Z99 is not defined"), r.toString());
    assertEquals(List.of(), fake.records("A_CustomerReturn"), "the deep insert is atomic");
    assertEquals(List.of(), fake.records("A_CustomerReturnItem"));
  }

  @Test
  void itemReasonCodesAreSentAndAReasonWithoutACodeIsRefusedNotDropped() {
    S4HanaConnector sap =
        connector(
            b ->
                b.returns(
                    CustomerReturnMapping.defaults()
                        .orderReason(ReturnReason.DAMAGED, "101")
                        .itemReturnReason(ReturnReason.DAMAGED, "103")));
    ReturnAuthorization rmas = sap.operation(ReturnAuthorization.class).orElseThrow();

    assertTrue(rmas.authorize(rma("RMA-4").build(), IdempotencyKey.of("r4")).accepted());
    assertEquals("101", fake.records("A_CustomerReturn").get(0).path("SDDocumentReason").asText());
    assertEquals("103", fake.records("A_CustomerReturnItem").get(0).path("ReturnReason").asText());

    ReturnRequest wrongItem =
        rma("RMA-5")
            .lines(
                List.of(
                    new ReturnLine(
                        1, "TG11", BigDecimal.ONE, ReturnReason.NO_LONGER_NEEDED, null, null)))
            .build();
    SubmissionResult r = rmas.authorize(wrongItem, IdempotencyKey.of("r5"));

    assertFalse(r.accepted());
    assertEquals("lines[0].reason", r.reasons().get(0).path(), r.toString());
    assertEquals(1, fake.records("A_CustomerReturn").size(), "nothing sent for the refused one");
  }

  @Test
  void linesTheOrderDoesNotHaveAreRefusedNamingTheLineBeforeAnythingIsSent() {
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();
    ReturnRequest bad =
        rma("RMA-6")
            .lines(
                List.of(
                    new ReturnLine(7, "TG11", BigDecimal.ONE, null, null, null),
                    new ReturnLine(null, "NOPE", BigDecimal.ONE, null, null, null),
                    new ReturnLine(1, "TG11", new BigDecimal("3"), null, null, null),
                    new ReturnLine(1, "TG12", BigDecimal.ONE, null, null, null)))
            .build();

    SubmissionResult r = rmas.authorize(bad, IdempotencyKey.of("r6"));

    assertFalse(r.accepted());
    assertEquals(
        List.of("lines[0].orderLineNumber", "lines[1].sku", "lines[2].quantity", "lines[3].sku"),
        r.reasons().stream().map(e -> e.path()).toList(),
        r.toString());
    assertEquals(0, returnPosts());
  }

  @Test
  void anUnknownOrderIsARejectionNamingTheOrderNumber() {
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();

    SubmissionResult r =
        rmas.authorize(rma("RMA-7").orderNumber("SHOP-404").build(), IdempotencyKey.of("r7"));
    SubmissionResult none =
        rmas.authorize(rma("RMA-8").orderNumber(null).build(), IdempotencyKey.of("r8"));

    assertFalse(r.accepted());
    assertEquals("orderNumber", r.reasons().get(0).path());
    assertTrue(r.reasons().get(0).message().contains("no sales order"), r.toString());
    assertFalse(none.accepted());
    assertEquals("orderNumber", none.reasons().get(0).path());
    assertEquals(0, returnPosts());
    assertEquals(List.of(), fake.records("A_CustomerReturn"));
  }

  @Test
  void theOrderMayBeNamedBySapsNumberAndTheAccountMustBeItsSoldToParty() {
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();

    SubmissionResult bySapNumber =
        rmas.authorize(rma("RMA-9").orderNumber(salesOrder).build(), IdempotencyKey.of("r9"));
    SubmissionResult otherAccount =
        rmas.authorize(rma("RMA-10").accountNumber("17100099").build(), IdempotencyKey.of("r10"));

    assertTrue(bySapNumber.accepted(), bySapNumber.toString());
    assertFalse(otherAccount.accepted());
    assertEquals("accountNumber", otherAccount.reasons().get(0).path());
  }

  @Test
  void anRmaNumberSapHasForAnotherOrderIsRefusedNotTakenForThisReturn() {
    String other =
        connector(b -> b)
            .operation(OrderSubmission.class)
            .orElseThrow()
            .submit(
                Order.builder()
                    .orderNumber("SHOP-OTHER")
                    .status(OrderStatus.CAPTURED)
                    .accountNumber("17100001")
                    .currency("EUR")
                    .lines(List.of(OrderLine.of(1, "TG11", BigDecimal.ONE, null)))
                    .build(),
                IdempotencyKey.of("order-2"))
            .number();
    fake.put(
        "A_CustomerReturn",
        Map.of(
            "CustomerReturnType",
            "CBAR",
            "SoldToParty",
            "17100001",
            "PurchaseOrderByCustomer",
            "RMA-11",
            "to_Item",
            List.of(
                Map.of(
                    "CustomerReturnItem",
                    "10",
                    "Material",
                    "TG11",
                    "RequestedQuantity",
                    "1",
                    "ReferenceSDDocument",
                    other,
                    "ReferenceSDDocumentItem",
                    "10"))));
    ReturnAuthorization rmas = connector(b -> b).operation(ReturnAuthorization.class).orElseThrow();

    SubmissionResult r = rmas.authorize(rma("RMA-11").build(), IdempotencyKey.of("r11"));

    assertFalse(r.accepted(), r.toString());
    assertEquals("rmaNumber", r.reasons().get(0).path());
    assertTrue(r.reasons().get(0).message().contains(other), r.toString());
    assertEquals(0, returnPosts());
  }

  @Test
  void theFakeServesReturnsUnderTheirOwnServiceOnly() {
    fake.put("A_CustomerReturn", Map.of("CustomerReturnType", "CBAR", "SoldToParty", "17100001"));
    assertEquals(1, fake.records("A_CustomerReturn").size());
    okhttp3.OkHttpClient client = fake.client();
    String auth = okhttp3.Credentials.basic("COMM_USER", "s3cr3t-pass");
    for (String service : List.of("API_CUSTOMER_RETURN_SRV", "API_SALES_ORDER_SRV")) {
      okhttp3.Request get =
          new okhttp3.Request.Builder()
              .url(FakeS4Hana.BASE_URL + "/sap/opu/odata/sap/" + service + "/A_CustomerReturn")
              .header("Authorization", auth)
              .build();
      try (okhttp3.Response resp = client.newCall(get).execute()) {
        assertEquals(service.equals("API_CUSTOMER_RETURN_SRV") ? 200 : 404, resp.code(), service);
        String body = resp.body().string();
        if (resp.code() == 200) {
          assertTrue(
              body.contains("\"type\":\"API_CUSTOMER_RETURN_SRV.A_CustomerReturnType\""), body);
        } else {
          assertTrue(body.contains("\"errordetails\""), "SAP's error body: " + body);
        }
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
