package dev.retailsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A macro measurement on the calling thread: warm-up rounds, then measured rounds, reporting
 * operations per second of wall time, CPU nanoseconds per operation of the calling thread (steadier
 * than wall time on a shared machine), CPU nanoseconds per operation of the whole JVM process
 * (every thread: helpers a contender hands work to, the garbage collector, the JIT compiler), and
 * bytes allocated per operation on the calling thread.
 */
final class Measure {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One round of work: performs {@code ops} operations and returns a value to keep alive. */
  interface Round {
    long run();
  }

  /**
   * One round whose set-up (building and starting the contender) and tear-down ({@link #close}) are
   * not measured: only {@link #run} is, so that a contender's start-up cost is not spread over its
   * per-operation figures.
   */
  interface Prepared extends AutoCloseable {
    long run();

    @Override
    default void close() {}
  }

  private Measure() {}

  static Map<String, Object> run(int warmups, int rounds, int opsPerRound, Round round) {
    return runPrepared(warmups, rounds, opsPerRound, () -> round::run);
  }

  /**
   * Measures rounds each prepared by {@code setup} outside the measured time.
   *
   * @param setup builds one round; called once per warm-up and measured round
   */
  static Map<String, Object> runPrepared(
      int warmups, int rounds, int opsPerRound, Supplier<Prepared> setup) {
    long sink = 0;
    for (int i = 0; i < warmups; i++) {
      try (Prepared p = setup.get()) {
        sink += p.run();
      }
    }
    long tid = Thread.currentThread().getId();
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    long cpu = 0;
    long processCpu = 0;
    long wall = 0;
    long alloc = 0;
    for (int i = 0; i < rounds; i++) {
      try (Prepared p = setup.get()) {
        long a0 = THREADS.getThreadAllocatedBytes(tid);
        long p0 = OS.getProcessCpuTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        sink += p.run();
        long w = System.nanoTime() - w0;
        long c = THREADS.getCurrentThreadCpuTime() - c0;
        cpu += c;
        bestCpu = Math.min(bestCpu, c);
        processCpu += OS.getProcessCpuTime() - p0;
        alloc += THREADS.getThreadAllocatedBytes(tid) - a0;
        wall += w;
        bestWall = Math.min(bestWall, w);
      }
    }
    long ops = (long) rounds * opsPerRound;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ops_per_s", ops / (wall / 1e9));
    row.put("best_ops_per_s", opsPerRound / (bestWall / 1e9));
    row.put("cpu_us_per_op", cpu / 1e3 / ops);
    row.put("best_cpu_us_per_op", bestCpu / 1e3 / opsPerRound);
    row.put("process_cpu_us_per_op", processCpu / 1e3 / ops);
    row.put("alloc_bytes_per_op", (double) (alloc / ops));
    if (sink == 42) {
      System.out.print("");
    }
    return row;
  }
}
