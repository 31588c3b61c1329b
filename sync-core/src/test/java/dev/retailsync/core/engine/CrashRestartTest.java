package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static dev.retailsync.core.engine.EngineFixtures.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.observability.AuditTrail;
import dev.retailsync.core.state.CrossReferenceStore;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.GoldenRecordStore;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.core.state.ReviewQueue;
import dev.retailsync.core.state.WriteFingerprintStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * Crash-restart harness: a flow runs over a feed with a few invalid changes while the engine is
 * killed at random points (before or after any store call or remote write, including after the
 * remote write and before its outcome is recorded), then restarted on the same H2 database. After
 * every seed each valid record exists once at the target with its last value, and the dead letters
 * are exactly the invalid inputs.
 *
 * <p>{@code -Dretailsync.crash.seeds=...} and {@code -Dretailsync.crash.changes=...} make a longer
 * run; the default build runs 100 seeds of 40 changes.
 */
class CrashRestartTest {
  private static final int SEEDS = Integer.getInteger("retailsync.crash.seeds", 100);
  private static final int CHANGES = Integer.getInteger("retailsync.crash.changes", 40);
  private static final int MAX_CRASHES = 4;
  private static final java.util.concurrent.atomic.AtomicLong STEPS =
      new java.util.concurrent.atomic.AtomicLong();

  /** The simulated death of the process. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash", null, false, false);
    }
  }

  /**
   * Counts steps down to the crash: any step, or only the steps right after a remote write (before
   * its outcome is recorded). Once crashed, every later step fails too.
   */
  static final class Crasher {
    private final boolean afterWritesOnly;
    private final AtomicBoolean databaseDown;
    private int countdown;
    private boolean dead;
    private int steps;

    Crasher(int countdown, boolean afterWritesOnly) {
      this(countdown, afterWritesOnly, null);
    }

    /**
     * With {@code databaseDown}, the countdown takes the database away instead of the process: the
     * engine keeps running and meets the stores' typed errors.
     */
    Crasher(int countdown, boolean afterWritesOnly, AtomicBoolean databaseDown) {
      this.countdown = countdown;
      this.afterWritesOnly = afterWritesOnly;
      this.databaseDown = databaseDown;
    }

    synchronized void tick() {
      step(!afterWritesOnly);
    }

    synchronized void afterWrite() {
      step(true);
    }

    private void step(boolean counts) {
      steps++;
      if (dead || (counts && countdown > 0 && --countdown == 0)) {
        dead = true;
        if (databaseDown != null) {
          databaseDown.set(true);
          return;
        }
        throw new Crash();
      }
    }
  }

