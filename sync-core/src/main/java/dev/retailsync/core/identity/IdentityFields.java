package dev.retailsync.core.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical field catalogue of identity resolution: the names an {@link IdentityRecord} uses
 * for its values and a {@link ResolverConfig} uses for its rules. The default customer
 * configuration knows what each of these means (a family name, a birth date, ...), so records that
 * use these names resolve without any configuration.
 *
 * <p>This class only holds constants and is thread-safe.
 */
public final class IdentityFields {
  private IdentityFields() {}

  /** A person's given (first) name. */
  public static final String GIVEN_NAME = "givenName";

  /** A person's middle name or middle initial. */
  public static final String MIDDLE_NAME = "middleName";

  /** A person's family name (surname). */
  public static final String FAMILY_NAME = "familyName";

  /** A person's date of birth. */
  public static final String BIRTH_DATE = "birthDate";

  /** An e-mail address. */
  public static final String EMAIL = "email";

  /** A telephone or mobile number. */
  public static final String PHONE = "phone";

  /** The house number when a source keeps it apart from the street. */
  public static final String HOUSE_NUMBER = "houseNumber";

  /** The first street line (street name, possibly with house number and unit). */
  public static final String STREET = "street";

  /** A second address line (building, district, care-of). */
  public static final String ADDRESS_LINE_2 = "addressLine2";

  /** The city, town or suburb. */
  public static final String LOCALITY = "locality";

  /** The postal code. */
  public static final String POSTCODE = "postcode";

  /** The state, province or county. */
  public static final String REGION = "region";

  /** The ISO 3166-1 alpha-2 country code. */
  public static final String COUNTRY = "country";

  /** An organisation's name. */
  public static final String ORGANISATION_NAME = "organisationName";

  /** A tax or VAT registration number, or another id issued to one party only. */
  public static final String TAX_ID = "taxId";

  /** Every name in the catalogue, in the order the default configuration scores them. */
  public static final List<String> ALL =
      List.of(
          GIVEN_NAME,
          MIDDLE_NAME,
          FAMILY_NAME,
          BIRTH_DATE,
          EMAIL,
          PHONE,
          HOUSE_NUMBER,
          STREET,
          ADDRESS_LINE_2,
          LOCALITY,
          POSTCODE,
          REGION,
          COUNTRY,
          ORGANISATION_NAME,
          TAX_ID);

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("firstname", GIVEN_NAME),
          Map.entry("forename", GIVEN_NAME),
          Map.entry("given", GIVEN_NAME),
          Map.entry("middle", MIDDLE_NAME),
          Map.entry("middleinitial", MIDDLE_NAME),
          Map.entry("lastname", FAMILY_NAME),
          Map.entry("surname", FAMILY_NAME),
          Map.entry("family", FAMILY_NAME),
          Map.entry("dateofbirth", BIRTH_DATE),
          Map.entry("dob", BIRTH_DATE),
          Map.entry("emailaddress", EMAIL),
          Map.entry("mail", EMAIL),
          Map.entry("telephone", PHONE),
          Map.entry("phonenumber", PHONE),
          Map.entry("mobile", PHONE),
          Map.entry("streetnumber", HOUSE_NUMBER),
          Map.entry("address", STREET),
          Map.entry("address1", STREET),
          Map.entry("addressline1", STREET),
          Map.entry("address2", ADDRESS_LINE_2),
          Map.entry("city", LOCALITY),
          Map.entry("town", LOCALITY),
          Map.entry("suburb", LOCALITY),
          Map.entry("zip", POSTCODE),
          Map.entry("zipcode", POSTCODE),
          Map.entry("postalcode", POSTCODE),
          Map.entry("state", REGION),
          Map.entry("province", REGION),
          Map.entry("company", ORGANISATION_NAME),
          Map.entry("companyname", ORGANISATION_NAME),
          Map.entry("organization", ORGANISATION_NAME),
          Map.entry("organisation", ORGANISATION_NAME),
          Map.entry("organizationname", ORGANISATION_NAME),
          Map.entry("businessname", ORGANISATION_NAME),
          Map.entry("vat", TAX_ID),
          Map.entry("vatid", TAX_ID),
          Map.entry("taxnumber", TAX_ID));

  /**
   * Looks a field up by its catalogue name or a common spelling of it, ignoring case, spaces,
   * hyphens and underscores: {@code "given_name"}, {@code "First Name"} and {@code "givenName"} all
   * find {@link #GIVEN_NAME}.
   *
   * @param name the name to look up; {@code null} finds nothing
   * @return the catalogue name, or empty if the name is not in the catalogue
   */
  public static Optional<String> lookup(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = name.replaceAll("[\\s_\\-.]", "").toLowerCase(Locale.ROOT);
    for (String f : ALL) {
      if (f.toLowerCase(Locale.ROOT).equals(key)) {
        return Optional.of(f);
      }
    }
    return Optional.ofNullable(ALIASES.get(key));
  }
}
