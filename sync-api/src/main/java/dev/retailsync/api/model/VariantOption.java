package dev.retailsync.api.model;

import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One option that sets a variant apart from its siblings, such as {@code Size = M} or {@code Colour
 * = Navy}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the option's name, such as {@code "Size"}, never blank
 * @param value the option's value, such as {@code "M"}, never blank
 */
public record VariantOption(
    @NotBlank @Size(max = 64) String name, @NotBlank @Size(max = 255) String value) {

  // Checks the components; see the class documentation for the rules.
  public VariantOption {
    Checks.requiredText("VariantOption", "name", name);
    Checks.requiredText("VariantOption", "value", value);
  }

  /**
   * Returns a variant option.
   *
   * @param name the option's name
   * @param value the option's value
   * @return the option
   * @throws ValidationException if the name or value is missing or blank
   */
  public static VariantOption of(String name, String value) {
    return new VariantOption(name, value);
  }
}
