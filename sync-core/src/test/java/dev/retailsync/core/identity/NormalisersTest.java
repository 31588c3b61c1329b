package dev.retailsync.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalisersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  /** Asserts a normalised value, or a missing value ("-") with a problem. */
  private static void check(Normaliser n, String raw, String expected) {
    Normalised r = n.normalise(raw);
    if (expected.equals("-")) {
      assertFalse(r.present(), () -> raw + " should be missing, was " + r.value());
      assertNotNull(r.problem(), "a missing value says why");
    } else {
      assertEquals(expected, r.value(), raw);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "  John.Doe@Example.COM |john.doe@example.com",
        "mailto:anna@beispiel.de|anna@beispiel.de",
        "John.Doe+shop@gmail.com|john.doe+shop@gmail.com",
        "no-at-sign.example.com |-",
        "@example.com           |-",
        "a@b@c.com              |-",
        "jane doe@example.com   |-",
        "jane@localhost         |-",
        "'   '                  |-"
      })
  void email(String raw, String expected) {
    check(Normalisers.email(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "John.Doe+shop@googlemail.com|johndoe@gmail.com",
        "j.doe+news@outlook.com      |j.doe@outlook.com",
        "j.doe+news@example.com      |j.doe+news@example.com"
      })
  void emailProviderRulesAreOptIn(String raw, String expected) {
    check(Normalisers.email(true), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DE|030 1234567          |+49301234567",
        "DE|+49 (0)30 123-4567   |+49301234567",
        "DE|0049 30 1234567      |+49301234567",
        "US|(310) 246-1501       |+13102461501",
        "US|310/246-1501         |+13102461501",
        "GB|020 7946 0958        |+442079460958",
        "FR|01 23 45 67 89       |+33123456789",
        "JP|03-1234-5678         |+81312345678",
        "US|+44 20 7946 0958     |+442079460958",
        "US|310-246-1501 ext. 12 |+13102461501",
        "US|call me maybe        |-",
        "US|0800-FLOWERS         |-",
        "US|12-34                |-"
      })
  void phone(String region, String raw, String expected) {
    check(Normalisers.phone(region), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"+49 30 1234567|+49301234567", "310-246-1501  |3102461501"})
  void phoneWithoutDefaultRegionKeepsDigits(String raw, String expected) {
    check(Normalisers.phone(null), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Dr. José Núñez Jr.|jose nunez",
        "MÜLLER            |muller",
        "Strauß            |strauss",
        "Øyvind            |oyvind",
        "Łukasz            |lukasz",
        "O'Brien           |obrien",
        "Jean-Luc          |jean luc",
        "Herr Prof. Schmidt|schmidt",
        "Mr.               |-",
        "   ---            |-"
      })
  void personName(String raw, String expected) {
    check(Normalisers.personName(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ACME Widgets GmbH & Co. KG|acme widgets",
        "Acme, Inc.                |acme",
        "The Coffee Company Ltd    |coffee",
        "Société Générale S.A.     |societe generale",
        "Nordic Trade AB           |nordic trade",
        "Smith & Sons              |smith and sons",
        "Ltd                       |ltd"
      })
  void organisationName(String raw, String expected) {
    check(Normalisers.organisationName(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "435 S. La Cienega Blvd.|435 south la cienega boulevard",
        "435 s la cienega blv   |435 south la cienega boulevard",
        "12 Main St, Apt 4      |12 main street unit 4",
        "12 Main Street #4      |12 main street unit 4",
        "Hauptstr. 5            |hauptstrasse 5",
        "Hauptstraße 5          |hauptstrasse 5",
        "14135 22nd             |14135 22",
        "''                     |-"
      })
  void street(String raw, String expected) {
    check(Normalisers.street(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sw1a 1aa  |SW1A1AA",
        "10115     |10115",
        "90210-1234|90210",
        "H3Z 2Y7   |H3Z2Y7",
        "n/a       |-"
      })
  void postcode(String raw, String expected) {
    check(Normalisers.postcode(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DE 123 456 789   |DE123456789",
        "de123456789      |DE123456789",
        "GB 123.4567.89   |GB123456789",
        "12-3456789       |123456789",
        "none             |-",
        "12               |-"
      })
  void taxId(String raw, String expected) {
    check(Normalisers.taxId(), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1980-04-21|19800421",
        "19800421  |19800421",
        "21.04.1980|19800421",
        "21/04/1980|19800421",
        "04/21/1980|19800421",
        "19800231  |19800231",
        "2030-01-01|-",
        "1850-01-01|-",
        "yesterday |-",
        "80-04-21  |-"
      })
  void birthDate(String raw, String expected) {
    check(Normalisers.birthDate(CLOCK), raw, expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"2026-06-02|birth date in the future"})
  void futureBirthDateSaysWhy(String raw, String problem) {
    Normalised n = Normalisers.birthDate(CLOCK).normalise(raw);
    assertNull(n.value());
    assertEquals(problem, n.problem());
  }
}
