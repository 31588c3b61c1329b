package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WriteFingerprintStore} has (STYLE.md rule 19): the in-memory store and
 * the JDBC store extend this kit unchanged. It uses only the public interface.
 */
public abstract class WriteFingerprintStoreKit {
  private static final CanonicalId GOLD_1 = CanonicalId.of("gold-1");
  private static final CanonicalId GOLD_2 = CanonicalId.of("gold-2");
  private static final FieldPath NAME = Account.Fields.NAME;
  private static final FieldPath EMAIL = Account.Fields.BILLING_EMAIL;
  private static final FieldPath TERMS = Account.Fields.PAYMENT_TERMS;

  /** The store under test; a new, empty one for every test. */
  protected WriteFingerprintStore store;

  /** Creates the kit; subclasses supply the implementation through the factory method. */
  protected WriteFingerprintStoreKit() {}

  /**
   * Returns a new, empty store (a JDBC implementation clears its tables first).
   *
   * @return the store
   */
  protected abstract WriteFingerprintStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void nothingWasWrittenByDefault() {
    assertEquals(Map.of(), store.lastWritten(SystemId.NETSUITE, GOLD_1));
  }

  @Test
  void aWriteIsRemembered() {
    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 11L, EMAIL, -42L));

    assertEquals(Map.of(NAME, 11L, EMAIL, -42L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
  }

  @Test
  void aLaterWriteReplacesItsFieldsAndKeepsTheOthers() {
    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 1L, EMAIL, 2L));

    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 3L, TERMS, 4L));

    assertEquals(
        Map.of(NAME, 3L, EMAIL, 2L, TERMS, 4L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
  }

  @Test
  void anEmptyWriteChangesNothing() {
    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 1L));

    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of());

    assertEquals(Map.of(NAME, 1L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
  }

  @Test
  void writesToOneSystemAreNotSeenForAnother() {
    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 1L));
    store.recordWritten(SystemId.SALESFORCE, GOLD_1, Map.of(NAME, 2L, EMAIL, 3L));

    assertEquals(Map.of(NAME, 1L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
    assertEquals(Map.of(NAME, 2L, EMAIL, 3L), store.lastWritten(SystemId.SALESFORCE, GOLD_1));
    assertEquals(Map.of(), store.lastWritten(SystemId.SHOPIFY, GOLD_1));
  }

  @Test
  void writesForOneRecordAreNotSeenForAnother() {
    store.recordWritten(SystemId.NETSUITE, GOLD_1, Map.of(NAME, 1L));
    store.recordWritten(SystemId.NETSUITE, GOLD_2, Map.of(EMAIL, 2L));

    assertEquals(Map.of(NAME, 1L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
    assertEquals(Map.of(EMAIL, 2L), store.lastWritten(SystemId.NETSUITE, GOLD_2));
    assertEquals(Map.of(), store.lastWritten(SystemId.NETSUITE, CanonicalId.of("gold-3")));
  }

  @Test
  void theStoreKeepsItsOwnCopyOfWhatWasWritten() {
    Map<FieldPath, Long> written = new HashMap<>(Map.of(NAME, 1L));
    store.recordWritten(SystemId.NETSUITE, GOLD_1, written);

    written.put(NAME, 99L);
    written.put(EMAIL, 100L);

    assertEquals(Map.of(NAME, 1L), store.lastWritten(SystemId.NETSUITE, GOLD_1));
  }
}
