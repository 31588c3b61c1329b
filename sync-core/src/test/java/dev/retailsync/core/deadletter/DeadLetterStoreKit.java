package dev.retailsync.core.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeadLetterStore} has (STYLE.md rule 19): the in-memory store and the
 * JDBC store extend this kit unchanged.
 */
public abstract class DeadLetterStoreKit {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  /** The store under test; a new, empty one for every test. */
  protected DeadLetterStore store;

  /** Creates the kit. */
  protected DeadLetterStoreKit() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store
   */
  protected abstract DeadLetterStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  static DeadLetter letter(String id, String flow, SystemId target, FailureReason r, Instant at) {
    Change<Account> change =
        Change.builder(EntityType.ACCOUNT)
            .type(ChangeType.UPSERTED)
            .source(ExternalId.of(SystemId.NETSUITE, "jane@example.com"))
            .entity(
                Account.builder()
                    .name("Jane Doe")
                    .customerType(CustomerType.CONSUMER)
                    .status(AccountStatus.ACTIVE)
                    .build())
            .correlationId(CorrelationId.of("c-" + id))
            .build();
    return new DeadLetter(
        id,
        flow,
        change,
        target,
        Set.of(),
        r,
        "failed",
        List.of(FieldError.of("name", "Jane Doe", "too long")),
        at,
        at,
        1,
        0,
        DeadLetter.Status.OPEN,
        "");
  }

  @Test
  void aLetterIsKeptAndFound() {
    DeadLetter l = letter("l1", "accounts", null, FailureReason.VALIDATION, T0);
    store.add(l);

    assertEquals(Optional.of(l), store.find("l1"));
    assertEquals(Optional.empty(), store.find("l2"));
  }

  @Test
  void failingAgainUpdatesTheLetterAndKeepsItsHistory() {
    store.add(letter("l1", "accounts", null, FailureReason.VALIDATION, T0));
    DeadLetter replayed = store.find("l1").orElseThrow().withReplay();
    store.update(replayed);

    DeadLetter again =
        store.add(letter("l1", "accounts", null, FailureReason.INTERNAL, T0.plusSeconds(60)));

    assertEquals(2, again.failures());
    assertEquals(1, again.replays());
    assertEquals(T0, again.firstFailedAt());
    assertEquals(T0.plusSeconds(60), again.lastFailedAt());
    assertEquals(FailureReason.INTERNAL, again.reason());
    assertEquals(1, store.list(DeadLetterFilter.all()).size());
  }

  @Test
  void aQuarantinedLetterStaysQuarantinedWhenItFailsAgain() {
    store.add(letter("l1", "accounts", null, FailureReason.VALIDATION, T0));
    store.update(store.find("l1").orElseThrow().withStatus(DeadLetter.Status.QUARANTINED, "why"));

    DeadLetter again = store.add(letter("l1", "accounts", null, FailureReason.VALIDATION, T0));

    assertEquals(DeadLetter.Status.QUARANTINED, again.status());
    assertEquals("why", again.statusNote());
  }

  @Test
  void filtersSelectByFlowSystemReasonStatusAndTime() {
    store.add(letter("a", "accounts", null, FailureReason.VALIDATION, T0));
    store.add(letter("b", "accounts", SystemId.SALESFORCE, FailureReason.REMOTE_REJECTION, T0));
    store.add(
        letter(
            "c", "orders", SystemId.SHOPIFY, FailureReason.RETRIES_EXHAUSTED, T0.plusSeconds(10)));

    assertEquals(
        List.of("a", "b"), ids(store.list(DeadLetterFilter.builder().flow("accounts").build())));
    assertEquals(
        List.of("b"),
        ids(store.list(DeadLetterFilter.builder().system(SystemId.SALESFORCE).build())));
    assertEquals(
        List.of("a", "b", "c"),
        ids(store.list(DeadLetterFilter.builder().system(SystemId.NETSUITE).build())));
    assertEquals(
        List.of("c"),
        ids(
            store.list(
                DeadLetterFilter.builder().reason(FailureReason.RETRIES_EXHAUSTED).build())));
    assertEquals(
        List.of("c"), ids(store.list(DeadLetterFilter.builder().from(T0.plusSeconds(5)).build())));
    assertEquals(
        List.of("a", "b"),
        ids(store.list(DeadLetterFilter.builder().to(T0.plusSeconds(5)).build())));
    assertEquals(
        List.of(),
        ids(store.list(DeadLetterFilter.builder().status(DeadLetter.Status.RESOLVED).build())));
  }

  @Test
  void purgeRemovesWhatTheFilterSelects() {
    store.add(letter("a", "accounts", null, FailureReason.VALIDATION, T0));
    store.add(letter("b", "orders", null, FailureReason.VALIDATION, T0));

    assertEquals(1, store.purge(DeadLetterFilter.builder().flow("orders").build()));

    assertEquals(List.of("a"), ids(store.list(DeadLetterFilter.all())));
  }

