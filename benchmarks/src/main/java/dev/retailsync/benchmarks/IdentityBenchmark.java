package dev.retailsync.benchmarks;

import dev.retailsync.benchmarks.IdentityData.Dataset;
import dev.retailsync.core.identity.Clustering;
import dev.retailsync.core.identity.Decision;
import dev.retailsync.core.identity.IdentityFields;
import dev.retailsync.core.identity.IdentityRecord;
import dev.retailsync.core.identity.IdentityResolver;
import dev.retailsync.core.identity.RecordPair;
import dev.retailsync.core.identity.ResolverConfig;
import dev.retailsync.core.identity.WeightEstimator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.priv.garshol.duke.Configuration;

/**
 * {@code benchmarks/run identity}: our resolver beside Duke 1.2 on Febrl 1-4, census and the
 * restaurants, same rows, same scorer; then the synthetic scale run. {@code --csv FILE --id COLUMN
 * --truth COLUMN --fields field=column,...} runs both on any labeled CSV with default
 * configurations instead.
 */
final class IdentityBenchmark {
  private IdentityBenchmark() {}

  static void main(String[] args) {
    Map<String, String> opts = options(args);
    Results results = new Results("identity");
    if (opts.containsKey("csv")) {
      Dataset d = csvDataset(opts);
      ours(results, d, defaults(d));
      if (!"ours".equals(opts.get("only"))) {
        duke(
            results, d, "duke 1.2 (default config from --fields)", DukeEngine.defaults(d.fields()));
      }
      results.publish();
      return;
    }
    // The scale run goes first, in a clean heap (Duke's Lucene leaves static caches behind); its
    // row is printed last.
    int scale = Integer.parseInt(opts.getOrDefault("scale", "1000000"));
    Map<String, Object> scaleRow =
        scale > 0
            ? ScaleRun.run(scale, Integer.parseInt(opts.getOrDefault("probes", "10000")))
            : null;
    Path root = IdentityData.datasets();
    System.out.println("datasets: " + root);
    List<Dataset> sets =
        List.of(
            IdentityData.febrl(root, "febrl 1 (1,000)", "dataset1.csv"),
            IdentityData.febrl(root, "febrl 2 (5,000)", "dataset2.csv"),
            IdentityData.febrl(root, "febrl 3 (5,000)", "dataset3.csv"),
            IdentityData.febrl(root, "febrl 4 (4a x 4b)", "dataset4a.csv", "dataset4b.csv"),
            IdentityData.census(root),
            IdentityData.restaurants(root));
    // --only ours skips Duke (a quicker loop while working on our engine).
    boolean withDuke = !"ours".equals(opts.get("only"));
    for (Dataset d : sets) {
      ours(results, d, defaults(d));
      if (opts.containsKey("em")) {
        ours(results, d, defaults(d), true);
      }
      if (!withDuke) {
        continue;
      } else if (d.name().startsWith("febrl")) {
        duke(results, d, "duke 1.2 five-key", DukeEngine.resource("duke-febrl-multikey.xml", 0.90));
      } else if (d.name().startsWith("census")) {
        duke(results, d, "duke 1.2 (t=0.90)", DukeEngine.resource("duke-census.xml", 0.90));
        duke(results, d, "duke 1.2 (t=0.97)", DukeEngine.resource("duke-census.xml", 0.97));
      } else {
        duke(results, d, "duke 1.2 (default config)", DukeEngine.defaults(d.fields()));
      }
    }
    if (scaleRow != null) {
      results.add(scaleRow);
    }
    results.publish();
  }

  /** The default customer configuration, limited to the fields the data set has. */
  static ResolverConfig defaults(Dataset d) {
    return ResolverConfig.customerDefaults().toBuilder().retainFields(d.fields().keySet()).build();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      m.put(key, i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
    }
    return m;
  }

