package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.core.golden.FieldValue;
import dev.retailsync.core.golden.GoldenRecord;
import dev.retailsync.core.golden.Lineage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link GoldenRecordStore} has (STYLE.md rule 19): the in-memory store and the
 * JDBC store extend this kit unchanged. It uses only the public interface.
 */
public abstract class GoldenRecordStoreKit {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /** The store under test; a new, empty one for every test. */
  protected GoldenRecordStore store;

  private ExecutorService pool;

  /** Creates the kit; subclasses supply the implementation through the factory method. */
  protected GoldenRecordStoreKit() {}

  /**
   * Returns a new, empty store (a JDBC implementation clears its tables first).
   *
   * @return the store
   */
  protected abstract GoldenRecordStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static CanonicalId newId() {
    return CanonicalId.of(UUID.randomUUID());
  }

  private static Lineage lineage(SystemId system, String version, int secondsLater) {
    return new Lineage(
        system,
        T0.plusSeconds(secondsLater),
        version,
        T0.plusSeconds(secondsLater + 1L),
        CorrelationId.of("chg-" + system + "-" + version));
  }

  /** An account with values of several kinds and lineage from two systems. */
  private static GoldenRecord<Account> account(CanonicalId id, long version, String name) {
    Lineage erp = lineage(SystemId.NETSUITE, "v" + version, 0);
    Lineage crm = lineage(SystemId.SALESFORCE, "crm-" + version, 5);
    return GoldenRecord.restore(
        id,
        EntityType.ACCOUNT,
        Map.of(
            Account.Fields.NAME, new FieldValue(name, crm),
            Account.Fields.CUSTOMER_TYPE, new FieldValue(CustomerType.BUSINESS, crm),
            Account.Fields.STATUS, new FieldValue(AccountStatus.ACTIVE, erp),
            Account.Fields.CREDIT_STATUS, new FieldValue(CreditStatus.APPROVED, erp),
            Account.Fields.CREDIT_LIMIT, new FieldValue(Money.of("5000.00", "EUR"), erp),
            Account.Fields.PAYMENT_TERMS, new FieldValue("NET30", erp)),
        version,
        SystemId.SALESFORCE);
  }

  @Test
  void findsNothingInAnEmptyStore() {
    assertEquals(Optional.empty(), store.find(EntityType.ACCOUNT, newId()));
  }

  @Test
  void savingWithExpectedVersionZeroCreatesTheRecord() {
    CanonicalId id = newId();
    GoldenRecord<Account> created = account(id, 1, "Acme GmbH");

    assertTrue(store.save(created, 0));

    assertEquals(Optional.of(created), store.find(EntityType.ACCOUNT, id));
  }

  @Test
  void creatingARecordThatExistsFailsAndKeepsTheFirst() {
    CanonicalId id = newId();
    GoldenRecord<Account> first = account(id, 1, "Acme GmbH");
    assertTrue(store.save(first, 0));

    assertFalse(store.save(account(id, 1, "Someone Else Ltd"), 0));

    assertEquals(Optional.of(first), store.find(EntityType.ACCOUNT, id));
  }

  @ParameterizedTest(name = "expected version {0} against stored version 2")
  @ValueSource(longs = {0, 1, 3, 7})
  void aSaveWithAStaleOrUnknownExpectedVersionFailsAndKeepsTheStoredRecord(long expected) {
    CanonicalId id = newId();
    assertTrue(store.save(account(id, 1, "Acme GmbH"), 0));
    GoldenRecord<Account> v2 = account(id, 2, "Acme AG");
    assertTrue(store.save(v2, 1));

    assertFalse(store.save(account(id, expected + 1, "Lost Update Ltd"), expected));

    assertEquals(Optional.of(v2), store.find(EntityType.ACCOUNT, id));
  }

