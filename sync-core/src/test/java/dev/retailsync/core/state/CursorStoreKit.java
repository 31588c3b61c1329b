package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.spi.Cursor;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CursorStore} has (STYLE.md rule 19): the in-memory store and the JDBC
 * store extend this kit unchanged.
 */
public abstract class CursorStoreKit {
  /** The store under test; a new, empty one for every test. */
  protected CursorStore store;

  /** Creates the kit. */
  protected CursorStoreKit() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store
   */
  protected abstract CursorStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void aFlowWithoutACompletedPageHasNoCursor() {
    assertEquals(Optional.empty(), store.load("accounts"));
  }

  @Test
  void theLastSavedCursorIsLoaded() {
    store.save("accounts", Cursor.of("10"));
    store.save("accounts", Cursor.of("20"));

    assertEquals(Optional.of(Cursor.of("20")), store.load("accounts"));
  }

  @Test
  void flowsKeepTheirOwnCursors() {
    store.save("accounts", Cursor.of("a"));
    store.save("orders", Cursor.of("o"));

    assertEquals(Optional.of(Cursor.of("a")), store.load("accounts"));
    assertEquals(Optional.of(Cursor.of("o")), store.load("orders"));
  }

  @Test
  void theBeginningCanBeSavedToStartOver() {
    store.save("accounts", Cursor.of("10"));
    store.save("accounts", Cursor.beginning());

    assertEquals(Optional.of(Cursor.beginning()), store.load("accounts"));
  }
}
