package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Web customers as Tryton parties: the PARTY writer, reader and feed against the real server. */
@RealTryton
class TrytonPartyIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

  private final TrytonTestServer server;
  private final TrytonConnector tryton;
  private final TrytonRpc raw;

  TrytonPartyIT(TrytonTestServer server) {
    this.server = server;
    this.tryton = server.connector().build();
    this.raw = server.rpc();
  }

  @AfterEach
  void close() {
    tryton.close();
    raw.logout();
  }

  private static PostalAddress address(String street) {
    return PostalAddress.builder()
        .lines(List.of(street))
        .locality("Berlin")
        .postalCode("10115")
        .country("DE")
        .build();
  }

  private static Party customer(String email) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(PersonName.of("Ada Maria", "Lovelace"))
        .contactPoints(
            List.of(
                ContactPoint.email(email), ContactPoint.of(ContactPointType.PHONE, "+49 30 1234")))
        .addresses(
            List.of(
                PartyAddress.of(AddressUse.BILLING, address("Hauptstr. 1")),
                PartyAddress.of(AddressUse.SHIPPING, address("Hauptstr. 1")),
                PartyAddress.of(AddressUse.HOME, address("Nebenweg 7"))))
        .build();
  }

  private static <T extends dev.retailsync.api.CanonicalEntity> Cursor drain(
      ChangeFeed<T> feed, Cursor from, List<Change<T>> into) {
    Cursor c = from;
    for (int i = 0; i < 100; i++) {
      ChangePage<T> page = feed.poll(c, 50);
      into.addAll(page.changes());
      c = page.next();
      if (!page.hasMore()) {
        return c;
      }
    }
    throw new AssertionError("the feed did not end within 100 pages");
  }

  @Test
  void aWebCustomerBecomesOnePartyReadBackAsWrittenAndDeliveredByTheFeed() {
    ChangeFeed<Party> feed = tryton.<Party>changeFeed(EntityType.PARTY).orElseThrow();
    Cursor before = drain(feed, Cursor.beginning(), new ArrayList<>());

    String email = "ada-" + RUN + "@example.com";
    Party ada = customer(email);
    RecordWriter<Party> writer = tryton.<Party>writer(EntityType.PARTY).orElseThrow();
    String key = "vendure:customer:" + RUN;
    IdempotencyKey idem = IdempotencyKey.of("party:" + RUN);
    WriteOutcome created =
        writer.upsert(List.of(WriteRequest.of(key, ada, null, null, Set.of(), idem))).get(0);
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    assertNotNull(created.version());
    WriteOutcome repeat =
        writer.upsert(List.of(WriteRequest.of(key, ada, null, null, Set.of(), idem))).get(0);
    assertEquals(WriteOutcome.Status.UNCHANGED, repeat.status());
    assertEquals(created.externalId(), repeat.externalId());
    try (TrytonConnector other = server.connector().build()) {
      // A retried create in another process (no shared idempotency store) finds the party by key.
      WriteOutcome retried =
          other
              .<Party>writer(EntityType.PARTY)
              .orElseThrow()
              .upsert(List.of(WriteRequest.of(key, ada)))
              .get(0);
      assertEquals(WriteOutcome.Status.UNCHANGED, retried.status(), retried.toString());
      assertEquals(created.externalId(), retried.externalId());
    }
    assertEquals(
        1,
        raw.model(
                "party.party",
                "search_count",
                List.of(List.of(List.of("contact_mechanisms.value", "=", email))))
            .asInt(),
        "one party");

    RemoteRecord<Party> read =
        tryton
            .<Party>reader(EntityType.PARTY)
            .orElseThrow()
            .read(List.of(created.externalId().id()))
            .get(0);
    assertEquals(ada, read.entity(), "read back as written");
    assertEquals(created.version(), read.version());

    List<Change<Party>> changes = new ArrayList<>();
    Cursor after = drain(feed, before, changes);
    assertEquals(
        1,
        changes.stream().filter(c -> c.source().equals(created.externalId())).count(),
        changes.toString());
    List<Change<Party>> again = new ArrayList<>();
    Cursor quiet = drain(feed, after, again);
    assertTrue(again.stream().noneMatch(c -> c.source().equals(created.externalId())));

    // An address edited on its own (not through the party) is delivered too.
    long addressId =
        raw.model(
                "party.address",
                "search",
                java.util.Arrays.asList(
                    List.of(
                        List.of("party", "=", Long.parseLong(created.externalId().id())),
                        List.of("street", "=", "Nebenweg 7")),
                    0,
                    1,
                    null))
            .get(0)
            .asLong();
    TrytonTestServer.nextSecond();
    raw.model("party.address", "write", List.of(List.of(addressId), Map.of("city", "Potsdam")));
    List<Change<Party>> edited = new ArrayList<>();
    drain(feed, quiet, edited);
    List<Party> ours =
        edited.stream()
            .filter(c -> c.source().equals(created.externalId()))
            .map(Change::entity)
            .toList();
    assertEquals(1, ours.size(), edited.toString());
    assertTrue(
        ours.get(0).addresses().stream().anyMatch(a -> "Potsdam".equals(a.address().locality())));
  }

  @Test
  void updatesByTargetAreComparedAndSetAndStaleVersionsAreConflicts() {
    RecordWriter<Party> writer = tryton.<Party>writer(EntityType.PARTY).orElseThrow();
    String email = "grace-" + RUN + "@example.com";
    WriteOutcome created =
        writer.upsert(List.of(WriteRequest.of("grace-" + RUN, customer(email)))).get(0);
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());

    Party moved =
        customer(email).toBuilder()
            .contactPoints(
                List.of(
                    ContactPoint.email(email),
                    ContactPoint.of(ContactPointType.MOBILE, "+49 170 555")))
            .addresses(List.of(PartyAddress.of(AddressUse.SHIPPING, address("Neue Str. 3"))))
            .build();
    TrytonTestServer.nextSecond();
    WriteOutcome updated =
        writer
            .upsert(
                List.of(
                    WriteRequest.of(
                        "grace-" + RUN,
                        moved,
                        created.externalId(),
                        created.version(),
                        Set.of(),
                        null)))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, updated.status(), updated.toString());
    assertNotEquals(created.version(), updated.version());
    Party read =
        tryton
            .<Party>reader(EntityType.PARTY)
            .orElseThrow()
            .read(List.of(created.externalId().id()))
            .get(0)
            .entity();
    assertEquals(moved, read, "old phone and addresses archived, new ones written");

    WriteOutcome stale =
        writer
            .upsert(
                List.of(
                    WriteRequest.of(
                        "grace-" + RUN,
                        customer(email),
                        created.externalId(),
                        created.version(),
                        Set.of(),
                        null)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, stale.status());
    assertEquals("ConcurrencyException", stale.errorCode());
    assertEquals(updated.version(), stale.version(), "the conflict carries the current version");

    WriteOutcome taxId =
        writer
            .upsert(
                List.of(
                    WriteRequest.of(
                        "grace-" + RUN,
                        moved,
                        created.externalId(),
                        null,
                        Set.of(Party.Fields.TAX_ID),
                        null)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, taxId.status());
    assertEquals("taxId", taxId.errors().get(0).path());
  }

  @Test
  void aPartyWithTheCustomersEmailIsAdoptedInsteadOfDuplicated() {
    String email = "known-" + RUN + "@example.com";
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", "Known Customer");
    values.put(
        "contact_mechanisms",
        List.of(List.of("create", List.of(Map.of("type", "email", "value", email)))));
    long existing = raw.model("party.party", "create", List.of(List.of(values))).get(0).asLong();

    Party web = customer(email.toUpperCase(java.util.Locale.ROOT));
    WriteOutcome o =
        tryton
            .<Party>writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("shop:" + RUN, web)))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, o.status(), o.toString());
    assertEquals(Long.toString(existing), o.externalId().id());
    JsonNode idents =
        raw.model("party.party", "read", List.of(List.of(existing), List.of("identifiers.code")))
            .get(0)
            .path("identifiers.");
    assertEquals("shop:" + RUN, idents.get(0).path("code").asText());
  }
}
