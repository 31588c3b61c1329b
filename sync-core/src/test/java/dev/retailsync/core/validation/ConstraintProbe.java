package dev.retailsync.core.validation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A record with one of each constraint the precompiled checks implement, public so that they can
 * compile it; the canonical model's constructors refuse some of these values before validation.
 */
public record ConstraintProbe(
    @NotNull @Positive Integer count,
    @PositiveOrZero BigDecimal amount,
    @NotBlank String label,
    @Pattern(regexp = "[a-z]{2}", flags = Pattern.Flag.CASE_INSENSITIVE) String code,
    @Size(max = 2) List<@Valid Address> addresses,
    @Valid Address main) {

  /** A nested record with an e-mail and a bounded list of bounded lines. */
  public record Address(@Email String email, @Size(max = 2) List<@Size(max = 3) String> lines) {}

  static ConstraintProbe valid() {
    Address a = new Address("a@b.example", List.of("abc"));
    return new ConstraintProbe(1, BigDecimal.ZERO, "x", "De", List.of(a, a), a);
  }
}
