package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a Tryton {@code party.party} with its addresses and contact mechanisms to the canonical
 * {@link Party} and back.
 *
 * <table>
 *   <caption>Party mapping</caption>
 *   <tr><th>Party</th><th>Tryton</th></tr>
 *   <tr><td>kind</td><td>none in Tryton 6.0: read as the configured kind (PERSON by
 *       default)</td></tr>
 *   <tr><td>name (PERSON)</td><td>{@code name}: written as given, middle and family names joined
 *       by spaces; read back split at the last space (given = everything before it, family = the
 *       last word; a single word is the family name). Titles and suffixes are not written.</td></tr>
 *   <tr><td>organisationName (ORGANIZATION)</td><td>{@code name}</td></tr>
 *   <tr><td>contactPoints</td><td>active contact mechanisms of type {@code email}, {@code phone},
 *       {@code mobile}, {@code fax} (EMAIL, PHONE, MOBILE, FAX); other types are not read</td></tr>
 *   <tr><td>addresses</td><td>active addresses: one flagged {@code invoice} is BILLING, one flagged
 *       {@code delivery} is SHIPPING (both flags: two entries with the same address), neither is
 *       HOME. Written grouped by address: equal addresses become one Tryton address with both
 *       flags; HOME and WORK are written without flags (and read back as HOME).</td></tr>
 * </table>
 *
 * <p>Other fields (birth date, gender, tax id, consent, loyalty, language, web login, service
 * preferences, extensions) are not written; a write that names one in its fields is rejected naming
 * it.
 */
final class TrytonPartyMapping {
  private static final Logger LOG = LoggerFactory.getLogger(TrytonPartyMapping.class);

  static final List<String> FIELDS =
      List.of(
          "name",
          "code",
          "active",
          "create_date",
          "write_date",
          "_timestamp",
          "identifiers.code",
          "addresses.street",
          "addresses.city",
          "addresses.postal_code",
          "addresses.invoice",
          "addresses.delivery",
          "addresses.active",
          "addresses.country.code",
          "addresses.subdivision.code",
          "addresses._timestamp",
          "contact_mechanisms.type",
          "contact_mechanisms.value",
          "contact_mechanisms.active",
          "contact_mechanisms._timestamp");

  static final Set<FieldPath> WRITTEN =
      Set.of(
          Party.Fields.KIND,
          Party.Fields.NAME,
          Party.Fields.ORGANISATION_NAME,
          Party.Fields.CONTACT_POINTS,
          Party.Fields.ADDRESSES);

  private static final Map<ContactPointType, String> TYPES =
      Map.of(
          ContactPointType.EMAIL, "email",
          ContactPointType.PHONE, "phone",
          ContactPointType.MOBILE, "mobile",
          ContactPointType.FAX, "fax");

  private TrytonPartyMapping() {}

  static String trytonType(ContactPointType t) {
    return TYPES.get(t);
  }

