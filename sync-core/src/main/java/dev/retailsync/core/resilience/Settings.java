package dev.retailsync.core.resilience;

import dev.retailsync.api.ValidationException;
import java.time.Duration;

/** Checks shared by the settings builders. */
final class Settings {
  private Settings() {}

  static Duration nonNegative(String subject, String name, Duration d) {
    if (d == null) {
      throw ValidationException.of(subject, name, null, "is required");
    }
    if (d.isNegative()) {
      throw ValidationException.of(subject, name, d, "must not be negative");
    }
    return d;
  }

  static Duration positive(String subject, String name, Duration d) {
    nonNegative(subject, name, d);
    if (d.isZero()) {
      throw ValidationException.of(subject, name, d, "must be positive");
    }
    return d;
  }
}
