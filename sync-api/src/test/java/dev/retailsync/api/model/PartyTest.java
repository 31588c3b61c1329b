package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartyTest {

  static Party person() {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName("Dr.", "Jane", null, "Doe", null))
        .birthDate(LocalDate.parse("1985-04-12"))
        .gender(Gender.FEMALE)
        .taxId("DE123456789")
        .contactPoints(ContactPoint.email("jane.doe@example.com"))
        .addresses(
            PartyAddress.of(
                AddressUse.HOME,
                PostalAddress.builder().lines("Hauptstraße 5").postalCode("10115").build()))
        .preferredLanguage("de-DE")
        .webLogin(
            new WebLogin(
                "jane.doe@example.com", "janedoe77", WebLoginState.ENABLED, true, null, null))
        .servicePreferences(
            new ServicePreferences(ContactChannel.PHONE, "de", "Europe/Berlin", false))
        .putExtension("segment__c", "VIP")
        .build();
  }

  @Test
  void builderNamesTheMissingKind() {
    ValidationException e = assertThrows(ValidationException.class, () -> Party.builder().build());
    assertEquals("kind", e.errors().get(0).path());
  }

  @Test
  void aPersonNeedsAName() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> Party.builder().kind(PartyKind.PERSON).build());
    assertEquals("name", e.errors().get(0).path());
  }

  @Test
  void aPersonNameNeedsAGivenOrFamilyName() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> new PersonName("Dr.", null, "Marie", null, null));
    assertEquals("family", e.errors().get(0).path());
  }

  @Test
  void anOrganisationNeedsAnOrganisationName() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> Party.builder().kind(PartyKind.ORGANIZATION).legalForm("GmbH").build());
    assertEquals("organisationName", e.errors().get(0).path());
  }

  @Test
  void anOrganisationMustNotHaveAPersonsName() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                Party.builder()
                    .kind(PartyKind.ORGANIZATION)
                    .organisationName("Acme GmbH")
                    .name(PersonName.of("Jane", "Doe"))
                    .build());
    assertEquals("name", e.errors().get(0).path());
    assertNull(e.errors().get(0).rejectedValue());
  }

  @Test
  void aPersonMustNotHaveAnOrganisationName() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> person().toBuilder().organisationName("Acme GmbH").build());
    assertEquals("organisationName", e.errors().get(0).path());
  }

  @Test
  void anOrganisationMustNotHaveABirthDate() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                Party.builder()
                    .kind(PartyKind.ORGANIZATION)
                    .organisationName("Acme GmbH")
                    .birthDate(LocalDate.parse("1985-04-12"))
                    .build());
    assertEquals("birthDate", e.errors().get(0).path());
  }

  @Test
  void preferredLanguageMustBeACanonicalBcp47Tag() {
    assertEquals(
        "zh-Hant-TW",
        person().toBuilder().preferredLanguage("zh-Hant-TW").build().preferredLanguage());
    for (String bad : List.of("de_DE", "en-us", "not a language", "")) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> person().toBuilder().preferredLanguage(bad).build(),
              bad);
      assertEquals("preferredLanguage", e.errors().get(0).path());
    }
  }

  @Test
  void servicePreferencesCheckLanguageAndTimeZone() {
    assertEquals(
        "language",
        assertThrows(
                ValidationException.class, () -> new ServicePreferences(null, "en_GB", null, null))
            .errors()
            .get(0)
            .path());
    assertEquals(
        "timeZone",
        assertThrows(
                ValidationException.class,
                () -> new ServicePreferences(null, null, "Mars/Olympus", null))
            .errors()
            .get(0)
            .path());
  }

  @Test
  void aNullContactPointIsNamedByIndex() {
    List<ContactPoint> points = new ArrayList<>();
    points.add(ContactPoint.email("jane.doe@example.com"));
    points.add(null);
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> person().toBuilder().contactPoints(points).build());
    assertEquals("contactPoints[1]", e.errors().get(0).path());
  }

  @Test
  void listsAreImmutableCopies() {
    List<ContactPoint> points = new ArrayList<>();
    points.add(ContactPoint.email("jane.doe@example.com"));
    Party party = person().toBuilder().contactPoints(points).build();
    points.clear();
    assertEquals(1, party.contactPoints().size());
    assertThrows(UnsupportedOperationException.class, () -> party.contactPoints().add(null));
    assertThrows(UnsupportedOperationException.class, () -> party.addresses().clear());
  }

  @Test
  void anExtensionMayNotShadowACanonicalProperty() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> person().toBuilder().putExtension("webLogin", "x").build());
    assertEquals("extensions.webLogin", e.errors().get(0).path());
  }

  @Test
  void toStringRedactsPersonalData() {
    String text = person().toString();
    for (String secret :
        List.of(
            "Jane",
            "Doe",
            "jane.doe@example.com",
            "1985",
            "FEMALE",
            "DE123456789",
            "Hauptstraße",
            "janedoe77",
            "Europe/Berlin")) {
      assertFalse(text.contains(secret), () -> "reveals " + secret + ": " + text);
    }
    assertTrue(text.contains("PERSON"), text);
    String login =
        new WebLogin("jane.doe@example.com", "janedoe77", null, null, null, Instant.EPOCH)
            .toString();
    assertFalse(login.contains("jane") || login.contains("janedoe77"), login);
    assertFalse(PersonName.of("Jane", "Doe").toString().contains("Jane"));
  }

  @Test
  void toBuilderRoundTrips() {
    Party party = person();
    assertEquals(party, party.toBuilder().build());
    Party changed = party.toBuilder().preferredLanguage("en-GB").build();
    assertEquals("en-GB", changed.preferredLanguage());
    assertEquals(party.webLogin(), changed.webLogin());
  }

  @Test
  void entityTypeAndCatalogue() throws Exception {
    assertEquals(EntityType.PARTY, person().entityType());
    assertEquals(EntityType.PARTY, EntityType.of("party"));
    assertEquals("name.family", Party.Fields.NAME_FAMILY.toString());
    assertTrue(EntityType.PARTY.hasField(FieldPath.of("servicePreferences.preferredChannel")));
    FieldCatalogues.assertAllInCatalogue(Party.Fields.class, EntityType.PARTY);
  }
}
