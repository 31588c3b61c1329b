package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parties as read from a real Tryton 6.0.29 server, and what the party writer sends. */
class TrytonPartyMappingTest {
  private static final PostalAddress WIRE_ST =
      PostalAddress.builder()
          .lines("5 Wire St")
          .locality("Springfield")
          .postalCode("49007")
          .country("US")
          .build();

  private static JsonNode row() throws IOException {
    return TrytonShipmentMappingTest.wire("party-with-contacts-read.json").path("result").get(0);
  }

  @Test
  void aPartyWithBothAddressFlagsAndTwoContactMechanismsMapsToAPerson() throws IOException {
    Party p = TrytonPartyMapping.toCanonical(row(), PartyKind.PERSON);
    assertEquals(PartyKind.PERSON, p.kind());
    assertEquals(PersonName.of("Wire", "Customer"), p.name(), "split at the last space");
    assertEquals(
        List.of(
            ContactPoint.email("Wire@Example.com"),
            ContactPoint.of(ContactPointType.PHONE, "+1 555 0100")),
        p.contactPoints());
    assertEquals(
        List.of(
            PartyAddress.of(AddressUse.BILLING, WIRE_ST),
            PartyAddress.of(AddressUse.SHIPPING, WIRE_ST)),
        p.addresses(),
        "one Tryton address flagged invoice and delivery is both uses");
    assertEquals(
        "p5:1795650674,a5:1795650674,c2:1795650674,c3:1795650674",
        TrytonParties.version(row()).toString());
  }

  @Test
  void organisationsArchivedChildrenAndOneWordNames() throws IOException {
    ObjectNode row = (ObjectNode) row();
    ((ObjectNode) row.path("contact_mechanisms.").get(1)).put("active", 0);
    ((ObjectNode) row.path("addresses.").get(0)).put("invoice", 0).put("delivery", 0);
    Party org = TrytonPartyMapping.toCanonical(row, PartyKind.ORGANIZATION);
    assertEquals("Wire Customer", org.organisationName());
    assertEquals(List.of(ContactPoint.email("Wire@Example.com")), org.contactPoints());
    assertEquals(List.of(PartyAddress.of(AddressUse.HOME, WIRE_ST)), org.addresses());

    row.put("name", "Cher");
    assertEquals(
        PersonName.of(null, "Cher"), TrytonPartyMapping.toCanonical(row, PartyKind.PERSON).name());
  }

  @Test
  void namesAddressGroupsAndUnwritableFields() {
    Party person =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(new PersonName("Dr", "Ada", "Maria", "Lovelace", "PhD"))
            .build();
    assertEquals("Ada Maria Lovelace", TrytonPartyMapping.name(person));
    Party org = Party.builder().kind(PartyKind.ORGANIZATION).organisationName("Acme Ltd").build();
    assertEquals("Acme Ltd", TrytonPartyMapping.name(org));

    PostalAddress spaced = WIRE_ST.toBuilder().lines("5  wire st").postalCode(" 49007").build();
    Map<PostalAddress, boolean[]> groups =
        TrytonPartyMapping.grouped(
            List.of(
                PartyAddress.of(AddressUse.BILLING, WIRE_ST),
                PartyAddress.of(AddressUse.SHIPPING, spaced),
                PartyAddress.of(AddressUse.WORK, WIRE_ST.toBuilder().lines("6 Other St").build())));
    assertEquals(2, groups.size(), "equal addresses (ignoring case and spacing) are one");
    assertArrayEquals(new boolean[] {true, true}, groups.get(WIRE_ST));

    List<FieldError> errors =
        TrytonPartyMapping.unwritable(
            Set.of(Party.Fields.NAME_GIVEN, Party.Fields.TAX_ID, Party.Fields.LOYALTY));
    assertEquals(
        Set.of("taxId", "loyalty"), Set.copyOf(errors.stream().map(FieldError::path).toList()));
    assertTrue(TrytonPartyMapping.wanted(Set.of(), Party.Fields.ADDRESSES), "empty means all");
    assertFalse(TrytonPartyMapping.wanted(Set.of(Party.Fields.NAME), Party.Fields.ADDRESSES));
  }

  @Test
  void ordersMatchThePartysAddressIgnoringCaseAndSpacing() throws IOException {
    JsonNode party = row();
    PostalAddress asTyped =
        PostalAddress.builder()
            .lines("5 WIRE  st")
            .locality("springfield")
            .postalCode("49007")
            .country("US")
            .build();
    assertEquals(5, TrytonOperations.matchingAddress(party, asTyped).path("id").asInt());
    assertEquals(
        null,
        TrytonOperations.matchingAddress(party, asTyped.toBuilder().postalCode("49008").build()));
    ((ObjectNode) party.path("addresses.").get(0)).put("active", 0);
    assertEquals(
        null, TrytonOperations.matchingAddress(party, asTyped), "archived addresses don't");
  }
}
