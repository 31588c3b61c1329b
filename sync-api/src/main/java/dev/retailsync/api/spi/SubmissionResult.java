package dev.retailsync.api.spi;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import java.util.List;

/**
 * The verdict of a system on a submitted document (an order, a return): accepted with the id the
 * system gave it, or rejected with the reasons, each naming the field at fault where the system
 * says.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param accepted whether the system accepted the document
 * @param id the document's id in the system when accepted, else {@code null}
 * @param number the system's business number for it (such as the ERP order number), or {@code null}
 * @param reasons why it was rejected; empty when accepted
 */
public record SubmissionResult(
    boolean accepted, ExternalId id, String number, List<FieldError> reasons) {

  // Checks the components; see the class documentation for the rules.
  public SubmissionResult {
    reasons = Checks.list("SubmissionResult", "reasons", reasons);
    if (accepted) {
      Checks.required("SubmissionResult", "id", id);
    } else if (reasons.isEmpty()) {
      throw ValidationException.of("SubmissionResult", "reasons", "[]", "a rejection must say why");
    }
  }

  /**
   * Returns an acceptance.
   *
   * @param id the document's id in the system
   * @param number the system's business number, or {@code null}
   * @return the result
   */
  public static SubmissionResult accepted(ExternalId id, String number) {
    return new SubmissionResult(true, id, number, List.of());
  }

  /**
   * Returns a rejection.
   *
   * @param reasons why, at least one
   * @return the result
   */
  public static SubmissionResult rejected(List<FieldError> reasons) {
    return new SubmissionResult(false, null, null, reasons);
  }
}