  static <T> T crashing(Class<T> type, T target, Crasher crasher) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
              }
              crasher.tick();
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              crasher.tick();
              return result;
            }));
  }

  /** A target that, like real APIs, creates a record once per key and updates it after. */
  static final class Target implements Connector {
    private final Map<String, ExternalId> ids = new HashMap<>();
    private final Map<ExternalId, String> names =
        new TreeMap<>(java.util.Comparator.comparing(ExternalId::id));
    private int creates;
    Crasher crasher = new Crasher(0, false);

    @Override
    public SystemId system() {
      return EngineFixtures.CRM;
    }

    @Override
    public Set<EntityType<?>> entityTypes() {
      return Set.of(EntityType.ACCOUNT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends CanonicalEntity> Optional<RecordWriter<X>> writer(EntityType<X> t) {
      RecordWriter<Account> w =
          new RecordWriter<>() {
            @Override
            public int maxBatchSize() {
              return 10;
            }

            @Override
            public List<WriteOutcome> upsert(List<WriteRequest<Account>> batch) {
              crasher.tick();
              List<WriteOutcome> out = write(batch);
              crasher.afterWrite(); // written remotely, outcome not recorded
              return out;
            }
          };
      return Optional.of((RecordWriter<X>) w);
    }

    synchronized List<WriteOutcome> write(List<WriteRequest<Account>> batch) {
      List<WriteOutcome> out = new ArrayList<>();
      for (WriteRequest<Account> r : batch) {
        ExternalId id = ids.get(r.key());
        if (id == null) {
          id = ExternalId.of(system(), "T-" + ++creates);
          ids.put(r.key(), id);
          names.put(id, r.entity().name());
          out.add(WriteOutcome.created(r.key(), id, "1"));
        } else {
          names.put(id, r.entity().name());
          out.add(WriteOutcome.updated(r.key(), id, null));
        }
      }
      return out;
    }
  }

  @Test
  void everyValidChangeIsAppliedOnceAndEveryInvalidOneDeadLetteredAcrossCrashes() {
    STEPS.set(0);
    int crashes = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      // A pool, as hosts use: DriverManager connections would dominate the run time.
      JdbcConnectionPool db =
          JdbcConnectionPool.create(
              "jdbc:h2:mem:crash" + seed + "x" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
              "sa",
              "");
      try {
        crashes += run(seed, CHANGES, clock -> JdbcStateStores.builder(db).clock(clock).build());
      } finally {
        db.dispose();
      }
    }
    System.out.println(
        "Crash-restart harness: "
            + SEEDS
            + " seeds of "
            + CHANGES
            + " changes, "
            + crashes
            + " crashes and restarts, "
            + STEPS.get() / SEEDS
            + " steps per seed");
  }

  @Test
  void aSoleInstanceRestartingAtOnceTakesOverTheLeasesItsCrashLeftAndAppliesEveryChangeOnce() {
    int crashes = 0;
    for (int seed = 1; seed <= 50; seed++) {
      JdbcConnectionPool db =
          JdbcConnectionPool.create(
              "jdbc:h2:mem:sole" + seed + "x" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
      try {
        crashes +=
            run(
                seed,
                CHANGES,
                clock -> JdbcStateStores.builder(db).clock(clock).build(),
                null,
                true);
      } finally {
        db.dispose();
      }
    }
    System.out.println(
        "Sole-instance restarts within the leases: 50 seeds, " + crashes + " crashes");
  }

  @Test
  void aDatabaseThatGoesAwayMidRunLosesNoChangeAndAdvancesNoCursorPastUnappliedOnes() {
    int outages = 0;
    for (int seed = 1; seed <= 50; seed++) {
      JdbcConnectionPool pool =
          JdbcConnectionPool.create(
              "jdbc:h2:mem:down" + seed + "x" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
      AtomicBoolean down = new AtomicBoolean();
      DataSource db =
          (DataSource)
              Proxy.newProxyInstance(
                  DataSource.class.getClassLoader(),
                  new Class<?>[] {DataSource.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                      throw new SQLTransientConnectionException("the database is down", "08001");
                    }
                    try {
                      return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      try {
        outages +=
            run(seed, CHANGES, clock -> JdbcStateStores.builder(db).clock(clock).build(), down);
      } finally {
        pool.dispose();
      }
    }
    System.out.println("Database-down harness: 50 seeds, " + outages + " outages");
  }

  /**
   * Runs one seed: publishes the feed, then runs, crashes and restarts the engine until it
   * finishes, and checks the target and the dead letters.
   *
   * @param open opens the stores on the seed's database, as a restarted process would
   * @return how many times the engine crashed
   */
  static int run(long seed, int changes, Function<Clock, JdbcStateStores> open) {
    return run(seed, changes, open, null);
  }

  /**
   * Runs one seed; with {@code databaseDown}, the database goes away at the chosen step instead of
   * the process dying, and comes back for the restart.
   */
  static int run(
      long seed, int changes, Function<Clock, JdbcStateStores> open, AtomicBoolean databaseDown) {
    return run(seed, changes, open, databaseDown, false);
  }

  /**
   * Runs one seed; with {@code soleInstance}, the engine is built as the only instance on its
   * stores and restarts at once after a crash, within the dead process's idempotency leases.
   */
  static int run(
      long seed,
      int changes,
      Function<Clock, JdbcStateStores> open,
      AtomicBoolean databaseDown,
      boolean soleInstance) {
    Random random = new Random(seed);
    EngineFixtures fx = new EngineFixtures();
    Target target = new Target();
    Map<String, String> lastName = new HashMap<>();
    Set<String> invalid = new TreeSet<>();
    int records = Math.max(2, changes / 3);
    for (int i = 0; i < changes; i++) {
      if (random.nextInt(20) == 0) {
        String id = "BAD-" + i;
        invalid.add(id);
        fx.erp.publish(
            List.of(fx.change(ERP, id, withEmail(account(id, "Bad " + i), "not-an-email"))));
      } else {
        String id = "A-" + random.nextInt(records);
        String name = "Name " + id + " v" + i;
        lastName.put(id, name);
        fx.erp.publish(List.of(fx.change(ERP, id, account(id, name))));
      }
    }
    int crashes = 0;
    while (true) {
      boolean afterWrites = random.nextBoolean();
      int countdown =
          afterWrites ? 1 + random.nextInt(changes / 5) : 1 + random.nextInt(changes * 6);
      Crasher crasher =
          new Crasher(crashes < MAX_CRASHES ? countdown : 0, afterWrites, databaseDown);
      target.crasher = crasher;
      SyncEngine engine = null;
      try {
        engine = engine(fx, target, open.apply(fx.clock), crasher, soleInstance);
        engine.runOnce("accounts");
        if (!crasher.dead) {
          STEPS.addAndGet(crasher.steps);
          check(seed, engine, target, lastName, invalid);
          engine.close();
          return crashes;
        }
      } catch (Crash | RuntimeException e) {
        if (!crasher.dead) {
          throw new AssertionError("seed " + seed + ": failed without a crash", e);
        }
      }
      STEPS.addAndGet(crasher.steps);
      crashes++;
      try {
        if (engine != null) {
          engine.close();
        }
      } catch (RuntimeException | Crash e) {
        // the process is gone; nothing to close
      }
      // A sole instance restarts at once, within the dead process's idempotency leases; otherwise
      // restart later than those leases.
      fx.clock.advance(soleInstance ? Duration.ofSeconds(5) : Duration.ofMinutes(6));
      if (databaseDown != null) {
        databaseDown.set(false);
      }
    }
  }

  private static SyncEngine engine(
      EngineFixtures fx, Target target, JdbcStateStores stores, Crasher c, boolean soleInstance) {
    SyncEngine.Builder b = fx.engine();
    if (soleInstance) {
      b.soleInstance();
    }
    return b.goldenRecordStore(crashing(GoldenRecordStore.class, stores.goldenRecords(), c))
        .reviewQueue(crashing(ReviewQueue.class, stores.reviewQueue(), c))
        .writeFingerprints(crashing(WriteFingerprintStore.class, stores.writeFingerprints(), c))
        .idempotencyStore(crashing(IdempotencyStore.class, stores.idempotency(), c))
        .crossReferences(crashing(CrossReferenceStore.class, stores.crossReferences(), c))
        .cursors(crashing(CursorStore.class, stores.cursors(), c))
        .deadLetters(crashing(DeadLetterStore.class, stores.deadLetters(), c))
        .auditTrail(crashing(AuditTrail.class, stores.auditTrail(), c))
        .addFlow(
            Flow.builder("accounts", EntityType.ACCOUNT)
                .source(fx.erp)
                .addTarget(target)
                .pageSize(10)
                .build())
        .build();
  }

  private static void check(
      long seed,
      SyncEngine engine,
      Target target,
      Map<String, String> lastName,
      Set<String> invalid) {
    synchronized (target) {
      assertEquals(
          lastName.size(), target.creates, "seed " + seed + ": one create per valid record");
      assertEquals(
          new TreeSet<>(lastName.values()),
          new TreeSet<>(target.names.values()),
          "seed " + seed + ": every record has its last value");
    }
    Set<String> letters = new TreeSet<>();
    for (DeadLetter l : engine.deadLetters().list(DeadLetterFilter.all())) {
      letters.add(l.change().source().id() + " " + l.reason());
    }
    Set<String> expected = new TreeSet<>();
    invalid.forEach(id -> expected.add(id + " VALIDATION"));
    assertEquals(expected, letters, "seed " + seed + ": dead letters are the invalid inputs");
  }
}
