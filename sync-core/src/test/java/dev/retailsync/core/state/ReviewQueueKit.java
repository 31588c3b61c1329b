package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.core.golden.Lineage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ReviewQueue} has (STYLE.md rule 19): the in-memory queue and the JDBC
 * queue extend this kit unchanged. It uses only the public interface.
 */
public abstract class ReviewQueueKit {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final FieldPath EMAIL = Account.Fields.BILLING_EMAIL;
  private static final FieldPath SHIPPING_CITY = FieldPath.of("shipping.address.locality");

  /** The queue under test; a new, empty one for every test. */
  protected ReviewQueue queue;

  private ExecutorService pool;

  /** Creates the kit; subclasses supply the implementation through the factory method. */
  protected ReviewQueueKit() {}

  /**
   * Returns a new, empty queue (a JDBC implementation clears its tables first).
   *
   * @return the queue
   */
  protected abstract ReviewQueue newQueue();

  @BeforeEach
  void createQueue() {
    queue = newQueue();
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static Lineage lineage(SystemId system, int second) {
    return new Lineage(
        system,
        T0.plusSeconds(second),
        "v" + second,
        T0.plusSeconds(second + 1L),
        CorrelationId.of("chg-" + system + "-" + second));
  }

  /** An open item parked {@code second} seconds after T0. */
  private static ReviewItem item(String id, EntityType<?> type, int second) {
    // A field the entity type really has: stores may check it.
    FieldPath field = type == EntityType.ACCOUNT ? EMAIL : FieldPath.of("taxId");
    return new ReviewItem(
        id,
        type,
        CanonicalId.of("gold-" + id),
        field,
        Map.of(field, "jane.doe@example.com"),
        lineage(SystemId.SALESFORCE, 0),
        Map.of(field, "j.doe@example.org"),
        lineage(SystemId.SHOPIFY, second),
        ReviewItem.Status.OPEN,
        T0.plusSeconds(second),
        null);
  }

  private static List<String> ids(List<ReviewItem> items) {
    return items.stream().map(ReviewItem::id).toList();
  }

  @Test
  void anAddedItemIsFoundWithAllItsData() {
    ReviewItem item = item("r-1", EntityType.ACCOUNT, 0);

    queue.add(item);

    assertEquals(Optional.of(item), queue.find("r-1"));
    assertEquals(Optional.empty(), queue.find("r-unknown"));
  }

  @Test
  void anItemWithoutCurrentLineageReadsBack() {
    ReviewItem item =
        new ReviewItem(
            "r-new-field",
            EntityType.ACCOUNT,
            CanonicalId.of("gold-1"),
            SHIPPING_CITY,
            Map.of(),
            null,
            Map.of(SHIPPING_CITY, "Zürich"),
            lineage(SystemId.SHOPIFY, 3),
            ReviewItem.Status.OPEN,
            T0,
            null);

    queue.add(item);

    assertEquals(Optional.of(item), queue.find("r-new-field"));
  }

  @Test
  void anItemIdCanBeAddedOnlyOnce() {
    ReviewItem first = item("r-1", EntityType.ACCOUNT, 0);
    queue.add(first);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> queue.add(item("r-1", EntityType.PARTY, 5)));

    assertTrue(e.getMessage().contains("r-1"), e.getMessage());
    assertEquals(Optional.of(first), queue.find("r-1"), "the first item must be kept");
    assertEquals(List.of("r-1"), ids(queue.open(null, 10)));
  }

  @Test
  void openItemsComeOldestFirst() {
    queue.add(item("r-late", EntityType.ACCOUNT, 30));
    queue.add(item("r-early", EntityType.ACCOUNT, 10));
    queue.add(item("r-middle", EntityType.PARTY, 20));

    assertEquals(List.of("r-early", "r-middle", "r-late"), ids(queue.open(null, 10)));
  }

