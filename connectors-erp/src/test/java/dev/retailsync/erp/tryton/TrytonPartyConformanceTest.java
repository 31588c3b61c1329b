package dev.retailsync.erp.tryton;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The connector conformance kit for Tryton parties (web customers), against the real Tryton 6.0
 * server of {@link TrytonServerExtension}. Faults Tryton cannot produce on demand (429, 503) are
 * scripted by an interceptor in front of it.
 */
@RealTryton
class TrytonPartyConformanceTest extends ConnectorConformanceKit<Party> {
  private final TrytonTestServer server;
  private final FaultInjector faults = new FaultInjector();

  TrytonPartyConformanceTest(TrytonTestServer server) {
    this.server = server;
  }

  @Override
  protected Connector connector() {
    return server
        .connector()
        .http(new OkHttpClient.Builder().addInterceptor(faults).build())
        .build();
  }

  @Override
  protected EntityType<Party> entityType() {
    return EntityType.PARTY;
  }

  private static PostalAddress address(String country) {
    return PostalAddress.builder()
        .lines(List.of("Rue de Rivoli 1"))
        .locality("Paris")
        .postalCode("75001")
        .country(country)
        .build();
  }

  @Override
  protected Party sample(String key) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(PersonName.of("Claude", "Conformance " + key))
        .contactPoints(
            List.of(
                ContactPoint.email(key + "@example.com"),
                ContactPoint.of(ContactPointType.MOBILE, "+33 6 12 34 56 78")))
        .addresses(List.of(PartyAddress.of(AddressUse.SHIPPING, address("FR"))))
        .build();
  }

  @Override
  protected Party changed(Party record) {
    return record.toBuilder()
        .addresses(
            List.of(
                PartyAddress.of(AddressUse.BILLING, address("FR")),
                PartyAddress.of(AddressUse.SHIPPING, address("FR"))))
        .build();
  }

  /**
   * The full name (Tryton keeps one name; the reader splits it at the last space, so "Claude" /
   * "Conformance x" reads back as "Claude Conformance" / "x"), the contact points and addresses.
   */
  @Override
  protected Object roundTrip(Party record) {
    return List.of(
        record.kind(), TrytonPartyMapping.name(record), record.contactPoints(), record.addresses());
  }

  @Override
  protected String unknownId() {
    return "999999";
  }

  /** An address in a country the seeded Tryton does not have: rejected naming the field. */
  @Override
  protected Optional<Party> invalid(String key) {
    return Optional.of(
        sample(key).toBuilder()
            .addresses(List.of(PartyAddress.of(AddressUse.HOME, address("JP"))))
            .build());
  }

  /** Renames the party behind the connector's back, in the next second (_timestamp resolution). */
  @Override
  protected boolean changeRemotely(ExternalId id) {
    TrytonRpc rpc = server.rpc();
    try {
      TrytonTestServer.nextSecond();
      rpc.model(
          "party.party",
          "write",
          List.of(List.of(Long.parseLong(id.id())), Map.of("name", "renamed in Tryton")));
      return true;
    } finally {
      rpc.logout();
    }
  }

  @Override
  protected boolean injectFault(Fault fault) {
    faults.failNext(
        fault == Fault.THROTTLED ? FaultInjector.Next.THROTTLED : FaultInjector.Next.UNAVAILABLE);
    return true;
  }
}
