package dev.retailsync.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import org.junit.jupiter.api.Test;

/** Rule violations in commerce entities read from JSON name their full path. */
class CommerceJsonTest {
  private final CanonicalJson json = CanonicalJson.create();

  private static String order(String lines) {
    return "{\"orderNumber\":\"#1\",\"status\":\"CAPTURED\",\"currency\":\"EUR\",\"lines\":["
        + lines
        + "]}";
  }

  @Test
  void aNegativeQuantityInALineNamesTheIndexedPath() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                json.read(order("{\"lineNumber\":1,\"sku\":\"A\",\"quantity\":-1}"), Order.class));
    assertEquals("lines[0].quantity", e.errors().get(0).path());
  }

  @Test
  void anAmountInAnotherCurrencyNamesTheIndexedPath() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                json.read(
                    order(
                        "{\"lineNumber\":1,\"sku\":\"A\",\"quantity\":1},"
                            + "{\"lineNumber\":2,\"sku\":\"B\",\"quantity\":1,"
                            + "\"unitPrice\":{\"amount\":\"1\",\"currency\":\"USD\"}}"),
                    Order.class));
    assertEquals("lines[1].unitPrice.currency", e.errors().get(0).path());
  }
}
