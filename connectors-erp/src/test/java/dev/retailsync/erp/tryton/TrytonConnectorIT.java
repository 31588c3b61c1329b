package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Tryton connector against the real Tryton 6.0 server: what the conformance kit does not. */
@RealTryton
class TrytonConnectorIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static int sequence;

  private final TrytonTestServer server;
  private final FaultInjector faults = new FaultInjector();
  private final TrytonConnector tryton;
  private final TrytonRpc raw;

  TrytonConnectorIT(TrytonTestServer server) {
    this.server = server;
    this.tryton =
        server.connector().http(new OkHttpClient.Builder().addInterceptor(faults).build()).build();
    this.raw = server.rpc();
  }

  @AfterEach
  void close() {
    tryton.close();
    raw.logout();
  }

  private static synchronized String key() {
    return "it" + RUN + "n" + (++sequence);
  }

  private static PostalAddress berlin() {
    return PostalAddress.builder()
        .lines(List.of("Hauptstr. 1"))
        .locality("Berlin")
        .postalCode("10115")
        .country("DE")
        .build();
  }

  private static PostalAddress london() {
    return PostalAddress.builder()
        .lines(List.of("1 Dock Road", "Unit 4"))
        .locality("London")
        .postalCode("E1 6AN")
        .country("GB")
        .build();
  }

  private static Account account(String key) {
    return Account.builder()
        .name("Shop " + key)
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .billing(new BillingProfile(berlin(), key + "@example.com", null, null))
        .build();
  }

  private WriteOutcome write(WriteRequest<Account> request) {
    List<WriteOutcome> out =
        tryton.writer(EntityType.ACCOUNT).orElseThrow().upsert(List.of(request));
    assertEquals(1, out.size());
    return out.get(0);
  }

  private RemoteRecord<Account> read(ExternalId id) {
    List<RemoteRecord<Account>> r =
        tryton.reader(EntityType.ACCOUNT).orElseThrow().read(List.of(id.id()));
    assertEquals(1, r.size(), "read " + id);
    return r.get(0);
  }

  private Cursor drain(Cursor from, List<Change<Account>> into) {
    ChangeFeed<Account> feed = tryton.changeFeed(EntityType.ACCOUNT).orElseThrow();
    Cursor c = from;
    for (int i = 0; i < 1000; i++) {
      ChangePage<Account> page = feed.poll(c, 25);
      into.addAll(page.changes());
      c = page.next();
      if (!page.hasMore()) {
        return c;
      }
    }
    throw new AssertionError("feed never ended");
  }

  private static List<Change<Account>> of(List<Change<Account>> changes, ExternalId id) {
    return changes.stream().filter(c -> c.source().equals(id)).toList();
  }

  @Test
  void billingShippingAndEmailRoundTripThroughAddressesAndContactMechanisms() {
    String key = key();
    Account a =
        account(key).toBuilder()
            .shipping(ShippingProfile.of(london()))
            .accountNumber("N-" + key)
            .build();
    WriteOutcome created = write(WriteRequest.of(key, a));
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    Account back = read(created.externalId()).entity();
    assertEquals(a.billing(), back.billing());
    assertEquals(a.shipping(), back.shipping());
    assertEquals("N-" + key, back.accountNumber());

    JsonNode party =
        raw.model(
                "party.party",
                "read",
                List.of(
                    List.of(Long.parseLong(created.externalId().id())),
                    List.of("identifiers.code", "addresses.invoice", "addresses.delivery")))
            .get(0);
    assertEquals(key, party.path("identifiers.").get(0).path("code").asText(), "the upsert key");
    assertEquals(2, party.path("addresses.").size(), "one invoice and one delivery address");

    Account moved = a.toBuilder().shipping(ShippingProfile.of(berlin())).build();
    WriteOutcome updated = write(WriteRequest.of(key, moved));
    assertEquals(WriteOutcome.Status.UPDATED, updated.status(), updated.toString());
    assertEquals(berlin(), read(created.externalId()).entity().shipping().address());
    assertEquals(WriteOutcome.Status.UNCHANGED, write(WriteRequest.of(key, moved)).status());
  }

  @Test
  void theFeedSeesNewPartiesAndAddressOrEmailEditsThatDoNotTouchTheParty() {
    String key = key();
    List<Change<Account>> first = new ArrayList<>();
    WriteOutcome created = write(WriteRequest.of(key, account(key)));
    Cursor cursor = drain(Cursor.beginning(), first);
    List<Change<Account>> mine = of(first, created.externalId());
    assertEquals(1, mine.size(), "a party never written since its create is seen once");
    assertEquals(ChangeType.CREATED, mine.get(0).type());

    long partyId = Long.parseLong(created.externalId().id());
    JsonNode party =
        raw.model(
                "party.party",
                "read",
                List.of(List.of(partyId), List.of("addresses", "contact_mechanisms", "write_date")))
            .get(0);
    assertTrue(party.path("write_date").isNull(), "write_date stays null until the first write");

    raw.model(
        "party.address",
        "write",
        List.of(List.of(party.path("addresses").get(0).asLong()), Map.of("city", "Potsdam")));
    JsonNode after =
        raw.model("party.party", "read", List.of(List.of(partyId), List.of("write_date"))).get(0);
    assertTrue(after.path("write_date").isNull(), "an address edit leaves the party untouched");

    List<Change<Account>> second = new ArrayList<>();
    cursor = drain(cursor, second);
    mine = of(second, created.externalId());
    assertEquals(1, mine.size(), "the address edit is seen through the address's write_date");
    assertEquals("Potsdam", mine.get(0).entity().billing().address().locality());

    raw.model(
        "party.contact_mechanism",
        "write",
        List.of(
            List.of(party.path("contact_mechanisms").get(0).asLong()),
            Map.of("value", "billing-" + key + "@example.com")));
    List<Change<Account>> third = new ArrayList<>();
    cursor = drain(cursor, third);
    mine = of(third, created.externalId());
    assertEquals(1, mine.size(), "the e-mail edit is seen");
    assertEquals("billing-" + key + "@example.com", mine.get(0).entity().billing().email());

    List<Change<Account>> fourth = new ArrayList<>();
    drain(cursor, fourth);
    assertTrue(of(fourth, created.externalId()).isEmpty(), "nothing new, nothing repeated");
  }

  @Test
  void pagesOfOneChangeDeliverEveryPartyExactlyOnce() {
    List<Change<Account>> before = new ArrayList<>();
    Cursor cursor = drain(Cursor.beginning(), before);
    List<String> keys = new ArrayList<>();
    List<WriteRequest<Account>> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String key = key();
      keys.add(key);
      batch.add(WriteRequest.of(key, account(key)));
    }
    List<WriteOutcome> created = tryton.writer(EntityType.ACCOUNT).orElseThrow().upsert(batch);
    ChangeFeed<Account> feed = tryton.changeFeed(EntityType.ACCOUNT).orElseThrow();
    List<String> seen = new ArrayList<>();
    for (int polls = 0; polls < 100; polls++) {
      ChangePage<Account> page = feed.poll(cursor, 1);
      assertTrue(page.changes().size() <= 1, "at most maxChanges per page");
      page.changes().forEach(c -> seen.add(c.source().id()));
      cursor = page.next();
      if (!page.hasMore()) {
        break;
      }
    }
    for (WriteOutcome o : created) {
      assertEquals(
          1,
          seen.stream().filter(id -> id.equals(o.externalId().id())).count(),
          "delivered exactly once: " + o.externalId() + " in " + seen);
    }
  }

  @Test
  void trytonItselfRefusesAWriteWhenTheRecordChangesBetweenOurReadAndOurWrite() {
    String key = key();
    WriteOutcome created = write(WriteRequest.of(key, account(key)));
    String version = read(created.externalId()).version();
    long id = Long.parseLong(created.externalId().id());
    TrytonTestServer.nextSecond();
    faults.beforeNext(
        "model.party.party.write",
        () -> {
          TrytonTestServer.nextSecond();
          raw.model(
              "party.party", "write", List.of(List.of(id), Map.of("name", "changed meanwhile")));
        });
    Account renamed = account(key).toBuilder().name("Shop " + key + " renamed").build();
    WriteOutcome outcome =
        write(
            new WriteRequest<>(key, renamed, created.externalId(), version, Set.of(), null, null));
    assertEquals(WriteOutcome.Status.REJECTED, outcome.status(), outcome.toString());
    assertEquals("ConcurrencyException", outcome.errorCode());
    assertNotNull(outcome.version(), "a conflict carries the current version");
    assertNotEquals(version, outcome.version());
    assertTrue(
        faults.bodies().stream().anyMatch(b -> b.contains("\"_timestamp\":{\"party.party," + id)),
        "the write sent the version in Tryton's _timestamp context");
    assertEquals("changed meanwhile", read(created.externalId()).entity().name());
  }

  @Test
  void aCreateWhoseAnswerIsLostIsNotDuplicatedByTheRetry() {
    String key = key();
    faults.failNext(FaultInjector.Next.TIMEOUT_AFTER_APPLY, "model.party.party.create");
    WriteOutcome lost = write(WriteRequest.of(key, account(key)));
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, lost.status(), lost.toString());

    WriteOutcome retried = write(WriteRequest.of(key, account(key)));
    assertTrue(retried.isSuccess(), retried.toString());
    assertNotEquals(WriteOutcome.Status.CREATED, retried.status(), "the retry found the party");
    assertEquals(
        1,
        raw.model(
                "party.party",
                "search_count",
                List.of(List.of(List.of("identifiers.code", "=", key))))
            .asInt(),
        "exactly one party carries the key");
  }

  @Test
  void anIdempotencyKeyReplaysTheOutcomeWithoutCallingTryton() {
    String key = key();
    IdempotencyKey ik = IdempotencyKey.of("order-sync:" + key + ":v1");
    WriteRequest<Account> request = WriteRequest.of(key, account(key), null, null, Set.of(), ik);
    WriteOutcome first = write(request);
    assertEquals(WriteOutcome.Status.CREATED, first.status());
    int calls = faults.bodies().size();
    WriteOutcome again = write(request);
    assertEquals(calls, faults.bodies().size(), "the replay made no call to Tryton");
    assertEquals(first.externalId(), again.externalId());
    assertTrue(again.isSuccess());

    WriteOutcome other =
        write(
            WriteRequest.of(
                key,
                account(key).toBuilder().name("something else").build(),
                null,
                null,
                Set.of(),
                ik));
    assertEquals(
        WriteOutcome.Status.REJECTED,
        other.status(),
        "the same idempotency key with another payload is refused: " + other);
  }

  @Test
  void aCountryTrytonDoesNotKnowRejectsThatRecordAloneNamingTheField() {
    String good = key();
    String bad = key();
    Account japan =
        account(bad).toBuilder()
            .billing(
                new BillingProfile(berlin().toBuilder().country("JP").build(), null, null, null))
            .build();
    List<WriteOutcome> out =
        tryton
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of(good, account(good)), WriteRequest.of(bad, japan)));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(1).status());
    assertEquals("billing.address.country", out.get(1).errors().get(0).path());
  }

  @Test
  void aFieldTheMappingCannotWriteIsRejectedNotDropped() {
    String key = key();
    WriteOutcome out =
        write(
            WriteRequest.of(
                key,
                account(key).toBuilder().taxId("DE123456789").build(),
                null,
                null,
                Set.of(Account.Fields.TAX_ID),
                null));
    assertEquals(WriteOutcome.Status.REJECTED, out.status());
    assertEquals("taxId", out.errors().get(0).path());
  }

  @Test
  void anExpiredSessionIsRenewedOnceAndTheCallSucceeds() {
    String key = key();
    WriteOutcome created = write(WriteRequest.of(key, account(key)));
    faults.failNext(FaultInjector.Next.UNAUTHORIZED, "model.party.party.search_read");
    assertEquals("Shop " + key, read(created.externalId()).entity().name());
    assertEquals(
        2,
        faults.bodies().stream().filter(b -> b.contains("common.db.login")).count(),
        "logged in again once");
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatIsNotRetryable() {
    try (TrytonConnector wrong =
        server.connector().credentials(server.login(), "not-the-password").build()) {
      AuthenticationException e =
          assertThrows(
              AuthenticationException.class,
              () -> wrong.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("1")));
      assertFalse(e.isRetryable());
      assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }
    // A successful login clears Tryton's failed-login counter for the next tests.
    assertTrue(tryton.ping().startsWith("6.0."));
  }

  @Test
  void theProviderBuildsAWorkingConnectorFromSettings() {
    TrytonConnectorProvider provider = new TrytonConnectorProvider();
    ConnectorConfig config =
        ConnectorConfig.of(
            Map.of(
                "baseUrl", server.baseUrl(),
                "database", server.database(),
                "login", server.login(),
                "password", server.password()));
    assertEquals(List.of(), provider.validate(config));
    try (Connector c =
        provider.create(
            ConnectorContext.builder(SystemId.of("tryton-eu")).config(config).build())) {
      assertEquals(SystemId.of("tryton-eu"), c.system());
      List<RemoteRecord<Account>> seed =
          c.reader(EntityType.ACCOUNT)
              .orElseThrow()
              .read(List.of(Long.toString(server.id("customers", "seed"))));
      assertEquals("Seed Customer", seed.get(0).entity().name());
      assertEquals("seed@example.com", seed.get(0).entity().billing().email());
      assertEquals("tryton-eu", seed.get(0).id().system().value());
    }
  }

  @Test
  void concurrentCallsStayWithinTheTenantGate() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(
            pool.submit(
                () ->
                    tryton
                        .reader(EntityType.ACCOUNT)
                        .orElseThrow()
                        .read(List.of(Long.toString(server.id("customers", "seed"))))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    TenantGate gate = TenantGate.shared("tryton", server.baseUrl() + server.database(), 4);
    assertTrue(gate.peakInFlight() <= 4, "peak " + gate.peakInFlight());
    assertTrue(gate.peakInFlight() >= 1);
  }
}
