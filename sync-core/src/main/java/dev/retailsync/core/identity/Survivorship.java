package dev.retailsync.core.identity;

import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Picks one value per field from the records of one party (a golden record), by a rule per field,
 * and says where each value came from.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class Survivorship {
  private final SurvivorshipRule defaultRule;
  private final Map<String, SurvivorshipRule> rules;
  private final List<SystemId> sourcePriority;

  private Survivorship(Builder b) {
    this.defaultRule = b.defaultRule;
    this.rules = Map.copyOf(b.rules);
    this.sourcePriority = List.copyOf(b.sourcePriority);
  }

  /**
   * Returns a new builder; the default rule is {@link SurvivorshipRule#MOST_RECENT}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the rule for a field.
   *
   * @param field the field name
   * @return its rule, or the default rule
   */
  public SurvivorshipRule ruleFor(String field) {
    return rules.getOrDefault(field, defaultRule);
  }

  /**
   * Computes the golden record of one party's records. Blank values are ignored.
   *
   * @param records the party's records, in any order
   * @return the surviving values and their lineage
   */
  public SurvivedRecord apply(List<IdentityRecord> records) {
    Set<String> fields = new LinkedHashSet<>();
    for (IdentityRecord r : records) {
      fields.addAll(r.values().keySet());
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, SurvivedField> lineage = new LinkedHashMap<>();
    for (String field : fields) {
      List<Integer> having = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        String v = records.get(i).get(field);
        if (v != null && !v.isBlank()) {
          having.add(i);
        }
      }
      if (having.isEmpty()) {
        continue;
      }
      Map<String, Integer> support = new HashMap<>();
      for (int i : having) {
        support.merge(Text.fold(records.get(i).get(field)), 1, Integer::sum);
      }
      SurvivorshipRule rule = ruleFor(field);
      int best = having.get(0);
      for (int i : having.subList(1, having.size())) {
        if (prefer(rule, field, records.get(i), i, records.get(best), best, support)) {
          best = i;
        }
      }
      IdentityRecord w = records.get(best);
      String value = w.get(field);
      values.put(field, value);
      lineage.put(
          field,
          new SurvivedField(
              field, w.id(), w.source(), w.updatedAt(), rule, support.get(Text.fold(value))));
    }
    return new SurvivedRecord(values, lineage);
  }

  private boolean prefer(
      SurvivorshipRule rule,
      String field,
      IdentityRecord a,
      int ia,
      IdentityRecord b,
      int ib,
      Map<String, Integer> support) {
    int c;
    switch (rule) {
      case SOURCE_PRIORITY:
        c = Integer.compare(rank(b.source()), rank(a.source()));
        break;
      case MOST_FREQUENT:
        c =
            Integer.compare(
                support.get(Text.fold(a.get(field))), support.get(Text.fold(b.get(field))));
        break;
      case MOST_COMPLETE:
        c = Integer.compare(Text.fold(a.get(field)).length(), Text.fold(b.get(field)).length());
        break;
      default:
        c = 0;
    }
    if (c != 0) {
      return c > 0;
    }
    int t = compare(a.updatedAt(), b.updatedAt());
    return t != 0 ? t > 0 : ia > ib;
  }

  private int rank(SystemId source) {
    int i = source == null ? -1 : sourcePriority.indexOf(source);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static int compare(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /** Builds a {@link Survivorship}. Not thread-safe. */
  public static final class Builder {
    private SurvivorshipRule defaultRule = SurvivorshipRule.MOST_RECENT;
    private final Map<String, SurvivorshipRule> rules = new HashMap<>();
    private final List<SystemId> sourcePriority = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the rule for fields without their own.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder defaultRule(SurvivorshipRule rule) {
      this.defaultRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Sets the rule of one field.
     *
     * @param field the field name
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(String field, SurvivorshipRule rule) {
      rules.put(field, Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Sets the source priority, highest first, replacing any set before.
     *
     * @param systems the systems
     * @return this builder
     */
    public Builder sourcePriority(SystemId... systems) {
      sourcePriority.clear();
      sourcePriority.addAll(List.of(systems));
      return this;
    }

    /**
     * Builds the survivorship.
     *
     * @return the survivorship
     */
    public Survivorship build() {
      return new Survivorship(this);
    }
  }
}
