package dev.retailsync.core.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How the engine waits and schedules: the waits between retries and for a rate limit, and the
 * periodic polling of {@link SyncEngine#start}. Injected so that tests run the engine on a fake
 * clock without sleeping (STYLE.md rule 8): a test scheduler moves its clock instead of waiting.
 *
 * <p>Implementations are thread-safe.
 */
public interface SyncScheduler {
  /**
   * Waits on the calling thread.
   *
   * @param duration how long; zero returns at once
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Runs a task repeatedly, with a fixed delay between the end of one run and the start of the
   * next.
   *
   * @param task the task
   * @param initialDelay the wait before the first run
   * @param delay the wait between runs
   * @return the future that cancels the schedule
   */
  Future<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);

  /**
   * Returns a scheduler that waits with {@link Thread#sleep} and schedules on an executor.
   *
   * @param executor the executor; the caller keeps ownership and shuts it down
   * @return the scheduler
   */
  static SyncScheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return new SyncScheduler() {
      @Override
      public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
          TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
      }

      @Override
      public Future<?> scheduleWithFixedDelay(
          Runnable task, Duration initialDelay, Duration delay) {
        return executor.scheduleWithFixedDelay(
            task, initialDelay.toNanos(), delay.toNanos(), TimeUnit.NANOSECONDS);
      }
    };
  }
}
