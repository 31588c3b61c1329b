package dev.retailsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector conformance kit: tests every connector must pass, ours or a user's.
 *
 * <p>Extend this class in the connector's test sources and answer its questions: how to build the
 * connector against a remote (a fake, or a real server), which entity type to test, a valid record,
 * the same record with a field changed, and how to read back the fields the connector round-trips.
 * Optional answers (an invalid record, a change made behind the connector's back, scripted faults,
 * moving a fake clock) switch on the tests that need them; without them those tests are skipped
 * with a message saying which answer is missing.
 *
 * <pre>{@code
 * class AcmeConformanceTest extends ConnectorConformanceKit<Account> {
 *   FakeAcme fake = new FakeAcme();
 *   protected Connector connector() { return AcmeConnector.against(fake); }
 *   protected EntityType<Account> entityType() { return EntityType.ACCOUNT; }
 *   protected Account sample(String key) { return Account.builder().name("Shop " + key).build(); }
 *   protected Account changed(Account a) { return a.toBuilder().name(a.name() + " (moved)").build(); }
 *   protected Object roundTrip(Account a) { return a.name(); }
 *   protected String unknownId() { return "999999"; }
 * }
 * }</pre>
 *
 * <p>Complete examples: {@code AcmeConformanceTest} in {@code examples/custom-erp-connector} (a
 * connector found through {@code ServiceLoader}, every hook answered) and the kit's own {@code
 * ReferenceConnectorConformanceTest}; {@code docs/custom-erp-connector.md} walks through them.
 *
 * <p>What the kit checks:
 *
 * <ul>
 *   <li>an upsert creates a record and reports its id; the same key written again finds it and
 *       updates it, never creating a second record (idempotent upsert);
 *   <li>a batch gets exactly one outcome per request, by key; an invalid record is rejected alone
 *       with its reason and the others are written;
 *   <li>the reader returns what was written, and nothing (no exception) for an unknown id;
 *   <li>the change feed returns what was written, and a poll resumed from a returned cursor returns
 *       later changes without repeating unchanged records;
 *   <li>a write based on a stale version ends as a conflict, not as a silent overwrite;
 *   <li>throttling and server errors end as retryable failures, never as rejections.
 * </ul>
 *
 * @param <T> the entity type under test
 */
public abstract class ConnectorConformanceKit<T extends CanonicalEntity> {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Connector connector;

  /** Creates the kit; subclasses are JUnit test classes. */
  protected ConnectorConformanceKit() {}

  /**
   * Returns the connector under test, against its remote. Called before every test; a fake may be
   * fresh each time, a real server may be shared since the kit's keys are unique per run.
   *
   * @return the connector
   */
  protected abstract Connector connector();

  /**
   * Returns the entity type the kit writes, reads and polls.
   *
   * @return the type
   */
  protected abstract EntityType<T> entityType();

  /**
   * Returns a valid new record whose natural key includes {@code key}, so that two calls give two
   * distinct records.
   *
   * @param key a value unique in this run, usable in a name, number or e-mail local part
   * @return the record
   */
  protected abstract T sample(String key);

  /**
   * Returns the record with a field changed that the connector writes and reads back.
   *
   * @param record a record from {@link #sample(String)}
   * @return the changed record
   */
  protected abstract T changed(T record);

  /**
   * Returns the part of a record the connector round-trips, compared with {@code equals} between
   * what was written and what was read back: for example a list of the mapped fields.
   *
   * @param record a record
   * @return the comparable part
   */
  protected abstract Object roundTrip(T record);

  /**
   * Returns an id in the remote's id format that names no record.
   *
   * @return the id
   */
  protected abstract String unknownId();

  /**
   * Returns a record the remote refuses (a field too long, a required field empty), or empty when
   * the connector cannot produce one; the rejection test is then skipped.
   *
   * @param key a value unique in this run
   * @return the invalid record, or empty
   */
  protected Optional<T> invalid(String key) {
    return Optional.empty();
  }

  /**
   * Changes the record in the remote behind the connector's back, so that its version changes.
   * Return {@code false} (the default) when the remote cannot; the conflict test is then skipped.
   *
   * @param id the record
   * @return whether the record was changed
   */
  protected boolean changeRemotely(ExternalId id) {
    return false;
  }

