package dev.retailsync.core.deadletter;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.Optional;

/**
 * Selects dead letters by flow, system (source or target), entity type, reason, status and time of
 * the last failure; unset criteria match everything.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class DeadLetterFilter {
  private static final DeadLetterFilter ALL = builder().build();

  private final String flow;
  private final SystemId system;
  private final EntityType<?> entityType;
  private final FailureReason reason;
  private final DeadLetter.Status status;
  private final Instant from;
  private final Instant to;

  private DeadLetterFilter(Builder b) {
    this.flow = b.flow;
    this.system = b.system;
    this.entityType = b.entityType;
    this.reason = b.reason;
    this.status = b.status;
    this.from = b.from;
    this.to = b.to;
  }

  /**
   * Returns the filter that matches every letter.
   *
   * @return the filter
   */
  public static DeadLetterFilter all() {
    return ALL;
  }

  /**
   * Returns a builder that matches everything until narrowed.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether a letter matches.
   *
   * @param letter the letter
   * @return {@code true} when every set criterion matches
   */
  public boolean matches(DeadLetter letter) {
    return (flow == null || flow.equals(letter.flow()))
        && (system == null || system.equals(letter.system()) || system.equals(letter.target()))
        && (entityType == null || entityType.equals(letter.entityType()))
        && (reason == null || reason == letter.reason())
        && (status == null || status == letter.status())
        && (from == null || !letter.lastFailedAt().isBefore(from))
        && (to == null || letter.lastFailedAt().isBefore(to));
  }

  /**
   * Returns the flow letters must belong to.
   *
   * @return the flow's name, or empty for any
   */
  public Optional<String> flow() {
    return Optional.ofNullable(flow);
  }

  /**
   * Returns the system letters must have as source or target.
   *
   * @return the system, or empty for any
   */
  public Optional<SystemId> system() {
    return Optional.ofNullable(system);
  }

  /**
   * Returns the entity type letters must have.
   *
   * @return the entity type, or empty for any
   */
  public Optional<EntityType<?>> entityType() {
    return Optional.ofNullable(entityType);
  }

  /**
   * Returns the reason letters must have.
   *
   * @return the reason, or empty for any
   */
  public Optional<FailureReason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns the status letters must have.
   *
   * @return the status, or empty for any
   */
  public Optional<DeadLetter.Status> status() {
    return Optional.ofNullable(status);
  }

  /**
   * Returns the instant letters must have last failed at or after.
   *
   * @return the start, inclusive, or empty for no bound
   */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /**
   * Returns the instant letters must have last failed before.
   *
   * @return the end, exclusive, or empty for no bound
   */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  @Override
  public String toString() {
    return "DeadLetterFilter[flow="
        + flow
        + ", system="
        + system
        + ", entityType="
        + entityType
        + ", reason="
        + reason
        + ", status="
        + status
        + ", from="
        + from
        + ", to="
        + to
        + "]";
  }

  /** Builds a {@link DeadLetterFilter}. Not thread-safe. */
  public static final class Builder {
    private String flow;
    private SystemId system;
    private EntityType<?> entityType;
    private FailureReason reason;
    private DeadLetter.Status status;
    private Instant from;
    private Instant to;

    private Builder() {}

    /**
     * Matches letters of one flow.
     *
     * @param flow the flow's name
     * @return this builder
     */
    public Builder flow(String flow) {
      this.flow = flow;
      return this;
    }

    /**
     * Matches letters whose source or target is a system.
     *
     * @param system the system
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = system;
      return this;
    }

    /**
     * Matches letters of one entity type.
     *
     * @param entityType the entity type
     * @return this builder
     */
    public Builder entityType(EntityType<?> entityType) {
      this.entityType = entityType;
      return this;
    }

    /**
     * Matches letters with one reason.
     *
     * @param reason the reason
     * @return this builder
     */
    public Builder reason(FailureReason reason) {
      this.reason = reason;
      return this;
    }

    /**
     * Matches letters with one status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(DeadLetter.Status status) {
      this.status = status;
      return this;
    }

    /**
     * Matches letters that last failed at or after an instant.
     *
     * @param from the start, inclusive
     * @return this builder
     */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /**
     * Matches letters that last failed before an instant.
     *
     * @param to the end, exclusive
     * @return this builder
     */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     */
    public DeadLetterFilter build() {
      return new DeadLetterFilter(this);
    }
  }
}
