package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTest {

  static Contact contact() {
    return Contact.builder()
        .name(new PersonName("Ms", "Jane", null, "Doe", null))
        .jobTitle("Head of Purchasing")
        .department("Purchasing")
        .role("BUYER")
        .accountNumber("C-000456")
        .contactPoints(ContactPoint.email("jane.doe@example.com"))
        .marketingConsent(MarketingConsent.UNKNOWN)
        .primary(true)
        .build();
  }

  @Test
  void builderNamesTheMissingName() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> Contact.builder().accountNumber("C-1").build());
    assertEquals("name", e.errors().get(0).path());
  }

  @Test
  void blankTextIsNamed() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> contact().toBuilder().jobTitle(" ").build());
    assertEquals("jobTitle", e.errors().get(0).path());
  }

  @Test
  void aMalformedContactPointIsRejected() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                contact().toBuilder()
                    .contactPoints(ContactPoint.of(ContactPointType.PHONE, "ext. Jane"))
                    .build());
    assertEquals("value", e.errors().get(0).path());
  }

  @Test
  void toStringRedactsPersonalData() {
    String text = contact().toString();
    for (String secret : List.of("Jane", "Doe", "jane.doe@example.com", "Head of Purchasing")) {
      assertFalse(text.contains(secret), () -> "reveals " + secret + ": " + text);
    }
    assertTrue(text.contains("C-000456"), text);
  }

  @Test
  void toBuilderRoundTrips() {
    Contact contact = contact();
    assertEquals(contact, contact.toBuilder().build());
    assertEquals(false, contact.toBuilder().primary(false).build().primary());
  }

  @Test
  void entityTypeAndCatalogue() throws Exception {
    assertEquals(EntityType.CONTACT, contact().entityType());
    assertEquals(EntityType.CONTACT, EntityType.of("contact"));
    FieldCatalogues.assertAllInCatalogue(Contact.Fields.class, EntityType.CONTACT);
  }
}
