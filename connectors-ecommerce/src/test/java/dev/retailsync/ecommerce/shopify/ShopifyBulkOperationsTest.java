package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.ecommerce.shopify.ShopifyBulkOperations.BulkNode;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopifyBulkOperationsTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  private ShopifyBulkOperations bulk() {
    shop.acceptToken("shpat_test");
    return new ShopifyBulkOperations(
        ShopifyGraphQlClient.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(ShopifyTokens.staticToken("shpat_test", clock))
            .clock(clock)
            .sleeper(clock.sleeper())
            .build());
  }

  @Test
  void runsPollsAndRelinksChildrenThroughParentId() {
    shop.addProduct("Tee", "TEE-S", "TEE-M");
    shop.addProduct("Cap", "CAP-1");
    shop.bulkPollsUntilComplete(3);
    List<BulkNode> trees = new ArrayList<>();
    long n =
        bulk()
            .run(
                "{ products { edges { node { id title variants { edges { node { id sku } } } } } }"
                    + " }",
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                trees::add);
    assertEquals(2, n);
    assertEquals("Tee", trees.get(0).node().path("title").asText());
    assertEquals(
        List.of("TEE-S", "TEE-M"),
        trees.get(0).children("ProductVariant").stream()
            .map(c -> c.node().path("sku").asText())
            .toList());
    assertEquals(
        trees.get(0).id(), trees.get(0).children().get(0).node().path("__parentId").asText());
    assertEquals(1, trees.get(1).children().size());
    assertEquals(Duration.ofSeconds(10), clock.slept(), "polled three times, 5 s apart");
  }

  @Test
  void aMalformedQueryIsRefusedBeforeSending() {
    assertThrows(IllegalArgumentException.class, () -> bulk().start("{ products { edges "));
    assertTrue(shop.requests().isEmpty());
  }

  @Test
  void shopifyUserErrorsOnStartAreAValidationError() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> bulk().start("{ products { id } customers { id } }"));
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
  }

  @Test
  void anOperationThatDoesNotFinishInTimeIsRetryable() {
    shop.addProduct("Tee", "TEE-S");
    shop.bulkPollsUntilComplete(100);
    ShopifyBulkOperations b = bulk();
    String id = b.start("{ products { edges { node { id } } } }").id();
    RemoteSystemException e =
        assertThrows(
            RemoteSystemException.class,
            () -> b.await(id, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    assertTrue(e.isRetryable());
    assertEquals("BULK_TIMEOUT", e.errorCode().orElseThrow());
  }

  @Test
  void anExpiredResultUrlSaysSo() {
    RemoteSystemException e =
        assertThrows(
            RemoteSystemException.class,
            () -> bulk().stream("https://storage.fake-shopify.test/bulk/404.jsonl", x -> {}));
    assertTrue(e.getMessage().contains("expire"), e.getMessage());
    assertNull(e.errorCode().orElse(null));
  }
}
