package dev.retailsync.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CaseStatus;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.ServiceCase;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jakarta constraints on the party-side entities, reported with nested field paths. */
class CanonicalValidatorTest {
  private final CanonicalValidator validator = CanonicalValidator.create();

  private static Party person(ContactPoint... points) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(PersonName.of("Jane", "Doe"))
        .contactPoints(points)
        .build();
  }

  @Test
  void aValidPartyHasNoViolations() {
    assertEquals(List.of(), validator.validate(person(ContactPoint.email("jane.doe@example.com"))));
  }

  @Test
  void aTooLongContactPointValueIsReportedWithItsIndexedPath() {
    String tooLong = "j".repeat(250) + "@example.com";
    Party party =
        person(
            ContactPoint.email("jane.doe@example.com"),
            ContactPoint.of(ContactPointType.EMAIL, tooLong));
    List<FieldError> errors = validator.validate(party);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("contactPoints[1].value", errors.get(0).path());

    ValidationException e = assertThrows(ValidationException.class, () -> validator.check(party));
    assertEquals("contactPoints[1].value", e.errors().get(0).path());
  }

  @Test
  void nestedNamePartsAndDatesAreValidated() {
    Party party =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(PersonName.of("Jane", "D".repeat(129)))
            .birthDate(LocalDate.now().plusDays(1))
            .build();
    List<FieldError> errors = validator.validate(party);
    assertEquals(
        List.of("birthDate", "name.family"), errors.stream().map(FieldError::path).toList());
  }

  @Test
  void contactAndServiceCaseConstraintsNameTheirFields() {
    Contact contact =
        Contact.builder()
            .name(PersonName.of("Jane", "Doe"))
            .contactPoints(ContactPoint.of(ContactPointType.PHONE, "1".repeat(300)))
            .build();
    assertEquals("contactPoints[0].value", validator.validate(contact).get(0).path());

    ServiceCase serviceCase =
        ServiceCase.builder().status(CaseStatus.NEW).subject("x".repeat(256)).build();
    List<FieldError> errors = validator.validate(serviceCase);
    assertEquals("subject", errors.get(0).path());
    assertTrue(errors.get(0).message().contains("255"), errors.get(0).message());
  }
}
