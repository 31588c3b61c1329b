package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.deadletter.InMemoryDeadLetterStore;
import dev.retailsync.core.golden.GoldenRecords;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.golden.WritePlanner;
import dev.retailsync.core.observability.AuditTrail;
import dev.retailsync.core.observability.InMemoryAuditTrail;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.resilience.BudgetListener;
import dev.retailsync.core.resilience.ResilienceSettings;
import dev.retailsync.core.state.CrossReferenceStore;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.GoldenRecordStore;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryCrossReferenceStore;
import dev.retailsync.core.state.InMemoryCursorStore;
import dev.retailsync.core.state.InMemoryGoldenRecordStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.core.state.InMemoryReviewQueue;
import dev.retailsync.core.state.InMemoryWriteFingerprintStore;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.core.state.LeaseStore;
import dev.retailsync.core.state.ReviewQueue;
import dev.retailsync.core.state.WriteFingerprintStore;
import dev.retailsync.core.validation.CanonicalValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: runs the flows a host registers along DESIGN.md's data path (poll with the
 * stored cursor, dedupe, validate, resolve identity, merge under ownership, plan, deliver under
 * retry, circuit breaker, bulkhead and rate limit, record outcomes, advance the cursor once every
 * change of the page is applied or dead-lettered).
 *
 * <p>Create one engine per host and reuse it: it owns its executors (a scheduler and a pool of
 * delivery threads unless the host supplies its own) and is thread-safe. {@link #toBuilder()}
 * derives a variant that shares them; close the engine built first last. The host either drives it
 * step by step ({@link #runOnce()}, {@link #drain()}) from its own scheduler, or lets it poll on
 * its threads ({@link #start}). Webhook and push sources enter through {@link #accept}, which
 * blocks when the engine's bounded queue is full (back-pressure: a fast producer is slowed, nothing
 * is dropped).
 *
 * <p>Concurrency: each flow is polled by one thread at a time (a second {@link #runOnce()} waits
 * for the first); pushed changes should be processed either by the worker of {@link #start} or by
 * the host's calls to {@link #drain()}, not both, so that changes to one record keep their order. A
 * failure that escapes the data path (a state store that is down) fails the page: its cursor does
 * not advance and the page is polled again; pushed changes drained in that chunk are kept and taken
 * first by the next {@link #drain()} (which rethrows the failure) or by the worker.
 *
 * <p>Failures never vanish: every change that cannot be applied, and every write that cannot be
 * made, becomes a dead letter with its reason ({@link #deadLetters()}), which {@link
 * #replay(String)} runs through the whole path again.
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final int DRAIN_CHUNK = 256;

  private final Builder config;
  private final Clock clock;
  private final SyncScheduler scheduler;
  private final Executor deliveryExecutor;
  private final List<AutoCloseable> owned;
  private final Map<String, Pipeline.FlowRuntime<?>> flows;
  private final Pipeline pipeline;
  private final ConcurrentMap<SystemId, ConnectorGuard> guards = new ConcurrentHashMap<>();
  private final BlockingQueue<Change<?>> inbound;
  // Pushed changes whose processing failed before they were applied or dead-lettered (a state
  // store was down): taken again before anything new, so no accepted change is lost.
  private final java.util.Deque<Change<?>> retryFirst = new java.util.ArrayDeque<>();
  private final int maxReplays;
  private final Object startLock = new Object();
  private Future<?> polling;
  private Thread inboundWorker;
  private volatile boolean closed;

  private SyncEngine(Builder b, Shared shared) {
    this.config = b;
    this.clock = b.clock;
    List<AutoCloseable> own = new ArrayList<>();
    if (shared != null) {
      this.scheduler = shared.scheduler;
      this.deliveryExecutor = shared.delivery;
    } else {
      if (b.scheduler != null) {
        this.scheduler = b.scheduler;
      } else {
        ScheduledExecutorService ses =
            Executors.newSingleThreadScheduledExecutor(threads("retail-sync-scheduler"));
        own.add(ses::shutdownNow);
        this.scheduler = SyncScheduler.of(ses);
      }
      if (b.deliveryExecutor != null) {
        this.deliveryExecutor = b.deliveryExecutor;
      } else {
        ExecutorService pool =
            Executors.newFixedThreadPool(b.deliveryParallelism, threads("retail-sync-delivery"));
        own.add(pool::shutdownNow);
        this.deliveryExecutor = pool;
      }
    }
    this.owned = List.copyOf(own);
    GoldenRecords golden =
        GoldenRecords.builder()
            .merger(b.merger)
            .store(b.goldenRecordStore)
            .reviewQueue(b.reviewQueue)
            .fingerprints(b.writeFingerprints)
            .clock(b.clock)
            .build();
    this.pipeline =
        new Pipeline(
            b.clock,
            golden,
            CanonicalValidator.create(),
            b.idempotencyStore,
            b.crossReferences,
            b.cursors,
            b.deadLetters,
            b.auditTrail,
            b.listener,
            this::guard,
            deliveryExecutor,
            b.deliveryParallelism,
            b.pollLeases);
    IdentityResolver defaultResolver =
        b.identityResolver != null
            ? b.identityResolver
            : IdentityResolver.crossReference(b.crossReferences, b.canonicalIds);
    Map<String, Pipeline.FlowRuntime<?>> m = new LinkedHashMap<>();
    for (Flow<?> f : b.flows) {
      if (m.containsKey(f.name())) {
        throw ValidationException.of("SyncEngine", "flows", f.name(), "two flows have this name");
      }
      m.put(f.name(), runtime(f, b.merger, defaultResolver));
    }
    this.flows = Map.copyOf(m);
    this.inbound = new ArrayBlockingQueue<>(b.queueCapacity);
    this.maxReplays = b.maxReplays;
  }

  private static <T extends CanonicalEntity> Pipeline.FlowRuntime<T> runtime(
      Flow<T> flow, Merger merger, IdentityResolver defaultResolver) {
    if (merger.policy(flow.entityType()).isEmpty()) {
      throw ValidationException.of(
          "SyncEngine",
          "flows",
          flow.name(),
          "no ownership policy covers " + flow.entityType() + "; add one to the Merger");
    }
    WritePlanner.Builder planner = WritePlanner.builder(merger);
    for (Flow.Target t : flow.targets()) {
      if (t.fields().isEmpty()) {
        planner.subscribeAll(flow.entityType(), t.system());
      } else {
        planner.subscribe(
            flow.entityType(), t.system(), t.fields().toArray(new dev.retailsync.api.FieldPath[0]));
      }
    }
    return new Pipeline.FlowRuntime<>(
        flow, planner.build(), flow.identityResolver().orElse(defaultResolver));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Shared(SyncScheduler scheduler, Executor delivery) {}

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this engine's settings, stores and flows; the engine it
   * builds shares this engine's scheduler and delivery threads.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = config.copy();
    b.shared = new Shared(scheduler, deliveryExecutor);
    return b;
  }

  ConnectorGuard guard(SystemId system) {
    return guards.computeIfAbsent(
        system,
        s ->
            new ConnectorGuard(
                s,
                config.resilience.getOrDefault(s, config.defaultResilience),
                clock,
                config.random,
                scheduler));
  }

  /**
   * Returns the listener connectors report the remote budget to; hosts put it into each connector's
   * context ({@code putService(BudgetListener.class, engine.budgetListener())}).
   *
   * @return the listener
   */
  public BudgetListener budgetListener() {
    return (system, budget) -> guard(system).limiter().onBudget(budget);
  }

  /**
   * Returns the registered flows.
   *
   * @return the flows, by name
   */
  public Map<String, Flow<?>> flows() {
    Map<String, Flow<?>> m = new LinkedHashMap<>();
    flows.forEach((k, v) -> m.put(k, v.flow));
    return m;
  }

  /**
   * Polls every flow that has a source connector until its feed has no more changes (at most 1000
   * pages per flow), processes every page along the data path, drains the queue of pushed changes,
   * and returns the report.
   *
   * @return the report after the run
   * @throws SyncException if a flow's source could not be polled after its retries (the other flows
   *     still ran; further failures are suppressed on the first)
   */
  public RunReport runOnce() {
    checkOpen();
    SyncException first = null;
    for (Pipeline.FlowRuntime<?> rt : flows.values()) {
      if (rt.feed == null) {
        continue;
      }
      try {
        pipeline.poll(rt);
      } catch (RuntimeException e) {
        LOG.error("flow {} stopped this run; its cursor stays before the failed page", rt.flow, e);
        SyncException s =
            e instanceof SyncException se
                ? se
                : new SyncException(
                    "flow " + rt.flow.name() + " failed: " + e,
                    e,
                    ErrorContext.of(rt.flow.sourceSystem(), "run"),
                    true);
        if (first == null) {
          first = s;
        } else {
          first.addSuppressed(s);
        }
      }
    }
    drain();
    if (first != null) {
      throw first;
    }
    return report();
  }

  /**
   * Polls one flow once through its whole backlog, like {@link #runOnce()} for one flow.
   *
   * @param flow the flow's name
   * @return how many changes were processed
   * @throws ValidationException if no flow has that name or it has no source connector
   */
  public int runOnce(String flow) {
    checkOpen();
    Pipeline.FlowRuntime<?> rt = flows.get(flow);
    if (rt == null || rt.feed == null) {
      throw ValidationException.of(
          "SyncEngine", "flow", flow, rt == null ? "is not registered" : "has no source to poll");
    }
    return pipeline.poll(rt);
  }

  /**
   * Takes a pushed change (a webhook, a platform event) into the engine's bounded queue. Blocks
   * while the queue is full, so a producer that outruns the engine is slowed, never given an
   * unbounded heap; nothing is dropped. The change is processed by the engine's worker once {@link
   * #start} was called, or by the next {@link #drain()} or {@link #runOnce()}.
   *
   * @param change the change
   * @throws ValidationException if no flow takes changes of this entity type from this system
   * @throws SyncException if the thread is interrupted while waiting for room
   */
  public void accept(Change<?> change) {
    checkOpen();
    Objects.requireNonNull(change, "change");
    flowFor(change);
    try {
      inbound.put(change);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(
          "interrupted while waiting for room in the engine's queue",
          e,
          new ErrorContext(change.source().system(), "accept", change.correlationId(), 0),
          true);
    }
  }

  /**
   * Returns how many pushed changes wait in the queue.
   *
   * @return the count
   */
  public int queued() {
    synchronized (retryFirst) {
      return inbound.size() + retryFirst.size();
    }
  }

  /**
   * Processes every pushed change waiting in the queue, on the calling thread.
   *
   * @return how many changes were processed
   */
  public int drain() {
    int n = 0;
    List<Change<?>> chunk = new ArrayList<>(DRAIN_CHUNK);
    while (takeChunk(chunk, false) > 0) {
      processPushed(chunk);
      n += chunk.size();
      chunk.clear();
    }
    return n;
  }

  /** Fills a chunk: changes to retry first, then new ones; waits for one when asked to. */
  private int takeChunk(List<Change<?>> chunk, boolean wait) {
    synchronized (retryFirst) {
      while (!retryFirst.isEmpty() && chunk.size() < DRAIN_CHUNK) {
        chunk.add(retryFirst.poll());
      }
    }
    if (chunk.isEmpty() && wait) {
      try {
        Change<?> first = inbound.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        if (first != null) {
          chunk.add(first);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    inbound.drainTo(chunk, DRAIN_CHUNK - chunk.size());
    return chunk.size();
  }

  /**
   * Processes a chunk of pushed changes flow by flow. A failure that escapes the data path (a state
   * store that is down) puts the chunk's changes back to be taken first next time: changes already
   * applied are recognised by their idempotency key then, so nothing is lost or applied twice.
   */
  private void processPushed(List<Change<?>> chunk) {
    Map<Pipeline.FlowRuntime<?>, List<Change<?>>> byFlow = new LinkedHashMap<>();
    for (Change<?> c : chunk) {
      byFlow.computeIfAbsent(flowFor(c), f -> new ArrayList<>()).add(c);
    }
    try {
      byFlow.forEach(this::processUnchecked);
    } catch (RuntimeException e) {
      synchronized (retryFirst) {
        for (int i = chunk.size() - 1; i >= 0; i--) {
          retryFirst.addFirst(chunk.get(i));
        }
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> Pipeline.BatchResult processUnchecked(
      Pipeline.FlowRuntime<T> rt, List<? extends Change<?>> changes) {
    for (Change<?> c : changes) {
      pipeline.emit(Stage.ACCEPTED, rt, c.source().system(), c, "");
    }
    return pipeline.process(rt, (List<Change<T>>) changes, null);
  }

  private Pipeline.FlowRuntime<?> flowFor(Change<?> change) {
    for (Pipeline.FlowRuntime<?> rt : flows.values()) {
      if (rt.flow.entityType().equals(change.entityType())
          && rt.flow.sourceSystem().equals(change.source().system())) {
        return rt;
      }
    }
    throw ValidationException.of(
        "Change",
        "source",
        change.source().system(),
        "no flow takes " + change.entityType() + " changes from this system");
  }

  /**
   * Starts polling every flow with a source connector at a fixed delay, and a worker that processes
   * pushed changes as they arrive. Idempotent.
   *
   * @param pollInterval the delay between the end of one run and the start of the next
   */
  public void start(Duration pollInterval) {
    checkOpen();
    synchronized (startLock) {
      if (polling != null) {
        return;
      }
      polling =
          scheduler.scheduleWithFixedDelay(
              () -> {
                try {
                  runOnce();
                } catch (RuntimeException e) {
                  LOG.error("scheduled run failed; the next run tries again", e);
                }
              },
              Duration.ZERO,
              pollInterval);
      inboundWorker = threads("retail-sync-inbound").newThread(this::workInbound);
      inboundWorker.start();
    }
  }

  private void workInbound() {
    List<Change<?>> chunk = new ArrayList<>(DRAIN_CHUNK);
    while (!closed && !Thread.currentThread().isInterrupted()) {
      try {
        if (takeChunk(chunk, true) > 0) {
          processPushed(chunk);
        }
      } catch (RuntimeException e) {
        LOG.error("processing pushed changes failed; they are kept and tried again", e);
        pauseAfterFailure();
      } finally {
        chunk.clear();
      }
    }
  }

  private void pauseAfterFailure() {
    // Real time on purpose: this worker runs only on the engine's own thread (start()).
    try {
      java.util.concurrent.TimeUnit.SECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the dead-letter store, to inspect letters (by flow, system, entity, reason, time) and
   * purge them.
   *
   * @return the store
   */
  public DeadLetterStore deadLetters() {
    return config.deadLetters;
  }

  /**
   * Replays one dead letter through the whole path: validation, dedupe, identity, merge and, for a
   * failed write, the write to its target. A letter that fails again counts one more failure; one
   * replayed {@code maxReplays} times without success is quarantined by the loop guard and no
   * longer replayed by {@link #replay(DeadLetterFilter)}. Replaying by id is the manual way out of
   * quarantine, after fixing the cause.
   *
   * <p>A letter of a source record the flow's feed could not map ({@link
   * DeadLetter#isFeedRejection()}) has no change to run again: its replay reads the record again by
   * id with the source connector's reader. If it maps now, it runs through the whole path as a
   * fresh change and the letter is resolved (a later failure of that change is a letter of its
   * own); if it still cannot be read or mapped, the letter counts one more failure, with the new
   * field errors, under the same loop guard. A source without a reader leaves the letter open with
   * a note that it cannot be replayed (outcome {@code FAILED_AGAIN}, no failure counted): fix the
   * record in the source, then purge the letter.
   *
   * @param letterId the letter's id
   * @return what happened
   */
  public ReplayResult replay(String letterId) {
    checkOpen();
    Optional<DeadLetter> found = config.deadLetters.find(letterId);
    if (found.isEmpty() || !flows.containsKey(found.get().flow())) {
      return new ReplayResult(letterId, ReplayResult.Outcome.NOT_FOUND, "");
    }
    DeadLetter letter = found.get();
    if (letter.status() == DeadLetter.Status.RESOLVED) {
      return new ReplayResult(letterId, ReplayResult.Outcome.ALREADY_RESOLVED, letter.statusNote());
    }
    DeadLetter counted = letter.withReplay();
    config.deadLetters.update(counted);
    Pipeline.FlowRuntime<?> rt = flows.get(letter.flow());
    boolean failed;
    String resolvedNote = "replayed and applied at " + clock.instant();
    if (letter.isFeedRejection()) {
      Optional<String> outcome = replayRejection(rt, counted);
      pipeline.emitCorrelated(
          Stage.REPLAYED, rt, letter.system(), letter.correlationId(), letterId);
      if (outcome.isPresent() && outcome.get().startsWith(NO_READER)) {
        return new ReplayResult(letterId, ReplayResult.Outcome.FAILED_AGAIN, outcome.get());
      }
      failed = outcome.isEmpty();
      if (!failed) {
        resolvedNote = outcome.get();
      }
    } else {
      Pipeline.BatchResult result = replayThrough(rt, counted);
      pipeline.emit(Stage.REPLAYED, rt, letter.system(), letter.change(), letterId);
      failed = result.letters().contains(letterId);
    }
    DeadLetter now = config.deadLetters.find(letterId).orElse(counted);
    if (!failed) {
      config.deadLetters.update(now.withStatus(DeadLetter.Status.RESOLVED, resolvedNote));
      return new ReplayResult(letterId, ReplayResult.Outcome.RESOLVED, "");
    }
    if (now.replays() >= maxReplays) {
      String note =
          "replayed "
              + now.replays()
              + " times and failed each time ("
              + now.reason()
              + "); automatic replay stopped: fix the cause, then replay it by id";
      config.deadLetters.update(now.withStatus(DeadLetter.Status.QUARANTINED, note));
      return new ReplayResult(letterId, ReplayResult.Outcome.QUARANTINED, note);
    }
    return new ReplayResult(letterId, ReplayResult.Outcome.FAILED_AGAIN, now.message());
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> Pipeline.BatchResult replayThrough(
      Pipeline.FlowRuntime<T> rt, DeadLetter letter) {
    return pipeline.process(rt, List.of((Change<T>) letter.change()), new Pipeline.Replay(letter));
  }

  private static final String NO_READER = "cannot be replayed: ";

  /**
   * Replays the letter of a source record the feed could not map: reads the record again by id from
   * the flow's source and, if it maps now, runs it through the whole path as a fresh change.
   *
   * @return the resolved note when the record was read and mapped (the letter is resolved); a note
   *     starting with {@link #NO_READER} when the source cannot read records again (the letter is
   *     left open with that note); empty when the record still cannot be read or mapped (one more
   *     failure is counted on the letter)
   */
  private <T extends CanonicalEntity> Optional<String> replayRejection(
      Pipeline.FlowRuntime<T> rt, DeadLetter letter) {
    DeadLetter.SourceRecord src = letter.sourceRecord();
    Optional<RecordReader<T>> reader =
        rt.flow.source().flatMap(c -> c.reader(rt.flow.entityType()));
    if (reader.isEmpty()) {
      String note =
          NO_READER
              + src.id().system().value()
              + " offers no reader for "
              + rt.flow.entityType().name()
              + " records, so "
              + src.id()
              + " cannot be read again: fix the record in the source (its next change arrives"
              + " through the feed), then purge this letter";
      config.deadLetters.update(letter.withStatus(DeadLetter.Status.OPEN, note));
      return Optional.of(note);
    }
    FeedRejection still;
    try {
      List<RemoteRecord<T>> read = reader.get().read(List.of(src.id().id()));
      // One id was asked for: a reader that names it in another form (a code for an id) still
      // found it.
      Optional<RemoteRecord<T>> found =
          read.stream()
              .filter(r -> r.id().id().equals(src.id().id()))
              .findFirst()
              .or(() -> read.size() == 1 ? Optional.of(read.get(0)) : Optional.empty());
      if (found.isPresent()) {
        RemoteRecord<T> r = found.get();
        Change<T> change =
            Change.builder(rt.flow.entityType())
                .type(ChangeType.UPSERTED)
                .source(src.id())
                .entity(r.entity())
                .sourceTimestamp(r.lastModified())
                .sourceVersion(r.version())
                .correlationId(src.correlationId())
                .build();
        Pipeline.BatchResult result = pipeline.process(rt, List.of(change), null);
        return Optional.of(
            "read again and mapped at "
                + clock.instant()
                + (result.letters().isEmpty()
                    ? "; applied"
                    : "; the change then failed and is kept as dead letter "
                        + String.join(", ", new java.util.TreeSet<>(result.letters()))));
      }
      still =
          FeedRejection.of(
              src.id(),
              List.of(
                  FieldError.redacted(
                      "record",
                      "not found by the source's reader: it was deleted, or the source cannot"
                          + " read it again by id")),
              "the record could not be read again from the source; fix it there, or purge this"
                  + " letter if it is gone");
    } catch (SyncException e) {
      // Still unmappable (MappingException, ValidationException) or unreadable right now.
      still = FeedRejection.of(src.id(), e);
    }
    pipeline.rejectionLetter(
        rt,
        still.withSourceVersion(src.sourceTimestamp(), src.sourceVersion()),
        src.correlationId());
    return Optional.empty();
  }

  /**
   * Replays the open letters a filter selects (quarantined and resolved ones are skipped), oldest
   * first.
   *
   * @param filter which letters
   * @return one result per letter replayed
   */
  public List<ReplayResult> replay(DeadLetterFilter filter) {
    List<ReplayResult> out = new ArrayList<>();
    for (DeadLetter l : config.deadLetters.list(filter)) {
      if (l.status() == DeadLetter.Status.OPEN) {
        out.add(replay(l.id()));
      }
    }
    return out;
  }

  /**
   * Replays every open letter.
   *
   * @return one result per letter replayed
   */
  public List<ReplayResult> replayAll() {
    return replay(DeadLetterFilter.all());
  }

  /**
   * Returns the counters by system and domain and the freshness per domain.
   *
   * @return the report
   */
  public RunReport report() {
    Instant now = clock.instant();
    Map<String, Duration> slas = new HashMap<>();
    for (Pipeline.FlowRuntime<?> rt : flows.values()) {
      String domain = rt.flow.entityType().name();
      rt.flow
          .freshnessSla()
          .ifPresent(sla -> slas.merge(domain, sla, (a, b) -> a.compareTo(b) <= 0 ? a : b));
      slas.putIfAbsent(domain, null);
    }
    List<RunReport.Freshness> fresh = new ArrayList<>();
    slas.keySet().stream()
        .sorted()
        .forEach(
            domain -> {
              Instant newest = pipeline.newestApplied.get(domain);
              Duration age = newest == null ? null : Duration.between(newest, now);
              fresh.add(new RunReport.Freshness(domain, newest, age, slas.get(domain)));
            });
    return new RunReport(now, pipeline.counters.snapshot(), fresh);
  }

  /**
   * Returns the audit trail the engine appends its decisions to.
   *
   * @return the trail
   */
  public AuditTrail auditTrail() {
    return config.auditTrail;
  }

  /**
   * Returns the cross-reference store of ids per system.
   *
   * @return the store
   */
  public CrossReferenceStore crossReferences() {
    return config.crossReferences;
  }

  /**
   * Returns the cursor store.
   *
   * @return the store
   */
  public CursorStore cursors() {
    return config.cursors;
  }

  /**
   * Returns the golden record store.
   *
   * @return the store
   */
  public GoldenRecordStore goldenRecords() {
    return config.goldenRecordStore;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
  }

  /**
   * Stops polling and the worker, and shuts down the executors this engine created (not those the
   * host supplied, nor those shared with the engine it was derived from). Idempotent. Pushed
   * changes still queued are not processed; call {@link #drain()} first to process them.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (startLock) {
      if (polling != null) {
        polling.cancel(false);
      }
      if (inboundWorker != null) {
        inboundWorker.interrupt();
      }
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing an engine executor failed", e);
      }
    }
  }

  /** Builds a {@link SyncEngine}. Not thread-safe. */
  public static final class Builder {
    private Merger merger;
    private Clock clock = Clock.systemUTC();
    private Random random = new Random();
    private SyncScheduler scheduler;
    private Executor deliveryExecutor;
    private int deliveryParallelism = 4;
    private int queueCapacity = 1024;
    private SyncListener listener = SyncListener.NONE;
    private ResilienceSettings defaultResilience = ResilienceSettings.ofDefaults();
    private final Map<SystemId, ResilienceSettings> resilience = new HashMap<>();
    private int maxReplays = 3;
    private GoldenRecordStore goldenRecordStore;
    private ReviewQueue reviewQueue;
    private WriteFingerprintStore writeFingerprints;
    private IdempotencyStore idempotencyStore;
    private CrossReferenceStore crossReferences;
    private CursorStore cursors;
    private DeadLetterStore deadLetters;
    private AuditTrail auditTrail;
    private Pipeline.PollLeases pollLeases;
    private boolean soleInstance;
    private IdentityResolver identityResolver;
    private Supplier<CanonicalId> canonicalIds = () -> CanonicalId.of(UUID.randomUUID());
    private final List<Flow<?>> flows = new ArrayList<>();
    private Shared shared;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.merger = merger;
      b.clock = clock;
      b.random = random;
      b.scheduler = scheduler;
      b.deliveryExecutor = deliveryExecutor;
      b.deliveryParallelism = deliveryParallelism;
      b.queueCapacity = queueCapacity;
      b.listener = listener;
      b.defaultResilience = defaultResilience;
      b.resilience.putAll(resilience);
      b.maxReplays = maxReplays;
      b.goldenRecordStore = goldenRecordStore;
      b.reviewQueue = reviewQueue;
      b.writeFingerprints = writeFingerprints;
      b.idempotencyStore = idempotencyStore;
      b.crossReferences = crossReferences;
      b.cursors = cursors;
      b.deadLetters = deadLetters;
      b.auditTrail = auditTrail;
      b.pollLeases = pollLeases;
      b.soleInstance = soleInstance;
      b.identityResolver = identityResolver;
      b.canonicalIds = canonicalIds;
      b.flows.addAll(flows);
      return b;
    }

    /**
     * Sets the merger, whose ownership policies cover every flow's entity type; required.
     *
     * @param merger the merger
     * @return this builder
     */
    public Builder merger(Merger merger) {
      this.merger = merger;
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the source of randomness for retry jitter; a new {@link Random} by default.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how the engine waits and schedules; by default it owns a one-thread scheduler.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(SyncScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the executor deliveries run on (one task per lane per batch of changes); by default the
     * engine owns a pool of {@code deliveryParallelism} threads. Tests pass {@code Runnable::run}.
     *
     * @param executor the executor; the host keeps ownership
     * @return this builder
     */
    public Builder deliveryExecutor(Executor executor) {
      this.deliveryExecutor = executor;
      return this;
    }

    /**
     * Sets the number of delivery lanes per target: writes to one record always take the same lane,
     * in order; different records go in parallel. 4 by default.
     *
     * @param lanes at least 1
     * @return this builder
     */
    public Builder deliveryParallelism(int lanes) {
      this.deliveryParallelism = lanes;
      return this;
    }

    /**
     * Sets the capacity of the queue of pushed changes; 1024 by default.
     *
     * @param capacity at least 1
     * @return this builder
     */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets the listener that receives every stage's events; none by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the resilience settings for connectors without their own.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder defaultResilience(ResilienceSettings settings) {
      this.defaultResilience = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the resilience settings of one system's connector.
     *
     * @param system the system
     * @param settings the settings
     * @return this builder
     */
    public Builder resilience(SystemId system, ResilienceSettings settings) {
      resilience.put(
          Objects.requireNonNull(system, "system"), Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /**
     * Sets how many replays of a letter may fail before the loop guard quarantines it; 3 by
     * default.
     *
     * @param maxReplays at least 1
     * @return this builder
     */
    public Builder maxReplays(int maxReplays) {
      this.maxReplays = maxReplays;
      return this;
    }

    /**
     * Sets the golden record store; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder goldenRecordStore(GoldenRecordStore store) {
      this.goldenRecordStore = store;
      return this;
    }

    /**
     * Sets the review queue for parked conflicts; in memory by default.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder reviewQueue(ReviewQueue queue) {
      this.reviewQueue = queue;
      return this;
    }

    /**
     * Sets the store of write fingerprints for echo suppression; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder writeFingerprints(WriteFingerprintStore store) {
      this.writeFingerprints = store;
      return this;
    }

    /**
     * Sets the idempotency store; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = store;
      return this;
    }

    /**
     * Sets the cross-reference store; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder crossReferences(CrossReferenceStore store) {
      this.crossReferences = store;
      return this;
    }

    /**
     * Sets the cursor store; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder cursors(CursorStore store) {
      this.cursors = store;
      return this;
    }

    /**
     * Sets the dead-letter store; in memory by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder deadLetters(DeadLetterStore store) {
      this.deadLetters = store;
      return this;
    }

    /**
     * Sets the audit trail; in memory by default.
     *
     * @param trail the trail
     * @return this builder
     */
    public Builder auditTrail(AuditTrail trail) {
      this.auditTrail = trail;
      return this;
    }

    /**
     * Keeps every piece of the engine's state in one database: golden records, the review queue,
     * write fingerprints, idempotency entries, cross-references, cursors, dead letters and the
     * audit trail, so that the engine resumes where it stopped after a restart. Leases are set
     * apart, with {@link #pollLeases}.
     *
     * @param stores the JDBC stores, such as on embedded H2 or PostgreSQL
     * @return this builder
     */
    public Builder stateStores(JdbcStateStores stores) {
      Objects.requireNonNull(stores, "stores");
      this.goldenRecordStore = stores.goldenRecords();
      this.reviewQueue = stores.reviewQueue();
      this.writeFingerprints = stores.writeFingerprints();
      this.idempotencyStore = stores.idempotency();
      this.crossReferences = stores.crossReferences();
      this.cursors = stores.cursors();
      this.deadLetters = stores.deadLetters();
      this.auditTrail = stores.auditTrail();
      return this;
    }

    /**
     * Declares this engine the only one that uses its state stores: no other instance of the host
     * and no other process executes with its idempotency store. Building the engine then ends the
     * leases a crashed predecessor left on idempotency keys ({@link
     * IdempotencyStore#expireLeases()}), so the changes it was applying when it died are taken over
     * at once when they are polled again, instead of waiting as dead letters until their leases
     * (five minutes) run out. A write the predecessor had sent is sent again under the same
     * idempotency key; the connectors' own safeguards (external-id upserts, look-ups by order
     * reference, stored outcomes in a shared store) keep the target from applying it twice.
     *
     * <p>Not for several instances sharing their stores (with {@link #pollLeases}): ending a live
     * worker's lease would let two workers apply one change at once. The store must implement
     * {@code expireLeases()} (the in-memory and JDBC stores do).
     *
     * @return this builder
     */
    public Builder soleInstance() {
      this.soleInstance = true;
      return this;
    }

    /**
     * Polls every flow under a lease, so that of several engines sharing their stores (instances of
     * a host on one database) one polls a flow at a time. Before polling a flow the engine acquires
     * the lease {@code poll:<flow>} as {@code holder} and renews it before every further page;
     * while another holder has it, the flow is skipped. When the holder stops renewing, another
     * instance takes over after {@code ttl}. Cursors are saved with the lease's fencing token, so a
     * paused holder that lost the lease cannot advance the cursor. By default flows are polled
     * without leases (one instance).
     *
     * @param leases the lease store, shared by the instances (such as {@link
     *     dev.retailsync.core.state.JdbcStateStores#leases()}); its cursor store must be the one
     *     that checks these leases
     * @param holder this instance's id, unique among the instances
     * @param ttl how long a lease lasts unless renewed; longer than polling and applying one page
     * @return this builder
     */
    public Builder pollLeases(LeaseStore leases, String holder, Duration ttl) {
      Objects.requireNonNull(leases, "leases");
      if (holder == null || holder.isBlank()) {
        throw new IllegalArgumentException("a lease holder's id must not be blank");
      }
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("a lease's time to live is positive, was " + ttl);
      }
      this.pollLeases = new Pipeline.PollLeases(leases, holder, ttl);
      return this;
    }

    /**
     * Sets the identity resolver for flows without their own; by default the deterministic resolver
     * over the cross-reference store.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder identityResolver(IdentityResolver resolver) {
      this.identityResolver = resolver;
      return this;
    }

    /**
     * Sets how the default identity resolver issues canonical ids; random UUIDs by default.
     *
     * @param ids issues unique ids
     * @return this builder
     */
    public Builder canonicalIds(Supplier<CanonicalId> ids) {
      this.canonicalIds = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Adds a flow.
     *
     * @param flow the flow
     * @return this builder
     */
    public Builder addFlow(Flow<?> flow) {
      flows.add(Objects.requireNonNull(flow, "flow"));
      return this;
    }

    /**
     * Builds the engine; stores not set are created in memory.
     *
     * @return the engine
     * @throws ValidationException naming a missing or invalid setting
     */
    public SyncEngine build() {
      if (merger == null) {
        throw ValidationException.of(
            "SyncEngine", "merger", null, "is required: it holds the ownership policies");
      }
      if (deliveryParallelism < 1) {
        throw ValidationException.of(
            "SyncEngine", "deliveryParallelism", deliveryParallelism, "must be >= 1");
      }
      if (queueCapacity < 1) {
        throw ValidationException.of("SyncEngine", "queueCapacity", queueCapacity, "must be >= 1");
      }
      if (maxReplays < 1) {
        throw ValidationException.of("SyncEngine", "maxReplays", maxReplays, "must be >= 1");
      }
      goldenRecordStore = orElse(goldenRecordStore, InMemoryGoldenRecordStore::new);
      reviewQueue = orElse(reviewQueue, InMemoryReviewQueue::new);
      writeFingerprints = orElse(writeFingerprints, InMemoryWriteFingerprintStore::new);
      idempotencyStore = orElse(idempotencyStore, () -> new InMemoryIdempotencyStore(clock));
      crossReferences = orElse(crossReferences, InMemoryCrossReferenceStore::new);
      cursors = orElse(cursors, InMemoryCursorStore::new);
      deadLetters = orElse(deadLetters, InMemoryDeadLetterStore::new);
      auditTrail = orElse(auditTrail, InMemoryAuditTrail::new);
      if (soleInstance && pollLeases != null) {
        throw ValidationException.of(
            "SyncEngine",
            "soleInstance",
            true,
            "cannot go with pollLeases: instances that share their stores must not end each"
                + " other's leases");
      }
      if (soleInstance) {
        int ended = idempotencyStore.expireLeases();
        if (ended > 0) {
          LOG.info(
              "Sole instance starting: took back {} idempotency lease(s) left by an earlier run",
              ended);
        }
      }
      return new SyncEngine(this, shared);
    }

    private static <X> X orElse(X value, Supplier<X> fallback) {
      return value != null ? value : fallback.get();
    }
  }
}
