package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The line plan against the documented sales order payload ({@code wire/bc/sales-order.json}: an
 * Open order whose item line shipped 1 of 2, and a comment line).
 */
class OrderLinesTest {
  private static final Set<String> OPEN_TOO = Set.of("Draft", "Open");

  private static JsonNode order() throws IOException {
    try (InputStream in = OrderLinesTest.class.getResourceAsStream("/wire/bc/sales-order.json")) {
      return FieldRules.JSON.readTree(in);
    }
  }

  private static ArrayNode wanted(String... skuQtyPrice) {
    ArrayNode a = FieldRules.JSON.createArrayNode();
    for (String s : skuQtyPrice) {
      String[] p = s.split(" ");
      a.addObject()
          .put("lineType", "Item")
          .put("lineObjectNumber", p[0])
          .put("quantity", new java.math.BigDecimal(p[1]))
          .put("unitPrice", new java.math.BigDecimal(p[2]));
    }
    return a;
  }

  private static List<String> paths(OrderLines.Plan plan) {
    return plan.refusals().stream().map(e -> e.path()).toList();
  }

  @Test
  void theSameItemLineIsNoChangeAndTheCommentLineIsLeftAlone() throws IOException {
    OrderLines.Plan plan = OrderLines.plan(order(), wanted("1996-S 2 19.99"), OrderLines.EDITABLE);

    assertEquals(List.of(), plan.ops());
    assertEquals(List.of(), plan.refusals(), "nothing to change, so the status does not matter");
  }

  @Test
  void anOpenOrderMeansReleasedAndItsLinesCannotChange() throws IOException {
    OrderLines.Plan plan = OrderLines.plan(order(), wanted("1996-S 3 19.99"), OrderLines.EDITABLE);

    assertEquals(List.of("lines"), paths(plan));
    assertTrue(plan.refusals().get(0).message().contains("S-ORD101001 is Open"), plan.toString());
    assertEquals(List.of(), plan.ops(), "nothing is planned for a refused order");
  }

  @Test
  void aChangedLineIsPatchedWithItsOwnETagAndOnlyTheChangedField() throws IOException {
    OrderLines.Plan plan = OrderLines.plan(order(), wanted("1996-S 3 19.99"), OPEN_TOO);

    assertEquals(1, plan.ops().size(), plan.toString());
    OrderLines.Op op = plan.ops().get(0);
    assertEquals("PATCH", op.method());
    assertEquals("6b3e1d5a-44e3-ea11-bb43-000d3a2feca1", op.lineId());
    assertEquals(
        "W/\"JzQ0O0xnQUFBQUo3QVRFQU1RQXdBREF4QUFBQUFBQT0xOzEyMzQ1Njc4OTAxMjM0Njsn\"", op.etag());
    assertEquals("{\"quantity\":3}", op.body().toString());
  }

  @Test
  void aShippedLineCannotShrinkBelowOrLoseWhatShipped() throws IOException {
    assertEquals(
        List.of("lines[0].quantity"),
        paths(OrderLines.plan(order(), wanted("1996-S 0.5 19.99"), OPEN_TOO)));
    assertEquals(List.of("lines"), paths(OrderLines.plan(order(), wanted(), OPEN_TOO)));
  }

  @Test
  void anotherItemReplacesTheLineByRemovalAndAddition() throws IOException {
    JsonNode draft =
        ((com.fasterxml.jackson.databind.node.ObjectNode) order()).put("status", "Draft");
    ((com.fasterxml.jackson.databind.node.ObjectNode) draft.path("salesOrderLines").get(0))
        .put("shippedQuantity", 0);

    OrderLines.Plan plan = OrderLines.plan(draft, wanted("1900-S 1 192.8"), OrderLines.EDITABLE);

    assertEquals(
        List.of("POST", "DELETE"), plan.ops().stream().map(OrderLines.Op::method).toList());
    assertEquals("1900-S", plan.ops().get(0).sku());
    assertEquals("6b3e1d5a-44e3-ea11-bb43-000d3a2feca1", plan.ops().get(1).lineId());
  }
}
