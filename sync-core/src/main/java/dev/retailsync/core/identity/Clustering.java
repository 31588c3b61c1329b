package dev.retailsync.core.identity;

import java.util.List;

/**
 * The result of a batch resolution: the clusters (each the record ids of one party), the pairs a
 * person should review, and the household relations found.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param clusters record ids per party; every input record is in exactly one cluster
 * @param reviews decisions in the REVIEW band, and MATCH decisions that clustering refused because
 *     they would have chained different people
 * @param households pairs of records in one household (not merged)
 * @param comparisons how many record pairs were scored
 */
public record Clustering(
    List<List<String>> clusters,
    List<Decision> reviews,
    List<RecordPair> households,
    long comparisons) {
  /** Copies the lists. */
  public Clustering {
    clusters = clusters.stream().map(List::copyOf).toList();
    reviews = List.copyOf(reviews);
    households = List.copyOf(households);
  }
}
