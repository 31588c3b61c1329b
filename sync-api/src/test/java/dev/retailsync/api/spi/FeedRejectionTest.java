package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedRejectionTest {
  private static final ExternalId SRC = ExternalId.of("shopify", "gid://shopify/Customer/7");

  @Test
  void aValidationFailureGivesItsFieldErrorsWithoutTheirValues() {
    ValidationException v =
        new ValidationException(
            "Party",
            List.of(
                FieldError.of("contactPoints[0].value", "jane@example.com", "is not an e-mail"),
                FieldError.of("name.given", "Jane", "is too long")));

    FeedRejection r = FeedRejection.of(SRC, v);

    assertEquals(List.of("contactPoints[0].value", "name.given"), r.paths());
    assertTrue(r.errors().stream().allMatch(e -> e.rejectedValue() == null), r.errors().toString());
    assertFalse(r.message().contains("jane") || r.message().contains("Jane"), r.message());
    assertFalse(r.toString().contains("jane") || r.toString().contains("Jane"), r.toString());
    assertTrue(r.toString().contains(SRC.toString()), r.toString());
  }

  @Test
  void aMappingFailureWrappingAValidationFailureGivesTheValidationsFields() {
    ValidationException v =
        new ValidationException(
            "Party", List.of(FieldError.of("name.family", "Doe", "must not be blank")));
    MappingException m = new MappingException("customer", "customer 7: Doe is wrong", v);

    FeedRejection r = FeedRejection.of(SRC, m);

    assertEquals(List.of("name.family"), r.paths());
    assertNull(r.errors().get(0).rejectedValue());
  }

  @Test
  void aMappingFailureNamesItsPathAndAnythingElseTheRecord() {
    FeedRejection mapped =
        FeedRejection.of(SRC, new MappingException("firstName", "has no name", null));
    assertEquals(List.of("firstName"), mapped.paths());
    assertEquals("has no name", mapped.errors().get(0).message());

    FeedRejection other = FeedRejection.of(SRC, new IllegalStateException("boom jane@x"));
    assertEquals(List.of("record"), other.paths());
    assertFalse(other.errors().get(0).message().contains("jane"), other.errors().toString());
  }

  @Test
  void theSourceVersionIsKeptAndInvalidRejectionsNameTheField() {
    Instant at = Instant.parse("2026-11-25T10:00:00Z");
    FeedRejection r =
        FeedRejection.of(SRC, List.of(FieldError.redacted("name", "is empty")), "fix the name")
            .withSourceVersion(at, "v7");
    assertEquals(at, r.sourceTimestamp());
    assertEquals("v7", r.sourceVersion());

    ValidationException noErrors =
        assertThrows(ValidationException.class, () -> FeedRejection.of(SRC, List.of(), "x"));
    assertEquals("errors", noErrors.errors().get(0).path());
    ValidationException noSource =
        assertThrows(
            ValidationException.class,
            () -> FeedRejection.of(null, List.of(FieldError.redacted("a", "b")), "x"));
    assertEquals("source", noSource.errors().get(0).path());
  }

  @Test
  void aPageWithoutRejectionsStillHasAnEmptyList() {
    ChangePage<dev.retailsync.api.model.Party> page =
        new ChangePage<>(List.of(), Cursor.beginning(), false);
    assertEquals(List.of(), page.rejected());
    ChangePage<dev.retailsync.api.model.Party> withNull =
        new ChangePage<>(List.of(), null, Cursor.beginning(), false);
    assertEquals(List.of(), withNull.rejected());
  }
}
