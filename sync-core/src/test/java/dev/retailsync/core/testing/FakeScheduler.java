package dev.retailsync.core.testing;

import dev.retailsync.core.engine.SyncScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A scheduler on a {@link FakeClock}: {@link #sleep} moves the clock instead of waiting and records
 * the wait; scheduled tasks run when the test calls {@link #runScheduled()}. Thread-safe.
 */
public final class FakeScheduler implements SyncScheduler {
  private final FakeClock clock;
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();

  /**
   * Creates a scheduler that moves the given clock.
   *
   * @param clock the clock
   */
  public FakeScheduler(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (this) {
      sleeps.add(duration);
    }
    clock.advance(duration);
  }

  @Override
  public synchronized Future<?> scheduleWithFixedDelay(
      Runnable task, Duration initialDelay, Duration delay) {
    tasks.add(task);
    CompletableFuture<Void> f = new CompletableFuture<>();
    f.whenComplete((v, e) -> removeTask(task));
    return f;
  }

  private synchronized void removeTask(Runnable task) {
    tasks.remove(task);
  }

  /** Runs every scheduled task once, as if its delay had passed. */
  public void runScheduled() {
    List<Runnable> copy;
    synchronized (this) {
      copy = List.copyOf(tasks);
    }
    copy.forEach(Runnable::run);
  }

  /**
   * Returns the waits asked for so far.
   *
   * @return the waits, in order
   */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * Returns the sum of the waits asked for so far.
   *
   * @return the total
   */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
