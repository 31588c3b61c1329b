package dev.retailsync.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constraint violations inside lists are reported with their indexed path. */
class CommerceValidationTest {
  private final CanonicalValidator validator = CanonicalValidator.create();

  private static Order order(String description) {
    return Order.builder()
        .orderNumber("#1042")
        .status(OrderStatus.CAPTURED)
        .currency("EUR")
        .addLine(
            new OrderLine(
                1,
                "TSHIRT-NAVY-M",
                description,
                BigDecimal.ONE,
                Money.of("19.99", "EUR"),
                List.of(),
                List.of(),
                null,
                null))
        .build();
  }

  @Test
  void aValidOrderHasNoViolations() {
    assertEquals(List.of(), validator.validate(order("T-Shirt")));
  }

  @Test
  void aTooLongLineDescriptionIsReportedWithItsIndexedPath() {
    Order order = order("x".repeat(256));
    List<FieldError> errors = validator.validate(order);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("lines[0].description", errors.get(0).path());
    ValidationException e = assertThrows(ValidationException.class, () -> validator.check(order));
    assertTrue(e.getMessage().contains("lines[0].description"), e.getMessage());
  }
}
