package dev.retailsync.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one field takes part in matching: its {@link Normaliser}, its {@link FieldComparator}, and
 * the agreement levels that turn a similarity into evidence. Each level has Fellegi-Sunter
 * probabilities: {@code m}, how often true matches reach it, and {@code u}, how often unrelated
 * records do; its weight is {@code log2(m / u)} bits. The last level ("otherwise") catches every
 * similarity below the others. A missing value on either side gives no evidence at all.
 *
 * <p>With term-frequency adjustment, exact agreement on a rare value (a rare family name) counts
 * more and on a common one less: {@code u} is replaced by the value's observed frequency, kept
 * within a factor of four of the configured {@code u} so that small samples cannot dominate.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder(String)}.
 */
public final class FieldRule {
  /**
   * One agreement level.
   *
   * @param minSimilarity the least similarity that reaches this level ({@code 0} for the last)
   * @param m the probability that a true match reaches this level
   * @param u the probability that two unrelated records reach this level
   */
  public record Level(double minSimilarity, double m, double u) {
    /** Checks the probabilities. */
    public Level {
      if (!(m > 0 && m < 1) || !(u > 0 && u < 1)) {
        throw new IllegalArgumentException(
            "m and u must lie strictly between 0 and 1, were " + m + " and " + u);
      }
    }

    /**
     * Returns the evidence this level gives, in bits.
     *
     * @return {@code log2(m / u)}
     */
    public double weight() {
      return Math.log(m / u) / Math.log(2);
    }
  }

  private final String field;
  private final Normaliser normaliser;
  private final FieldComparator comparator;
  private final List<Level> levels;
  private final boolean termFrequency;
  private final double[] weights;

  private FieldRule(Builder b) {
    this.field = b.field;
    this.normaliser = b.normaliser;
    this.comparator = b.comparator;
    this.levels = List.copyOf(b.levels);
    this.termFrequency = b.termFrequency;
    this.weights = new double[levels.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = levels.get(i).weight();
    }
  }

  /**
   * Returns a new builder.
   *
   * @param field the field name, usually from {@link IdentityFields}
   * @return the builder
   */
  public static Builder builder(String field) {
    return new Builder(field);
  }

  /**
   * Returns a builder initialised with this rule.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(field).normaliser(normaliser).comparator(comparator);
    b.levels.addAll(levels);
    b.termFrequency = termFrequency;
    return b;
  }

  /**
   * Returns the field name.
   *
   * @return the field
   */
  public String field() {
    return field;
  }

  /**
   * Returns the normaliser.
   *
   * @return the normaliser
   */
  public Normaliser normaliser() {
    return normaliser;
  }

  /**
   * Returns the comparator.
   *
   * @return the comparator
   */
  public FieldComparator comparator() {
    return comparator;
  }

  /**
   * Returns the agreement levels, highest first; the last is "otherwise".
   *
   * @return the levels
   */
  public List<Level> levels() {
    return levels;
  }

  /**
   * Returns whether exact agreement is adjusted by how frequent the value is.
   *
   * @return whether term-frequency adjustment is on
   */
  public boolean termFrequency() {
    return termFrequency;
  }

  int levelOf(double similarity) {
    int last = levels.size() - 1;
    for (int i = 0; i < last; i++) {
      if (similarity >= levels.get(i).minSimilarity()) {
        return i;
      }
    }
    return last;
  }

  double weight(int level) {
    return weights[level];
  }

  boolean isDisagreement(int level) {
    return level == levels.size() - 1;
  }

  String describe(int level) {
    if (isDisagreement(level)) {
      return "disagree";
    }
    double min = levels.get(level).minSimilarity();
    return min >= 1
        ? "agree exactly"
        : String.format(java.util.Locale.ROOT, "similar (>= %.2f)", min);
  }

  /** Builds a {@link FieldRule}. Not thread-safe. */
  public static final class Builder {
    private final String field;
    private Normaliser normaliser = Normalisers.text();
    private FieldComparator comparator = Comparators.exact();
    private final List<Level> levels = new ArrayList<>();
    private boolean termFrequency;

    private Builder(String field) {
      this.field = field;
    }

    /**
     * Sets the normaliser; the default is {@link Normalisers#text()}.
     *
     * @param normaliser the normaliser
     * @return this builder
     */
    public Builder normaliser(Normaliser normaliser) {
      this.normaliser = normaliser;
      return this;
    }

    /**
     * Sets the comparator; the default is {@link Comparators#exact()}.
     *
     * @param comparator the comparator
     * @return this builder
     */
    public Builder comparator(FieldComparator comparator) {
      this.comparator = comparator;
      return this;
    }

    /**
     * Appends an agreement level; add them from the highest similarity down, then end with {@link
     * #otherwise(double, double)}.
     *
     * @param minSimilarity the least similarity that reaches the level
     * @param m the probability that a true match reaches it
     * @param u the probability that unrelated records reach it
     * @return this builder
     */
    public Builder level(double minSimilarity, double m, double u) {
      levels.add(new Level(minSimilarity, m, u));
      return this;
    }

    /**
     * Appends the last level, for every similarity below the others.
     *
     * @param m the probability that a true match disagrees this much
     * @param u the probability that unrelated records do
     * @return this builder
     */
    public Builder otherwise(double m, double u) {
      levels.add(new Level(0, m, u));
      return this;
    }

    /**
     * Replaces the levels.
     *
     * @param levels the levels, highest first, the last being "otherwise"
     * @return this builder
     */
    public Builder levels(List<Level> levels) {
      this.levels.clear();
      this.levels.addAll(levels);
      return this;
    }

    /**
     * Sets whether exact agreement is adjusted by how frequent the value is.
     *
     * @param termFrequency whether to adjust
     * @return this builder
     */
    public Builder termFrequency(boolean termFrequency) {
      this.termFrequency = termFrequency;
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException naming the field if it has fewer than two levels, the levels
     *     are not in descending order, or the last is not "otherwise"
     */
    public FieldRule build() {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(normaliser, "normaliser of " + field);
      Objects.requireNonNull(comparator, "comparator of " + field);
      if (levels.size() < 2) {
        throw new IllegalArgumentException(
            "field " + field + " needs at least one level and an otherwise level");
      }
      for (int i = 1; i < levels.size(); i++) {
        if (levels.get(i).minSimilarity() >= levels.get(i - 1).minSimilarity()) {
          throw new IllegalArgumentException(
              "field " + field + ": levels must go from the highest similarity down");
        }
      }
      if (levels.get(levels.size() - 1).minSimilarity() != 0) {
        throw new IllegalArgumentException("field " + field + ": the last level must be otherwise");
      }
      return new FieldRule(this);
    }
  }
}
