package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's own rules, as a user's test relies on them. */
class FakeShopifyTest {
  private static final String SET =
      "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input)"
          + " @idempotent(key: \"%s\") { inventoryAdjustmentGroup { id } userErrors { code field"
          + " message } } }";

  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);
  private final String location = shop.addLocation("W");
  private final String item = shop.inventoryItemOf(shop.addProduct("P", "S-1").get(0));

  private ShopifyGraphQlClient client() {
    shop.acceptToken("t");
    return ShopifyGraphQlClient.builder()
        .http(shop.client())
        .baseUrl(FakeShopify.BASE_URL)
        .tokens(ShopifyTokens.staticToken("t", clock))
        .clock(clock)
        .sleeper(clock.sleeper())
        .build();
  }

  private GraphQlResponse set(ShopifyGraphQlClient c, String key, Object from, int to) {
    java.util.Map<String, Object> q = new java.util.HashMap<>();
    q.put("inventoryItemId", item);
    q.put("locationId", location);
    q.put("quantity", to);
    q.put("changeFromQuantity", from);
    return c.execute(
        GraphQlRequest.idempotentMutation(
            String.format(SET, key),
            Map.of(
                "input",
                Map.of("name", "available", "reason", "correction", "quantities", List.of(q))),
            key));
  }

  @Test
  void aRepeatedKeyReplaysTheFirstResultAndAnotherPayloadIsAMismatch() {
    ShopifyGraphQlClient c = client();
    shop.setQuantity(item, location, "available", 1);
    String first =
        set(c, "k1", 1, 5)
            .field("inventorySetQuantities")
            .path("inventoryAdjustmentGroup")
            .path("id")
            .asText();
    String replay =
        set(c, "k1", 1, 5)
            .field("inventorySetQuantities")
            .path("inventoryAdjustmentGroup")
            .path("id")
            .asText();
    assertEquals(first, replay);
    assertEquals(5, shop.quantity(item, location, "available"));
    assertEquals(1, shop.mutationsApplied().get("inventorySetQuantities"));
    assertEquals(
        "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
        set(c, "k1", 5, 9).userErrors("inventorySetQuantities").get(0).code());
  }

  @Test
  void changeFromQuantityIsComparedAndAnExplicitNullSkipsTheCheck() {
    ShopifyGraphQlClient c = client();
    shop.setQuantity(item, location, "available", 3);
    UserError stale = set(c, "a", 2, 7).userErrors("inventorySetQuantities").get(0);
    assertEquals("CHANGE_FROM_QUANTITY_STALE", stale.code());
    assertEquals("input.quantities.0.changeFromQuantity", stale.fieldPath());
    assertTrue(set(c, "b", null, 7).userErrors("inventorySetQuantities").isEmpty());
    assertEquals(7, shop.quantity(item, location, "available"));
  }

  @Test
  void inventoryMutationsWithoutTheDirectiveAreRefused() {
    ShopifyGraphQlClient c = client();
    ShopifyGraphQlException e =
        assertThrows(
            ShopifyGraphQlException.class,
            () ->
                c.execute(
                    GraphQlRequest.mutation(
                        "mutation { inventorySetQuantities(input: {name: \"available\", reason:"
                            + " \"correction\", quantities: []}) { userErrors { code } } }",
                        Map.of())));
    assertTrue(e.getMessage().contains("@idempotent"), e.getMessage());
  }

  @Test
  void pagesAreCappedAt250() {
    ShopifyGraphQlClient c = client();
    ShopifyGraphQlException e =
        assertThrows(
            ShopifyGraphQlException.class,
            () ->
                c.execute(
                    GraphQlRequest.query("{ customers(first: 251) { nodes { id } } }", null)));
    assertTrue(e.getMessage().contains("250"), e.getMessage());
  }
}
