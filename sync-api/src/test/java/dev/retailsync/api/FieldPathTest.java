package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "name",
        "credit.status",
        "billing.address.postalCode",
        "extensions.loyaltyTier__c",
        "_private",
        "a1.b2.c3",
        "X"
      })
  void acceptsDottedNames(String value) {
    FieldPath path = FieldPath.of(value);
    assertEquals(value, path.value());
    assertEquals(value, path.toString());
    assertEquals(Arrays.asList(value.split("\\.")), path.segments());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void rejectsBlankPaths(String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> FieldPath.of(value));
    assertEquals("value", e.errors().get(0).path());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "credit..status | ''",
        ".credit        | ''",
        "credit.        | ''",
        "1credit        | 1credit",
        "credit.2nd     | 2nd",
        "credit-status  | credit-status",
        "credit.st atus | st atus",
        "lines[0]       | lines[0]",
        "crédit         | crédit"
      })
  void rejectsMalformedSegmentsNamingTheSegment(String value, String segment) {
    ValidationException e = assertThrows(ValidationException.class, () -> FieldPath.of(value));
    assertEquals("value", e.errors().get(0).path());
    assertEquals(value, e.errors().get(0).rejectedValue());
    assertTrue(e.getMessage().contains("segment '" + segment + "'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "name, name, ''",
    "credit.status, status, credit",
    "billing.address.postalCode, postalCode, billing.address"
  })
  void nameIsTheLastSegmentAndParentTheRest(String value, String name, String parent) {
    FieldPath path = FieldPath.of(value);
    assertEquals(name, path.name());
    assertEquals(
        parent.isEmpty() ? Optional.empty() : Optional.of(FieldPath.of(parent)), path.parent());
  }

  @Test
  void parentIsAFullPath() {
    FieldPath parent = FieldPath.of("billing.address.postalCode").parent().orElseThrow();
    assertEquals(List.of("billing", "address"), parent.segments());
    assertEquals("address", parent.name());
    assertEquals(FieldPath.of("billing"), parent.parent().orElseThrow());
    assertEquals(FieldPath.of("billing.address").hashCode(), parent.hashCode());
  }

  @Test
  void childAppendsASegment() {
    FieldPath credit = FieldPath.of("credit");
    assertEquals(FieldPath.of("credit.status"), credit.child("status"));
    assertEquals(credit, credit.child("status").parent().orElseThrow());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "2nd", "a-b", "a b", "status.code", ".status"})
  void childRejectsNamesThatAreNotOneSegment(String name) {
    FieldPath credit = FieldPath.of("credit");
    ValidationException e = assertThrows(ValidationException.class, () -> credit.child(name));
    assertEquals("child", e.errors().get(0).path());
  }

  @ParameterizedTest
  @CsvSource({
    "credit, credit, true",
    "credit, credit.status, true",
    "credit, credit.limit.amount, true",
    "billing.address, billing.address.postalCode, true",
    "cred, credit.status, false",
    "cred, credit, false",
    "credit.status, credit, false",
    "credit.status, credit.statusReason, false",
    "credit, creditLimit, false",
    "billing.address, shipping.address, false",
    "status, credit.status, false"
  })
  void containsItselfAndItsDescendantsOnly(String group, String other, boolean expected) {
    assertEquals(expected, FieldPath.of(group).contains(FieldPath.of(other)));
  }

  @Test
  void extensionBuildsACustomFieldPath() {
    FieldPath path = FieldPath.extension("loyaltyTier__c");
    assertEquals("extensions.loyaltyTier__c", path.value());
    assertEquals("loyaltyTier__c", path.name());
    assertTrue(path.isExtension());
    assertEquals(FieldPath.of("extensions.loyaltyTier__c"), path);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"a.b", "tier-c", "1tier", " "})
  void extensionRejectsNamesThatAreNotOneSegment(String name) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> FieldPath.extension(name));
    assertEquals("extension", e.errors().get(0).path());
  }

  @ParameterizedTest
  @CsvSource({
    "extensions.foo, true",
    "extensions.foo.bar, true",
    "extensions, false",
    "name, false",
    "credit.extensions, false",
    "extensionsX.foo, false"
  })
  void isExtensionOnlyUnderTheExtensionsSegment(String value, boolean expected) {
    assertEquals(expected, FieldPath.of(value).isExtension());
  }

  @Test
  void sortsByItsText() {
    TreeSet<FieldPath> sorted = new TreeSet<>();
    for (String s :
        List.of("status", "credit.status", "credit", "billing.address", "credit.limit")) {
      sorted.add(FieldPath.of(s));
    }
    assertEquals(
        List.of("billing.address", "credit", "credit.limit", "credit.status", "status"),
        sorted.stream().map(FieldPath::value).toList());
  }

  @Test
  void equalityIsByText() {
    assertEquals(FieldPath.of("credit.status"), FieldPath.of("credit").child("status"));
    assertEquals(
        FieldPath.of("credit.status").hashCode(),
        FieldPath.of("credit").child("status").hashCode());
    assertNotEquals(FieldPath.of("credit.status"), FieldPath.of("Credit.status"));
    assertFalse(FieldPath.of("name").equals("name"));
  }

  @Test
  void segmentsCannotBeModified() {
    List<String> segments = FieldPath.of("credit.status").segments();
    assertThrows(UnsupportedOperationException.class, () -> segments.add("x"));
  }
}