  @Test
  void openItemsAreFilteredByEntityType() {
    queue.add(item("a-1", EntityType.ACCOUNT, 1));
    queue.add(item("p-1", EntityType.PARTY, 2));
    queue.add(item("a-2", EntityType.ACCOUNT, 3));

    assertEquals(List.of("a-1", "a-2"), ids(queue.open(EntityType.ACCOUNT, 10)));
    assertEquals(List.of("p-1"), ids(queue.open(EntityType.PARTY, 10)));
    assertEquals(List.of(), queue.open(EntityType.ORDER, 10));
  }

  @Test
  void openItemsAreLimitedToTheOldest() {
    for (int i = 5; i >= 1; i--) {
      queue.add(item("r-" + i, EntityType.ACCOUNT, i));
    }

    assertEquals(List.of("r-1", "r-2"), ids(queue.open(null, 2)));
    assertEquals(List.of("r-1", "r-2", "r-3"), ids(queue.open(EntityType.ACCOUNT, 3)));
  }

  @Test
  void anItemIsDecidedOnceAndTheFirstDecisionStands() {
    queue.add(item("r-1", EntityType.ACCOUNT, 0));
    Instant at = T0.plusSeconds(3600);

    ReviewItem decided = queue.decide("r-1", ReviewItem.Status.ACCEPTED, at).orElseThrow();

    assertEquals(ReviewItem.Status.ACCEPTED, decided.status());
    assertEquals(at, decided.decidedAt());
    assertEquals(
        Optional.empty(), queue.decide("r-1", ReviewItem.Status.REJECTED, at.plusSeconds(1)));
    assertEquals(Optional.of(decided), queue.find("r-1"));
  }

  @Test
  void decidingAnUnknownItemGivesNothing() {
    assertEquals(
        Optional.empty(), queue.decide("r-unknown", ReviewItem.Status.REJECTED, T0.plusSeconds(1)));
  }

  @Test
  void decidedItemsLeaveTheOpenList() {
    queue.add(item("r-1", EntityType.ACCOUNT, 1));
    queue.add(item("r-2", EntityType.ACCOUNT, 2));
    queue.add(item("r-3", EntityType.ACCOUNT, 3));

    queue.decide("r-1", ReviewItem.Status.ACCEPTED, T0.plusSeconds(10));
    queue.decide("r-3", ReviewItem.Status.REJECTED, T0.plusSeconds(11));

    assertEquals(List.of("r-2"), ids(queue.open(null, 10)));
    assertEquals(List.of("r-2"), ids(queue.open(EntityType.ACCOUNT, 10)));
    assertEquals(ReviewItem.Status.REJECTED, queue.find("r-3").orElseThrow().status());
  }

  @Test
  void ofConcurrentDecisionsOnOneItemExactlyOneIsTaken() throws Exception {
    int threads = 8;
    pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    for (int round = 0; round < 50; round++) {
      String id = "r-" + round;
      queue.add(item(id, EntityType.ACCOUNT, round));
      List<Future<Optional<ReviewItem>>> decisions = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ReviewItem.Status decision =
            t % 2 == 0 ? ReviewItem.Status.ACCEPTED : ReviewItem.Status.REJECTED;
        Instant at = T0.plusSeconds(1000 + t);
        decisions.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return queue.decide(id, decision, at);
                }));
      }
      List<ReviewItem> taken = new ArrayList<>();
      for (Future<Optional<ReviewItem>> f : decisions) {
        f.get(10, TimeUnit.SECONDS).ifPresent(taken::add);
      }

      assertEquals(1, taken.size(), "decisions taken for " + id + ": " + taken);
      assertEquals(Optional.of(taken.get(0)), queue.find(id));
    }
  }

  @Test
  void anItemsTextShowsNeitherValue() {
    queue.add(item("r-1", EntityType.ACCOUNT, 0));

    String text = queue.find("r-1").orElseThrow().toString();

    assertFalse(text.contains("jane.doe@example.com"), text);
    assertFalse(text.contains("j.doe@example.org"), text);
    assertFalse(text.contains("jane.doe"), text);
    assertTrue(text.contains("r-1") && text.contains("billing.email"), text);
  }
}
