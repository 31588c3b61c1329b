package dev.retailsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A macro measurement on the calling thread: warm-up rounds, then measured rounds, reporting
 * operations per second of wall time, CPU nanoseconds per operation of the calling thread (steadier
 * than wall time on a shared machine), CPU nanoseconds per operation of the whole JVM process
 * (every thread: helpers a contender hands work to, the garbage collector, the JIT compiler), bytes
 * allocated per operation on the calling thread, and bytes per operation the last round still holds
 * when it ends (heap after a full GC with the round open, less the heap after it is closed: the
 * state a contender keeps, which the collector copies and marks while the round runs). Every round
 * starts on a collected heap, so that none pays for the garbage of the one before.
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
    long retained = 0;
    for (int i = 0; i < rounds; i++) {
      // Each round in its own frame, so that nothing of a closed round stays reachable from here.
      long[] r = round(setup, tid, i == rounds - 1);
      sink += r[0];
      cpu += r[2];
      bestCpu = Math.min(bestCpu, r[2]);
      processCpu += r[3];
      alloc += r[4];
      wall += r[1];
      bestWall = Math.min(bestWall, r[1]);
      if (i == rounds - 1) {
        // What the last round held with it open, less what is left once it is closed.
        retained = Math.max(0, r[5] - heapAfterGc());
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
    row.put("retained_bytes_per_op", (double) (retained / opsPerRound));
    if (sink == 42) {
      System.out.print("");
    }
    return row;
  }

  /**
   * Measures several contenders round by round in turn (every contender's warm-ups first, then
   * measured round 1 of each, round 2 of each, ...), so that a slow spell of a shared machine falls
   * on all of them rather than on whichever happened to run then. Each returned row has the figures
   * {@link #runPrepared} gives.
   *
   * @param setups one round's set-up per contender, in the order of the returned rows
   */
  static List<Map<String, Object>> interleaved(
      int warmups, int rounds, int opsPerRound, List<Supplier<Prepared>> setups) {
    long sink = 0;
    for (Supplier<Prepared> setup : setups) {
      for (int i = 0; i < warmups; i++) {
        try (Prepared p = setup.get()) {
          sink += p.run();
        }
      }
    }
    long tid = Thread.currentThread().getId();
    int k = setups.size();
    long[][] sums = new long[k][5]; // wall, cpu, process cpu, alloc, retained
    long[] bestWall = new long[k];
    long[] bestCpu = new long[k];
    java.util.Arrays.fill(bestWall, Long.MAX_VALUE);
    java.util.Arrays.fill(bestCpu, Long.MAX_VALUE);
    for (int i = 0; i < rounds; i++) {
      boolean last = i == rounds - 1;
      for (int c = 0; c < k; c++) {
        long[] r = round(setups.get(c), tid, last);
        sink += r[0];
        sums[c][0] += r[1];
        sums[c][1] += r[2];
        sums[c][2] += r[3];
        sums[c][3] += r[4];
        bestWall[c] = Math.min(bestWall[c], r[1]);
        bestCpu[c] = Math.min(bestCpu[c], r[2]);
        if (last) {
          sums[c][4] = Math.max(0, r[5] - heapAfterGc());
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    long ops = (long) rounds * opsPerRound;
    for (int c = 0; c < k; c++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ops_per_s", ops / (sums[c][0] / 1e9));
      row.put("best_ops_per_s", opsPerRound / (bestWall[c] / 1e9));
      row.put("cpu_us_per_op", sums[c][1] / 1e3 / ops);
      row.put("best_cpu_us_per_op", bestCpu[c] / 1e3 / opsPerRound);
      row.put("process_cpu_us_per_op", sums[c][2] / 1e3 / ops);
      row.put("alloc_bytes_per_op", (double) (sums[c][3] / ops));
      row.put("retained_bytes_per_op", (double) (sums[c][4] / opsPerRound));
      rows.add(row);
    }
    if (sink == 42) {
      System.out.print("");
    }
    return rows;
  }

  /**
   * Sets up, runs and closes one round.
   *
   * @return sink, wall, thread CPU, process CPU and allocated bytes of the run, and the heap in use
   *     after a full GC with the round still open when {@code heap} (else 0)
   */
  private static long[] round(Supplier<Prepared> setup, long tid, boolean heap) {
    try (Prepared p = setup.get()) {
      // Each round starts on a collected heap: what the previous round left (a contender's closed
      // state) is not collected at this round's expense.
      System.gc();
      long a0 = THREADS.getThreadAllocatedBytes(tid);
      long p0 = OS.getProcessCpuTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      long sink = p.run();
      long w = System.nanoTime() - w0;
      long c = THREADS.getCurrentThreadCpuTime() - c0;
      long pc = OS.getProcessCpuTime() - p0;
      long a = THREADS.getThreadAllocatedBytes(tid) - a0;
      return new long[] {sink, w, c, pc, a, heap ? heapAfterGc() : 0};
    }
  }

  /** Heap in use after full collections (outside the measured time). */
  private static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
