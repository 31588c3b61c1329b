package dev.retailsync.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Estimates a configuration's m and u probabilities from unlabeled records, as Splink and fastLink
 * do: u from random record pairs (which are almost all non-matches), m and the match share by
 * expectation-maximisation over the candidate pairs blocking yields. The levels, comparators and
 * thresholds stay as configured.
 *
 * <p>This class only has static methods and is thread-safe; it is deterministic for a given seed.
 */
public final class WeightEstimator {
  private static final double FLOOR = 1e-6;

  /** Pseudo-observations of the configured m probabilities (a weak Bayesian prior). */
  private static final double PRIOR_WEIGHT = 20;

  private WeightEstimator() {}

  /**
   * Re-estimates the m and u probabilities of every field.
   *
   * @param config the configuration whose probabilities are the starting point
   * @param records unlabeled records of the kind the resolver will see
   * @param iterations EM iterations, such as 20
   * @param seed the seed for sampling random pairs
   * @return a configuration with the estimated probabilities
   */
  public static ResolverConfig estimate(
      ResolverConfig config, List<IdentityRecord> records, int iterations, long seed) {
    Scorer scorer = new Scorer(config);
    Index index = new Index(scorer);
    for (IdentityRecord r : records) {
      index.add(scorer.normalise(r, index.size()));
    }
    int fields = scorer.rules.length;
    List<int[]> pairs = new ArrayList<>();
    for (Entry e : index.entries) {
      for (int c : index.candidates(e)) {
        if (c < e.index) {
          pairs.add(levels(scorer, e, index.entries.get(c)));
        }
      }
    }
    double[][] u = new double[fields][];
    double[][] m = new double[fields][];
    for (int f = 0; f < fields; f++) {
      List<FieldRule.Level> ls = scorer.rules[f].levels();
      u[f] = new double[ls.size()];
      m[f] = new double[ls.size()];
      for (int k = 0; k < ls.size(); k++) {
        u[f][k] = ls.get(k).u();
        m[f][k] = ls.get(k).m();
      }
    }
    int n = index.size();
    if (n >= 2) {
      Random random = new Random(seed);
      double[][] counts = new double[fields][];
      for (int f = 0; f < fields; f++) {
        counts[f] = new double[u[f].length];
      }
      int samples = Math.min(200_000, n * (n - 1) / 2);
      for (int s = 0; s < samples; s++) {
        int a = random.nextInt(n);
        int b = random.nextInt(n);
        if (a == b) {
          continue;
        }
        int[] lv = levels(scorer, index.entries.get(a), index.entries.get(b));
        for (int f = 0; f < fields; f++) {
          if (lv[f] >= 0) {
            counts[f][lv[f]]++;
          }
        }
      }
      for (int f = 0; f < fields; f++) {
        u[f] = smooth(counts[f], u[f], 1);
      }
    }
    double[][] prior = new double[fields][];
    for (int f = 0; f < fields; f++) {
      prior[f] = m[f].clone();
    }
    double lambda = 0.1;
    for (int it = 0; it < iterations && !pairs.isEmpty(); it++) {
      double[][] mc = new double[fields][];
      for (int f = 0; f < fields; f++) {
        mc[f] = new double[m[f].length];
      }
      double total = 0;
      for (int[] lv : pairs) {
        double logRatio = Math.log(lambda / (1 - lambda));
        for (int f = 0; f < fields; f++) {
          if (lv[f] >= 0) {
            logRatio += Math.log(m[f][lv[f]] / u[f][lv[f]]);
          }
        }
        double p = 1 / (1 + Math.exp(-logRatio));
        total += p;
        for (int f = 0; f < fields; f++) {
          if (lv[f] >= 0) {
            mc[f][lv[f]] += p;
          }
        }
      }
      lambda = Math.min(Math.max(total / pairs.size(), FLOOR), 1 - FLOOR);
      for (int f = 0; f < fields; f++) {
        m[f] = smooth(mc[f], prior[f], PRIOR_WEIGHT);
      }
    }
    List<FieldRule> rules = new ArrayList<>(fields);
    for (int f = 0; f < fields; f++) {
      List<FieldRule.Level> ls = scorer.rules[f].levels();
      List<FieldRule.Level> out = new ArrayList<>(ls.size());
      for (int k = 0; k < ls.size(); k++) {
        out.add(new FieldRule.Level(ls.get(k).minSimilarity(), m[f][k], u[f][k]));
      }
      rules.add(scorer.rules[f].toBuilder().levels(out).build());
    }
    return config.toBuilder().fields(rules).build();
  }

  private static int[] levels(Scorer scorer, Entry a, Entry b) {
    Scorer.Verdict v = scorer.judge(a, b, null);
    return v.levels.clone();
  }

  /**
   * Turns counts into probabilities with {@code weight} pseudo-observations spread by the prior, so
   * that levels without data keep the configured value and a small sample cannot run away from it.
   */
  private static double[] smooth(double[] counts, double[] prior, double weight) {
    double sum = 0;
    for (double c : counts) {
      sum += c;
    }
    if (sum < 1) {
      return prior;
    }
    double[] out = new double[counts.length];
    double norm = 0;
    for (int k = 0; k < counts.length; k++) {
      out[k] = Math.max((counts[k] + weight * prior[k]) / (sum + weight), FLOOR);
      norm += out[k];
    }
    for (int k = 0; k < counts.length; k++) {
      out[k] = Math.min(out[k] / norm, 1 - FLOOR);
    }
    return out;
  }
}
