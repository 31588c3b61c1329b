package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * An in-memory connector for engine tests, with scripted faults: the next calls can throw (a 429
 * with Retry-After, a 5xx, a timeout), records can be rejected or fail retryably (a partial batch
 * failure). It records every batch it wrote and the MDC it saw. Thread-safe.
 *
 * @param <T> the entity type it feeds and writes
 */
final class ScriptedConnector<T extends CanonicalEntity> implements Connector {
  private final SystemId system;
  private final EntityType<T> type;
  // A Change, or the id (a String) of a source record the feed cannot map.
  private final List<Object> feed = new ArrayList<>();
  private final Set<String> unmappable = new HashSet<>();
  private final Map<String, T> sourceRecords = new HashMap<>();
  private boolean readable;
  private int reads;
  private final Deque<Supplier<RuntimeException>> callFaults = new ArrayDeque<>();
  private final Deque<Function<WriteRequest<T>, WriteOutcome>> recordFaults = new ArrayDeque<>();
  private Predicate<WriteRequest<T>> rejecting = r -> false;
  private final List<List<WriteRequest<T>>> batches = new ArrayList<>();
  private final List<Map<String, String>> mdcSeen = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();
  private final Map<String, ExternalId> ids = new HashMap<>();
  private int maxBatchSize = 50;
  private int calls;
  private int nextId = 1;

  ScriptedConnector(SystemId system, EntityType<T> type) {
    this.system = system;
    this.type = type;
  }

  synchronized ScriptedConnector<T> publish(List<Change<T>> changes) {
    feed.addAll(changes);
    return this;
  }

  /**
   * Publishes a source record the feed cannot map: the next poll reports it as rejected (its {@code
   * name} is missing), and the reader, if enabled, fails to map it until {@link #fixSource}.
   */
  synchronized ScriptedConnector<T> publishUnmappable(String id) {
    feed.add(id);
    unmappable.add(id);
    return this;
  }

  /** Offers a reader that reads source records by id (the feed's unmappable ones too). */
  synchronized ScriptedConnector<T> readable() {
    this.readable = true;
    return this;
  }

  /** Someone fixed the record in the source: it maps now, to this entity. */
  synchronized void fixSource(String id, T entity) {
    unmappable.remove(id);
    sourceRecords.put(id, entity);
  }

  synchronized int reads() {
    return reads;
  }

  synchronized ScriptedConnector<T> maxBatchSize(int size) {
    this.maxBatchSize = size;
    return this;
  }

  /** The next calls throw what the supplier gives. */
  synchronized ScriptedConnector<T> failCalls(int n, Supplier<RuntimeException> fault) {
    for (int i = 0; i < n; i++) {
      callFaults.add(fault);
    }
    return this;
  }

  synchronized void heal() {
    callFaults.clear();
    recordFaults.clear();
    rejecting = r -> false;
  }

  /** The next record written gets this outcome instead of being written. */
  synchronized ScriptedConnector<T> nextRecord(Function<WriteRequest<T>, WriteOutcome> outcome) {
    recordFaults.add(outcome);
    return this;
  }

  /** Records matching are rejected until healed. */
  synchronized ScriptedConnector<T> reject(Predicate<WriteRequest<T>> which) {
    this.rejecting = which;
    return this;
  }

  static RuntimeException tooManyRequests(Duration retryAfter) {
    return new RateLimitException(
        "HTTP 429 Too Many Requests", retryAfter, ErrorContext.of(null, "upsert"), true);
  }

  static RuntimeException serverError() {
    return new RemoteSystemException(
        "HTTP 503 Service Unavailable", 503, null, null, ErrorContext.none(), true);
  }

  static RuntimeException timeout() {
    return new RemoteSystemException(
        "read timed out", 0, "TIMEOUT", null, ErrorContext.none(), true);
  }

  static RuntimeException badRequest() {
    return new RemoteSystemException(
        "HTTP 400 Bad Request", 400, "INVALID", null, ErrorContext.none(), false);
  }

  synchronized List<List<WriteRequest<T>>> batches() {
    return List.copyOf(batches);
  }

  synchronized List<WriteRequest<T>> written() {
    List<WriteRequest<T>> all = new ArrayList<>();
    batches.forEach(all::addAll);
    return all;
  }

