package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * Where and how an account's orders are shipped by default.
 *
 * <p>Instances are immutable and thread-safe. Holds personal data: {@code toString()} redacts the
 * address and the delivery instructions.
 *
 * @param address the default shipping address, or {@code null}
 * @param carrier the preferred carrier, such as {@code "UPS"}, or {@code null}
 * @param method the preferred service level, such as {@code "GROUND"}, or {@code null}
 * @param instructions delivery instructions, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingProfile(
    @Valid PostalAddress address,
    @Size(max = 64) String carrier,
    @Size(max = 64) String method,
    @Size(max = 1000) String instructions) {

  // Checks the components; see the class documentation for the rules.
  public ShippingProfile {
    Checks.optionalText("ShippingProfile", "carrier", carrier);
    Checks.optionalText("ShippingProfile", "method", method);
    Checks.optionalText("ShippingProfile", "instructions", instructions);
  }

  /**
   * Returns a profile with only an address.
   *
   * @param address the shipping address
   * @return the profile
   */
  public static ShippingProfile of(PostalAddress address) {
    return new ShippingProfile(address, null, null, null);
  }

  /**
   * Redacts the address and instructions.
   *
   * @return a rendering without personal data
   */
  @Override
  public String toString() {
    return "ShippingProfile[address="
        + (address == null ? "null" : "<redacted>")
        + ", carrier="
        + carrier
        + ", method="
        + method
        + ", instructions="
        + (instructions == null ? "null" : "<redacted>")
        + "]";
  }
}
