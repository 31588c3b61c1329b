package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.ecommerce.shopify.webhook.WebhookSubscriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every read document stays under Shopify's 1,000-point single-query limit, estimated with the
 * documented rules (scalar 0, object 1, connection or paged list 2 + first &times; node), so a
 * bigger {@code first:} in a document fails the build instead of a sync at run time.
 */
class QueryCostTest {
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\.\\.\\.|[{}():,!\\[\\]@$=]|\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_][A-Za-z0-9_]*|-?[0-9]+");

  private List<String> tokens;
  private int pos;

  int cost(String document) {
    tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(document);
    while (m.find()) {
      tokens.add(m.group());
    }
    pos = 0;
    // Skip the operation header (name and variable definitions) up to the selection set.
    int depth = 0;
    while (!(tokens.get(pos).equals("{") && depth == 0)) {
      depth += tokens.get(pos).equals("(") ? 1 : tokens.get(pos).equals(")") ? -1 : 0;
      pos++;
    }
    return selectionSet();
  }

  private int selectionSet() {
    expect("{");
    int sum = 0;
    while (!peek("}")) {
      sum += selection();
    }
    expect("}");
    return sum;
  }

  private int selection() {
    if (peek("...")) {
      pos++;
      if (peek("on")) {
        pos += 2;
      }
      return selectionSet();
    }
    String name = tokens.get(pos++);
    if (peek(":")) { // alias
      pos++;
      name = tokens.get(pos++);
    }
    Integer first = null;
    if (peek("(")) {
      pos++;
      int depth = 1;
      while (depth > 0) {
        String t = tokens.get(pos++);
        if (t.equals("first") && tokens.get(pos).equals(":")) {
          first = Integer.valueOf(tokens.get(pos + 1));
        }
        depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
      }
    }
    while (peek("@")) { // directives
      pos += 2;
      if (peek("(")) {
        while (!tokens.get(pos++).equals(")")) {}
      }
    }
    if (!peek("{")) {
      return 0;
    }
    if (name.equals("pageInfo")) {
      selectionSet();
      return 0;
    }
    int start = pos;
    int inner = selectionSet();
    if (first == null) {
      return 1 + inner;
    }
    // A connection's cost is its nodes' cost; the nodes wrapper itself counts as the node.
    int end = pos;
    pos = start;
    int nodeCost = nodesCost();
    pos = end;
    return 2 + first * (nodeCost >= 0 ? nodeCost : 1 + inner);
  }

  /** The cost of one node when the selection wraps them in nodes/edges, else -1. */
  private int nodesCost() {
    expect("{");
    int result = -1;
    while (!peek("}")) {
      if (peek("nodes") || peek("edges")) {
        pos++;
        result = selectionSet(); // the node object: 1 counted by the caller's wrapper below
        result += 1;
      } else {
        selection();
      }
    }
    expect("}");
    return result;
  }

  private boolean peek(String t) {
    return tokens.get(pos).equals(t);
  }

  private void expect(String t) {
    if (!tokens.get(pos).equals(t)) {
      throw new AssertionError(
          "expected " + t + " at token " + pos + " but found " + tokens.get(pos));
    }
    pos++;
  }

  @Test
  void theReferenceExampleCostsWhatTheNotesEstimate() {
    // ../shared/reference/ecommerce.md: the customers query is "estimated ~302 points".
    String customers =
        "query Customers($cursor: String, $q: String) { customers(first: 100, after: $cursor,"
            + " query: $q, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id"
            + " legacyResourceId firstName lastName updatedAt tags defaultEmailAddress {"
            + " emailAddress marketingState } defaultPhoneNumber { phoneNumber } } } }";
    assertEquals(302, cost(customers));
  }

  @Test
  void everyReadDocumentFitsTheSingleQueryLimit() {
    Map<String, String> documents =
        Map.of(
            "ORDER", ShopifyOrderDocuments.ORDER,
            "ORDERS", ShopifyOrderDocuments.ORDERS,
            "ORDER_LINE_ITEMS", ShopifyOrderDocuments.ORDER_LINE_ITEMS,
            "FULFILLMENT_ORDERS", ShopifyOrderDocuments.FULFILLMENT_ORDERS,
            "webhookSubscriptions", WebhookSubscriptions.LIST_QUERY);
    documents.forEach(
        (name, doc) -> {
          int c = cost(doc);
          System.out.println("estimated cost " + name + " = " + c);
          assertTrue(c > 0 && c <= 1000, name + " is estimated at " + c + " points");
        });
  }
}
