package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class SubmissionResultTest {
  private static final ExternalId ORDER = ExternalId.of(SystemId.S4HANA, "0000012345");

  @Test
  void acceptedCarriesIdAndNumber() {
    SubmissionResult r = SubmissionResult.accepted(ORDER, "SO-12345");
    assertTrue(r.accepted());
    assertEquals(ORDER, r.id());
    assertEquals("SO-12345", r.number());
    assertEquals(List.of(), r.reasons());
  }

  @Test
  void acceptedNeedsAnId() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> SubmissionResult.accepted(null, "SO-1"));
    assertEquals("id", e.errors().get(0).path());
  }

  @Test
  void rejectedCarriesItsReasons() {
    List<FieldError> reasons = new ArrayList<>();
    reasons.add(FieldError.of("lines[0].sku", "X-1", "is not sold in this sales org"));
    SubmissionResult r = SubmissionResult.rejected(reasons);
    reasons.clear();
    assertFalse(r.accepted());
    assertNull(r.id());
    assertEquals("lines[0].sku", r.reasons().get(0).path());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectedNeedsAReason(List<FieldError> reasons) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> SubmissionResult.rejected(reasons));
    assertEquals("reasons", e.errors().get(0).path());
  }
}
