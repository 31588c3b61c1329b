package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.SubmissionResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Order submission, credit and availability against the real Tryton server and its seed. */
@RealTryton
class TrytonOperationsIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

  private final TrytonTestServer server;
  private final FaultInjector faults = new FaultInjector();
  private final TrytonConnector tryton;
  private final TrytonRpc raw;

  TrytonOperationsIT(TrytonTestServer server) {
    this.server = server;
    this.tryton =
        server.connector().http(new OkHttpClient.Builder().addInterceptor(faults).build()).build();
    this.raw = server.rpc();
  }

  @AfterEach
  void close() {
    tryton.close();
    raw.logout();
  }

  private String code(String customer) {
    return raw.model(
            "party.party",
            "read",
            List.of(List.of(server.id("customers", customer)), List.of("code")))
        .path(0)
        .path("code")
        .asText();
  }

  private Order order(String number, String account, String sku, int qty, String price) {
    return Order.builder()
        .orderNumber(number)
        .status(OrderStatus.CAPTURED)
        .accountNumber(account)
        .currency("USD")
        .lines(
            List.of(
                OrderLine.of(
                    1,
                    sku,
                    BigDecimal.valueOf(qty),
                    price == null ? null : Money.of(price, "USD"))))
        .build();
  }

  @Test
  void anOrderBecomesAConfirmedSaleOnceEvenWhenSubmittedTwice() {
    OrderSubmission orders = tryton.operation(OrderSubmission.class).orElseThrow();
    String number = "SHOP-" + RUN + "-1";
    Order order = order(number, code("seed"), "SKU-001", 2, "10.00");
    IdempotencyKey key = IdempotencyKey.of("submit:" + number);
    SubmissionResult first = orders.submit(order, key);
    assertTrue(first.accepted(), first.toString());
    assertNotNull(first.number(), "Tryton's sale number");

    faults.failNext(FaultInjector.Next.TIMEOUT_AFTER_APPLY, "model.sale.sale.confirm");
    SubmissionResult again = orders.submit(order, key);
    assertEquals(first, again, "the same key returns the first verdict");

    JsonNode sales =
        raw.model(
            "sale.sale",
            "search_read",
            java.util.Arrays.asList(
                List.of(List.of("reference", "=", number)),
                0,
                null,
                null,
                List.of("state", "total_amount", "invoice_address", "shipment_address")));
    assertEquals(1, sales.size(), "one sale per order");
    assertEquals("processing", sales.get(0).path("state").asText(), "confirmed and processed");
    assertEquals(
        0, new BigDecimal("20").compareTo(TrytonCodec.decimal(sales.get(0).path("total_amount"))));
  }

  @Test
  void aLostAnswerDuringConfirmIsRetriedOnTheSameSale() {
    OrderSubmission orders = tryton.operation(OrderSubmission.class).orElseThrow();
    String number = "SHOP-" + RUN + "-2";
    Order order = order(number, code("seed"), "SKU-002", 1, null);
    faults.failNext(FaultInjector.Next.TIMEOUT_AFTER_APPLY, "model.sale.sale.confirm");
    try {
      orders.submit(order, IdempotencyKey.of("submit:" + number));
    } catch (dev.retailsync.api.SyncException e) {
      assertTrue(e.isRetryable(), "a lost answer is retryable: " + e);
    }
    SubmissionResult retried = orders.submit(order, IdempotencyKey.of("submit:" + number));
    assertTrue(retried.accepted(), retried.toString());
    assertEquals(
        1,
        raw.model("sale.sale", "search_count", List.of(List.of(List.of("reference", "=", number))))
            .asInt(),
        "the retry continued the sale created before the timeout");
  }

  @Test
  void unknownItemsAndCustomersAreRejectedNamingTheField() {
    OrderSubmission orders = tryton.operation(OrderSubmission.class).orElseThrow();
    SubmissionResult badSku =
        orders.submit(
            order("SHOP-" + RUN + "-3", code("seed"), "NO-SUCH-SKU", 1, "1.00"),
            IdempotencyKey.of("submit:" + RUN + "-3"));
    assertFalse(badSku.accepted());
    assertEquals("lines[0].sku", badSku.reasons().get(0).path());

    SubmissionResult badCustomer =
        orders.submit(
            order("SHOP-" + RUN + "-4", "NO-SUCH-CUSTOMER", "SKU-001", 1, "1.00"),
            IdempotencyKey.of("submit:" + RUN + "-4"));
    assertFalse(badCustomer.accepted());
    assertEquals("accountNumber", badCustomer.reasons().get(0).path());
  }

  @Test
  void theCreditLimitWarningIsACreditHoldUnlessAcknowledged() {
    String limited = code("credit_limited");
    CreditTerms before =
        tryton.operation(CreditLookup.class).orElseThrow().credit(limited).orElseThrow();
    assertEquals(Money.of("50", "USD"), before.limit());

    String number = "SHOP-" + RUN + "-5";
    Order big = order(number, limited, "SKU-003", 1, "99.99");
    SubmissionResult held =
        tryton
            .operation(OrderSubmission.class)
            .orElseThrow()
            .submit(big, IdempotencyKey.of("h:" + number));
    assertFalse(held.accepted());
    assertEquals("credit", held.reasons().get(0).path());
    assertTrue(held.reasons().get(0).message().contains("credit limit"), held.toString());

    try (TrytonConnector acknowledging =
        server
            .connector()
            .creditWarnings(TrytonConnector.CreditWarningPolicy.ACKNOWLEDGE)
            .build()) {
      SubmissionResult accepted =
          acknowledging
              .operation(OrderSubmission.class)
              .orElseThrow()
              .submit(big, IdempotencyKey.of("ack:" + number));
      assertTrue(accepted.accepted(), accepted.toString());
      Optional<CreditTerms> after =
          acknowledging.operation(CreditLookup.class).orElseThrow().credit(limited);
      assertEquals(CreditStatus.ON_HOLD, after.orElseThrow().status(), after.toString());
    }
    assertTrue(tryton.operation(CreditLookup.class).orElseThrow().credit("NO-SUCH").isEmpty());
  }

  @Test
  void availabilityPerWarehouseFollowsTheSeededInventory() {
    List<InventoryPosition> positions =
        tryton
            .operation(AvailabilityLookup.class)
            .orElseThrow()
            .availability(List.of("SKU-003", "NO-SUCH-SKU"), "WH");
    assertEquals(1, positions.size(), positions.toString());
    InventoryPosition p = positions.get(0);
    assertEquals("SKU-003", p.sku());
    assertEquals("WH", p.location());
    assertTrue(p.onHand().compareTo(BigDecimal.ZERO) > 0, p.toString());
    assertTrue(p.available().compareTo(p.onHand()) <= 0, p.toString());
    assertEquals(Map.of(), p.extensions());
  }
}
