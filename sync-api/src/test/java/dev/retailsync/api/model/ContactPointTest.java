package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactPointTest {

  @Test
  void builderNamesTheMissingType() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> ContactPoint.builder().value("jane.doe@example.com").build());
    assertEquals("type", e.errors().get(0).path());
  }

  @Test
  void builderNamesTheMissingValue() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> ContactPoint.builder().type(ContactPointType.PHONE).build());
    assertEquals("value", e.errors().get(0).path());
  }

  @Test
  void anEmailWithoutAtIsRejectedWithoutShowingIt() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ContactPoint.email("jane.doe.example.com"));
    assertEquals("value", e.errors().get(0).path());
    assertNull(e.errors().get(0).rejectedValue());
    assertFalse(e.getMessage().contains("jane"), e.getMessage());
  }

  @Test
  void aPhoneNumberWithLettersIsRejectedWithoutShowingIt() {
    for (ContactPointType type :
        new ContactPointType[] {
          ContactPointType.PHONE, ContactPointType.MOBILE, ContactPointType.FAX
        }) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> ContactPoint.of(type, "+49 30 CALL-JANE"));
      assertEquals("value", e.errors().get(0).path());
      assertFalse(e.getMessage().contains("JANE"), e.getMessage());
    }
    assertThrows(ValidationException.class, () -> ContactPoint.of(ContactPointType.PHONE, "+-"));
  }

  @Test
  void numbersKeepTheirFormatting() {
    assertEquals(
        "+49 (30) 123-45.67",
        ContactPoint.of(ContactPointType.PHONE, "+49 (30) 123-45.67").value());
  }

  @Test
  void toStringRedactsTheValue() {
    String text =
        ContactPoint.builder()
            .type(ContactPointType.MOBILE)
            .value("+49 151 2345678")
            .usage(ContactPointUsage.HOME)
            .build()
            .toString();
    assertFalse(text.contains("2345678"), text);
    assertFalse(ContactPoint.email("jane.doe@example.com").toString().contains("jane"));
  }

  @Test
  void toBuilderRoundTrips() {
    ContactPoint point =
        ContactPoint.builder()
            .type(ContactPointType.EMAIL)
            .value("jane.doe@example.com")
            .usage(ContactPointUsage.WORK)
            .primary(true)
            .verified(true)
            .verifiedAt(Instant.parse("2026-11-25T10:15:30Z"))
            .consent(ConsentState.GRANTED)
            .build();
    assertEquals(point, point.toBuilder().build());
  }
}
