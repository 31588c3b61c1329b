package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CrossReferenceStore} has (STYLE.md rule 19): the in-memory store and
 * the JDBC store extend this kit unchanged.
 */
public abstract class CrossReferenceStoreKit {
  private static final ExternalId ERP_1 = ExternalId.of(SystemId.NETSUITE, "C-1");
  private static final ExternalId CRM_1 = ExternalId.of(SystemId.SALESFORCE, "001A");
  private static final CanonicalId GOLD_1 = CanonicalId.of("gold-1");
  private static final CanonicalId GOLD_2 = CanonicalId.of("gold-2");

  /** The store under test; a new, empty one for every test. */
  protected CrossReferenceStore store;

  /** Creates the kit. */
  protected CrossReferenceStoreKit() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store
   */
  protected abstract CrossReferenceStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void anUnknownRecordIsUnlinked() {
    assertEquals(Optional.empty(), store.find(EntityType.ACCOUNT, ERP_1));
    assertEquals(List.of(), store.externalIds(EntityType.ACCOUNT, GOLD_1));
  }

  @Test
  void linksAreFoundBothWays() {
    store.link(EntityType.ACCOUNT, ERP_1, GOLD_1);
    store.link(EntityType.ACCOUNT, CRM_1, GOLD_1);

    assertEquals(Optional.of(GOLD_1), store.find(EntityType.ACCOUNT, CRM_1));
    assertEquals(
        Optional.of(CRM_1), store.externalId(EntityType.ACCOUNT, GOLD_1, SystemId.SALESFORCE));
    assertEquals(List.of(ERP_1, CRM_1), store.externalIds(EntityType.ACCOUNT, GOLD_1));
  }

  @Test
  void theFirstLinkWins() {
    assertEquals(GOLD_1, store.link(EntityType.ACCOUNT, ERP_1, GOLD_1));
    assertEquals(GOLD_1, store.link(EntityType.ACCOUNT, ERP_1, GOLD_2));

    assertEquals(Optional.of(GOLD_1), store.find(EntityType.ACCOUNT, ERP_1));
    assertEquals(List.of(), store.externalIds(EntityType.ACCOUNT, GOLD_2));
  }

  @Test
  void entityTypesAreSeparate() {
    store.link(EntityType.ACCOUNT, ERP_1, GOLD_1);

    assertEquals(Optional.empty(), store.find(EntityType.CONTACT, ERP_1));
  }

  @Test
  void ofConcurrentFirstLinksExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<CanonicalId>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        CanonicalId mine = CanonicalId.of("gold-" + i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.link(EntityType.ACCOUNT, ERP_1, mine);
                }));
      }
      start.countDown();
      Set<CanonicalId> seen = new HashSet<>();
      for (Future<CanonicalId> f : results) {
        seen.add(f.get());
      }
      assertEquals(1, seen.size(), seen.toString());
    } finally {
      pool.shutdownNow();
    }
  }
}
