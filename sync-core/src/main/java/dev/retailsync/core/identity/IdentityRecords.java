package dev.retailsync.core.identity;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.time.Instant;
import java.util.List;

/**
 * Adapters from canonical entities to {@link IdentityRecord}s under the names of {@link
 * IdentityFields}: the primary (else the first) e-mail address, phone number and address are used.
 *
 * <p>This class only has static methods and is thread-safe.
 */
public final class IdentityRecords {
  private IdentityRecords() {}

  /**
   * Returns the identity record of a party.
   *
   * @param id the party's id in its source
   * @param source the source system, or {@code null}
   * @param updatedAt when the source last changed it, or {@code null}
   * @param party the party
   * @return the record
   */
  public static IdentityRecord of(String id, SystemId source, Instant updatedAt, Party party) {
    IdentityRecord.Builder b = IdentityRecord.builder(id).source(source).updatedAt(updatedAt);
    name(b, party.name());
    if (party.birthDate() != null) {
      b.put(IdentityFields.BIRTH_DATE, party.birthDate().toString());
    }
    b.put(IdentityFields.ORGANISATION_NAME, party.organisationName());
    b.put(IdentityFields.TAX_ID, party.taxId());
    contactPoints(b, party.contactPoints());
    PartyAddress home = null;
    for (PartyAddress a : party.addresses()) {
      if (home == null
          || Boolean.TRUE.equals(a.primary()) && !Boolean.TRUE.equals(home.primary())) {
        home = a;
      }
    }
    if (home != null) {
      address(b, home.address());
    }
    return b.build();
  }

  /**
   * Returns the identity record of an account: its name as organisation name, its tax id, and its
   * billing address and e-mail (the shipping address when there is no billing address).
   *
   * @param id the account's id in its source
   * @param source the source system, or {@code null}
   * @param updatedAt when the source last changed it, or {@code null}
   * @param account the account
   * @return the record
   */
  public static IdentityRecord of(String id, SystemId source, Instant updatedAt, Account account) {
    IdentityRecord.Builder b = IdentityRecord.builder(id).source(source).updatedAt(updatedAt);
    b.put(IdentityFields.ORGANISATION_NAME, account.name());
    b.put(IdentityFields.TAX_ID, account.taxId());
    if (account.billing() != null) {
      b.put(IdentityFields.EMAIL, account.billing().email());
      address(b, account.billing().address());
    }
    if ((account.billing() == null || account.billing().address() == null)
        && account.shipping() != null) {
      address(b, account.shipping().address());
    }
    return b.build();
  }

  /**
   * Returns the identity record of a contact person.
   *
   * @param id the contact's id in its source
   * @param source the source system, or {@code null}
   * @param updatedAt when the source last changed it, or {@code null}
   * @param contact the contact
   * @return the record
   */
  public static IdentityRecord of(String id, SystemId source, Instant updatedAt, Contact contact) {
    IdentityRecord.Builder b = IdentityRecord.builder(id).source(source).updatedAt(updatedAt);
    name(b, contact.name());
    contactPoints(b, contact.contactPoints());
    return b.build();
  }

  private static void name(IdentityRecord.Builder b, PersonName name) {
    if (name != null) {
      b.put(IdentityFields.GIVEN_NAME, name.given());
      b.put(IdentityFields.MIDDLE_NAME, name.middle());
      b.put(IdentityFields.FAMILY_NAME, name.family());
    }
  }

  private static void contactPoints(IdentityRecord.Builder b, List<ContactPoint> points) {
    ContactPoint email = null;
    ContactPoint phone = null;
    for (ContactPoint c : points) {
      if (c.type() == ContactPointType.EMAIL) {
        email = pick(email, c);
      } else {
        phone = pick(phone, c);
      }
    }
    if (email != null) {
      if (Boolean.TRUE.equals(email.verified())) {
        b.putVerified(IdentityFields.EMAIL, email.value());
      } else {
        b.put(IdentityFields.EMAIL, email.value());
      }
    }
    if (phone != null) {
      b.put(IdentityFields.PHONE, phone.value());
    }
  }

  private static ContactPoint pick(ContactPoint current, ContactPoint c) {
    if (current == null) {
      return c;
    }
    return Boolean.TRUE.equals(c.primary()) && !Boolean.TRUE.equals(current.primary())
        ? c
        : current;
  }

  private static void address(IdentityRecord.Builder b, PostalAddress a) {
    if (a == null) {
      return;
    }
    if (!a.lines().isEmpty()) {
      b.put(IdentityFields.STREET, a.lines().get(0));
    }
    if (a.lines().size() > 1) {
      b.put(IdentityFields.ADDRESS_LINE_2, a.lines().get(1));
    }
    b.put(IdentityFields.LOCALITY, a.locality());
    b.put(IdentityFields.POSTCODE, a.postalCode());
    b.put(IdentityFields.REGION, a.region());
    b.put(IdentityFields.COUNTRY, a.country());
  }
}
