package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
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
import java.util.Objects;

/**
 * Maps a Shopify customer (Admin GraphQL 2026-04 shape) to and from a canonical {@link Party} of
 * kind {@code PERSON}: names, the default e-mail address and phone number as contact points with
 * their marketing consent, addresses, locale, tags and metafields.
 *
 * <ul>
 *   <li>E-mail and SMS marketing states: {@code SUBSCRIBED} is {@code GRANTED}, {@code
 *       UNSUBSCRIBED} is {@code DENIED}, {@code PENDING} is {@code PENDING}; {@code
 *       NOT_SUBSCRIBED}, {@code INVALID} and {@code REDACTED} are {@code UNKNOWN}, and {@code
 *       UNKNOWN} is never written back (it would turn "never asked" into "unsubscribed").
 *   <li>Addresses are shipping addresses; the default one is primary.
 *   <li>Metafields become extensions named {@code metafield.<namespace>.<key>} (string values);
 *       tags the extension {@code shopify.tags} (a list of strings).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ShopifyCustomerMapping {
  /** The extension holding the customer's tags. */
  public static final String TAGS = "shopify.tags";

  /** The prefix of extensions that hold metafields. */
  public static final String METAFIELD_PREFIX = "metafield.";

  /** The selection the mapping reads; queries use it for every customer. */
  public static final String FIELDS =
      "id legacyResourceId firstName lastName locale tags createdAt updatedAt\n"
          + " defaultEmailAddress { emailAddress marketingState marketingOptInLevel"
          + " marketingUpdatedAt }\n"
          + " defaultPhoneNumber { phoneNumber marketingState marketingOptInLevel"
          + " marketingUpdatedAt }\n"
          + " defaultAddress { id }\n"
          + " addressesV2(first: 5) { nodes { id address1 address2 city provinceCode zip"
          + " countryCodeV2 company } }\n"
          + " metafields(first: 5) { nodes { namespace key type value } }";

  /** The cost of one customer selected with {@link #FIELDS}. */
  static final int NODE_COST = 18;

  private ShopifyCustomerMapping() {}

  /**
   * Maps a customer to a party.
   *
   * @param c the customer as selected with {@link #FIELDS}
   * @return the party
   * @throws MappingException if the customer has neither first nor last name (a canonical person
   *     needs one), or a value breaks a canonical rule; the message names the field
   */
  public static Party toParty(JsonNode c) {
    String given = text(c, "firstName");
    String family = text(c, "lastName");
    if (given == null && family == null) {
      throw new MappingException(
          "firstName",
          "customer "
              + c.path("id").asText()
              + " has neither first nor last name; a canonical person needs one",
          null);
    }
    try {
      Party.Builder b =
          Party.builder()
              .kind(PartyKind.PERSON)
              .name(new PersonName(null, given, null, family, null));
      List<ContactPoint> points = new ArrayList<>();
      JsonNode email = c.path("defaultEmailAddress");
      ConsentState emailConsent = ConsentState.UNKNOWN;
      ConsentState smsConsent = ConsentState.UNKNOWN;
      Instant consentAt = null;
      if (text(email, "emailAddress") != null) {
        emailConsent = consent(text(email, "marketingState"));
        points.add(
            new ContactPoint(
                ContactPointType.EMAIL,
                text(email, "emailAddress"),
                null,
                true,
                null,
                null,
                emailConsent));
        consentAt = later(consentAt, text(email, "marketingUpdatedAt"));
      }
      JsonNode phone = c.path("defaultPhoneNumber");
      if (text(phone, "phoneNumber") != null) {
        smsConsent = consent(text(phone, "marketingState"));
        points.add(
            new ContactPoint(
                ContactPointType.MOBILE,
                text(phone, "phoneNumber"),
                null,
                true,
                null,
                null,
                smsConsent));
        consentAt = later(consentAt, text(phone, "marketingUpdatedAt"));
      }
      b.contactPoints(points);
      b.marketingConsent(
          new MarketingConsent(emailConsent, smsConsent, null, null, consentAt, "shopify"));
      String defaultId = text(c.path("defaultAddress"), "id");
      List<PartyAddress> addresses = new ArrayList<>();
      for (JsonNode a : c.path("addressesV2").path("nodes")) {
        PostalAddress pa = address(a);
        if (pa != null) {
          addresses.add(
              new PartyAddress(
                  AddressUse.SHIPPING, pa, Objects.equals(defaultId, text(a, "id")) ? true : null));
        }
      }
      b.addresses(addresses);
      String locale = text(c, "locale");
      if (locale != null) {
        b.preferredLanguage(locale.replace('_', '-'));
      }
      List<String> tags = new ArrayList<>();
      c.path("tags").forEach(t -> tags.add(t.asText()));
      if (!tags.isEmpty()) {
        b.putExtension(TAGS, tags);
      }
      for (JsonNode m : c.path("metafields").path("nodes")) {
        b.putExtension(
            METAFIELD_PREFIX + m.path("namespace").asText() + "." + m.path("key").asText(),
            m.path("value").asText());
      }
      return b.build();
    } catch (ValidationException e) {
      throw new MappingException(
          "customer", "customer " + c.path("id").asText() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Maps a party to the {@code CustomerSetInput} of {@code customerSet}. List fields are replaced
   * by {@code customerSet}, so addresses are merged here: the party's addresses first, then the
   * existing customer's addresses the party does not hold (same first line, postal code and
   * country), so an address added in Shopify is kept.
   *
   * @param party the party
   * @param existing the customer as it is in Shopify now, or {@code null} for a new one
   * @return the input, as a map Jackson writes
   * @throws ValidationException if the party is an organisation, naming {@code kind}
   */
  public static Map<String, Object> toInput(Party party, JsonNode existing) {
    if (party.kind() != PartyKind.PERSON) {
      throw ValidationException.of(
          "Shopify customer",
          "kind",
          party.kind(),
          "must be PERSON: Shopify customers are people (B2B companies are not written by this"
              + " connector)");
    }
    Map<String, Object> in = new LinkedHashMap<>();
    if (party.name() != null) {
      in.put("firstName", party.name().given());
      in.put("lastName", party.name().family());
    }
    String email = email(party);
    if (email != null) {
      in.put("email", email);
    }
    String phone = phone(party);
    if (phone != null) {
      in.put("phone", phone);
    }
    if (party.preferredLanguage() != null) {
      in.put("locale", party.preferredLanguage());
    }
    Object tags = party.extensions().get(TAGS);
    if (tags instanceof List<?> l) {
      in.put("tags", l.stream().map(String::valueOf).toList());
    }
    List<Map<String, Object>> addresses = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (PartyAddress pa : party.addresses()) {
      Map<String, Object> a = addressInput(pa.address());
      addresses.add(a);
      seen.add(addressKey(a.get("address1"), a.get("zip"), a.get("countryCode")));
    }
    if (existing != null) {
      for (JsonNode a : existing.path("addressesV2").path("nodes")) {
        String key = addressKey(text(a, "address1"), text(a, "zip"), text(a, "countryCodeV2"));
        if (!seen.contains(key)) {
          Map<String, Object> kept = new LinkedHashMap<>();
          for (String f :
              List.of("address1", "address2", "city", "company", "provinceCode", "zip")) {
            if (text(a, f) != null) {
              kept.put(f, text(a, f));
            }
          }
          if (text(a, "countryCodeV2") != null) {
            kept.put("countryCode", text(a, "countryCodeV2"));
          }
          addresses.add(kept);
          seen.add(key);
        }
      }
    }
    if (!addresses.isEmpty() || existing != null) {
      in.put("addresses", addresses);
    }
    return in;
  }

  /**
   * Returns the party's primary e-mail address.
   *
   * @param party the party
   * @return the address, or {@code null}
   */
  public static String email(Party party) {
    return contact(party, ContactPointType.EMAIL);
  }

  /**
   * Returns the party's primary mobile or phone number.
   *
   * @param party the party
   * @return the number, or {@code null}
   */
  public static String phone(Party party) {
    String mobile = contact(party, ContactPointType.MOBILE);
    return mobile != null ? mobile : contact(party, ContactPointType.PHONE);
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

  /**
   * Returns Shopify's marketing state for a canonical consent.
   *
   * @param state the consent
   * @return {@code SUBSCRIBED}, {@code UNSUBSCRIBED} or {@code PENDING}; {@code null} for {@code
   *     UNKNOWN}, which is never written
   */
  public static String marketingState(ConsentState state) {
    if (state == null) {
      return null;
    }
    switch (state) {
      case GRANTED:
        return "SUBSCRIBED";
      case DENIED:
        return "UNSUBSCRIBED";
      case PENDING:
        return "PENDING";
      default:
        return null;
    }
  }

  static ConsentState consent(String marketingState) {
    if (marketingState == null) {
      return ConsentState.UNKNOWN;
    }
    switch (marketingState) {
      case "SUBSCRIBED":
        return ConsentState.GRANTED;
      case "UNSUBSCRIBED":
        return ConsentState.DENIED;
      case "PENDING":
        return ConsentState.PENDING;
      default:
        return ConsentState.UNKNOWN;
    }
  }

  /**
   * Returns the canonical field a {@code customerSet} user error names.
   *
   * @param field the error's field path, such as {@code [input, email]}
   * @return the canonical path, such as {@code contactPoints}
   */
  static String canonicalField(List<String> field) {
    String last = "";
    for (String f : field) {
      if (!f.matches("\\d+") && !f.equals("input")) {
        last = f;
        if (f.equals("addresses")) {
          break;
        }
      }
    }
    switch (last) {
      case "firstName":
        return Party.Fields.NAME_GIVEN.toString();
      case "lastName":
        return Party.Fields.NAME_FAMILY.toString();
      case "email":
      case "phone":
        return Party.Fields.CONTACT_POINTS.toString();
      case "addresses":
        return Party.Fields.ADDRESSES.toString();
      case "locale":
        return Party.Fields.PREFERRED_LANGUAGE.toString();
      case "emailMarketingConsent":
        return Party.Fields.MARKETING_CONSENT_EMAIL.toString();
      case "smsMarketingConsent":
        return Party.Fields.MARKETING_CONSENT_SMS.toString();
      default:
        return last.isEmpty() ? "party" : last;
    }
  }

  private static Map<String, Object> addressInput(PostalAddress a) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> lines = a.lines();
    if (!lines.isEmpty()) {
      m.put("address1", lines.get(0));
    }
    if (lines.size() > 1) {
      m.put("address2", String.join(", ", lines.subList(1, lines.size())));
    }
    if (a.locality() != null) {
      m.put("city", a.locality());
    }
    if (a.region() != null) {
      m.put("provinceCode", a.region());
    }
    if (a.postalCode() != null) {
      m.put("zip", a.postalCode());
    }
    if (a.country() != null) {
      m.put("countryCode", a.country());
    }
    return m;
  }

  private static PostalAddress address(JsonNode a) {
    List<String> lines = new ArrayList<>();
    if (text(a, "address1") != null) {
      lines.add(text(a, "address1"));
    }
    if (text(a, "address2") != null) {
      lines.add(text(a, "address2"));
    }
    if (lines.isEmpty() && text(a, "city") == null && text(a, "zip") == null) {
      return null;
    }
    return new PostalAddress(
        lines, text(a, "city"), text(a, "provinceCode"), text(a, "zip"), text(a, "countryCodeV2"));
  }

  private static String addressKey(Object line1, Object zip, Object country) {
    return (norm(line1) + "|" + norm(zip) + "|" + norm(country));
  }

  private static String norm(Object o) {
    return o == null ? "" : o.toString().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  private static Instant later(Instant a, String b) {
    if (b == null) {
      return a;
    }
    Instant t = Instant.parse(b);
    return a == null || t.isAfter(a) ? t : a;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
