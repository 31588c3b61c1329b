package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a Vendure {@code Customer} with its addresses to a canonical {@link Party} and back.
 *
 * <p>Vendure customers are people: {@code firstName}, {@code lastName} and {@code emailAddress} are
 * required on create; {@code phoneNumber} is optional. Addresses map to {@code SHIPPING} addresses
 * ({@code BILLING} when the address is only the default billing address); the default shipping
 * address is the primary one. Our external id lives in the {@code externalId} custom field.
 */
public final class VendureCustomerMapping {
  /** The selection every customer read uses. */
  public static final String FIELDS =
      "id createdAt updatedAt title firstName lastName emailAddress phoneNumber"
          + " customFields { externalId }"
          + " addresses { id updatedAt fullName company streetLine1 streetLine2 city province"
          + " postalCode country { code } phoneNumber defaultShippingAddress"
          + " defaultBillingAddress }";

  private VendureCustomerMapping() {}

  /**
   * Maps a customer node (selected with {@link #FIELDS}) to a party.
   *
   * @param c the customer
   * @return the party
   * @throws MappingException when the customer cannot be a canonical person
   */
  public static Party toParty(JsonNode c) {
    String given = text(c, "firstName");
    String family = text(c, "lastName");
    if (given == null && family == null) {
      throw new MappingException(
          "firstName",
          "customer " + c.path("id").asText() + " has neither first nor last name",
          null);
    }
    try {
      Party.Builder b =
          Party.builder()
              .kind(PartyKind.PERSON)
              .name(new PersonName(text(c, "title"), given, null, family, null));
      List<ContactPoint> points = new ArrayList<>();
      if (text(c, "emailAddress") != null) {
        points.add(
            new ContactPoint(
                ContactPointType.EMAIL,
                text(c, "emailAddress"),
                null,
                true,
                null,
                null,
                ConsentState.UNKNOWN));
      }
      if (text(c, "phoneNumber") != null) {
        points.add(
            new ContactPoint(
                ContactPointType.PHONE,
                text(c, "phoneNumber"),
                null,
                true,
                null,
                null,
                ConsentState.UNKNOWN));
      }
      b.contactPoints(points);
      List<PartyAddress> addresses = new ArrayList<>();
      for (JsonNode a : c.path("addresses")) {
        List<String> lines = new ArrayList<>();
        if (text(a, "streetLine1") != null) {
          lines.add(text(a, "streetLine1"));
        }
        if (text(a, "streetLine2") != null) {
          lines.add(text(a, "streetLine2"));
        }
        boolean shipping = a.path("defaultShippingAddress").asBoolean(false);
        boolean billing = a.path("defaultBillingAddress").asBoolean(false);
        addresses.add(
            new PartyAddress(
                billing && !shipping ? AddressUse.BILLING : AddressUse.SHIPPING,
                new PostalAddress(
                    lines,
                    text(a, "city"),
                    text(a, "province"),
                    text(a, "postalCode"),
                    text(a.path("country"), "code")),
                shipping || billing ? Boolean.TRUE : null));
      }
      b.addresses(addresses);
      return b.build();
    } catch (ValidationException e) {
      throw new MappingException(
          "customer", "customer " + c.path("id").asText() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The customer's version: the latest of its own {@code updatedAt} and its addresses' {@code
   * updatedAt} (Vendure does not advance {@code Customer.updatedAt} on address edits).
   *
   * @param c the customer
   * @return the instant, or {@code null} when the node carries none
   */
  public static Instant lastModified(JsonNode c) {
    Instant latest = parse(text(c, "updatedAt"));
    for (JsonNode a : c.path("addresses")) {
      Instant t = parse(text(a, "updatedAt"));
      if (t != null && (latest == null || t.isAfter(latest))) {
        latest = t;
      }
    }
    return latest;
  }

  /**
   * The {@code CreateCustomerInput} / {@code UpdateCustomerInput} fields for a party.
   *
   * @param party the party
   * @param externalId our external id for the {@code externalId} custom field, or {@code null}
   * @return the input (without {@code id})
   * @throws ValidationException naming the field when the party cannot be a Vendure customer
   */
  public static Map<String, Object> toInput(Party party, String externalId) {
    if (party.kind() != PartyKind.PERSON) {
      throw ValidationException.of(
          "Vendure customer", "kind", party.kind(), "must be PERSON: Vendure customers are people");
    }
    String given = party.name() == null ? null : party.name().given();
    String family = party.name() == null ? null : party.name().family();
    if (given == null || family == null) {
      throw ValidationException.of(
          "Vendure customer",
          given == null ? "name.given" : "name.family",
          null,
          "is required: Vendure needs both firstName and lastName");
    }
    String email = contact(party, ContactPointType.EMAIL);
    if (email == null) {
      throw ValidationException.of(
          "Vendure customer",
          "contactPoints",
          null,
          "needs an EMAIL contact point: Vendure requires emailAddress");
    }
    Map<String, Object> in = new LinkedHashMap<>();
    if (party.name().title() != null) {
      in.put("title", party.name().title());
    }
    in.put("firstName", given);
    in.put("lastName", family);
    in.put("emailAddress", email);
    String phone = contact(party, ContactPointType.PHONE);
    if (phone == null) {
      phone = contact(party, ContactPointType.MOBILE);
    }
    if (phone != null) {
      in.put("phoneNumber", phone);
    }
    if (externalId != null) {
      in.put("customFields", Map.of("externalId", externalId));
    }
    return in;
  }

  /**
   * The {@code CreateAddressInput} for an address.
   *
   * @param pa the address
   * @param index its position in the party, for error messages
   * @return the input
   * @throws ValidationException when the address has no street line or no country
   */
  static Map<String, Object> addressInput(PartyAddress pa, int index) {
    PostalAddress a = pa.address();
    if (a.lines().isEmpty()) {
      throw ValidationException.of(
          "Vendure address",
          "addresses[" + index + "].address.lines",
          a.lines(),
          "needs at least one line: Vendure requires streetLine1");
    }
    if (a.country() == null) {
      throw ValidationException.of(
          "Vendure address",
          "addresses[" + index + "].address.country",
          null,
          "is required: Vendure requires countryCode (ISO 3166-1 alpha-2)");
    }
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("streetLine1", a.lines().get(0));
    if (a.lines().size() > 1) {
      in.put("streetLine2", String.join(", ", a.lines().subList(1, a.lines().size())));
    }
    if (a.locality() != null) {
      in.put("city", a.locality());
    }
    if (a.region() != null) {
      in.put("province", a.region());
    }
    if (a.postalCode() != null) {
      in.put("postalCode", a.postalCode());
    }
    in.put("countryCode", a.country());
    boolean primary = Boolean.TRUE.equals(pa.primary());
    in.put("defaultShippingAddress", primary && pa.use() != AddressUse.BILLING);
    in.put("defaultBillingAddress", primary);
    return in;
  }

  /** A key that identifies an address across systems: first line, postal code, country. */
  static String addressKey(Object line1, Object postalCode, Object country) {
    return norm(line1) + "|" + norm(postalCode) + "|" + norm(country);
  }

  private static String norm(Object o) {
    return o == null ? "" : o.toString().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  private static String contact(Party party, ContactPointType type) {
    String first = null;
    for (ContactPoint p : party.contactPoints()) {
      if (p.type() == type) {
        if (Boolean.TRUE.equals(p.primary())) {
          return p.value();
        }
        if (first == null) {
          first = p.value();
        }
      }
    }
    return first;
  }

  private static Instant parse(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