  synchronized int calls() {
    return calls;
  }

  synchronized List<Map<String, String>> mdcSeen() {
    return List.copyOf(mdcSeen);
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  @Override
  public SystemId system() {
    return system;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.of(type);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X extends CanonicalEntity> Optional<ChangeFeed<X>> changeFeed(EntityType<X> t) {
    if (!t.equals(type)) {
      return Optional.empty();
    }
    ChangeFeed<T> f = this::poll;
    return Optional.of((ChangeFeed<X>) f);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X extends CanonicalEntity> Optional<RecordReader<X>> reader(EntityType<X> t) {
    synchronized (this) {
      if (!t.equals(type) || !readable) {
        return Optional.empty();
      }
    }
    RecordReader<T> r = RecordReader.of(10, this::read);
    return Optional.of((RecordReader<X>) r);
  }

  private synchronized List<RemoteRecord<T>> read(List<String> ids) {
    reads++;
    List<RemoteRecord<T>> out = new ArrayList<>();
    for (String id : ids) {
      if (unmappable.contains(id)) {
        throw new MappingException("name", "a customer needs a name", null);
      }
      T entity = sourceRecords.get(id);
      if (entity != null) {
        out.add(new RemoteRecord<>(ExternalId.of(system, id), entity, "fixed", null));
      }
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X extends CanonicalEntity> Optional<RecordWriter<X>> writer(EntityType<X> t) {
    if (!t.equals(type)) {
      return Optional.empty();
    }
    RecordWriter<T> w =
        new RecordWriter<>() {
          @Override
          public int maxBatchSize() {
            synchronized (ScriptedConnector.this) {
              return maxBatchSize;
            }
          }

          @Override
          public List<WriteOutcome> upsert(List<WriteRequest<T>> batch) {
            return write(batch);
          }
        };
    return Optional.of((RecordWriter<X>) w);
  }

  @SuppressWarnings("unchecked")
  private synchronized ChangePage<T> poll(Cursor cursor, int max) {
    calls++;
    Supplier<RuntimeException> fault = callFaults.poll();
    if (fault != null) {
      throw fault.get();
    }
    int from = cursor.isBeginning() ? 0 : Integer.parseInt(cursor.value());
    int to = Math.min(feed.size(), from + max);
    List<Change<T>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    for (Object o : feed.subList(from, to)) {
      if (o instanceof String id) {
        rejected.add(
            FeedRejection.of(
                ExternalId.of(system, id),
                new MappingException("name", "a customer needs a name", null)));
      } else {
        changes.add((Change<T>) o);
      }
    }
    return new ChangePage<>(changes, rejected, Cursor.of(Integer.toString(to)), to < feed.size());
  }

  private synchronized List<WriteOutcome> write(List<WriteRequest<T>> batch) {
    calls++;
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    mdcSeen.add(mdc == null ? Map.of() : mdc);
    threads.add(Thread.currentThread().getName());
    Supplier<RuntimeException> fault = callFaults.poll();
    if (fault != null) {
      throw fault.get();
    }
    List<WriteOutcome> out = new ArrayList<>();
    List<WriteRequest<T>> accepted = new ArrayList<>();
    for (WriteRequest<T> r : batch) {
      Function<WriteRequest<T>, WriteOutcome> scripted = recordFaults.poll();
      if (scripted != null) {
        out.add(scripted.apply(r));
      } else if (rejecting.test(r)) {
        out.add(
            WriteOutcome.rejected(
                r.key(),
                "REQUIRED_FIELD_MISSING",
                "the target refused the record",
                List.of(FieldError.of("taxId", null, "is required here"))));
      } else {
        accepted.add(r);
        ExternalId known = ids.get(r.key());
        if (known == null) {
          known = ExternalId.of(system, "T-" + nextId++);
          ids.put(r.key(), known);
          out.add(WriteOutcome.created(r.key(), known, "1"));
        } else {
          out.add(WriteOutcome.updated(r.key(), known, null));
        }
      }
    }
    if (!accepted.isEmpty()) {
      batches.add(List.copyOf(accepted));
    }
    return out;
  }
}
