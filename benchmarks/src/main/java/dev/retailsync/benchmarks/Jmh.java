package dev.retailsync.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs a JMH benchmark class and publishes its rows through {@link Results}. */
final class Jmh {
  private Jmh() {}

  /**
   * Runs every benchmark method of a class.
   *
   * @param name the results file's name
   * @param benchmark the class
   * @param caseName the case column
   * @param engines the engine column per method name
   */
  static void run(String name, Class<?> benchmark, String caseName, Map<String, String> engines) {
    Options opts =
        new OptionsBuilder()
            .include(benchmark.getName() + "\\.")
            .threads(1)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results;
    try {
      results = new Runner(opts).run();
    } catch (RunnerException e) {
      throw new IllegalStateException(e);
    }
    Results table = new Results(name);
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("case", caseName);
      row.put("engine", engines.getOrDefault(method, method));
      row.put("ops_per_s", r.getPrimaryResult().getScore());
      row.put("error_ops_per_s", r.getPrimaryResult().getScoreError());
      row.put("us_per_op", 1e6 / r.getPrimaryResult().getScore());
      table.add(row);
    }
    table.publish();
  }
}
