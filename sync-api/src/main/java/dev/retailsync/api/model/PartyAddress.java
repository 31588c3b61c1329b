package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * One of a party's addresses, with what it is used for.
 *
 * <p>Instances are immutable and thread-safe. {@code toString()} shows the address's country only.
 *
 * @param use what the address is used for, never {@code null}
 * @param address the address, never {@code null}
 * @param primary whether this is the party's preferred address for its use, or {@code null} when
 *     the source does not say
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartyAddress(
    @NotNull AddressUse use, @NotNull @Valid PostalAddress address, Boolean primary) {

  // Checks the components; see the class documentation for the rules.
  public PartyAddress {
    Checks.required("PartyAddress", "use", use);
    Checks.required("PartyAddress", "address", address);
  }

  /**
   * Returns an address for a use, without saying whether it is primary.
   *
   * @param use what the address is used for
   * @param address the address
   * @return the party address
   * @throws dev.retailsync.api.ValidationException if an argument is {@code null}
   */
  public static PartyAddress of(AddressUse use, PostalAddress address) {
    return new PartyAddress(use, address, null);
  }
}
