package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldErrorTest {

  @Test
  void ofShowsTheRejectedValue() {
    FieldError e = FieldError.of("credit.limit", -5, "must not be negative");
    assertEquals("-5", e.rejectedValue());
    assertEquals("credit.limit: must not be negative (was '-5')", e.toString());
  }

  @Test
  void ofRendersNullAsText() {
    FieldError e = FieldError.of("name", null, "is required");
    assertEquals("null", e.rejectedValue());
    assertEquals("name: is required (was 'null')", e.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "s3cr3t!", "+49 30 1234567"})
  void redactedNeverShowsTheValue(String value) {
    FieldError e = FieldError.redacted("billing.email", "is not valid");
    assertNull(e.rejectedValue());
    assertEquals("billing.email: is not valid", e.toString());
    assertFalse(e.toString().contains(value));
    assertNotEquals(FieldError.of("billing.email", value, "is not valid"), e);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void needsAPath(String path) {
    assertThrows(IllegalArgumentException.class, () -> FieldError.of(path, "x", "bad"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void needsAMessage(String message) {
    assertThrows(IllegalArgumentException.class, () -> FieldError.redacted("name", message));
  }

  @Test
  void equalErrorsAreEqual() {
    assertEquals(FieldError.of("a", "1", "bad"), FieldError.of("a", 1, "bad"));
    assertEquals(
        FieldError.of("a", "1", "bad").hashCode(), FieldError.of("a", 1, "bad").hashCode());
    assertEquals(FieldError.redacted("a", "bad"), FieldError.redacted("a", "bad"));
    assertNotEquals(FieldError.of("a", "1", "bad"), FieldError.of("b", "1", "bad"));
  }
}
