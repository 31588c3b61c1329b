package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.deadletter.FailureClassifier;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.golden.FieldChange;
import dev.retailsync.core.golden.FieldValue;
import dev.retailsync.core.golden.GoldenRecord;
import dev.retailsync.core.golden.GoldenRecords;
import dev.retailsync.core.golden.Lineage;
import dev.retailsync.core.golden.MergeResult;
import dev.retailsync.core.golden.PlannedWrite;
import dev.retailsync.core.golden.WritePlanner;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.observability.AuditEntry;
import dev.retailsync.core.observability.AuditTrail;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.CrossReferenceStore;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.Lease;
import dev.retailsync.core.state.LeaseStore;
import dev.retailsync.core.validation.CanonicalValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of DESIGN.md for one engine: dedupe, validate, resolve, merge, plan, deliver,
 * record outcomes, and dead-letter every failure through {@link FailureClassifier}. Thread-safe;
 * one batch of changes is processed at a time per caller, its deliveries in parallel lanes.
 */
final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration RETENTION = Duration.ofDays(7);
  static final int MAX_PAGES_PER_RUN = 1000;

  final Clock clock;
  final GoldenRecords golden;
  final CanonicalValidator validator;
  final IdempotencyStore idempotency;
  final CrossReferenceStore xref;
  final CursorStore cursors;
  final DeadLetterStore deadLetters;
  final AuditTrail audit;
  final SyncListener listener;
  final Counters counters = new Counters();
  final ConcurrentMap<String, Instant> newestApplied = new ConcurrentHashMap<>();
  final Function<SystemId, ConnectorGuard> guards;
  final Executor delivery;
  final int lanes;
  final PollLeases pollLeases;

  /**
   * Polls under leases: {@code holder} acquires {@code poll:<flow>} for {@code ttl} before polling
   * a flow and renews it before every further page.
   */
  record PollLeases(LeaseStore store, String holder, Duration ttl) {}

  Pipeline(
      Clock clock,
      GoldenRecords golden,
      CanonicalValidator validator,
      IdempotencyStore idempotency,
      CrossReferenceStore xref,
      CursorStore cursors,
      DeadLetterStore deadLetters,
      AuditTrail audit,
      SyncListener listener,
      Function<SystemId, ConnectorGuard> guards,
      Executor delivery,
      int lanes,
      PollLeases pollLeases) {
    this.clock = clock;
    this.golden = golden;
    this.validator = validator;
    this.idempotency = idempotency;
    this.xref = xref;
    this.cursors = cursors;
    this.deadLetters = deadLetters;
    this.audit = audit;
    this.listener = listener;
    this.guards = guards;
    this.delivery = delivery;
    this.lanes = lanes;
    this.pollLeases = pollLeases;
  }

  /** A flow with what the engine derived for it. */
  static final class FlowRuntime<T extends CanonicalEntity> {
    final Flow<T> flow;
    final WritePlanner planner;
    final IdentityResolver resolver;
    final Map<SystemId, RecordWriter<T>> writers;
    final ChangeFeed<T> feed;
    final String scope;

    FlowRuntime(Flow<T> flow, WritePlanner planner, IdentityResolver resolver) {
      this.flow = flow;
      this.planner = planner;
      this.resolver = resolver;
      Map<SystemId, RecordWriter<T>> w = new LinkedHashMap<>();
      for (Flow.Target t : flow.targets()) {
        w.put(t.system(), t.connector().writer(flow.entityType()).orElseThrow());
      }
      this.writers = Map.copyOf(w);
      this.feed = flow.source().flatMap(c -> c.changeFeed(flow.entityType())).orElse(null);
      this.scope = "inbound:" + flow.name();
    }
  }

  /** A replay of a dead letter: for a failed write, the target and fields to write again. */
  record Replay(DeadLetter letter) {}

  /** One change on its way through the path. */
  static final class Work<T extends CanonicalEntity> {
    final Change<T> change;
    IdempotencyKey key;
    String token;
    CanonicalId id;
    final AtomicInteger open = new AtomicInteger();
    final Set<String> letters = ConcurrentHashMap.newKeySet();
    volatile boolean inboundFailed;

    Work(Change<T> change) {
      this.change = change;
    }
  }

  /** One planned write of one change to one target. */
  record Item<T extends CanonicalEntity>(
      Work<T> work, SystemId target, Set<FieldPath> fields, T entity, GoldenRecord<T> record) {}

  /** What happened to a batch: the dead letters it produced. */
  record BatchResult(int changes, Set<String> letters) {}

  // ---------------------------------------------------------------- polling

  <T extends CanonicalEntity> int poll(FlowRuntime<T> rt) {
    // One poller per flow at a time: two would apply pages twice and could save an older cursor
    // over a newer one.
    synchronized (rt) {
      return pollLocked(rt);
    }
  }

  private <T extends CanonicalEntity> int pollLocked(FlowRuntime<T> rt) {
    String name = rt.flow.name();
    Lease lease = null;
    if (pollLeases != null) {
      Optional<Lease> acquired =
          pollLeases.store().acquire("poll:" + name, pollLeases.holder(), pollLeases.ttl());
      if (acquired.isEmpty()) {
        LOG.debug("Flow {} is polled by another instance (it holds the lease); skipped", name);
        return 0;
      }
      lease = acquired.get();
    }
    // Loaded after the lease is acquired: the cursor the previous holder last saved.
    Cursor cursor = cursors.load(name).orElse(Cursor.beginning());
    int total = 0;
    for (int pages = 0; pages < MAX_PAGES_PER_RUN; pages++) {
      if (lease != null && pages > 0) {
        Optional<Lease> renewed = pollLeases.store().renew(lease, pollLeases.ttl());
        if (renewed.isEmpty()) {
          LOG.warn("Flow {}: the poll lease expired; another instance takes over", name);
          break;
        }
        lease = renewed.get();
      }
      ChangePage<T> page = pollWithRetry(rt, cursor);
      emit(
          Stage.POLLED,
          rt,
          rt.flow.sourceSystem(),
          null,
          page.changes().size()
              + " changes"
              + (page.rejected().isEmpty() ? "" : ", " + page.rejected().size() + " rejected"));
      process(rt, page.changes(), null);
      // The page is applied or dead-lettered before its cursor advances: records the feed read but
      // could not map are kept as letters, never only logged.
      for (FeedRejection r : page.rejected()) {
        rejectionLetter(rt, r, null);
      }
      total += page.changes().size();
      if (lease == null) {
        cursors.save(name, page.next());
      } else if (!cursors.save(name, page.next(), lease)) {
        // A paused holder lost the lease: the new holder polls this page again and the
        // idempotency store keeps its writes from being repeated.
        LOG.warn("Flow {}: the poll lease was lost; the cursor is left to the new holder", name);
        break;
      }
      emit(Stage.CURSOR_ADVANCED, rt, rt.flow.sourceSystem(), null, "");
      cursor = page.next();
      if (!page.hasMore()) {
        break;
      }
    }
    return total;
  }

  @SuppressWarnings("try") // the scope only sets and clears the MDC
  private <T extends CanonicalEntity> ChangePage<T> pollWithRetry(
      FlowRuntime<T> rt, Cursor cursor) {
    ConnectorGuard guard = guards.apply(rt.flow.sourceSystem());
    for (int attempt = 1; ; attempt++) {
      try (MdcScope m = MdcScope.open(null, rt.flow.sourceSystem(), "poll", rt.flow.entityType())) {
        return guard.call("poll", null, () -> rt.feed.poll(cursor, rt.flow.pageSize()));
      } catch (SyncException e) {
        Optional<Duration> wait =
            e.isRetryable() && attempt < guard.retry().maxAttempts()
                ? guard.backoff(attempt, ConnectorGuard.retryAfterOf(e))
                : Optional.empty();
        if (wait.isEmpty()) {
          throw e;
        }
        counters.add(rt.flow.sourceSystem(), rt.flow.entityType().name(), Counters.Kind.RETRIED, 1);
        emit(Stage.RETRIED, rt, rt.flow.sourceSystem(), null, "poll attempt " + (attempt + 1));
        guard.sleep(wait.get());
      }
    }
  }

  // ---------------------------------------------------------------- inbound stages

  /**
   * Processes a batch of changes (a page, pushed changes, or a replayed letter) and returns once
   * every change is applied or dead-lettered.
   *
   * @throws RuntimeException when something escaped the path (a store failed): the batch is then
   *     not complete and its cursor must not advance
   */
  @SuppressWarnings("try") // the scope only sets and clears the MDC
  <T extends CanonicalEntity> BatchResult process(
      FlowRuntime<T> rt, List<Change<T>> changes, Replay replay) {
    List<Work<T>> works = new ArrayList<>(changes.size());
    List<Item<T>> items = new ArrayList<>();
    Set<IdempotencyKey> claimed = new HashSet<>();
    for (Change<T> c : changes) {
      Work<T> w = new Work<>(c);
      works.add(w);
      try (MdcScope m =
          MdcScope.open(c.correlationId(), c.source().system(), "process", c.entityType())) {
        inbound(rt, w, replay, items, claimed);
      }
    }
    deliver(rt, items);
    Set<String> letters = new HashSet<>();
    for (Work<T> w : works) {
      letters.addAll(w.letters);
    }
    return new BatchResult(changes.size(), letters);
  }

  private <T extends CanonicalEntity> void inbound(
      FlowRuntime<T> rt,
      Work<T> w,
      Replay replay,
      List<Item<T>> items,
      Set<IdempotencyKey> claimed) {
    Change<T> c = w.change;
    SystemId source = c.source().system();
    String domain = c.entityType().name();
    w.key =
        c.idempotencyKey() != null ? c.idempotencyKey() : IdempotencyKeys.forChange(rt.scope, c);
    if (!c.entityType().equals(rt.flow.entityType())) {
      inboundFailure(
          rt,
          w,
          Stage.VALIDATED,
          ValidationException.of(
              "Change",
              "entityType",
              c.entityType(),
              "flow " + rt.flow.name() + " takes " + rt.flow.entityType()));
      return;
    }
    // 1. dedupe: a replayed write skips it, since its change was applied before
    boolean replayedWrite = replay != null && replay.letter().target() != null;
    if (!replayedWrite) {
      String fingerprint =
          c.idempotencyKey() == null
              // A derived key is content-addressed (source version or payload hash).
              ? w.key.value()
              : IdempotencyKeys.fingerprint(c.entity() == null ? c.type().name() : c.entity());
      if (claimed.contains(w.key)) {
        // The same change twice in one batch: this batch holds its lease.
        counters.add(source, domain, Counters.Kind.UNCHANGED, 1);
        emit(Stage.DUPLICATE, rt, source, c, "repeated in the batch");
        return;
      }
      Claim claim = idempotency.claim(w.key, fingerprint, LEASE);
      if (claim.status() == Claim.Status.NEW) {
        claimed.add(w.key);
      }
      switch (claim.status()) {
        case COMPLETED -> {
          counters.add(source, domain, Counters.Kind.UNCHANGED, 1);
          emit(Stage.DUPLICATE, rt, source, c, claim.status().name());
          return;
        }
        case IN_PROGRESS -> {
          // Another worker holds the lease; skipping it silently would lose the change if that
          // worker died, so it waits as a dead letter that a replay after the lease settles.
          inboundFailure(
              rt,
              w,
              Stage.DUPLICATE,
              new SyncException(
                  "another worker is applying this change (lease until "
                      + claim.record().leaseExpiresAt()
                      + "); replay the letter after the lease ends",
                  null,
                  new ErrorContext(source, "dedupe", c.correlationId(), 1),
                  true));
          return;
        }
        case CONFLICT -> {
          inboundFailure(
              rt,
              w,
              Stage.DUPLICATE,
              new IdempotencyConflictException(
                  w.key, new ErrorContext(source, "dedupe", c.correlationId(), 1)));
          return;
        }
        case NEW -> w.token = claim.leaseToken();
      }
    }
    // 2. validate (after the dedupe: a change already applied was valid when it was applied, and an
    // invalid one that claimed its key gives the claim back as retryable below)
    if (c.entity() != null) {
      List<FieldError> errors = validator.validate(c.entity());
      if (!errors.isEmpty()) {
        inboundFailure(
            rt,
            w,
            Stage.VALIDATED,
            new ValidationException(
                c.entityType().javaType().getSimpleName(),
                errors,
                new ErrorContext(source, "validate", c.correlationId(), 1)));
        return;
      }
    }
    emit(Stage.VALIDATED, rt, source, c, "");
    // 3. resolve identity
    try {
      w.id = rt.resolver.resolve(c);
    } catch (RuntimeException e) {
      inboundFailure(rt, w, Stage.RESOLVED, e);
      return;
    }
    emit(Stage.RESOLVED, rt, source, c, "");
    // 4. merge under ownership
    MergeResult<T> r;
    try {
      r = golden.apply(w.id, c);
    } catch (RuntimeException e) {
      inboundFailure(rt, w, Stage.MERGED, e);
      return;
    }
    if (w.token != null
        && !r.effective()
        && !r.isEcho()
        && !r.deletedAtSource()
        && items.stream().noneMatch(i -> i.work().id.equals(w.id))) {
      // (A write of this record planned earlier in the batch delivers its values anyway.)
      r = resumed(rt, w.id, r, c);
    }
    Instant appliedAt = c.sourceTimestamp() != null ? c.sourceTimestamp() : clock.instant();
    newestApplied.merge(domain, appliedAt, (a, b) -> a.isAfter(b) ? a : b);
    auditMerge(rt, w, r);
    // 5. stop if nothing effective changed; else plan
    List<PlannedWrite<T>> plan = new ArrayList<>();
    if (r.isEcho()) {
      counters.add(source, domain, Counters.Kind.UNCHANGED, 1);
      emit(Stage.ECHO, rt, source, c, r.echoes().size() + " fields");
    } else if (!r.effective()) {
      counters.add(source, domain, Counters.Kind.UNCHANGED, 1);
      emit(Stage.UNCHANGED, rt, source, c, "");
    } else {
      emit(Stage.MERGED, rt, source, c, r.changes().size() + " fields");
      plan.addAll(rt.planner.plan(r));
    }
    if (replayedWrite && !r.deletedAtSource()) {
      forcePlan(plan, replay.letter(), r.record().entity());
    }
    if (plan.isEmpty()) {
      complete(w);
      return;
    }
    emit(Stage.PLANNED, rt, source, c, plan.size() + " targets");
    w.open.set(plan.size());
    for (PlannedWrite<T> pw : plan) {
      counters.add(pw.target(), domain, Counters.Kind.PENDING, 1);
      items.add(new Item<>(w, pw.target(), pw.fields(), pw.entity(), r.record()));
    }
  }

  /**
   * A change this engine never completed (its idempotency claim is new) whose merge changed nothing
   * may have been merged by an attempt that died before delivering: the fields whose lineage is
   * this very change and whose value a target has not been written are then planned again, so the
   * crash loses no write. The targets' idempotency keys keep the repeated write from creating a
   * second record.
   */
  private <T extends CanonicalEntity> MergeResult<T> resumed(
      FlowRuntime<T> rt, CanonicalId id, MergeResult<T> r, Change<T> c) {
    List<FieldChange> redo = new ArrayList<>();
    for (Map.Entry<FieldPath, FieldValue> f : r.record().fields().entrySet()) {
      if (broughtBy(f.getValue().lineage(), c) && anyLacks(rt, id, f.getKey(), f.getValue())) {
        redo.add(new FieldChange(f.getKey(), null, f.getValue().value()));
      }
    }
    if (redo.isEmpty()) {
      return r;
    }
    MergeResult<T> redone =
        new MergeResult<>(
            r.record(),
            r.created(),
            true,
            redo,
            r.applied(),
            r.dropped(),
            r.parked(),
            r.stale(),
            r.overruled(),
            r.echoes(),
            false,
            r.source());
    return rt.planner.plan(redone).isEmpty() ? r : redone;
  }

  private boolean anyLacks(FlowRuntime<?> rt, CanonicalId id, FieldPath field, FieldValue v) {
    for (SystemId target : rt.writers.keySet()) {
      if (!target.equals(rt.flow.sourceSystem()) && golden.lacks(target, id, field, v.value())) {
        return true;
      }
    }
    return false;
  }

  private static boolean broughtBy(Lineage l, Change<?> c) {
    if (!l.system().equals(c.source().system())) {
      return false;
    }
    if (l.changeId().equals(c.correlationId())) {
      return true;
    }
    // A source that re-sends a change may give it a new correlation id: its version and
    // timestamp identify it then.
    return (c.sourceVersion() != null || c.sourceTimestamp() != null)
        && Objects.equals(l.sourceVersion(), c.sourceVersion())
        && Objects.equals(l.sourceTimestamp(), c.sourceTimestamp());
  }

  private static <T extends CanonicalEntity> void forcePlan(
      List<PlannedWrite<T>> plan, DeadLetter letter, T entity) {
    for (int i = 0; i < plan.size(); i++) {
      PlannedWrite<T> pw = plan.get(i);
      if (pw.target().equals(letter.target())) {
        Set<FieldPath> fields = new TreeSet<>(pw.fields());
        fields.addAll(letter.fields());
        plan.set(i, new PlannedWrite<>(pw.target(), fields, pw.entity()));
        return;
      }
    }
    plan.add(new PlannedWrite<>(letter.target(), new TreeSet<>(letter.fields()), entity));
  }

  private <T extends CanonicalEntity> void inboundFailure(
      FlowRuntime<T> rt, Work<T> w, Stage stage, RuntimeException failure) {
    w.inboundFailed = true;
    deadLetter(rt, w, null, Set.of(), stage, failure, List.of());
    if (w.token != null) {
      // Retryable, so that a replay of the letter may claim the key again.
      idempotency.fail(
          w.key, w.token, true, FailureClassifier.classify(stage, failure).name(), RETENTION);
    }
  }

  private <T extends CanonicalEntity> void complete(Work<T> w) {
    if (w.token != null && !w.inboundFailed) {
      idempotency.complete(
          w.key,
          w.token,
          w.letters.isEmpty() ? "applied" : "applied; dead letters " + new TreeSet<>(w.letters),
          RETENTION);
    }
  }

  // ---------------------------------------------------------------- delivery

  private <T extends CanonicalEntity> void deliver(FlowRuntime<T> rt, List<Item<T>> items) {
    if (items.isEmpty()) {
      return;
    }
    Map<SystemId, List<Item<T>>> byTarget = new LinkedHashMap<>();
    for (Item<T> i : items) {
      byTarget.computeIfAbsent(i.target(), t -> new ArrayList<>()).add(i);
    }
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Map.Entry<SystemId, List<Item<T>>> e : byTarget.entrySet()) {
      List<Item<T>> list = rt.flow.coalesce() ? coalesce(rt, e.getValue()) : e.getValue();
      List<List<Item<T>>> laneLists = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        laneLists.add(new ArrayList<>());
      }
      // Per-key ordering: every write of one record goes to the same lane, in order.
      for (Item<T> i : list) {
        laneLists.get(Math.floorMod(i.work().id.hashCode(), lanes)).add(i);
      }
      for (List<Item<T>> lane : laneLists) {
        if (!lane.isEmpty()) {
          running.add(CompletableFuture.runAsync(() -> runLane(rt, e.getKey(), lane), delivery));
        }
      }
    }
    try {
      CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Keeps the latest write per record; the earlier ones are done, their values included. */
  private <T extends CanonicalEntity> List<Item<T>> coalesce(
      FlowRuntime<T> rt, List<Item<T>> list) {
    Map<CanonicalId, Item<T>> latest = new LinkedHashMap<>();
    for (Item<T> i : list) {
      Item<T> prev = latest.remove(i.work().id);
      if (prev == null) {
        latest.put(i.work().id, i);
        continue;
      }
      Set<FieldPath> fields = new TreeSet<>(prev.fields());
      fields.addAll(i.fields());
      latest.put(i.work().id, new Item<>(i.work(), i.target(), fields, i.entity(), i.record()));
      counters.add(prev.target(), rt.flow.entityType().name(), Counters.Kind.PENDING, -1);
      itemDone(prev.work());
    }
    return new ArrayList<>(latest.values());
  }

  private <T extends CanonicalEntity> void runLane(
      FlowRuntime<T> rt, SystemId target, List<Item<T>> lane) {
    RecordWriter<T> writer = rt.writers.get(target);
    int max = Math.max(1, writer.maxBatchSize());
    List<Item<T>> batch = new ArrayList<>();
    Set<CanonicalId> keys = new HashSet<>();
    for (Item<T> i : lane) {
      if (batch.size() == max || keys.contains(i.work().id)) {
        deliverBatch(rt, target, writer, batch);
        batch = new ArrayList<>();
        keys.clear();
      }
      batch.add(i);
      keys.add(i.work().id);
    }
    if (!batch.isEmpty()) {
      deliverBatch(rt, target, writer, batch);
    }
  }

  @SuppressWarnings("try") // the scope only sets and clears the MDC
  private <T extends CanonicalEntity> void deliverBatch(
      FlowRuntime<T> rt, SystemId target, RecordWriter<T> writer, List<Item<T>> batch) {
    Change<T> head = batch.get(0).work().change;
    try (MdcScope m = MdcScope.open(head.correlationId(), target, "upsert", head.entityType())) {
      deliverBatchInScope(rt, target, writer, batch);
    }
  }

  private <T extends CanonicalEntity> void deliverBatchInScope(
      FlowRuntime<T> rt, SystemId target, RecordWriter<T> writer, List<Item<T>> batch) {
    ConnectorGuard guard = guards.apply(target);
    String domain = rt.flow.entityType().name();
    List<Item<T>> pending = batch;
    for (int attempt = 1; ; attempt++) {
      List<Item<T>> retry = new ArrayList<>();
      Duration hint = null;
      SyncException last = null;
      Change<T> first = pending.get(0).work().change;
      ErrorContext ctx = new ErrorContext(target, "upsert", first.correlationId(), attempt);
      List<WriteRequest<T>> requests = new ArrayList<>(pending.size());
      for (Item<T> i : pending) {
        requests.add(request(rt, i));
      }
      List<WriteOutcome> outcomes;
      // Only the call is guarded here: a failure while recording outcomes (a store that is down)
      // escapes, so the batch is not complete and the page's cursor does not advance.
      try {
        outcomes = guard.call("upsert", first.correlationId(), () -> writer.upsert(requests));
      } catch (SyncException e) {
        if (!e.isRetryable()) {
          for (Item<T> i : pending) {
            writeFailed(rt, i, e, List.of());
          }
          return;
        }
        outcomes = null;
        retry = pending;
        hint = ConnectorGuard.retryAfterOf(e);
        last = e;
      } catch (RuntimeException e) {
        for (Item<T> i : pending) {
          writeFailed(rt, i, e, List.of());
        }
        return;
      }
      if (outcomes != null) {
        Map<String, WriteOutcome> byKey = new HashMap<>();
        for (WriteOutcome o : outcomes) {
          byKey.put(o.key(), o);
        }
        for (Item<T> i : pending) {
          WriteOutcome o = byKey.get(i.work().id.value());
          if (o == null) {
            retry.add(i);
            last =
                new RemoteSystemException(
                    "the writer returned no outcome for the record",
                    0,
                    "NO_OUTCOME",
                    null,
                    ctx,
                    true);
          } else if (o.isSuccess()) {
            written(rt, i, o);
          } else if (o.status() == WriteOutcome.Status.REJECTED) {
            writeFailed(
                rt,
                i,
                new RemoteSystemException(
                    "rejected by " + target.value() + ": " + o.message(),
                    0,
                    o.errorCode(),
                    null,
                    ctx,
                    false),
                o.errors());
          } else {
            retry.add(i);
            hint = longer(hint, o.retryAfter());
            last =
                new RemoteSystemException(
                    "not written by " + target.value() + ": " + o.message(),
                    0,
                    o.errorCode(),
                    null,
                    ctx,
                    true);
          }
        }
      }
      if (retry.isEmpty()) {
        return;
      }
      Optional<Duration> wait =
          attempt < guard.retry().maxAttempts() ? guard.backoff(attempt, hint) : Optional.empty();
      if (wait.isEmpty()) {
        SyncException exhausted =
            new RemoteSystemException(
                "gave up after "
                    + attempt
                    + " attempts"
                    + (hint != null && attempt < guard.retry().maxAttempts()
                        ? " (the platform asked to wait " + hint + ", longer than allowed)"
                        : "")
                    + "; last failure: "
                    + last.getMessage(),
                0,
                "RETRIES_EXHAUSTED",
                last,
                ctx.withAttempts(attempt),
                true);
        for (Item<T> i : retry) {
          writeFailed(rt, i, exhausted, List.of());
        }
        return;
      }
      counters.add(target, domain, Counters.Kind.RETRIED, retry.size());
      emit(
          Stage.RETRIED,
          rt,
          target,
          first,
          retry.size() + " records, attempt " + (attempt + 1) + " after " + wait.get());
      guard.sleep(wait.get());
      pending = retry;
    }
  }

  private static Duration longer(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private <T extends CanonicalEntity> WriteRequest<T> request(FlowRuntime<T> rt, Item<T> i) {
    CanonicalId id = i.work().id;
    return new WriteRequest<>(
        id.value(),
        i.entity(),
        xref.externalId(rt.flow.entityType(), id, i.target()).orElse(null),
        null,
        i.fields(),
        // Every write carries a key, so a retried create is never a blind second create.
        IdempotencyKeys.derive(
            "write", i.target(), rt.flow.entityType(), id.value(), "v" + i.record().version()),
        i.work().change.correlationId());
  }

  private <T extends CanonicalEntity> void written(FlowRuntime<T> rt, Item<T> i, WriteOutcome o) {
    CanonicalId id = i.work().id;
    String domain = rt.flow.entityType().name();
    if (o.externalId() != null) {
      CanonicalId linked = xref.link(rt.flow.entityType(), o.externalId(), id);
      if (!linked.equals(id)) {
        LOG.warn(
            "{} record {} is linked to golden record {}, not {}; the cross-reference is kept",
            i.target().value(),
            o.externalId().id(),
            linked.value(),
            id.value());
      }
    }
    golden.recordWritten(i.target(), i.record(), i.fields());
    Counters.Kind kind =
        switch (o.status()) {
          case CREATED -> Counters.Kind.CREATED;
          case UPDATED -> Counters.Kind.UPDATED;
          default -> Counters.Kind.UNCHANGED;
        };
    counters.add(i.target(), domain, kind, 1);
    counters.add(i.target(), domain, Counters.Kind.PENDING, -1);
    appendAudit(rt, i.work(), i.target(), "written", o.status().name(), paths(i.fields()));
    emit(Stage.DELIVERED, rt, i.target(), i.work().change, o.status().name());
    itemDone(i.work());
  }

  private <T extends CanonicalEntity> void writeFailed(
      FlowRuntime<T> rt, Item<T> i, RuntimeException failure, List<FieldError> errors) {
    counters.add(i.target(), rt.flow.entityType().name(), Counters.Kind.PENDING, -1);
    deadLetter(rt, i.work(), i.target(), i.fields(), Stage.DELIVERED, failure, errors);
    itemDone(i.work());
  }

  private <T extends CanonicalEntity> void itemDone(Work<T> w) {
    if (w.open.decrementAndGet() == 0) {
      complete(w);
    }
  }

  // ---------------------------------------------------------------- dead letters, audit, events

  static String letterId(String flow, IdempotencyKey key, SystemId target) {
    return flow + "/" + key.value() + (target == null ? "" : "/" + target.value());
  }

  private <T extends CanonicalEntity> void deadLetter(
      FlowRuntime<T> rt,
      Work<T> w,
      SystemId target,
      Set<FieldPath> fields,
      Stage stage,
      RuntimeException failure,
      List<FieldError> remoteErrors) {
    FailureReason reason = FailureClassifier.classify(stage, failure);
    List<FieldError> errors =
        failure instanceof ValidationException v ? v.errors() : List.copyOf(remoteErrors);
    String id = letterId(rt.flow.name(), w.key, target);
    Instant now = clock.instant();
    deadLetters.add(
        new DeadLetter(
            id,
            rt.flow.name(),
            w.change,
            target,
            fields,
            reason,
            describe(failure, errors),
            errors,
            now,
            now,
            1,
            0,
            DeadLetter.Status.OPEN,
            ""));
    w.letters.add(id);
    SystemId system = target != null ? target : w.change.source().system();
    String domain = w.change.entityType().name();
    counters.add(system, domain, Counters.Kind.DEAD_LETTERED, 1);
    if (reason == FailureReason.VALIDATION || reason == FailureReason.REMOTE_REJECTION) {
      counters.add(system, domain, Counters.Kind.REJECTED, 1);
    }
    List<String> paths = new ArrayList<>();
    for (FieldError e : errors) {
      paths.add(e.path());
    }
    appendAudit(rt, w, system, "dead-lettered", reason.name(), paths);
    emit(Stage.DEAD_LETTERED, rt, system, w.change, reason.name());
    LOG.warn(
        "dead-lettered {} change of {} in flow {} ({}): letter {}",
        w.change.entityType(),
        system.value(),
        rt.flow.name(),
        reason,
        id);
  }

  static String rejectionLetterId(String flow, FeedRejection r) {
    return flow + "/source/" + r.source().system().value() + ":" + r.source().id();
  }

  /**
   * Keeps a source record the flow's feed could not map as a dead letter (reason MAPPING): stored,
   * counted as rejected and dead-lettered, audited and emitted like any other letter. One letter
   * per flow and source record, so a record that is rejected again counts one more failure on it.
   *
   * @param correlationId the letter's correlation id, or {@code null} for a new one
   * @return the letter as stored
   */
  <T extends CanonicalEntity> DeadLetter rejectionLetter(
      FlowRuntime<T> rt, FeedRejection r, CorrelationId correlationId) {
    String id = rejectionLetterId(rt.flow.name(), r);
    Instant now = clock.instant();
    CorrelationId cid =
        correlationId != null ? correlationId : CorrelationId.of(java.util.UUID.randomUUID());
    DeadLetter stored =
        deadLetters.add(
            new DeadLetter(
                id,
                rt.flow.name(),
                null,
                null,
                Set.of(),
                FailureReason.MAPPING,
                r.message(),
                r.errors(),
                now,
                now,
                1,
                0,
                DeadLetter.Status.OPEN,
                "",
                new DeadLetter.SourceRecord(
                    r.source(),
                    rt.flow.entityType(),
                    cid,
                    r.sourceTimestamp(),
                    r.sourceVersion())));
    SystemId system = r.source().system();
    String domain = rt.flow.entityType().name();
    counters.add(system, domain, Counters.Kind.DEAD_LETTERED, 1);
    counters.add(system, domain, Counters.Kind.REJECTED, 1);
    audit.append(
        new AuditEntry(
            0,
            now,
            rt.flow.name(),
            stored.correlationId(),
            system,
            domain,
            null,
            "dead-lettered",
            FailureReason.MAPPING.name(),
            r.paths()));
    emitCorrelated(
        Stage.DEAD_LETTERED, rt, system, stored.correlationId(), FailureReason.MAPPING.name());
    LOG.warn(
        "dead-lettered {} record {} the feed of flow {} could not map ({}): letter {}",
        domain,
        r.source(),
        rt.flow.name(),
        r.paths(),
        id);
    return stored;
  }

  /** A message without record values: validation messages name fields, never their values. */
  private static String describe(RuntimeException failure, List<FieldError> errors) {
    if (failure instanceof ValidationException) {
      List<String> parts = new ArrayList<>();
      for (FieldError e : errors) {
        parts.add(e.path() + ": " + e.message());
      }
      return "invalid: " + String.join("; ", parts);
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private <T extends CanonicalEntity> void auditMerge(
      FlowRuntime<T> rt, Work<T> w, MergeResult<T> r) {
    SystemId source = w.change.source().system();
    if (r.effective()) {
      List<FieldChange> changes = r.changes();
      String[] changed = new String[changes.size()];
      for (int i = 0; i < changed.length; i++) {
        changed[i] = changes.get(i).path().value();
      }
      // An immutable list, which the audit entry keeps without copying it.
      appendAudit(rt, w, source, r.created() ? "created" : "merged", "ownership", List.of(changed));
    }
    if (!r.dropped().isEmpty()) {
      List<String> dropped = new ArrayList<>();
      r.dropped()
          .forEach(d -> dropped.add(d.field().value() + " (owner " + d.owner().value() + ")"));
      appendAudit(rt, w, source, "dropped", "ownership", dropped);
    }
    if (!r.parked().isEmpty()) {
      List<String> parked = new ArrayList<>();
      r.parked().forEach(p -> parked.add(p.field().value()));
      appendAudit(rt, w, source, "parked", "conflict rule", parked);
    }
    if (!r.effective() && !r.isEcho()) {
      appendAudit(rt, w, source, "unchanged", "no effective change", List.of());
    }
  }

  private static List<String> paths(Collection<FieldPath> fields) {
    String[] out = new String[fields.size()];
    int i = 0;
    for (FieldPath f : fields) {
      out[i++] = f.value();
    }
    return List.of(out);
  }

  private <T extends CanonicalEntity> void appendAudit(
      FlowRuntime<T> rt,
      Work<T> w,
      SystemId system,
      String decision,
      String rule,
      List<String> fields) {
    audit.append(
        new AuditEntry(
            0,
            clock.instant(),
            rt.flow.name(),
            w.change.correlationId(),
            system,
            w.change.entityType().name(),
            w.id,
            decision,
            rule,
            fields));
  }

  void emit(Stage stage, FlowRuntime<?> rt, SystemId system, Change<?> c, String detail) {
    emitCorrelated(stage, rt, system, c == null ? null : c.correlationId(), detail);
  }

  void emitCorrelated(
      Stage stage, FlowRuntime<?> rt, SystemId system, CorrelationId correlation, String detail) {
    if (listener == SyncListener.NONE) {
      return;
    }
    try {
      listener.onEvent(
          new SyncEvent(
              stage,
              rt.flow.name(),
              system,
              rt.flow.entityType(),
              correlation,
              clock.instant(),
              detail));
    } catch (RuntimeException e) {
      LOG.warn("a SyncListener failed on {}; the change goes on", stage, e);
    }
  }
}