  @Test
  void aRecordReadsBackWithEveryValueLineageVersionAndCreator() {
    CanonicalId id = newId();
    Lineage sparse =
        new Lineage(SystemId.SHOPIFY, null, null, T0.plusSeconds(9), CorrelationId.of("chg-web"));
    GoldenRecord<Account> record =
        GoldenRecord.restore(
            id,
            EntityType.ACCOUNT,
            Map.of(
                Account.Fields.NAME,
                new FieldValue("Jane Doe", lineage(SystemId.SALESFORCE, "7", 3)),
                Account.Fields.CUSTOMER_TYPE,
                new FieldValue(CustomerType.CONSUMER, sparse),
                Account.Fields.STATUS,
                new FieldValue(AccountStatus.PROVISIONAL, sparse),
                Account.Fields.BILLING_EMAIL,
                new FieldValue("jane.doe@example.com", sparse),
                Account.Fields.CREDIT_BALANCE,
                new FieldValue(Money.of("12.50", "EUR"), lineage(SystemId.NETSUITE, "88", 1))),
            1,
            SystemId.SHOPIFY);

    assertTrue(store.save(record, 0));
    GoldenRecord<Account> read = store.find(EntityType.ACCOUNT, id).orElseThrow();

    assertEquals(record, read);
    assertEquals(record.fields(), read.fields());
    assertEquals(1, read.version());
    assertEquals(Optional.of(SystemId.SHOPIFY), read.createdBy());
    assertEquals(Optional.of(sparse), read.lineage(Account.Fields.STATUS));
    assertEquals("jane.doe@example.com", read.entity().billing().email());
    assertEquals(Money.of("12.50", "EUR"), read.entity().credit().balance());
  }

  @Test
  void recordsOfDifferentEntityTypesWithTheSameCanonicalIdAreSeparate() {
    CanonicalId id = newId();
    GoldenRecord<Account> account = account(id, 1, "Acme GmbH");
    Lineage lineage = lineage(SystemId.SALESFORCE, "1", 0);
    GoldenRecord<Party> party =
        GoldenRecord.restore(
            id,
            EntityType.PARTY,
            Map.of(
                Party.Fields.KIND,
                new FieldValue(PartyKind.PERSON, lineage),
                FieldPath.of("name.family"),
                new FieldValue("Doe", lineage)),
            1,
            SystemId.SALESFORCE);

    assertTrue(store.save(account, 0));
    assertEquals(Optional.empty(), store.find(EntityType.PARTY, id));
    assertTrue(store.save(party, 0), "a party must not see the account's version");

    assertEquals(Optional.of(account), store.find(EntityType.ACCOUNT, id));
    assertEquals(Optional.of(party), store.find(EntityType.PARTY, id));
  }

  @Test
  void ofConcurrentSavesOfTheNextVersionExactlyOneWins() throws Exception {
    int threads = 8;
    int rounds = 50;
    pool = Executors.newFixedThreadPool(threads);
    CanonicalId id = newId();
    assertTrue(store.save(account(id, 1, "Acme v1"), 0));
    CyclicBarrier start = new CyclicBarrier(threads);

    for (long version = 1; version <= rounds; version++) {
      long expected = version;
      List<Future<Boolean>> saves = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        GoldenRecord<Account> candidate = account(id, expected + 1, "Acme writer " + t);
        saves.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return store.save(candidate, expected);
                }));
      }
      List<Integer> winners = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        if (saves.get(t).get(10, TimeUnit.SECONDS)) {
          winners.add(t);
        }
      }

      assertEquals(1, winners.size(), "winners of version " + (expected + 1) + ": " + winners);
      GoldenRecord<Account> stored = store.find(EntityType.ACCOUNT, id).orElseThrow();
      assertEquals(account(id, expected + 1, "Acme writer " + winners.get(0)), stored);
    }
  }

  @Test
  void theVersionSequenceMovesOnlyForward() {
    CanonicalId id = newId();
    assertTrue(store.save(account(id, 1, "v1"), 0));
    assertTrue(store.save(account(id, 2, "v2"), 1));
    assertTrue(store.save(account(id, 3, "v3"), 2));

    assertFalse(store.save(account(id, 2, "replayed v2"), 1));

    GoldenRecord<Account> read = store.find(EntityType.ACCOUNT, id).orElseThrow();
    assertEquals(3, read.version());
    assertEquals("v3", read.value(FieldPath.of("name")));
  }
}
