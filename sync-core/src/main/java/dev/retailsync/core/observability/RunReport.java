package dev.retailsync.core.observability;

import dev.retailsync.api.SystemId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the engine has done, for a host to log or show: counters by system and domain, and data
 * freshness per domain against the host's SLA. Counters are totals since the engine was built.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param at when the report was taken
 * @param counts one row per system and domain (entity type name), sorted
 * @param freshness one row per domain that has a flow
 */
public record RunReport(Instant at, List<Counts> counts, List<Freshness> freshness) {
  // Copies the lists; see the class documentation for the components.
  public RunReport {
    counts = List.copyOf(counts);
    freshness = List.copyOf(freshness);
  }

  /**
   * The counters of one system and domain. Created, updated and unchanged count records written to
   * (or left unchanged in) a target, plus changes from a source that changed nothing; rejected
   * counts records refused (by validation or by the target); pending counts planned writes not yet
   * finished.
   *
   * @param system the system
   * @param domain the entity type's name
   * @param created records created
   * @param updated records updated
   * @param unchanged records or changes that changed nothing
   * @param rejected records refused
   * @param retried calls or records tried again
   * @param deadLettered records dead-lettered
   * @param pending writes planned and not finished
   */
  public record Counts(
      SystemId system,
      String domain,
      long created,
      long updated,
      long unchanged,
      long rejected,
      long retried,
      long deadLettered,
      long pending) {}

  /**
   * The freshness of one domain: the age of the newest applied change against the SLA.
   *
   * @param domain the entity type's name
   * @param newestApplied the source timestamp (or, without one, the time applied) of the newest
   *     change applied, or {@code null} when none was
   * @param age how old that is at report time, or {@code null} when nothing was applied
   * @param sla the age the host accepts, or {@code null} when it set none
   */
  public record Freshness(String domain, Instant newestApplied, Duration age, Duration sla) {
    /**
     * Tells whether the domain is within its SLA (a domain without SLA always is; one with an SLA
     * and nothing applied is not).
     *
     * @return {@code true} when fresh enough
     */
    public boolean withinSla() {
      return sla == null || (age != null && age.compareTo(sla) <= 0);
    }
  }

  /**
   * Returns the counters of one system and domain.
   *
   * @param system the system
   * @param domain the entity type's name
   * @return the row, or a row of zeros when nothing was counted
   */
  public Counts counts(SystemId system, String domain) {
    for (Counts c : counts) {
      if (c.system().equals(system) && c.domain().equals(domain)) {
        return c;
      }
    }
    return new Counts(system, domain, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Renders the report as a fixed-width table for logs.
   *
   * @return the table
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("retail-sync run report at ").append(at).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "%-18s %-18s %8s %8s %9s %8s %8s %8s %8s%n",
            "system",
            "domain",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "retried",
            "dead",
            "pending"));
    for (Counts c : counts) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-18s %-18s %8d %8d %9d %8d %8d %8d %8d%n",
              c.system().value(),
              c.domain(),
              c.created(),
              c.updated(),
              c.unchanged(),
              c.rejected(),
              c.retried(),
              c.deadLettered(),
              c.pending()));
    }
    for (Freshness f : freshness) {
      sb.append("freshness ")
          .append(f.domain())
          .append(": age ")
          .append(f.age() == null ? "n/a" : f.age())
          .append(", sla ")
          .append(f.sla() == null ? "none" : f.sla())
          .append(f.withinSla() ? " (ok)" : " (BREACHED)")
          .append('\n');
    }
    return sb.toString();
  }
}
