package dev.retailsync.salesforce;

import java.time.Instant;
import java.util.Optional;

/**
 * The org's daily API allocation as the last response's {@code Sforce-Limit-Info:
 * api-usage=used/max} reported it (a rolling 24 hours, shared by every integration of the org).
 *
 * @param used calls used
 * @param max the allocation
 * @param observedAt when the response carrying it arrived
 */
public record ApiBudget(long used, long max, Instant observedAt) {

  /**
   * Returns the share of the allocation used.
   *
   * @return {@code used / max}, 0 when the allocation is unknown
   */
  public double fractionUsed() {
    return max <= 0 ? 0 : (double) used / max;
  }

  /**
   * Parses the header; unknown segments (api-bursts, per-app-api-usage) are tolerated.
   *
   * @param header the header value
   * @param at when it was received
   * @return the budget, or empty when the header has no {@code api-usage} segment
   */
  public static Optional<ApiBudget> parse(String header, Instant at) {
    if (header == null) {
      return Optional.empty();
    }
    for (String segment : header.split(";")) {
      String s = segment.trim();
      if (s.startsWith("api-usage=")) {
        String[] parts = s.substring("api-usage=".length()).split("/");
        if (parts.length == 2) {
          try {
            return Optional.of(
                new ApiBudget(
                    Long.parseLong(parts[0].trim()),
                    Long.parseLong(parts[1].replaceAll("\\(.*", "").trim()),
                    at));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }
}
