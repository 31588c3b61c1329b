package dev.retailsync.erp.netsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.netsuite.fake.FakeNetSuite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * NetSuite's account-wide concurrency limit is kept by the tenant gate, not by retries: 8 threads
 * through two connector instances for one account never have more than the limit in flight.
 */
class ConcurrencyLimitTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 20;
  private static final int BATCH = 5;

  @Test
  void eightThreadsAgainstALimitOfTwoNeverExceedTwoInFlightAndLoseNothing() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    FakeNetSuite fake = Fixtures.fake(clock).concurrencyLimit(2).lingerUpTo(Duration.ofMillis(5));
    Fixtures.Sleeps sleeps = new Fixtures.Sleeps(clock);
    SystemId system = SystemId.of("netsuite-limit-test");
    // Two instances for the same account share the process-wide gate sized from the limit.
    NetSuiteConnector a = shared(fake, clock, sleeps, system);
    NetSuiteConnector b = shared(fake, clock, sleeps, system);
    assertTrue(a.gate() == b.gate(), "connectors of one account share one gate");

    List<WriteOutcome> outcomes = run(a, b);

    assertEquals(THREADS * PER_THREAD, outcomes.size());
    for (WriteOutcome o : outcomes) {
      assertEquals(WriteOutcome.Status.CREATED, o.status(), o.toString());
    }
    assertEquals(THREADS * PER_THREAD, fake.records("customer").size(), "every record written");
    assertTrue(fake.peakInFlight() <= 2, "peak in flight at the fake: " + fake.peakInFlight());
    assertEquals(0, fake.throttledRequests(), "the gate kept the limit, so nothing was refused");
    assertTrue(a.gate().peakInFlight() <= 2);
    assertTrue(sleeps.waits.isEmpty(), "no retry waits were needed: " + sleeps.waits);
  }

  @Test
  void withoutAGateSizedToTheLimitTheFakeRefusesTheOverflow() throws Exception {
    // The control: the same load through a gate of 8 goes over the limit, and the fake says so.
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    FakeNetSuite fake = Fixtures.fake(clock).concurrencyLimit(2).lingerUpTo(Duration.ofMillis(5));
    Fixtures.Sleeps sleeps = new Fixtures.Sleeps(clock);
    NetSuiteConnector wide =
        Fixtures.connector(fake, clock, sleeps)
            .gate(TenantGate.unshared("too-wide", THREADS))
            .throttleRetries(0, Duration.ofSeconds(1))
            .build();

    List<WriteOutcome> outcomes = run(wide, wide);

    assertTrue(fake.throttledRequests() > 0, "the fake enforces its limit with 429s");
    assertTrue(
        outcomes.stream().anyMatch(o -> o.status() == WriteOutcome.Status.RETRYABLE_FAILURE),
        "refused writes are reported retryable, not lost");
    assertTrue(
        outcomes.stream().noneMatch(o -> o.status() == WriteOutcome.Status.REJECTED),
        "a 429 is never a rejection");
  }

  private static NetSuiteConnector shared(
      FakeNetSuite fake, TestClock clock, Fixtures.Sleeps sleeps, SystemId system) {
    return NetSuiteConnector.builder()
        .system(system)
        .baseUrl(FakeNetSuite.BASE_URL)
        .http(fake.client())
        .credentials(Fixtures.credentials())
        .clock(clock)
        .sleeper(sleeps::sleep)
        .concurrencyLimit(2)
        .build();
  }

  private static List<WriteOutcome> run(NetSuiteConnector a, NetSuiteConnector b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<WriteOutcome>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      RecordWriter<Account> writer = (t % 2 == 0 ? a : b).writer(EntityType.ACCOUNT).orElseThrow();
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<WriteOutcome> out = new ArrayList<>();
                for (int i = 0; i < PER_THREAD; i += BATCH) {
                  List<WriteRequest<Account>> batch = new ArrayList<>();
                  for (int j = i; j < i + BATCH; j++) {
                    String key = "T" + thread + "-" + j;
                    batch.add(WriteRequest.of(key, Fixtures.account(key)));
                  }
                  out.addAll(writer.upsert(batch));
                }
                return out;
              }));
    }
    start.countDown();
    List<WriteOutcome> all = new ArrayList<>();
    for (Future<List<WriteOutcome>> f : futures) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    return all;
  }
}