  /**
   * Makes the remote fail the next call with {@code fault}. Return {@code false} (the default) when
   * it cannot; the fault tests are then skipped.
   *
   * @param fault the failure to produce
   * @return whether the fault is armed
   */
  protected boolean injectFault(Fault fault) {
    return false;
  }

  /**
   * Moves time forward for a remote and connector on a fake clock, between a write and the poll
   * that should see it (feeds with an overlap or settle window). The default does nothing, which
   * suits a real server.
   *
   * @param duration how far
   */
  protected void advanceTime(Duration duration) {}

  /**
   * Returns the page size the kit polls with.
   *
   * @return changes per poll
   */
  protected int pollSize() {
    return 50;
  }

  /** Builds the connector before each test. */
  @BeforeEach
  protected final void openConnector() {
    connector = connector();
    assertNotNull(connector, "connector() returned null");
  }

  /** Closes the connector after each test. */
  @AfterEach
  protected final void closeConnector() {
    if (connector != null) {
      connector.close();
    }
  }

  /**
   * Returns a key unique in this run.
   *
   * @return the key
   */
  protected static String uniqueKey() {
    return "ck" + RUN + "n" + SEQUENCE.incrementAndGet();
  }

  /** Checks the connector declares the type under test and offers a writer for it. */
  @Test
  void declaresTheEntityTypeAndAWriter() {
    assertTrue(
        connector.entityTypes().contains(entityType()),
        "entityTypes() must contain " + entityType() + ", was " + connector.entityTypes());
    assertNotNull(connector.system(), "system() must not be null");
    RecordWriter<T> writer = writer();
    assertTrue(writer.maxBatchSize() >= 1, "maxBatchSize() must be 1 or more");
  }

  /** An upsert creates; the same key again updates the same record; nothing is duplicated. */
  @Test
  void upsertIsIdempotentByKey() {
    String key = uniqueKey();
    T first = sample(key);
    WriteOutcome created = writeOne(WriteRequest.of(key, first));
    assertEquals(
        WriteOutcome.Status.CREATED, created.status(), "first write of a new key: " + created);
    assertNotNull(created.externalId(), "a created outcome carries the record's id: " + created);

    WriteOutcome again = writeOne(WriteRequest.of(key, first));
    assertTrue(again.isSuccess(), "the same record written again must succeed: " + again);
    assertNotEquals(
        WriteOutcome.Status.CREATED,
        again.status(),
        "the same key written again must find the record, not create a second one: " + again);
    assertEquals(created.externalId(), again.externalId(), "the same key names the same record");

    T second = changed(first);
    WriteOutcome updated = writeOne(WriteRequest.of(key, second));
    assertEquals(WriteOutcome.Status.UPDATED, updated.status(), "a changed record: " + updated);
    assertEquals(created.externalId(), updated.externalId());

    RemoteRecord<T> read = readOne(created.externalId().id());
    assertEquals(
        roundTrip(second), roundTrip(read.entity()), "the reader returns what was written");
  }

