package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  @Test
  void beginningIsEmpty() {
    assertTrue(Cursor.beginning().isBeginning());
    assertEquals("", Cursor.beginning().value());
  }

  @Test
  void theEmptyTextIsTheBeginning() {
    assertSame(Cursor.beginning(), Cursor.of(""));
    assertEquals(Cursor.beginning(), new Cursor(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", " ", "2024-05-01T10:15:30Z|42", "{\"page\":\"abc\"}"})
  void savedTextRoundTrips(String text) {
    Cursor c = Cursor.of(text);
    assertEquals(text, c.value());
    assertFalse(c.isBeginning());
    assertEquals(c, Cursor.of(c.value()));
  }

  @Test
  void nullIsRejectedNamingTheValue() {
    ValidationException e = assertThrows(ValidationException.class, () -> Cursor.of(null));
    assertEquals("value", e.errors().get(0).path());
  }
}
