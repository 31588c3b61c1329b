package dev.retailsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A macro measurement on the calling thread: warm-up rounds, then measured rounds, reporting
 * operations per second of wall time, CPU nanoseconds per operation (steadier than wall time on a
 * shared machine) and bytes allocated per operation.
 */
final class Measure {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** One round of work: performs {@code ops} operations and returns a value to keep alive. */
  interface Round {
    long run();
  }

  private Measure() {}

  static Map<String, Object> run(int warmups, int rounds, int opsPerRound, Round round) {
    long sink = 0;
    for (int i = 0; i < warmups; i++) {
      sink += round.run();
    }
    long tid = Thread.currentThread().getId();
    long bestWall = Long.MAX_VALUE;
    long cpu = 0;
    long wall = 0;
    long alloc = 0;
    for (int i = 0; i < rounds; i++) {
      long a0 = THREADS.getThreadAllocatedBytes(tid);
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      sink += round.run();
      long w = System.nanoTime() - w0;
      cpu += THREADS.getCurrentThreadCpuTime() - c0;
      alloc += THREADS.getThreadAllocatedBytes(tid) - a0;
      wall += w;
      bestWall = Math.min(bestWall, w);
    }
    long ops = (long) rounds * opsPerRound;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ops_per_s", ops / (wall / 1e9));
    row.put("best_ops_per_s", opsPerRound / (bestWall / 1e9));
    row.put("cpu_us_per_op", cpu / 1e3 / ops);
    row.put("alloc_bytes_per_op", (double) (alloc / ops));
    if (sink == 42) {
      System.out.print("");
    }
    return row;
  }
}
