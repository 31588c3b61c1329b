package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A customer's membership in a loyalty programme.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} redacts the member number.
 *
 * @param program the programme's code, never blank
 * @param memberNumber the member number, or {@code null}
 * @param tier the tier, such as {@code "GOLD"}, or {@code null}
 * @param points the points balance, zero or more, or {@code null} when unknown
 * @param enrolledOn the day the customer joined, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoyaltyMembership(
    @Size(max = 64) String program,
    @Size(max = 64) String memberNumber,
    @Size(max = 64) String tier,
    @PositiveOrZero Long points,
    LocalDate enrolledOn) {

  // Checks the components; see the class documentation for the rules.
  public LoyaltyMembership {
    Checks.requiredText("LoyaltyMembership", "program", program);
    Checks.optionalText("LoyaltyMembership", "memberNumber", memberNumber);
    Checks.optionalText("LoyaltyMembership", "tier", tier);
    if (points != null && points < 0) {
      throw ValidationException.of("LoyaltyMembership", "points", points, "must not be negative");
    }
  }

  /**
   * Redacts the member number.
   *
   * @return a rendering without the member number
   */
  @Override
  public String toString() {
    return "LoyaltyMembership[program="
        + program
        + ", memberNumber="
        + (memberNumber == null ? "null" : "<redacted>")
        + ", tier="
        + tier
        + ", points="
        + points
        + ", enrolledOn="
        + enrolledOn
        + "]";
  }
}
