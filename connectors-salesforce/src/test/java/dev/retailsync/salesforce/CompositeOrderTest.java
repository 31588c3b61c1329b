package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders with their lines through Composite: one call per order, all or none. */
class CompositeOrderTest {
  private static final String PRICEBOOK = "01sFK0000000001AAA";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
  private final SalesforceConnector sf =
      SalesforceConnector.builder()
          .http(fake.client())
          .tokenProvider(
              OAuthTokenProvider.builder(
                      fake.client(),
                      HttpUrl.get(FakeSalesforce.TOKEN_URL),
                      OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                  .clock(clock)
                  .build())
          .instanceUrl(FakeSalesforce.INSTANCE_URL)
          .mapping(
              OrderMapping.of(
                  "ERP_Order_Id__c",
                  "ERP_Order_Line_Id__c",
                  "ERP_Customer_Id__c",
                  PRICEBOOK,
                  "EUR"))
          .clock(clock)
          .build();

  @BeforeEach
  void seed() {
    fake.put("Account", Map.of("Name", "Acme", "ERP_Customer_Id__c", "C-1"));
    for (int i = 0; i < 30; i++) {
      fake.put(
          "PricebookEntry",
          Map.of(
              "Pricebook2Id",
              PRICEBOOK,
              "Product2Id",
              "01tFK000000000" + (100 + i),
              "ProductCode",
              "SKU-" + i,
              "IsActive",
              true));
    }
  }

  private static Order order(String number, String account, int lines, String firstSku) {
    List<OrderLine> ls = new ArrayList<>();
    for (int i = 1; i <= lines; i++) {
      ls.add(
          OrderLine.of(
              i, i == 1 ? firstSku : "SKU-" + i, BigDecimal.valueOf(i), Money.of("9.90", "EUR")));
    }
    return Order.builder()
        .orderNumber(number)
        .status(OrderStatus.ACCEPTED)
        .accountNumber(account)
        .orderedAt(Instant.parse("2026-11-24T23:30:00Z"))
        .currency("EUR")
        .lines(ls)
        .purchaseOrderNumber("PO-77")
        .build();
  }

  @Test
  void anOrderAndItsLinesAreOneCompositeCallAndAReplayUpdatesTheSameLines() {
    var writer = sf.writer(EntityType.ORDER).orElseThrow();
    long before = fake.apiUsed();
    List<WriteOutcome> out =
        writer.upsert(List.of(WriteRequest.of("SO-1", order("SO-1", "C-1", 3, "SKU-1"))));

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.get(0).toString());
    assertEquals(4, fake.apiUsed() - before, "three lookups and one composite call");
    ObjectNode o = fake.records("Order").get(0);
    assertEquals("Draft", o.get("Status").asText());
    assertEquals("2026-11-24", o.get("EffectiveDate").asText());
    assertEquals(PRICEBOOK, o.get("Pricebook2Id").asText());
    assertEquals(3, fake.records("OrderItem").size());
    assertEquals(o.get("Id").asText(), fake.records("OrderItem").get(0).get("OrderId").asText());
    assertEquals("SO-1-2", fake.records("OrderItem").get(1).get("ERP_Order_Line_Id__c").asText());

    fake.update("Order", o.get("Id").asText(), Map.of("Status", "Activated"));
    Order changed = order("SO-1", "C-1", 3, "SKU-1");
    List<OrderLine> lines = new ArrayList<>(changed.lines());
    lines.set(0, OrderLine.of(1, "SKU-1", BigDecimal.TEN, Money.of("9.90", "EUR")));
    out = writer.upsert(List.of(WriteRequest.of("SO-1", changed.toBuilder().lines(lines).build())));

    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status(), out.get(0).toString());
    assertEquals(3, fake.records("OrderItem").size(), "lines are updated by id, not duplicated");
    assertEquals(10, fake.records("OrderItem").get(0).get("Quantity").asInt());
    assertEquals(
        "Activated", fake.records("Order").get(0).get("Status").asText(), "status left alone");
  }

  @Test
  void aFailingLineRollsBackItsOrderAndOtherOrdersStillLand() {
    fake.put(
        "PricebookEntry",
        Map.of(
            "Pricebook2Id", "01sFK0000000999AAA",
            "Product2Id", "01tFK0000000999",
            "ProductCode", "SKU-OTHER",
            "IsActive", true));
    List<WriteOutcome> out =
        sf.writer(EntityType.ORDER)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("SO-1", order("SO-1", "C-404", 2, "SKU-1")),
                    WriteRequest.of("SO-2", order("SO-2", "C-1", 2, "SKU-NONE")),
                    WriteRequest.of("SO-3", order("SO-3", "C-1", 2, "SKU-1"))));

    assertEquals(WriteOutcome.Status.REJECTED, out.get(0).status());
    assertEquals(
        "INVALID_FIELD", out.get(0).errorCode(), "the missing account, not PROCESSING_HALTED");
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("lines[0].sku", out.get(1).errors().get(0).path());
    assertEquals(WriteOutcome.Status.CREATED, out.get(2).status());
    assertEquals(1, fake.records("Order").size(), "SO-1 was rolled back");
    assertEquals(2, fake.records("OrderItem").size());
  }

  @Test
  void anOrderWithMoreLinesThanOneCompositeTakesSeveralCalls() {
    long before = fake.apiUsed();
    List<WriteOutcome> out =
        sf.writer(EntityType.ORDER)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("SO-9", order("SO-9", "C-1", 29, "SKU-1"))));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.get(0).toString());
    assertEquals(29, fake.records("OrderItem").size());
    assertEquals(5, fake.apiUsed() - before, "three lookups and two composite calls");
    assertTrue(
        fake.records("OrderItem").stream()
            .allMatch(
                l ->
                    l.get("OrderId")
                        .asText()
                        .equals(fake.records("Order").get(0).get("Id").asText())));
  }

  @Test
  void misconfigurationNamesTheArgument() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                OrderMapping.of(
                    "ERP_Order_Id__c", "ERP_Line__c", "ERP_Customer_Id__c", "001x", "EUR"));
    assertEquals("pricebookId", e.errors().get(0).path());
  }
}
