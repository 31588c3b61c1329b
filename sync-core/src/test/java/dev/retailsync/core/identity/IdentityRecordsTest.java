package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityRecordsTest {
  @Test
  void aPartyBecomesARecordUnderCatalogueNames() {
    Party p =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(PersonName.of("Anna", "Schmidt"))
            .birthDate(LocalDate.of(1975, 2, 2))
            .contactPoints(
                List.of(
                    ContactPoint.builder()
                        .type(ContactPointType.EMAIL)
                        .value("anna@example.com")
                        .verified(true)
                        .build(),
                    ContactPoint.of(ContactPointType.MOBILE, "+49 170 1234567")))
            .addresses(
                List.of(
                    new PartyAddress(
                        AddressUse.HOME,
                        PostalAddress.builder()
                            .lines("Lindenweg 3", "Hinterhaus")
                            .locality("Berlin")
                            .postalCode("10115")
                            .country("DE")
                            .build(),
                        true)))
            .build();
    IdentityRecord r = IdentityRecords.of("001A", SystemId.SALESFORCE, null, p);
    assertEquals("Anna", r.get(GIVEN_NAME));
    assertEquals("1975-02-02", r.get(BIRTH_DATE));
    assertEquals("+49 170 1234567", r.get(PHONE));
    assertEquals("Hinterhaus", r.get(ADDRESS_LINE_2));
    assertEquals("DE", r.get(COUNTRY));
    assertTrue(r.verified().contains(EMAIL));
    assertEquals("salesforce:001A", r.externalId().toString());
    assertFalse(r.toString().contains("Anna"), "toString redacts values: " + r);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "given_name   |givenName",
        "First Name   |givenName",
        "surname      |familyName",
        "date_of_birth|birthDate",
        "address_1    |street",
        "suburb       |locality",
        "ZIP          |postcode",
        "soc_sec_id   |-"
      })
  void fieldNamesHaveCommonSpellings(String name, String expected) {
    assertEquals(
        expected.equals("-") ? Optional.empty() : Optional.of(expected),
        IdentityFields.lookup(name));
  }
}