  private static Dataset csvDataset(Map<String, String> o) {
    for (String k : List.of("id", "truth", "fields")) {
      if (!o.containsKey(k)) {
        throw new IllegalArgumentException(
            "--csv needs --id COLUMN --truth COLUMN --fields field=column,...; missing --" + k);
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String p : o.get("fields").split(",")) {
      String[] kv = p.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("--fields takes field=column pairs, got " + p);
      }
      String field =
          IdentityFields.lookup(kv[0])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          kv[0] + " is not in the field catalogue " + IdentityFields.ALL));
      fields.put(field, kv[1].strip());
    }
    String id = o.get("id");
    String truth = o.get("truth");
    Path file = Path.of(o.get("csv"));
    return new Dataset(
        file.getFileName().toString(),
        IdentityData.csv(file),
        null,
        r -> r.get(id),
        r -> r.get(truth),
        fields);
  }

  private static List<IdentityRecord> records(List<Map<String, String>> rows, Dataset d) {
    List<IdentityRecord> out = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      IdentityRecord.Builder b = IdentityRecord.builder(d.id().apply(row));
      d.fields().forEach((field, column) -> b.put(field, row.get(column)));
      out.add(b.build());
    }
    return out;
  }

  private static void ours(Results results, Dataset d, ResolverConfig config) {
    ours(results, d, config, false);
  }

  /**
   * Runs our engine; with {@code em}, the weights are first re-estimated from the file itself by
   * {@link WeightEstimator} (unlabeled: the truth is not used), inside the measured time.
   */
  private static void ours(Results results, Dataset d, ResolverConfig config, boolean em) {
    List<IdentityRecord> left = records(d.left(), d);
    List<IdentityRecord> right = d.linkage() ? records(d.right(), d) : null;
    IdentityResolver[] holder = new IdentityResolver[1];
    Measured<Set<List<String>>> m =
        measure(
            () -> {
              ResolverConfig used = config;
              if (em) {
                List<IdentityRecord> all = new ArrayList<>(left);
                if (right != null) {
                  all.addAll(right);
                }
                used = WeightEstimator.estimate(config, all, 20, 1);
              }
              IdentityResolver resolver = IdentityResolver.create(used);
              holder[0] = resolver;
              Set<List<String>> links = new HashSet<>();
              if (right != null) {
                for (Decision x : resolver.linkOneToOne(left, right)) {
                  links.add(pair(x.recordId(), x.candidateId()));
                }
              } else {
                Clustering c = resolver.cluster(left);
                for (List<String> cluster : c.clusters()) {
                  for (int i = 0; i < cluster.size(); i++) {
                    for (int j = i + 1; j < cluster.size(); j++) {
                      links.add(pair(cluster.get(i), cluster.get(j)));
                    }
                  }
                }
              }
              return links;
            });
    Map<String, Object> row = Scoring.score(d, m.value);
    // Blocking alone: pairs completeness and reduction ratio (for a linkage, of the cross pairs).
    List<IdentityRecord> all = new ArrayList<>(left);
    Set<String> rightIds = new HashSet<>();
    if (right != null) {
      all.addAll(right);
      right.forEach(r -> rightIds.add(r.id()));
    }
    Set<List<String>> candidates = new HashSet<>();
    for (RecordPair p : holder[0].candidatePairs(all)) {
      if (right == null || rightIds.contains(p.first()) != rightIds.contains(p.second())) {
        candidates.add(pair(p.first(), p.second()));
      }
    }
    row.put("blocking_pc", Scoring.score(d, candidates).get("recall"));
    double pairs =
        right == null ? left.size() * (left.size() - 1) / 2.0 : (double) left.size() * right.size();
    row.put("blocking_rr", 1 - candidates.size() / pairs);
    add(results, d, em ? "retail-sync identity + EM" : "retail-sync identity", row, m);
  }

  private static void duke(Results results, Dataset d, String engine, Configuration config) {
    Measured<Set<List<String>>> m = measure(() -> DukeEngine.run(config, d));
    add(results, d, engine, Scoring.score(d, m.value), m);
  }

  private static void add(
      Results results, Dataset d, String engine, Map<String, Object> scores, Measured<?> m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", d.name());
    row.put("engine", engine);
    row.putAll(scores);
    row.put("wall_s", m.seconds);
    row.put("peak_heap_mib", m.peakHeapMib);
    results.add(row);
    System.out.printf(
        "%-20s %-34s P %.4f R %.4f F1 %.4f  %.2f s  %d MiB%n",
        d.name(),
        engine,
        (Double) scores.get("precision"),
        (Double) scores.get("recall"),
        (Double) scores.get("f1"),
        m.seconds,
        m.peakHeapMib);
  }

  static List<String> pair(String a, String b) {
    return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }

  /** A value with the wall time and peak heap it took. */
  static final class Measured<T> {
    T value;
    double seconds;
    long peakHeapMib;
  }

  static <T> Measured<T> measure(Supplier<T> work) {
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heap.add(p);
      }
    }
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long t0 = System.nanoTime();
    Measured<T> m = new Measured<>();
    m.value = work.get();
    m.seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : heap) {
      peak += p.getPeakUsage().getUsed();
    }
    m.peakHeapMib = peak >> 20;
    return m;
  }

  /** One shared scorer for both engines: pairwise against all true pairs, and B-cubed. */
  static final class Scoring {
    private Scoring() {}

    static Map<String, Object> score(Dataset d, Set<List<String>> predicted) {
      Map<String, String> truth = new HashMap<>();
      Map<String, List<String>> gold = new HashMap<>();
      Set<String> rightIds = new HashSet<>();
      for (Map<String, String> row : d.all()) {
        String id = d.id().apply(row);
        String t = d.truth().apply(row);
        truth.put(id, t);
        gold.computeIfAbsent(t, k -> new ArrayList<>()).add(id);
      }
      if (d.linkage()) {
        d.right().forEach(r -> rightIds.add(d.id().apply(r)));
      }
      long truePairs = 0;
      for (List<String> g : gold.values()) {
        for (int i = 0; i < g.size(); i++) {
          for (int j = i + 1; j < g.size(); j++) {
            if (!d.linkage() || rightIds.contains(g.get(i)) != rightIds.contains(g.get(j))) {
              truePairs++;
            }
          }
        }
      }
      long tp = 0;
      for (List<String> p : predicted) {
        String a = truth.get(p.get(0));
        if (a != null && a.equals(truth.get(p.get(1)))) {
          tp++;
        }
      }
      double precision = predicted.isEmpty() ? 1 : (double) tp / predicted.size();
      double recall = truePairs == 0 ? 1 : (double) tp / truePairs;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("links", (long) predicted.size());
      row.put("precision", precision);
      row.put("recall", recall);
      row.put("f1", f1(precision, recall));
      row.put("bcubed_f1", bcubed(truth, predicted));
      return row;
    }

    private static double f1(double p, double r) {
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** B-cubed F1 of the connected components of the links against the true clusters. */
    private static double bcubed(Map<String, String> truth, Set<List<String>> links) {
      Map<String, String> parent = new HashMap<>();
      for (String id : truth.keySet()) {
        parent.put(id, id);
      }
      for (List<String> l : links) {
        String a = find(parent, l.get(0));
        String b = find(parent, l.get(1));
        if (a != null && b != null && !a.equals(b)) {
          parent.put(a, b);
        }
      }
      Map<String, List<String>> clusters = new HashMap<>();
      for (String id : truth.keySet()) {
        clusters.computeIfAbsent(find(parent, id), k -> new ArrayList<>()).add(id);
      }
      Map<String, Integer> goldSize = new HashMap<>();
      truth.values().forEach(t -> goldSize.merge(t, 1, Integer::sum));
      double p = 0;
      double r = 0;
      for (List<String> c : clusters.values()) {
        Map<String, Integer> byTruth = new HashMap<>();
        c.forEach(id -> byTruth.merge(truth.get(id), 1, Integer::sum));
        for (String id : c) {
          int common = byTruth.get(truth.get(id));
          p += (double) common / c.size();
          r += (double) common / goldSize.get(truth.get(id));
        }
      }
      int n = truth.size();
      return f1(p / n, r / n);
    }

    private static String find(Map<String, String> parent, String id) {
      String p = parent.get(id);
      if (p == null) {
        return null;
      }
      while (!p.equals(parent.get(p))) {
        parent.put(id, parent.get(p));
        p = parent.get(p);
      }
      return p;
    }
  }
}
