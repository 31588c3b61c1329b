package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShopifyInventoryTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);
  private final String warehouse = shop.addLocation("Warehouse");

  private ShopifyGraphQlClient client() {
    shop.acceptToken("shpat_test");
    return ShopifyGraphQlClient.builder()
        .http(shop.client())
        .baseUrl(FakeShopify.BASE_URL)
        .tokens(ShopifyTokens.staticToken("shpat_test", clock))
        .clock(clock)
        .sleeper(clock.sleeper())
        .random(new Random(7))
        .build();
  }

  private ShopifyInventory inventory(ShopifyGraphQlClient client) {
    return ShopifyInventory.builder(client).putLocation("WH-1", warehouse).build();
  }

  private String item(String sku, int available) {
    String variant = shop.addProduct("Product " + sku, sku).get(0);
    String item = shop.inventoryItemOf(variant);
    shop.setQuantity(item, warehouse, "available", available);
    return item;
  }

  private static WriteRequest<InventoryPosition> level(String sku, String location, String qty) {
    return level(sku, sku, location, qty);
  }

  private static WriteRequest<InventoryPosition> level(
      String key, String sku, String location, String qty) {
    return WriteRequest.of(
        key,
        InventoryPosition.builder()
            .sku(sku)
            .location(location)
            .available(new BigDecimal(qty))
            .asOf(Instant.parse("2026-10-01T09:00:00Z"))
            .build());
  }

  @Test
  void setsAvailableWithChangeFromQuantityAndAnIdempotencyKey() {
    String item = item("SKU-1", 5);
    List<WriteOutcome> out =
        inventory(client()).writer().upsert(List.of(level("SKU-1", "WH-1", "12")));
    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status());
    assertEquals("12", out.get(0).version());
    assertEquals(12, shop.quantity(item, warehouse, "available"));
    assertEquals(12, shop.quantity(item, warehouse, "on_hand"));
    FakeShopify.Recorded write =
        shop.requests().stream()
            .filter(r -> r.fields().contains("inventorySetQuantities"))
            .findFirst()
            .orElseThrow();
    assertTrue(write.document().contains("@idempotent(key: \""), write.document());
    assertEquals(
        5,
        write
            .variables()
            .path("input")
            .path("quantities")
            .get(0)
            .path("changeFromQuantity")
            .asInt());
    assertEquals("correction", write.variables().path("input").path("reason").asText());
  }

  @Test
  void aLevelThatAlreadyHoldsTheTargetIsUnchangedWithoutAMutation() {
    item("SKU-1", 7);
    List<WriteOutcome> out =
        inventory(client()).writer().upsert(List.of(level("SKU-1", "WH-1", "7")));
    assertEquals(WriteOutcome.Status.UNCHANGED, out.get(0).status());
    assertTrue(shop.mutationsApplied().isEmpty());
  }

  @Test
  void thousandUpdatesUnderASmallBucketFinishWithNoCostRejectionAndNoLostUpdate() {
    shop.costBucket(200, 20);
    Map<String, String> items = new HashMap<>();
    List<WriteRequest<InventoryPosition>> requests = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String sku = "SKU-" + i;
      items.put(sku, item(sku, i % 7));
      requests.add(level(sku, "WH-1", String.valueOf(100 + i)));
    }
    ShopifyInventory inv = inventory(client());
    List<WriteOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < requests.size(); i += 250) {
      outcomes.addAll(inv.writer().upsert(requests.subList(i, i + 250)));
    }
    assertEquals(0, shop.throttledCount(), "no request was rejected for cost");
    assertTrue(outcomes.stream().allMatch(WriteOutcome::isSuccess));
    for (int i = 0; i < 1000; i++) {
      assertEquals(100 + i, shop.quantity(items.get("SKU-" + i), warehouse, "available"));
    }
    assertEquals(4, shop.mutationsApplied().get("inventorySetQuantities"));
    assertTrue(clock.slept().getSeconds() > 0, "the client paced itself");
  }

  @Test
  void aStaleChangeFromQuantityIsReReadAndReApplied() {
    String item = item("SKU-1", 5);
    ShopifyInventory inv = inventory(client());
    // Another writer sells 2 units between our read and our write.
    shop.afterNextQuery("inventoryItems", () -> shop.setQuantity(item, warehouse, "available", 3));
    List<WriteOutcome> out = inv.writer().upsert(List.of(level("SKU-1", "WH-1", "20")));
    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status());
    assertEquals(20, shop.quantity(item, warehouse, "available"));
    List<FakeShopify.Recorded> writes =
        shop.requests().stream()
            .filter(r -> r.fields().contains("inventorySetQuantities"))
            .toList();
    assertEquals(2, writes.size());
    assertEquals(
        5,
        writes
            .get(0)
            .variables()
            .path("input")
            .path("quantities")
            .get(0)
            .path("changeFromQuantity")
            .asInt());
    assertEquals(
        3,
        writes
            .get(1)
            .variables()
            .path("input")
            .path("quantities")
            .get(0)
            .path("changeFromQuantity")
            .asInt());
    assertTrue(!key(writes.get(0)).equals(key(writes.get(1))), "a new plan gets a new key");
  }

  @Test
  void aRetriedAdjustmentAfterATimeoutIsAppliedExactlyOnce() {
    String item = item("SKU-1", 10);
    ShopifyInventory inv = inventory(client());
    shop.timeoutAfterApplyingNextMutation();
    List<WriteOutcome> out =
        inv.adjust(
            List.of(new InventoryAdjustment("GR-1", item, warehouse, null, 4, "received", null)));
    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status());
    assertEquals(14, shop.quantity(item, warehouse, "available"));
    assertEquals(1, shop.mutationsApplied().get("inventoryAdjustQuantities"));
    List<FakeShopify.Recorded> writes =
        shop.requests().stream()
            .filter(r -> r.fields().contains("inventoryAdjustQuantities"))
            .toList();
    assertEquals(2, writes.size(), "sent twice");
    assertEquals(key(writes.get(0)), key(writes.get(1)), "with the same key");
  }

  @Test
  void aRetriedSetAfterATimeoutIsAppliedExactlyOnce() {
    String item = item("SKU-1", 10);
    ShopifyInventory inv = inventory(client());
    shop.timeoutAfterApplyingNextMutation();
    List<WriteOutcome> out = inv.writer().upsert(List.of(level("SKU-1", "WH-1", "3")));
    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status());
    assertEquals(3, shop.quantity(item, warehouse, "available"));
    assertEquals(1, shop.mutationsApplied().get("inventorySetQuantities"));
  }

  @Test
  void aKeyStillInFlightIsResentWithTheSameKeyAfterAWait() {
    String item = item("SKU-1", 2);
    shop.concurrentRequestNext();
    List<WriteOutcome> out =
        inventory(client()).writer().upsert(List.of(level("SKU-1", "WH-1", "6")));
    assertEquals(WriteOutcome.Status.UPDATED, out.get(0).status());
    assertEquals(6, shop.quantity(item, warehouse, "available"));
    List<FakeShopify.Recorded> writes =
        shop.requests().stream()
            .filter(r -> r.fields().contains("inventorySetQuantities"))
            .toList();
    assertEquals(2, writes.size());
    assertEquals(key(writes.get(0)), key(writes.get(1)));
    assertTrue(clock.sleeps().contains(java.time.Duration.ofSeconds(1)), clock.sleeps().toString());
  }

  @Test
  void aRestartReusesTheSavedAdjustmentPlanAndKey() {
    String item = item("SKU-1", 10);
    InventoryKeyStore durable = InventoryKeyStore.inMemory();
    ShopifyGraphQlClient first =
        ShopifyGraphQlClient.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(ShopifyTokens.staticToken("shpat_test", clock))
            .clock(clock)
            .sleeper(clock.sleeper())
            .maxAttempts(1)
            .build();
    shop.acceptToken("shpat_test");
    shop.timeoutAfterApplyingNextMutation();
    InventoryAdjustment a =
        new InventoryAdjustment("GR-2", item, warehouse, null, 4, "received", null);
    WriteOutcome crashed =
        ShopifyInventory.builder(first).keyStore(durable).build().adjust(List.of(a)).get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, crashed.status());
    assertEquals(14, shop.quantity(item, warehouse, "available"), "the shop applied it");
    // A new process with the same durable store resends the saved plan with the saved key.
    WriteOutcome after =
        ShopifyInventory.builder(client()).keyStore(durable).build().adjust(List.of(a)).get(0);
    assertEquals(WriteOutcome.Status.UPDATED, after.status());
    assertEquals(14, shop.quantity(item, warehouse, "available"), "not applied twice");
    assertEquals(1, shop.mutationsApplied().get("inventoryAdjustQuantities"));
  }

  @Test
  void badInputIsRejectedNamingTheField() {
    item("SKU-1", 1);
    List<WriteOutcome> out =
        inventory(client())
            .writer()
            .upsert(
                List.of(
                    level("a", "SKU-1", "WH-1", "2.5"),
                    level("b", "NOPE", "WH-1", "1"),
                    level("c", "SKU-1", "not-a-location", "1")));
    assertEquals("available", out.get(0).errors().get(0).path());
    assertEquals("sku", out.get(1).errors().get(0).path());
    assertEquals("location", out.get(2).errors().get(0).path());
    assertTrue(out.stream().allMatch(o -> o.status() == WriteOutcome.Status.REJECTED));
    assertNull(shop.mutationsApplied().get("inventorySetQuantities"));
  }

  @Test
  void skuMapsToItemAndVariantsAndLevelsReadBack() {
    String variant = shop.addProduct("Tee", "TEE-S").get(0);
    String item = shop.inventoryItemOf(variant);
    shop.setQuantity(item, warehouse, "available", 9);
    shop.setQuantity(item, warehouse, "committed", 2);
    ShopifyInventory inv = inventory(client());
    ShopifyInventory.InventoryItemRef ref = inv.itemsBySku(List.of("TEE-S")).get("TEE-S").get(0);
    assertEquals(item, ref.inventoryItemId());
    assertEquals(List.of(variant), ref.variantIds());
    InventoryPosition p = inv.levels(List.of("TEE-S")).get(0);
    assertEquals(new BigDecimal("9"), p.available());
    assertEquals(new BigDecimal("11"), p.onHand());
    assertEquals(new BigDecimal("2"), p.reserved());
    assertEquals(
        new BigDecimal("9"),
        inv.reader()
            .read(List.of(ShopifyIds.inventoryLevelId(item, warehouse)))
            .get(0)
            .entity()
            .available());
  }

  private static String key(FakeShopify.Recorded r) {
    return String.valueOf(
        GraphQlDocument.parse(r.document())
            .fields()
            .get(0)
            .directiveArgument("idempotent", "key", null));
  }
}
