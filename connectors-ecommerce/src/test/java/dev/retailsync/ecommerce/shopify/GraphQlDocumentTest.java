package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlDocumentTest {

  @Test
  void estimatesTheDocumentedCustomersQueryAt302Points() {
    // ecommerce.md section 1.5: 2 + 100 x (customer 1 + defaultEmailAddress 1 + defaultPhoneNumber
    // 1)
    String q =
        "query Customers($cursor: String, $q: String) {\n"
            + "  customers(first: 100, after: $cursor, query: $q, sortKey: UPDATED_AT) {\n"
            + "    pageInfo { hasNextPage endCursor }\n"
            + "    nodes {\n"
            + "      id legacyResourceId firstName lastName updatedAt tags\n"
            + "      defaultEmailAddress { emailAddress marketingState }\n"
            + "      defaultPhoneNumber { phoneNumber }\n"
            + "    }\n"
            + "  }\n"
            + "}";
    assertEquals(302, GraphQlDocument.parse(q).estimateCost(Map.of()));
  }

  @Test
  void variablesSizePagesAndEdgesCountLikeNodes() {
    String q =
        "query($n: Int!) { products(first: $n) { edges { node { id variants(first: 3) {"
            + " nodes { id } } } } } }";
    // 2 + n x (product 1 + (2 + 3 x 1))
    assertEquals(2 + 10 * 6, GraphQlDocument.parse(q).estimateCost(Map.of("n", 10)));
  }

  @Test
  void mutationsCostTenPerField() {
    String m =
        "mutation { a: customerSet(input: {firstName: \"A\"}) { customer { id } }"
            + " b: customerSet(input: {firstName: \"B\"}) { customer { id } } }";
    GraphQlDocument d = GraphQlDocument.parse(m);
    assertTrue(d.isMutation());
    assertEquals(20, d.estimateCost(null));
    assertEquals(List.of("a", "b"), d.fields().stream().map(GraphQlDocument.Field::alias).toList());
  }

  @Test
  void readsDirectivesArgumentsAndLiteralsOfEveryKind() {
    GraphQlDocument d =
        GraphQlDocument.parse(
            "mutation M($input: InventorySetQuantitiesInput!) {\n"
                + "  inventorySetQuantities(input: $input, x: [1, -2.5, true, null, ENUM],"
                + " o: {s: \"a\\\"b\", b: \"\"\"block\"\"\"}) @idempotent(key: \"k-1\") {"
                + " userErrors { code } }\n"
                + "}");
    GraphQlDocument.Field f = d.fields().get(0);
    assertEquals("k-1", f.directiveArgument("idempotent", "key", null));
    assertEquals(Map.of("a", 1), f.argument("input", Map.of("input", Map.of("a", 1))));
    assertEquals(java.util.Arrays.asList(1L, -2.5, true, null, "ENUM"), f.argument("x", Map.of()));
    assertEquals(Map.of("s", "a\"b", "b", "block"), f.argument("o", Map.of()));
  }

  @Test
  void malformedDocumentsAreRefusedWithThePosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphQlDocument.parse("{ a(b: ) }"));
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> GraphQlDocument.parse("query { ...Frag } fragment Frag on Shop { id }"));
  }

  @Test
  void gidsConvertBothWays() {
    assertEquals("gid://shopify/Customer/7001", ShopifyIds.gid("Customer", "7001"));
    assertEquals("7001", ShopifyIds.numericId("gid://shopify/Customer/7001"));
    assertEquals(
        "MailingAddress",
        ShopifyIds.type("gid://shopify/MailingAddress/1?model_name=CustomerAddress"));
    assertEquals("gid://shopify/Location/5", ShopifyIds.toGid("Location", "5"));
    ValidationException wrongType =
        assertThrows(
            ValidationException.class,
            () -> ShopifyIds.toGid("Location", "gid://shopify/Customer/5"));
    assertTrue(wrongType.getMessage().contains("Customer"));
    String level = ShopifyIds.inventoryLevelId("1", "2");
    assertEquals("gid://shopify/InventoryItem/1@gid://shopify/Location/2", level);
    assertEquals("gid://shopify/Location/2", ShopifyIds.splitInventoryLevelId(level)[1]);
    assertThrows(ValidationException.class, () -> ShopifyIds.numericId("Customer/7001"));
  }
}
