package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ValidationExceptionTest {

  @Test
  void ofRendersSubjectPathMessageAndValue() {
    ValidationException e = ValidationException.of("Money", "currency", "EURO", "is not ISO-4217");
    assertEquals("Invalid Money: currency: is not ISO-4217 (was 'EURO')", e.getMessage());
    assertEquals(List.of(FieldError.of("currency", "EURO", "is not ISO-4217")), e.errors());
    assertFalse(e.isRetryable());
  }

  @Test
  void listsEveryError() {
    ValidationException e =
        new ValidationException(
            "Account",
            List.of(
                FieldError.of("name", "", "must not be blank"),
                FieldError.redacted("billing.email", "is not an e-mail address")));
    assertEquals(
        "Invalid Account: name: must not be blank (was ''); billing.email: is not an e-mail"
            + " address",
        e.getMessage());
    assertEquals(2, e.errors().size());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void needsAtLeastOneError(List<FieldError> errors) {
    assertThrows(IllegalArgumentException.class, () -> new ValidationException("Account", errors));
  }

  @Test
  void errorsAreACopy() {
    List<FieldError> errors = new ArrayList<>(List.of(FieldError.of("a", 1, "bad")));
    ValidationException e = new ValidationException("X", errors);
    errors.clear();
    assertEquals(1, e.errors().size());
    assertThrows(UnsupportedOperationException.class, () -> e.errors().clear());
  }

  @Test
  void carriesContext() {
    ValidationException e =
        new ValidationException(
            "Order",
            List.of(FieldError.of("lines[0].quantity", "-1", "must not be negative")),
            ErrorContext.of(SystemId.SHOPIFY, "poll"));
    assertEquals(Optional.of(SystemId.SHOPIFY), e.system());
    assertEquals(
        "Invalid Order: lines[0].quantity: must not be negative (was '-1') [system=shopify,"
            + " operation=poll]",
        e.getMessage());
  }
}
