package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A postal address in the shape most platforms share: street lines, locality (city), region (state,
 * province or county), postal code and ISO 3166-1 alpha-2 country code. Every component is
 * optional, since sources often send partial addresses; normalisation (abbreviations, case,
 * postcode formats) is the identity resolver's job, not this type's.
 *
 * <p>Instances are immutable and thread-safe. An address is personal data: {@code toString()} shows
 * only the country.
 *
 * @param lines street lines, first line first; never {@code null}, at most 4
 * @param locality the city or town, or {@code null}
 * @param region the state, province or county (a code such as {@code "CA"} where one exists), or
 *     {@code null}
 * @param postalCode the postal code as written, or {@code null}
 * @param country the ISO 3166-1 alpha-2 country code in upper case, such as {@code "DE"}, or {@code
 *     null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostalAddress(
    @Size(max = 4) List<@Size(max = 255) String> lines,
    @Size(max = 128) String locality,
    @Size(max = 128) String region,
    @Size(max = 32) String postalCode,
    @Pattern(regexp = "[A-Z]{2}") String country) {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  // Checks the components; see the class documentation for the rules.
  public PostalAddress {
    lines = Checks.list("PostalAddress", "lines", lines);
    for (int i = 0; i < lines.size(); i++) {
      Checks.requiredText("PostalAddress", "lines[" + i + "]", lines.get(i));
    }
    locality = Checks.optionalText("PostalAddress", "locality", locality);
    region = Checks.optionalText("PostalAddress", "region", region);
    postalCode = Checks.optionalText("PostalAddress", "postalCode", postalCode);
    if (country != null && !COUNTRIES.contains(country)) {
      throw ValidationException.of(
          "PostalAddress",
          "country",
          country,
          "is not an ISO 3166-1 alpha-2 code; use two upper-case letters such as DE, US or GB");
    }
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this address's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .lines(lines)
        .locality(locality)
        .region(region)
        .postalCode(postalCode)
        .country(country);
  }

  /**
   * Shows only the country: an address is personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "PostalAddress[country=" + country + ", <redacted>]";
  }

  /** The field catalogue of a postal address, relative to the address. */
  public static final class Fields {
    private Fields() {}

    /** Street lines. */
    public static final FieldPath LINES = FieldPath.of("lines");

    /** City or town. */
    public static final FieldPath LOCALITY = FieldPath.of("locality");

    /** State, province or county. */
    public static final FieldPath REGION = FieldPath.of("region");

    /** Postal code. */
    public static final FieldPath POSTAL_CODE = FieldPath.of("postalCode");

    /** Country code. */
    public static final FieldPath COUNTRY = FieldPath.of("country");
  }

  /** Builds a {@link PostalAddress}. Not thread-safe. */
  public static final class Builder {
    private List<String> lines = List.of();
    private String locality;
    private String region;
    private String postalCode;
    private String country;

    private Builder() {}

    /**
     * Sets the street lines, replacing any set before.
     *
     * @param lines the lines
     * @return this builder
     */
    public Builder lines(List<String> lines) {
      this.lines = lines;
      return this;
    }

    /**
     * Sets the street lines, replacing any set before.
     *
     * @param lines the lines
     * @return this builder
     */
    public Builder lines(String... lines) {
      this.lines = List.of(lines);
      return this;
    }

    /**
     * Sets the city or town.
     *
     * @param locality the locality
     * @return this builder
     */
    public Builder locality(String locality) {
      this.locality = locality;
      return this;
    }

    /**
     * Sets the state, province or county.
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * Sets the postal code.
     *
     * @param postalCode the postal code
     * @return this builder
     */
    public Builder postalCode(String postalCode) {
      this.postalCode = postalCode;
      return this;
    }

    /**
     * Sets the ISO 3166-1 alpha-2 country code.
     *
     * @param country the country code
     * @return this builder
     */
    public Builder country(String country) {
      this.country = country;
      return this;
    }

    /**
     * Builds the address.
     *
     * @return the address
     * @throws ValidationException if a component is malformed
     */
    public PostalAddress build() {
      return new PostalAddress(lines, locality, region, postalCode, country);
    }
  }
}