  static ContactPointType canonicalType(String trytonType) {
    for (Map.Entry<ContactPointType, String> e : TYPES.entrySet()) {
      if (e.getValue().equals(trytonType)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The party's name in Tryton. */
  static String name(Party p) {
    if (p.kind() == PartyKind.ORGANIZATION) {
      return p.organisationName();
    }
    PersonName n = p.name();
    List<String> parts = new ArrayList<>();
    for (String s : new String[] {n.given(), n.middle(), n.family()}) {
      if (s != null && !s.isBlank()) {
        parts.add(s.strip());
      }
    }
    return String.join(" ", parts);
  }

  static Party toCanonical(JsonNode row, PartyKind kind) {
    String name = TrytonCodec.text(row.path("name"));
    if (name == null) {
      throw ValidationException.of(
          "Tryton party " + row.path("id").asText(),
          "name",
          null,
          "is empty in Tryton; give the party a name there");
    }
    Party.Builder b = Party.builder().kind(kind);
    if (kind == PartyKind.ORGANIZATION) {
      b.organisationName(name.strip());
    } else {
      String n = name.strip();
      int space = n.lastIndexOf(' ');
      b.name(
          space < 0
              ? PersonName.of(null, n)
              : PersonName.of(n.substring(0, space).strip(), n.substring(space + 1)));
    }
    List<ContactPoint> points = new ArrayList<>();
    for (JsonNode c : sorted(row.path("contact_mechanisms."))) {
      if (!active(c)) {
        continue;
      }
      ContactPointType t = canonicalType(c.path("type").asText());
      String value = TrytonCodec.text(c.path("value"));
      if (t == null || value == null) {
        continue;
      }
      try {
        points.add(ContactPoint.of(t, value));
      } catch (ValidationException e) {
        // A field-level drop, not a record the feed rejects: the party maps without it. The log
        // names the fields, not the value (an address or a number is personal data).
        LOG.warn(
            "Tryton contact mechanism {} of party {} not read: invalid {}",
            c.path("id").asText(),
            row.path("id").asText(),
            e.errors().stream().map(dev.retailsync.api.FieldError::path).toList());
      }
    }
    List<PartyAddress> addresses = new ArrayList<>();
    for (JsonNode a : sorted(row.path("addresses."))) {
      if (!active(a)) {
        continue;
      }
      PostalAddress address = TrytonAccountMapping.address(a);
      if (address == null) {
        continue;
      }
      boolean invoice = TrytonCodec.bool(a.path("invoice"));
      boolean delivery = TrytonCodec.bool(a.path("delivery"));
      if (invoice) {
        addresses.add(PartyAddress.of(AddressUse.BILLING, address));
      }
      if (delivery) {
        addresses.add(PartyAddress.of(AddressUse.SHIPPING, address));
      }
      if (!invoice && !delivery) {
        addresses.add(PartyAddress.of(AddressUse.HOME, address));
      }
    }
    return b.contactPoints(points).addresses(addresses).build();
  }

  static boolean active(JsonNode child) {
    JsonNode a = child.path("active");
    return a.isMissingNode() || a.isNull() || TrytonCodec.bool(a);
  }

  private static List<JsonNode> sorted(JsonNode children) {
    List<JsonNode> out = new ArrayList<>();
    children.forEach(out::add);
    out.sort(Comparator.comparingLong(n -> n.path("id").asLong()));
    return out;
  }

  /** The fields this mapping cannot write, as errors. */
  static List<FieldError> unwritable(Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    for (FieldPath f : fields) {
      boolean ok = false;
      for (FieldPath w : WRITTEN) {
        if (w.equals(f) || w.contains(f) || f.contains(w)) {
          ok = true;
        }
      }
      if (!ok) {
        errors.add(
            FieldError.redacted(
                f.toString(),
                "is not written to Tryton by the party mapping (written: " + WRITTEN + ")"));
      }
    }
    return errors;
  }

  static boolean wanted(Set<FieldPath> fields, FieldPath f) {
    if (fields.isEmpty()) {
      return true;
    }
    for (FieldPath p : fields) {
      if (f.contains(p) || p.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** The canonical addresses grouped: each distinct address with its invoice and delivery flags. */
  static Map<PostalAddress, boolean[]> grouped(List<PartyAddress> addresses) {
    Map<PostalAddress, boolean[]> out = new LinkedHashMap<>();
    for (PartyAddress a : addresses) {
      PostalAddress key = null;
      for (PostalAddress k : out.keySet()) {
        if (TrytonOperations.sameAddress(k, a.address())) {
          key = k;
        }
      }
      if (key == null) {
        key = a.address();
        out.put(key, new boolean[2]);
      }
      boolean[] flags = out.get(key);
      flags[0] |= a.use() == AddressUse.BILLING;
      flags[1] |= a.use() == AddressUse.SHIPPING;
    }
    return out;
  }

  static String normalisedValue(ContactPointType type, String value) {
    String v = value.strip();
    return type == ContactPointType.EMAIL
        ? v.toLowerCase(Locale.ROOT)
        : v.replaceAll("[\\s().-]", "");
  }
}