  /** A batch gets one outcome per request, by key, and each record its own id. */
  @Test
  void batchGetsOneOutcomePerRecord() {
    RecordWriter<T> writer = writer();
    int size = Math.min(3, writer.maxBatchSize());
    List<WriteRequest<T>> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String key = uniqueKey();
      batch.add(WriteRequest.of(key, sample(key)));
    }
    Map<String, WriteOutcome> outcomes = byKey(batch, writer.upsert(batch));
    Set<ExternalId> ids = new HashSet<>();
    for (WriteRequest<T> request : batch) {
      WriteOutcome outcome = outcomes.get(request.key());
      assertEquals(WriteOutcome.Status.CREATED, outcome.status(), "batch record: " + outcome);
      assertTrue(ids.add(outcome.externalId()), "two records got the same id: " + outcomes);
    }
  }

  /** An invalid record is rejected alone, with its reason; the others in its batch are written. */
  @Test
  void invalidRecordIsRejectedAloneWithItsReason() {
    String badKey = uniqueKey();
    Optional<T> bad = invalid(badKey);
    assumeTrue(bad.isPresent(), "invalid(key) gives no record: rejection test skipped");
    RecordWriter<T> writer = writer();
    List<WriteRequest<T>> batch = new ArrayList<>();
    String before = uniqueKey();
    String after = uniqueKey();
    batch.add(WriteRequest.of(before, sample(before)));
    batch.add(WriteRequest.of(badKey, bad.get()));
    if (writer.maxBatchSize() >= 3) {
      batch.add(WriteRequest.of(after, sample(after)));
    }
    List<WriteOutcome> list = new ArrayList<>();
    for (int i = 0; i < batch.size(); i += writer.maxBatchSize()) {
      list.addAll(
          writer.upsert(batch.subList(i, Math.min(batch.size(), i + writer.maxBatchSize()))));
    }
    Map<String, WriteOutcome> outcomes = byKey(batch, list);
    WriteOutcome rejected = outcomes.get(badKey);
    assertEquals(WriteOutcome.Status.REJECTED, rejected.status(), "invalid record: " + rejected);
    assertFalse(
        rejected.message() == null || rejected.message().isBlank(),
        "a rejection says why: " + rejected);
    for (WriteRequest<T> request : batch) {
      if (!request.key().equals(badKey)) {
        assertTrue(
            outcomes.get(request.key()).isSuccess(),
            "a valid record beside an invalid one must be written: " + outcomes.get(request.key()));
      }
    }
  }

  /** Reading an id that names no record returns nothing rather than failing. */
  @Test
  void readerReturnsNothingForAnUnknownId() {
    Optional<RecordReader<T>> reader = connector.reader(entityType());
    assumeTrue(reader.isPresent(), "the connector has no reader for " + entityType());
    List<RemoteRecord<T>> none = reader.get().read(List.of(unknownId()));
    assertTrue(none.isEmpty(), "an unknown id reads as nothing, was " + none);
  }

  /** The feed returns what was written; a poll resumed from its cursor returns only what is new. */
  @Test
  void changeFeedResumesFromItsCursor() {
    Optional<ChangeFeed<T>> feed = connector.changeFeed(entityType());
    assumeTrue(feed.isPresent(), "the connector has no change feed for " + entityType());
    String key = uniqueKey();
    WriteOutcome first = writeOne(WriteRequest.of(key, sample(key)));
    assertTrue(first.isSuccess(), "write: " + first);
    advanceTime(Duration.ofMinutes(5));

    Drained<T> all = drain(feed.get(), Cursor.beginning());
    assertTrue(
        all.ids.contains(first.externalId().id()),
        "a poll from the beginning returns the record written: " + first.externalId());

    Drained<T> nothingNew = drain(feed.get(), all.cursor);
    assertFalse(
        nothingNew.ids.contains(first.externalId().id()),
        "a poll resumed from the last cursor must not repeat an unchanged record");

    String laterKey = uniqueKey();
    WriteOutcome later = writeOne(WriteRequest.of(laterKey, sample(laterKey)));
    assertTrue(later.isSuccess(), "write: " + later);
    advanceTime(Duration.ofMinutes(5));
    Drained<T> resumed = drain(feed.get(), nothingNew.cursor);
    assertTrue(
        resumed.ids.contains(later.externalId().id()),
        "a poll resumed from the last cursor returns a record written since");
    assertFalse(
        resumed.ids.contains(first.externalId().id()),
        "a poll resumed from the last cursor must not repeat an unchanged record");
  }

  /** A write based on a version the remote has moved past is a conflict, not an overwrite. */
  @Test
  void staleVersionIsAConflict() {
    String key = uniqueKey();
    T record = sample(key);
    WriteOutcome created = writeOne(WriteRequest.of(key, record));
    assertTrue(created.isSuccess(), "write: " + created);
    RemoteRecord<T> read = readOne(created.externalId().id());
    String seen = read.version() != null ? read.version() : created.version();
    assumeTrue(seen != null, "the connector reports no version tokens: conflict test skipped");
    assumeTrue(
        changeRemotely(created.externalId()),
        "changeRemotely(id) is not supported: conflict test skipped");
    WriteRequest<T> stale =
        new WriteRequest<>(key, changed(record), created.externalId(), seen, Set.of(), null, null);
    WriteOutcome outcome;
    try {
      outcome = writeOne(stale);
    } catch (SyncException e) {
      assertFalse(e.isRetryable(), "a stale version is not fixed by retrying the same write");
      return;
    }
    assertEquals(
        WriteOutcome.Status.REJECTED,
        outcome.status(),
        "a write based on a stale version must not overwrite: " + outcome);
  }

  /** Throttling ends as a retryable failure, never as a rejection or a lost record. */
  @Test
  void throttlingIsRetryable() {
    assertFaultIsRetryable(Fault.THROTTLED);
  }

  /** A server error ends as a retryable failure, never as a rejection or a lost record. */
  @Test
  void serverErrorIsRetryable() {
    assertFaultIsRetryable(Fault.UNAVAILABLE);
  }

  private void assertFaultIsRetryable(Fault fault) {
    assumeTrue(injectFault(fault), "injectFault(" + fault + ") is not supported: skipped");
    String key = uniqueKey();
    WriteOutcome outcome;
    try {
      outcome = writeOne(WriteRequest.of(key, sample(key)));
    } catch (SyncException e) {
      assertTrue(e.isRetryable(), fault + " must be reported retryable: " + e);
      return;
    }
    assertTrue(
        outcome.isSuccess() || outcome.status() == WriteOutcome.Status.RETRYABLE_FAILURE,
        fault
            + " must end as a retryable failure (or a success after the connector's own retry),"
            + " never as a rejection: "
            + outcome);
  }

  private RecordWriter<T> writer() {
    Optional<RecordWriter<T>> writer = connector.writer(entityType());
    assertTrue(writer.isPresent(), "the connector offers no writer for " + entityType());
    return writer.get();
  }

  private WriteOutcome writeOne(WriteRequest<T> request) {
    List<WriteOutcome> outcomes = writer().upsert(List.of(request));
    assertEquals(1, outcomes.size(), "one request gets one outcome: " + outcomes);
    assertEquals(request.key(), outcomes.get(0).key(), "the outcome carries the request's key");
    return outcomes.get(0);
  }

  private RemoteRecord<T> readOne(String id) {
    Optional<RecordReader<T>> reader = connector.reader(entityType());
    assumeTrue(reader.isPresent(), "the connector has no reader for " + entityType());
    List<RemoteRecord<T>> read = reader.get().read(List.of(id));
    assertEquals(1, read.size(), "reading " + id + " returns one record: " + read);
    assertEquals(id, read.get(0).id().id(), "the record read back carries the id it was read by");
    return read.get(0);
  }

  private Map<String, WriteOutcome> byKey(List<WriteRequest<T>> batch, List<WriteOutcome> list) {
    assertEquals(
        batch.size(),
        list.size(),
        "one outcome per request (" + batch.size() + " requests), got: " + list);
    Map<String, WriteOutcome> outcomes = new HashMap<>();
    for (WriteOutcome outcome : list) {
      if (outcomes.put(outcome.key(), outcome) != null) {
        fail("two outcomes for key " + outcome.key() + ": " + list);
      }
    }
    for (WriteRequest<T> request : batch) {
      assertTrue(
          outcomes.containsKey(request.key()),
          "no outcome for key " + request.key() + ": every request gets its own outcome");
    }
    return outcomes;
  }

  private Drained<T> drain(ChangeFeed<T> feed, Cursor from) {
    Cursor cursor = from;
    Set<String> ids = new HashSet<>();
    for (int polls = 0; polls < 10_000; polls++) {
      ChangePage<T> page = feed.poll(cursor, pollSize());
      assertNotNull(page.next(), "a page carries the next cursor");
      for (Change<T> change : page.changes()) {
        assertNotNull(change.source(), "a change names its source record");
        if (change.type() != ChangeType.DELETED) {
          ids.add(change.source().id());
        }
      }
      cursor = page.next();
      if (!page.hasMore()) {
        return new Drained<>(ids, cursor);
      }
    }
    return fail("the feed kept saying hasMore after 10,000 polls");
  }

  private record Drained<T>(Set<String> ids, Cursor cursor) {}
}
