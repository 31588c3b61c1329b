package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link VendureConnector} against the real Vendure server: customers with addresses. */
@RealVendure
class VendureConnectorIT {
  private VendureConnector vendure;
  private VendureTestServer server;

  @BeforeEach
  void connect(VendureTestServer s) {
    server = s;
    vendure = VendureConnector.builder().adminApiUrl(s.adminApiUrl()).apiKey(s.apiKey()).build();
  }

  static Party person(String given, String family, String email, PostalAddress... addresses) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName(null, given, null, family, null))
        .contactPoints(
            List.of(
                new ContactPoint(
                    ContactPointType.EMAIL, email, null, true, null, null, ConsentState.UNKNOWN),
                new ContactPoint(
                    ContactPointType.PHONE,
                    "+44 20 7946 0000",
                    null,
                    true,
                    null,
                    null,
                    ConsentState.UNKNOWN)))
        .addresses(
            java.util.Arrays.stream(addresses)
                .map(a -> new PartyAddress(AddressUse.SHIPPING, a, true))
                .toList())
        .build();
  }

  static PostalAddress london() {
    return new PostalAddress(List.of("12 St James Square"), "London", null, "SW1Y 4JH", "GB");
  }

  @Test
  void aCreatedCustomerRoundTripsAndIsFoundByOurExternalId() {
    Party ada = person("Ada", "Lovelace", "ada.it@example.com", london());
    List<WriteOutcome> out =
        vendure
            .writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("SF-1", ada)));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.toString());
    RemoteRecord<Party> found = vendure.findCustomerByExternalId("SF-1").orElseThrow();
    assertEquals(out.get(0).externalId(), found.id());
    assertEquals(out.get(0).version(), found.version());
    Party back = found.entity();
    assertEquals("Ada", back.name().given());
    assertEquals("Lovelace", back.name().family());
    assertEquals(
        Set.of("ada.it@example.com", "+44 20 7946 0000"),
        Set.copyOf(back.contactPoints().stream().map(ContactPoint::value).toList()));
    assertEquals(List.of(london()), back.addresses().stream().map(PartyAddress::address).toList());
    assertEquals(
        found,
        vendure.reader(EntityType.PARTY).orElseThrow().read(List.of(found.id().id())).get(0));
  }

  @Test
  void aBatchGetsOneOutcomePerRecord() {
    List<WriteOutcome> out =
        vendure
            .writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of("K-ok", person("Grace", "Hopper", "grace.it@example.com")),
                    // the e-mail of a seeded customer: Vendure answers EmailAddressConflictError
                    WriteRequest.of("K-dup", person("Seed", "Twin", "seed.customer01@example.com")),
                    WriteRequest.of(
                        "K-bad",
                        Party.builder()
                            .kind(PartyKind.PERSON)
                            .name(new PersonName(null, "No", null, "Mail", null))
                            .build()),
                    new WriteRequest<>(
                        "K-gone",
                        person("Ghost", "Writer", "ghost.it@example.com"),
                        ExternalId.of("vendure", "999999"),
                        null,
                        Set.of(),
                        null,
                        null)));
    assertEquals(4, out.size());
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("EMAIL_ADDRESS_CONFLICT_ERROR", out.get(1).errorCode());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(2).status());
    assertEquals("contactPoints", out.get(2).errors().get(0).path().toString());
    assertEquals("ENTITY_NOT_FOUND", out.get(3).errorCode());
    assertTrue(vendure.findCustomerByExternalId("K-dup").isEmpty());
  }

  @Test
  void anAddedAddressIsWrittenToTheExistingCustomer() {
    WriteOutcome first =
        vendure
            .writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(
                List.of(WriteRequest.of("SF-2", person("Alan", "Turing", "alan.it@example.com"))))
            .get(0);
    WriteOutcome second =
        vendure
            .writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "SF-2", person("Alan", "Turing", "alan.it@example.com", london()))))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, second.status(), second.toString());
    assertEquals(first.externalId(), second.externalId());
    assertNotEquals(first.version(), second.version());
    assertEquals(
        1, vendure.findCustomerByExternalId("SF-2").orElseThrow().entity().addresses().size());
  }

  @Test
  void offsetPagingReadsTheSeededCustomers() {
    List<RemoteRecord<Party>> page = vendure.listCustomers(20, 3);
    assertEquals(3, page.size());
    assertEquals("Customer21", page.get(0).entity().name().family());
    assertEquals("21", page.get(0).id().id());
    assertFalse(page.get(0).entity().addresses().isEmpty());
    assertEquals(2, vendure.readCustomers(List.of("2", "424242", "1")).size());
  }

  @Test
  void aWrongApiKeyIsAnAuthenticationError() {
    VendureConnector wrong =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .apiKey("000000000000000000000000:" + "0".repeat(64))
            .build();
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> wrong.listCustomers(0, 1));
    assertTrue(e.getMessage().contains("FORBIDDEN"), e.getMessage());
    VendureConnector bearer =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .bearerToken(server.bearerToken())
            .build();
    assertEquals(1, bearer.listCustomers(0, 1).size());
  }
}
