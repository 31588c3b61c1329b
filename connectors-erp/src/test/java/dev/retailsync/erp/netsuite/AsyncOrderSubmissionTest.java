package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order submission through NetSuite's asynchronous request service with its idempotency key. */
class AsyncOrderSubmissionTest {
  private TestClock clock;
  private FakeNetSuite fake;
  private Fixtures.Sleeps sleeps;
  private OrderSubmission submit;

  @BeforeEach
  void setUp() {
    clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    fake = Fixtures.fake(clock);
    sleeps = new Fixtures.Sleeps(clock);
    fake.put("customer", Map.of("externalId", "ACME", "companyName", "Acme Retail"));
    fake.put("inventoryItem", Map.of("externalId", "SKU-1", "itemId", "SKU-1"));
    submit =
        Fixtures.connector(fake, clock, sleeps)
            .asyncOrderSubmission(Duration.ofSeconds(2), Duration.ofMinutes(1))
            .build()
            .operation(OrderSubmission.class)
            .orElseThrow();
  }

  private static Order order(String number, String sku) {
    return Order.builder()
        .orderNumber(number)
        .status(OrderStatus.ACCEPTED)
        .accountNumber("ACME")
        .currency("USD")
        .lines(List.of(OrderLine.of(1, sku, BigDecimal.ONE, Money.of("10", "USD"))))
        .build();
  }

  private List<Map<String, String>> asyncWrites() {
    return fake.requestHeaders().stream()
        .filter(h -> "respond-async".equals(h.get("Prefer")))
        .toList();
  }

  @Test
  void theJobIsPolledOnTheSleeperUntilItCompletes() {
    fake.asyncJobsPendFor(2);
    SubmissionResult r = submit.submit(order("A-1", "SKU-1"), IdempotencyKey.of("k-A-1"));
    assertTrue(r.accepted(), r.toString());
    assertEquals("SO1", r.number());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeps.waits);
    String key = asyncWrites().get(0).get("X-NetSuite-Idempotency-Key");
    assertTrue(key.matches("[0-9a-f-]{36}"), "a UUID: " + key);
  }

  @Test
  void aRepeatAfterALostAcceptedAnswerFollowsTheFirstJobInsteadOfRunningAgain() {
    fake.timeoutAfterApplying(1);
    SyncException lost =
        assertThrows(
            SyncException.class,
            () -> submit.submit(order("A-2", "SKU-1"), IdempotencyKey.of("k-A-2")));
    assertTrue(lost.isRetryable());

    SubmissionResult r = submit.submit(order("A-2", "SKU-1"), IdempotencyKey.of("k-A-2"));
    assertTrue(r.accepted(), r.toString());
    assertEquals(1, fake.asyncJobs(), "NetSuite ran the job once");
    assertEquals(1, fake.records("salesOrder").size());
    List<Map<String, String>> writes = asyncWrites();
    assertEquals(2, writes.size());
    assertEquals(
        writes.get(0).get("X-NetSuite-Idempotency-Key"),
        writes.get(1).get("X-NetSuite-Idempotency-Key"),
        "the same submission key gives the same NetSuite idempotency key");
  }

  @Test
  void aFailedJobIsARejectionWithNetSuitesReasons() {
    SubmissionResult r = submit.submit(order("A-3", "NOPE"), IdempotencyKey.of("k-A-3"));
    assertFalse(r.accepted());
    assertEquals("item.items[0].item", r.reasons().get(0).path());
    assertTrue(r.reasons().get(0).message().contains("INVALID_CONTENT"), r.toString());
    assertTrue(fake.records("salesOrder").isEmpty());
  }
}
