package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.BlockingKey.compact;
import static dev.retailsync.core.identity.BlockingKey.initial;
import static dev.retailsync.core.identity.BlockingKey.lastDigits;
import static dev.retailsync.core.identity.BlockingKey.optional;
import static dev.retailsync.core.identity.BlockingKey.phonetic;
import static dev.retailsync.core.identity.BlockingKey.phoneticName;
import static dev.retailsync.core.identity.BlockingKey.prefix;
import static dev.retailsync.core.identity.BlockingKey.value;
import static dev.retailsync.core.identity.IdentityFields.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link IdentityResolver} matches on, for one entity type: the fields with their
 * normalisers, comparators and weights, the blocking keys, the deterministic keys that
 * short-circuit to a match, and the band thresholds.
 *
 * <p>{@link #customerDefaults()} works on any customer-like data (persons and organisations) that
 * uses the names of {@link IdentityFields}; fields a source does not have are simply missing and
 * give no evidence. Its weights are generic priors, not fitted to any data set; {@link
 * WeightEstimator} can re-estimate them from a host's own unlabeled records.
 *
 * <p>Bands: a pair whose match probability reaches {@link #matchThreshold()} is a MATCH, one that
 * reaches {@link #reviewThreshold()} goes to REVIEW, anything lower is NEW. The probability is the
 * {@link #priorMatchProbability() prior} updated by every field's evidence.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class ResolverConfig {
  /**
   * A field whose exact agreement decides a match on its own.
   *
   * @param field the field name
   * @param requireVerified whether both records must mark the value as verified
   */
  public record DeterministicKey(String field, boolean requireVerified) {
    /** Checks the field. */
    public DeterministicKey {
      Objects.requireNonNull(field, "field");
    }
  }

  private final String entityType;
  private final List<FieldRule> fields;
  private final List<BlockingKey> blockingKeys;
  private final List<DeterministicKey> deterministicKeys;
  private final double matchThreshold;
  private final double reviewThreshold;
  private final double priorMatchProbability;
  private final boolean householdDetection;
  private final boolean requireIdentifyingEvidence;
  private final int maxBlockSize;

  private ResolverConfig(Builder b) {
    this.entityType = b.entityType;
    this.fields = List.copyOf(b.fields);
    this.blockingKeys = List.copyOf(b.blockingKeys);
    this.deterministicKeys = List.copyOf(b.deterministicKeys);
    this.matchThreshold = b.matchThreshold;
    this.reviewThreshold = b.reviewThreshold;
    this.priorMatchProbability = b.priorMatchProbability;
    this.householdDetection = b.householdDetection;
    this.requireIdentifyingEvidence = b.requireIdentifyingEvidence;
    this.maxBlockSize = b.maxBlockSize;
  }

  /**
   * Returns the default configuration for customer-like parties, reading phone numbers without a
   * country code as numbers of no particular region and judging birth dates by the system clock.
   *
   * @return the configuration
   */
  public static ResolverConfig customerDefaults() {
    return customerDefaults(null, Clock.systemUTC());
  }

  /**
   * Returns the default configuration for customer-like parties (persons and organisations): the
   * fields of {@link IdentityFields} with generic weights, nine OR-ed blocking keys, a tax id as a
   * deterministic key and a verified e-mail address as another, household detection, and bands at
   * 0.95 (MATCH) and 0.5 (REVIEW) with a prior of one in a thousand.
   *
   * @param defaultRegion the region for phone numbers without a country code, such as {@code "DE"},
   *     or {@code null}
   * @param clock the clock that decides which birth dates lie in the future
   * @return the configuration
   */
  public static ResolverConfig customerDefaults(String defaultRegion, Clock clock) {
    Normaliser name = Normalisers.personName();
    return builder()
        .entityType("customer")
        .addField(
            FieldRule.builder(GIVEN_NAME)
                .normaliser(name)
                .comparator(Comparators.givenName())
                .level(1, 0.70, 0.008)
                .level(0.92, 0.14, 0.004)
                .level(0.85, 0.07, 0.007)
                .level(0.75, 0.04, 0.03)
                .otherwise(0.05, 0.951)
                .termFrequency(true)
                .build())
        .addField(
            FieldRule.builder(MIDDLE_NAME)
                .normaliser(name)
                .comparator(Comparators.initial())
                .level(1, 0.85, 0.08)
                .otherwise(0.15, 0.92)
                .build())
        .addField(
            FieldRule.builder(FAMILY_NAME)
                .normaliser(name)
                .comparator(Comparators.jaroWinkler())
                .level(1, 0.75, 0.002)
                .level(0.92, 0.12, 0.002)
                .level(0.85, 0.06, 0.004)
                .level(0.75, 0.03, 0.02)
                .otherwise(0.04, 0.972)
                .termFrequency(true)
                .build())
        .addField(
            FieldRule.builder(BIRTH_DATE)
                .normaliser(Normalisers.birthDate(clock))
                .comparator(Comparators.date())
                .level(1, 0.88, 0.0001)
                .level(0.8, 0.08, 0.001)
                .otherwise(0.04, 0.9989)
                .build())
        .addField(
            FieldRule.builder(EMAIL)
                .normaliser(Normalisers.email())
                .comparator(Comparators.email())
                .level(1, 0.75, 0.0005)
                .level(0.85, 0.05, 0.0005)
                .otherwise(0.20, 0.999)
                .build())
        .addField(
            FieldRule.builder(PHONE)
                .normaliser(Normalisers.phone(defaultRegion))
                .comparator(Comparators.phone())
                .level(0.9, 0.75, 0.0005)
                .level(0.85, 0.05, 0.001)
                .otherwise(0.20, 0.9985)
                .build())
        .addField(
            FieldRule.builder(HOUSE_NUMBER)
                .normaliser(Normalisers.code())
                .comparator(Comparators.exact())
                .level(1, 0.85, 0.04)
                .otherwise(0.15, 0.96)
                .build())
        .addField(
            FieldRule.builder(STREET)
                .normaliser(Normalisers.street())
                .comparator(Comparators.tokens())
                .level(1, 0.65, 0.004)
                .level(0.90, 0.17, 0.006)
                .level(0.75, 0.08, 0.05)
                .otherwise(0.10, 0.94)
                .build())
        .addField(
            FieldRule.builder(ADDRESS_LINE_2)
                .normaliser(Normalisers.street())
                .comparator(Comparators.jaroWinkler())
                .level(1, 0.60, 0.01)
                .level(0.90, 0.15, 0.01)
                .otherwise(0.25, 0.98)
                .build())
        .addField(
            FieldRule.builder(LOCALITY)
                .normaliser(Normalisers.text())
                .comparator(Comparators.jaroWinkler())
                .level(1, 0.78, 0.02)
                .level(0.90, 0.10, 0.006)
                .otherwise(0.12, 0.974)
                .build())
        .addField(
            FieldRule.builder(POSTCODE)
                .normaliser(Normalisers.postcode())
                .comparator(Comparators.levenshtein())
                .level(1, 0.82, 0.01)
                .level(0.75, 0.09, 0.05)
                .otherwise(0.09, 0.94)
                .build())
        .addField(
            FieldRule.builder(REGION)
                .normaliser(Normalisers.code())
                .comparator(Comparators.exact())
                .level(1, 0.95, 0.25)
                .otherwise(0.05, 0.75)
                .build())
        .addField(
            FieldRule.builder(COUNTRY)
                .normaliser(Normalisers.code())
                .comparator(Comparators.exact())
                .level(1, 0.98, 0.6)
                .otherwise(0.02, 0.4)
                .build())
        .addField(
            FieldRule.builder(ORGANISATION_NAME)
                .normaliser(Normalisers.organisationName())
                .comparator(Comparators.tokens())
                .level(1, 0.65, 0.0005)
                .level(0.90, 0.20, 0.002)
                .level(0.75, 0.08, 0.03)
                .otherwise(0.07, 0.9675)
                .build())
        .addField(
            FieldRule.builder(TAX_ID)
                .normaliser(Normalisers.taxId())
                .comparator(Comparators.identifier())
                .level(1, 0.88, 0.00001)
                .level(0.85, 0.03, 0.0005)
                .otherwise(0.09, 0.99949)
                .build())
        .addBlockingKey(BlockingKey.of("email", value(EMAIL)))
        .addBlockingKey(BlockingKey.of("phone", lastDigits(PHONE, 8)))
        .addBlockingKey(BlockingKey.of("taxId", value(TAX_ID)))
        .addBlockingKey(BlockingKey.of("birthDate", value(BIRTH_DATE)))
        .addBlockingKey(BlockingKey.of("name", phoneticName(GIVEN_NAME), phonetic(FAMILY_NAME)))
        .addBlockingKey(BlockingKey.of("family+postcode", phonetic(FAMILY_NAME), value(POSTCODE)))
        .addBlockingKey(
            BlockingKey.of("family+locality", phonetic(FAMILY_NAME), prefix(LOCALITY, 4)))
        .addBlockingKey(
            BlockingKey.of(
                "address",
                optional(value(HOUSE_NUMBER)),
                compact(STREET, 10),
                optional(prefix(POSTCODE, 3))))
        .addBlockingKey(
            BlockingKey.of(
                "house+family",
                value(HOUSE_NUMBER),
                initial(FAMILY_NAME),
                optional(prefix(POSTCODE, 3))))
        .addBlockingKey(
            BlockingKey.of(
                "house+given",
                value(HOUSE_NUMBER),
                phoneticName(GIVEN_NAME),
                optional(prefix(POSTCODE, 3))))
        .addBlockingKey(BlockingKey.of("organisation", compact(ORGANISATION_NAME, 6)))
        .addBlockingKey(
            BlockingKey.of(
                "organisation+locality", phonetic(ORGANISATION_NAME), prefix(LOCALITY, 3)))
        .addDeterministicKey(new DeterministicKey(TAX_ID, false))
        .addDeterministicKey(new DeterministicKey(EMAIL, true))
        .build();
  }

  /**
   * Returns a new builder with the default thresholds and no fields.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this configuration.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.entityType = entityType;
    b.fields.addAll(fields);
    b.blockingKeys.addAll(blockingKeys);
    b.deterministicKeys.addAll(deterministicKeys);
    b.matchThreshold = matchThreshold;
    b.reviewThreshold = reviewThreshold;
    b.priorMatchProbability = priorMatchProbability;
    b.householdDetection = householdDetection;
    b.requireIdentifyingEvidence = requireIdentifyingEvidence;
    b.maxBlockSize = maxBlockSize;
    return b;
  }

  /**
   * Returns the name of the entity type, shown in explanations.
   *
   * @return the entity type
   */
  public String entityType() {
    return entityType;
  }

  /**
   * Returns the fields, in scoring order.
   *
   * @return the fields
   */
  public List<FieldRule> fields() {
    return fields;
  }

  /**
   * Returns the blocking keys.
   *
   * @return the keys
   */
  public List<BlockingKey> blockingKeys() {
    return blockingKeys;
  }

  /**
   * Returns the deterministic keys.
   *
   * @return the keys
   */
  public List<DeterministicKey> deterministicKeys() {
    return deterministicKeys;
  }

  /**
   * Returns the least match probability of a MATCH.
   *
   * @return the threshold
   */
  public double matchThreshold() {
    return matchThreshold;
  }

  /**
   * Returns the least match probability of a REVIEW.
   *
   * @return the threshold
   */
  public double reviewThreshold() {
    return reviewThreshold;
  }

  /**
   * Returns the probability that two records sharing a blocking key match, before any field is
   * compared.
   *
   * @return the prior
   */
  public double priorMatchProbability() {
    return priorMatchProbability;
  }

  /**
   * Returns whether same family name and address (or a shared e-mail address or phone number) with
   * a different given name or birth date is a household relation instead of a match.
   *
   * @return whether household detection is on
   */
  public boolean householdDetection() {
    return householdDetection;
  }

  /**
   * Returns whether a MATCH needs identifying evidence. A person needs at least one identifying
   * field (given name, birth date, e-mail, phone, tax id) present on both sides, since family name
   * and address alone are shared by a household; an organisation needs its name to agree at least
   * closely, since several businesses share one site's address and switchboard number. Without it,
   * the pair goes to REVIEW at best.
   *
   * @return whether identifying evidence is required
   */
  public boolean requireIdentifyingEvidence() {
    return requireIdentifyingEvidence;
  }

  /**
   * Returns the largest block the resolver still scores; larger blocks (a very common name, say)
   * are skipped for candidate search, since other keys find the same duplicates more cheaply.
   *
   * @return the largest block size
   */
  public int maxBlockSize() {
    return maxBlockSize;
  }

  double priorLogOdds() {
    return Math.log(priorMatchProbability / (1 - priorMatchProbability)) / Math.log(2);
  }

  /** Builds a {@link ResolverConfig}. Not thread-safe. */
  public static final class Builder {
    private String entityType = "customer";
    private final List<FieldRule> fields = new ArrayList<>();
    private final List<BlockingKey> blockingKeys = new ArrayList<>();
    private final List<DeterministicKey> deterministicKeys = new ArrayList<>();
    private double matchThreshold = 0.95;
    private double reviewThreshold = 0.5;
    private double priorMatchProbability = 0.001;
    private boolean householdDetection = true;
    private boolean requireIdentifyingEvidence = true;
    private int maxBlockSize = 300;

    private Builder() {}

    /**
     * Sets the entity type's name.
     *
     * @param entityType the name, such as {@code "customer"}
     * @return this builder
     */
    public Builder entityType(String entityType) {
      this.entityType = entityType;
      return this;
    }

    /**
     * Replaces the fields.
     *
     * @param fields the fields
     * @return this builder
     */
    public Builder fields(List<FieldRule> fields) {
      this.fields.clear();
      this.fields.addAll(fields);
      return this;
    }

    /**
     * Adds a field, replacing one of the same name.
     *
     * @param field the field
     * @return this builder
     */
    public Builder addField(FieldRule field) {
      fields.removeIf(f -> f.field().equals(field.field()));
      fields.add(field);
      return this;
    }

    /**
     * Keeps only the named fields, for sources that have no others.
     *
     * @param names the field names to keep
     * @return this builder
     */
    public Builder retainFields(Set<String> names) {
      fields.removeIf(f -> !names.contains(f.field()));
      return this;
    }

    /**
     * Replaces the blocking keys.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder blockingKeys(List<BlockingKey> keys) {
      blockingKeys.clear();
      blockingKeys.addAll(keys);
      return this;
    }

    /**
     * Adds a blocking key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder addBlockingKey(BlockingKey key) {
      blockingKeys.add(key);
      return this;
    }

    /**
     * Replaces the deterministic keys.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder deterministicKeys(List<DeterministicKey> keys) {
      deterministicKeys.clear();
      deterministicKeys.addAll(keys);
      return this;
    }

    /**
     * Adds a deterministic key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder addDeterministicKey(DeterministicKey key) {
      deterministicKeys.add(key);
      return this;
    }

    /**
     * Sets the least match probability of a MATCH.
     *
     * @param matchThreshold the threshold, in {@code (0, 1)}
     * @return this builder
     */
    public Builder matchThreshold(double matchThreshold) {
      this.matchThreshold = matchThreshold;
      return this;
    }

    /**
     * Sets the least match probability of a REVIEW.
     *
     * @param reviewThreshold the threshold, in {@code (0, 1)}, at most the match threshold
     * @return this builder
     */
    public Builder reviewThreshold(double reviewThreshold) {
      this.reviewThreshold = reviewThreshold;
      return this;
    }

    /**
     * Sets the prior match probability of two records sharing a blocking key.
     *
     * @param priorMatchProbability the prior, in {@code (0, 1)}
     * @return this builder
     */
    public Builder priorMatchProbability(double priorMatchProbability) {
      this.priorMatchProbability = priorMatchProbability;
      return this;
    }

    /**
     * Sets whether household detection is on.
     *
     * @param householdDetection whether it is on
     * @return this builder
     */
    public Builder householdDetection(boolean householdDetection) {
      this.householdDetection = householdDetection;
      return this;
    }

    /**
     * Sets whether a person needs identifying evidence to be a MATCH.
     *
     * @param requireIdentifyingEvidence whether it is needed
     * @return this builder
     */
    public Builder requireIdentifyingEvidence(boolean requireIdentifyingEvidence) {
      this.requireIdentifyingEvidence = requireIdentifyingEvidence;
      return this;
    }

    /**
     * Sets the largest block still scored.
     *
     * @param maxBlockSize the size, at least 2
     * @return this builder
     */
    public Builder maxBlockSize(int maxBlockSize) {
      this.maxBlockSize = maxBlockSize;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the setting that is out of range, or a field named
     *     twice
     */
    public ResolverConfig build() {
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("fields: a resolver needs at least one field");
      }
      Set<String> names = new HashSet<>();
      for (FieldRule f : fields) {
        if (!names.add(f.field())) {
          throw new IllegalArgumentException("fields: " + f.field() + " is named twice");
        }
      }
      if (!(matchThreshold > 0 && matchThreshold < 1)) {
        throw new IllegalArgumentException("matchThreshold must lie in (0, 1): " + matchThreshold);
      }
      if (!(reviewThreshold > 0 && reviewThreshold <= matchThreshold)) {
        throw new IllegalArgumentException(
            "reviewThreshold must lie in (0, matchThreshold]: " + reviewThreshold);
      }
      if (!(priorMatchProbability > 0 && priorMatchProbability < 1)) {
        throw new IllegalArgumentException(
            "priorMatchProbability must lie in (0, 1): " + priorMatchProbability);
      }
      if (maxBlockSize < 2) {
        throw new IllegalArgumentException("maxBlockSize must be at least 2: " + maxBlockSize);
      }
      if (blockingKeys.isEmpty()) {
        throw new IllegalArgumentException("blockingKeys: a resolver needs at least one key");
      }
      return new ResolverConfig(this);
    }
  }
}
