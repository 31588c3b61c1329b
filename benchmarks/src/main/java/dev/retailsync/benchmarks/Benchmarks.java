package dev.retailsync.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The one entry point of {@code benchmarks/run NAME [ARGS]}. */
public final class Benchmarks {
  private static final Map<String, Consumer<String[]>> BENCHMARKS = new TreeMap<>();

  static {
    BENCHMARKS.put("identity", IdentityBenchmark::main);
    BENCHMARKS.put("json", JsonBenchmark::main);
    BENCHMARKS.put("erp-calls", ErpCallsBenchmark::main);
    BENCHMARKS.put("salesforce-calls", SalesforceCallsBenchmark::main);
    BENCHMARKS.put("shopify-calls", ShopifyCallsBenchmark::main);
    BENCHMARKS.put("pipeline", PipelineBenchmark::main);
    BENCHMARKS.put("state", StateBenchmark::main);
    BENCHMARKS.put(
        "merge",
        args ->
            Jmh.run(
                "merge",
                MergeBenchmark.class,
                "merge + plan, account of ~40 fields, 3 systems, 1 thread",
                java.util.Map.of(
                    "mergeAndPlan", "retail-sync Merger + WritePlanner",
                    "jacksonTreeDiffAndPatch", "Jackson tree diff+patch (no ownership/lineage)")));
  }

  private Benchmarks() {}

  /**
   * Runs one benchmark.
   *
   * @param args the benchmark's name, then its own arguments
   */
  public static void main(String[] args) {
    if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println(
          "usage: benchmarks/run NAME [ARGS]; NAME is one of " + BENCHMARKS.keySet());
      System.exit(2);
    }
    BENCHMARKS.get(args[0]).accept(Arrays.copyOfRange(args, 1, args.length));
  }
}
