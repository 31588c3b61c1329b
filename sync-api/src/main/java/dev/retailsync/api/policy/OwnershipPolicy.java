package dev.retailsync.api.policy;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which system owns which field of one entity type, and how shared fields are decided. It reads
 * like the architects' tables:
 *
 * <pre>{@code
 * OwnershipPolicy<Account> accounts =
 *     OwnershipPolicy.builder(EntityType.ACCOUNT)
 *         .owner(Account.Fields.CREDIT, erp)                  // credit.status, .limit, .balance
 *         .owner(Account.Fields.PAYMENT_TERMS, erp)
 *         .owner(Account.Fields.TAX_CLASS, erp)
 *         .owner(Account.Fields.STATUS, erp, Initial.ANY_SYSTEM) // a channel may create it PROVISIONAL
 *         .owner(Account.Fields.MARKETING_CONSENT, salesforce)
 *         .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.newestWins())
 *         .defaultRule(ConflictRule.precedence(erp, salesforce, shopify))
 *         .build();
 * }</pre>
 *
 * <p>A write from a non-owner to an owned field is dropped and counted, never applied. Fields no
 * rule names follow the default rule ({@link ConflictRule#newestWins()} unless set). Rules may not
 * overlap: a rule on a group and another on one of its fields is an error, as are two rules on one
 * field, so every field has exactly one rule.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the entity's Java type
 */
public final class OwnershipPolicy<T extends CanonicalEntity> {

  /** Who may set an owned field while the golden record has no value for it. */
  public enum Initial {
    /** Only the owner; other systems' values are dropped even for an empty field. */
    OWNER_ONLY,
    /** Any system, once; after that only the owner. */
    ANY_SYSTEM
  }

  private final EntityType<T> entityType;
  private final List<FieldRule> rules;
  private final ConflictRule defaultRule;

  private OwnershipPolicy(Builder<T> b) {
    this.entityType = b.entityType;
    this.rules = Collections.unmodifiableList(new ArrayList<>(b.rules));
    this.defaultRule = b.defaultRule;
  }

  /**
   * Returns a builder for a policy of one entity type.
   *
   * @param entityType the entity type
   * @param <T> the entity's Java type
   * @return the builder
   */
  public static <T extends CanonicalEntity> Builder<T> builder(EntityType<T> entityType) {
    return new Builder<>(Checks.required("OwnershipPolicy", "entityType", entityType));
  }

  /**
   * Returns the entity type this policy covers.
   *
   * @return the entity type
   */
  public EntityType<T> entityType() {
    return entityType;
  }

  /**
   * Returns the rules, in the order they were added.
   *
   * @return the rules
   */
  public List<FieldRule> rules() {
    return rules;
  }

  /**
   * Returns the rule for fields no rule names.
   *
   * @return the default conflict rule
   */
  public ConflictRule defaultRule() {
    return defaultRule;
  }

  /**
   * Returns the rule that covers a field: the rule on the field itself or on a group containing it.
   *
   * @param path the field
   * @return the rule, or empty when the default rule applies
   */
  public Optional<FieldRule> ruleFor(FieldPath path) {
    for (FieldRule r : rules) {
      if (r.path().contains(path)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "OwnershipPolicy[" + entityType + ", " + rules.size() + " rules]";
  }

  /**
   * Builds an {@link OwnershipPolicy}. Not thread-safe.
   *
   * @param <T> the entity's Java type
   */
  public static final class Builder<T extends CanonicalEntity> {
    private final EntityType<T> entityType;
    private final List<FieldRule> rules = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();
    private ConflictRule defaultRule = ConflictRule.newestWins();

    private Builder(EntityType<T> entityType) {
      this.entityType = entityType;
    }

    /**
     * Makes one system the owner of a field or group; only the owner's values are applied.
     *
     * @param path the field or group, such as {@code Account.Fields.CREDIT}
     * @param owner the owning system
     * @return this builder
     */
    public Builder<T> owner(FieldPath path, SystemId owner) {
      return owner(path, owner, Initial.OWNER_ONLY);
    }

    /**
     * Makes one system the owner of a field or group, saying who may set it while it is empty.
     *
     * @param path the field or group
     * @param owner the owning system
     * @param initial who may give the field its first value
     * @return this builder
     */
    public Builder<T> owner(FieldPath path, SystemId owner, Initial initial) {
      return add(
          new FieldRule(path, OwnerSelector.fixed(owner), null, initial == Initial.ANY_SYSTEM));
    }

    /**
     * Gives a field or group an owner that depends on the record's state.
     *
     * @param path the field or group, such as {@code Order.Fields.LINES}
     * @param owner names the owner for a record's state
     * @return this builder
     */
    public Builder<T> ownedBy(FieldPath path, OwnerSelector owner) {
      return add(
          new FieldRule(path, Checks.required("OwnershipPolicy", "owner", owner), null, false));
    }

    /**
     * Shares a field or group between systems, deciding conflicts with a rule.
     *
     * @param path the field or group, such as {@code Account.Fields.SHIPPING_ADDRESS}
     * @param rule the conflict rule
     * @return this builder
     */
    public Builder<T> shared(FieldPath path, ConflictRule rule) {
      return add(
          new FieldRule(path, null, Checks.required("OwnershipPolicy", "rule", rule), false));
    }

    /**
     * Sets the rule for fields no other rule names; {@link ConflictRule#newestWins()} by default.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder<T> defaultRule(ConflictRule rule) {
      this.defaultRule = Checks.required("OwnershipPolicy", "defaultRule", rule);
      return this;
    }

    private Builder<T> add(FieldRule rule) {
      FieldPath p = rule.path();
      if (!entityType.hasField(p)) {
        errors.add(
            FieldError.of(
                p.value(),
                p,
                "is not a field of "
                    + entityType
                    + "; see "
                    + entityType.javaType().getSimpleName()
                    + ".Fields"));
      }
      for (FieldRule other : rules) {
        if (other.path().contains(p) || p.contains(other.path())) {
          errors.add(
              FieldError.of(
                  p.value(),
                  p,
                  other.path().equals(p)
                      ? "has two rules; give each field one owner or one conflict rule"
                      : "overlaps the rule on '"
                          + other.path()
                          + "'; a field may be covered by one rule only"));
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws ValidationException naming every field that does not exist or is claimed twice
     */
    public OwnershipPolicy<T> build() {
      if (!errors.isEmpty()) {
        throw new ValidationException("OwnershipPolicy for " + entityType, errors);
      }
      return new OwnershipPolicy<>(this);
    }
  }
}