  @Test
  void updatingAnUnknownLetterChangesNothing() {
    assertFalse(store.update(letter("x", "accounts", null, FailureReason.VALIDATION, T0)));
    assertTrue(store.list(DeadLetterFilter.all()).isEmpty());
  }

  @Test
  void toStringShowsNoPersonalData() {
    String s = letter("a", "accounts", null, FailureReason.VALIDATION, T0).toString();
    assertFalse(s.contains("Jane") || s.contains("jane"), s);
  }

  static DeadLetter rejectionLetter(String id, String flow, Instant at, String version) {
    return new DeadLetter(
        id,
        flow,
        null,
        null,
        Set.of(),
        FailureReason.MAPPING,
        "the record could not be mapped to the canonical model; fix name in the source",
        List.of(FieldError.redacted("name", "a customer needs a first or last name")),
        at,
        at,
        1,
        0,
        DeadLetter.Status.OPEN,
        "",
        new DeadLetter.SourceRecord(
            ExternalId.of(SystemId.SHOPIFY, "gid://shopify/Customer/7"),
            EntityType.PARTY,
            CorrelationId.of("c-" + id),
            version == null ? null : at.minusSeconds(5),
            version));
  }

  @Test
  void aLetterOfASourceRecordTheFeedCouldNotMapIsKeptWithItsSourceRecord() {
    DeadLetter l = rejectionLetter("r1", "customers", T0, "2026-11-25T09:59:55Z");
    DeadLetter bare = rejectionLetter("r2", "customers", T0, null);
    store.add(l);
    store.add(bare);

    DeadLetter found = store.find("r1").orElseThrow();
    assertEquals(l, found);
    assertEquals(null, found.change());
    assertEquals(
        ExternalId.of(SystemId.SHOPIFY, "gid://shopify/Customer/7"), found.sourceRecord().id());
    assertEquals(EntityType.PARTY, found.entityType());
    assertEquals(SystemId.SHOPIFY, found.system());
    assertEquals(CorrelationId.of("c-r1"), found.correlationId());
    assertEquals(List.of("name"), found.errors().stream().map(FieldError::path).toList());
    assertEquals(Optional.of(bare), store.find("r2"));
  }

  @Test
  void aSourceRecordLetterThatFailsAgainKeepsItsSourceRecordAndCountsTheFailure() {
    store.add(rejectionLetter("r1", "customers", T0, null));
    store.update(store.find("r1").orElseThrow().withReplay());

    DeadLetter again = store.add(rejectionLetter("r1", "customers", T0.plusSeconds(60), null));

    assertEquals(2, again.failures());
    assertEquals(1, again.replays());
    assertEquals(T0, again.firstFailedAt());
    assertTrue(again.isFeedRejection());
    assertEquals(again, store.find("r1").orElseThrow());
  }

  @Test
  void filtersSelectSourceRecordLettersByFlowSystemEntityReasonAndTime() {
    store.add(letter("a", "accounts", null, FailureReason.VALIDATION, T0));
    store.add(rejectionLetter("r", "customers", T0.plusSeconds(10), null));

    assertEquals(
        List.of("r"), ids(store.list(DeadLetterFilter.builder().flow("customers").build())));
    assertEquals(
        List.of("r"), ids(store.list(DeadLetterFilter.builder().system(SystemId.SHOPIFY).build())));
    assertEquals(
        List.of("r"),
        ids(store.list(DeadLetterFilter.builder().entityType(EntityType.PARTY).build())));
    assertEquals(
        List.of("a"),
        ids(store.list(DeadLetterFilter.builder().entityType(EntityType.ACCOUNT).build())));
    assertEquals(
        List.of("r"),
        ids(store.list(DeadLetterFilter.builder().reason(FailureReason.MAPPING).build())));
    assertEquals(
        List.of("r"), ids(store.list(DeadLetterFilter.builder().from(T0.plusSeconds(5)).build())));
    assertEquals(1, store.purge(DeadLetterFilter.builder().reason(FailureReason.MAPPING).build()));
    assertEquals(List.of("a"), ids(store.list(DeadLetterFilter.all())));
  }

  @Test
  void aLetterCarriesExactlyOneOfChangeAndSourceRecord() {
    DeadLetter withChange = letter("a", "accounts", null, FailureReason.VALIDATION, T0);
    DeadLetter rejected = rejectionLetter("r", "customers", T0, null);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            new DeadLetter(
                "x",
                "f",
                withChange.change(),
                null,
                Set.of(),
                FailureReason.MAPPING,
                "",
                List.of(),
                T0,
                T0,
                1,
                0,
                DeadLetter.Status.OPEN,
                "",
                rejected.sourceRecord()));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            new DeadLetter(
                "x",
                "f",
                null,
                null,
                Set.of(),
                FailureReason.MAPPING,
                "",
                List.of(),
                T0,
                T0,
                1,
                0,
                DeadLetter.Status.OPEN,
                "",
                null));
  }

  private static List<String> ids(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::id).toList();
  }
}
