package dev.retailsync.core.golden;

import static dev.retailsync.core.golden.Fixtures.CLOCK;
import static dev.retailsync.core.golden.Fixtures.ERP;
import static dev.retailsync.core.golden.Fixtures.SF;
import static dev.retailsync.core.golden.Fixtures.T0;
import static dev.retailsync.core.golden.Fixtures.account;
import static dev.retailsync.core.golden.Fixtures.accountPolicy;
import static dev.retailsync.core.golden.Fixtures.change;
import static dev.retailsync.core.golden.Fixtures.withCredit;
import static dev.retailsync.core.golden.Fixtures.withShipping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.state.InMemoryGoldenRecordStore;
import dev.retailsync.core.state.InMemoryReviewQueue;
import dev.retailsync.core.state.InMemoryWriteFingerprintStore;
import dev.retailsync.core.state.ReviewItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Golden records kept in stores: counting, review decisions, echo memory, concurrent merges. */
class GoldenRecordsTest {
  private static final CanonicalId ID = CanonicalId.of("acc-1");
  private final InMemoryReviewQueue queue = new InMemoryReviewQueue();
  private final AtomicInteger reviewIds = new AtomicInteger();

  private GoldenRecords records(OwnershipPolicy<?> policy) {
    return GoldenRecords.builder()
        .merger(Fixtures.merger(policy))
        .store(new InMemoryGoldenRecordStore())
        .reviewQueue(queue)
        .fingerprints(new InMemoryWriteFingerprintStore())
        .clock(CLOCK)
        .reviewIds(() -> "r-" + reviewIds.incrementAndGet())
        .build();
  }

  @Test
  void fieldsDroppedByOwnershipAreCountedBySystemFieldAndOwner() {
    GoldenRecords g = records(accountPolicy().build());
    g.apply(ID, change(ERP, withCredit(account(), CreditStatus.APPROVED, "5000"), T0));
    g.apply(ID, change(SF, withCredit(account(), CreditStatus.ON_HOLD, "1"), T0.plusSeconds(1)));
    g.apply(ID, change(SF, withCredit(account(), CreditStatus.REJECTED, "1"), T0.plusSeconds(2)));
    assertEquals(
        Map.of(new GoldenRecords.DropKey(SF, Account.Fields.CREDIT, ERP), 2L),
        g.droppedByOwnership());
    assertEquals(
        CreditStatus.APPROVED,
        g.find(EntityType.ACCOUNT, ID).orElseThrow().entity().credit().status());
  }

  @Test
  void aParkedConflictWaitsInTheQueueAndAnAcceptedDecisionAppliesIt() {
    GoldenRecords g =
        records(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.review())
                .build());
    g.apply(ID, change(ERP, withShipping(account(), "Alt 1", "10115"), T0));
    g.apply(ID, change(SF, withShipping(account(), "Neu 2", "20095"), T0.plusSeconds(5)));

    List<ReviewItem> open = queue.open(EntityType.ACCOUNT, 10);
    assertEquals(1, open.size());
    ReviewItem item = open.get(0);
    assertEquals(Account.Fields.SHIPPING_ADDRESS, item.field());
    assertEquals(
        List.of("Alt 1"),
        g.find(EntityType.ACCOUNT, ID).orElseThrow().entity().shipping().address().lines());

    assertEquals(ReviewItem.Status.ACCEPTED, g.decide(item.id(), true).orElseThrow().status());
    GoldenRecord<Account> after = g.find(EntityType.ACCOUNT, ID).orElseThrow();
    assertEquals(List.of("Neu 2"), after.entity().shipping().address().lines());
    assertEquals(
        SF, after.lineage(FieldPath.of("shipping.address.postalCode")).orElseThrow().system());
    assertTrue(g.decide(item.id(), false).isEmpty(), "an item is decided once");
    assertTrue(queue.open(EntityType.ACCOUNT, 10).isEmpty());
  }

  @Test
  void aRejectedDecisionKeepsTheGoldenValue() {
    GoldenRecords g =
        records(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.review())
                .build());
    g.apply(ID, change(ERP, withShipping(account(), "Alt 1", "10115"), T0));
    g.apply(ID, change(SF, withShipping(account(), "Neu 2", "20095"), T0.plusSeconds(5)));
    ReviewItem item = queue.open(null, 10).get(0);
    assertEquals(ReviewItem.Status.REJECTED, g.decide(item.id(), false).orElseThrow().status());
    assertEquals(
        List.of("Alt 1"),
        g.find(EntityType.ACCOUNT, ID).orElseThrow().entity().shipping().address().lines());
  }

  @Test
  void whatWeWroteIsRememberedSoItsEchoIsDropped() {
    GoldenRecords g = records(accountPolicy().build());
    g.apply(ID, change(ERP, withShipping(account(), "Alt 1", "10115"), T0));
    Account written = withShipping(account(), "Alt 1", "10115");
    // We wrote the golden address to Salesforce; then the ERP moved on.
    Map<FieldPath, Object> leaves = new java.util.HashMap<>();
    EntityShape.of(Account.class)
        .flatten(written)
        .forEach(
            (k, v) -> {
              if (Account.Fields.SHIPPING_ADDRESS.contains(k)) {
                leaves.put(k, v);
              }
            });
    g.recordWritten(SF, ID, leaves);
    g.apply(ID, change(ERP, withShipping(account(), "Neu 3", "10117"), T0.plusSeconds(10)));

    MergeResult<Account> echo = g.apply(ID, change(SF, written, T0.plusSeconds(20)));
    assertTrue(echo.isEcho());
    assertEquals(1, g.echoes());
    assertEquals(
        List.of("Neu 3"),
        g.find(EntityType.ACCOUNT, ID).orElseThrow().entity().shipping().address().lines());
  }

  @Test
  void concurrentMergesOfOneRecordAreAllKept() throws Exception {
    GoldenRecords g = records(accountPolicy().build());
    g.apply(ID, change(ERP, account().build(), T0));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return g.apply(
                      ID,
                      change(
                          SF,
                          account().putExtension("f" + n, n).build(),
                          T0.plusSeconds(1 + n),
                          FieldPath.extension("f" + n)));
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Map<String, Object> ext = g.find(EntityType.ACCOUNT, ID).orElseThrow().entity().extensions();
    assertEquals(threads, ext.size(), ext.toString());
  }
}
