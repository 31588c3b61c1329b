package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The envelope every change travels in, from a connector's change feed or a webhook into the
 * engine: which entity changed in which system, how, the new state, which fields the source says
 * changed, the source's own timestamp and version, and the ids that tie the change to everything it
 * causes.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder(EntityType)}.
 *
 * @param entityType the entity's type, never {@code null}
 * @param type what happened, never {@code null}
 * @param source the record's id in the system it comes from, never {@code null}
 * @param entity the record's new state; {@code null} exactly when {@code type} is {@link
 *     ChangeType#DELETED}
 * @param changedFields the fields the source says changed; empty when the source does not say (all
 *     fields are then compared)
 * @param sourceTimestamp when the source recorded the change, or {@code null} when it does not say
 * @param sourceVersion the source's version of the record (an ETag, a system modstamp, a sequence
 *     number), or {@code null}
 * @param correlationId ties together everything this change causes, never {@code null}
 * @param idempotencyKey the key under which the change's effect is recorded, or {@code null} to let
 *     the engine derive one
 * @param schemaVersion the version of the canonical contract the change was written with
 * @param <T> the entity's Java type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Change<T extends CanonicalEntity>(
    @NotNull EntityType<T> entityType,
    @NotNull ChangeType type,
    @NotNull ExternalId source,
    @Valid T entity,
    Set<FieldPath> changedFields,
    Instant sourceTimestamp,
    String sourceVersion,
    @NotNull CorrelationId correlationId,
    IdempotencyKey idempotencyKey,
    String schemaVersion) {

  // Checks the components; see the class documentation for the rules.
  public Change {
    Checks.required("Change", "entityType", entityType);
    Checks.required("Change", "type", type);
    Checks.required("Change", "source", source);
    Checks.required("Change", "correlationId", correlationId);
    if (type == ChangeType.DELETED) {
      if (entity != null) {
        throw ValidationException.of(
            "Change", "entity", entityType, "must be absent for a DELETED change");
      }
    } else {
      Checks.required("Change", "entity", entity);
      if (!entityType.javaType().isInstance(entity)) {
        throw ValidationException.of(
            "Change",
            "entity",
            entity.getClass().getSimpleName(),
            "is not a " + entityType.javaType().getSimpleName() + " as entityType says");
      }
    }
    changedFields = Checks.sortedSet("Change", "changedFields", changedFields);
    for (FieldPath f : changedFields) {
      if (!entityType.hasField(f)) {
        throw ValidationException.of(
            "Change",
            "changedFields",
            f,
            "is not a field of " + entityType + " (see EntityType.fields())");
      }
    }
    Checks.optionalText("Change", "sourceVersion", sourceVersion);
    schemaVersion = schemaVersion == null ? CanonicalEntity.SCHEMA_VERSION : schemaVersion;
  }

  /**
   * Returns a builder for a change to an entity of the given type.
   *
   * @param entityType the entity type
   * @param <T> the entity's Java type
   * @return the builder
   */
  public static <T extends CanonicalEntity> Builder<T> builder(EntityType<T> entityType) {
    return new Builder<>(entityType);
  }

  /**
   * Returns the entity when there is one.
   *
   * @return the entity, or empty for a deleted record
   */
  public Optional<T> entityIfPresent() {
    return Optional.ofNullable(entity);
  }

  /**
   * Returns a builder initialised with this change's components.
   *
   * @return the builder
   */
  public Builder<T> toBuilder() {
    Builder<T> b = new Builder<>(entityType);
    b.type = type;
    b.source = source;
    b.entity = entity;
    b.changedFields = changedFields;
    b.sourceTimestamp = sourceTimestamp;
    b.sourceVersion = sourceVersion;
    b.correlationId = correlationId;
    b.idempotencyKey = idempotencyKey;
    b.schemaVersion = schemaVersion;
    return b;
  }

  /**
   * Shows the ids, type, timestamp and version but not the entity, which may hold personal data.
   *
   * @return a rendering without the entity's content
   */
  @Override
  public String toString() {
    return "Change[entityType="
        + entityType
        + ", type="
        + type
        + ", source="
        + source
        + ", changedFields="
        + changedFields
        + ", sourceTimestamp="
        + sourceTimestamp
        + ", sourceVersion="
        + sourceVersion
        + ", correlationId="
        + correlationId
        + "]";
  }

  /**
   * Builds a {@link Change}. Not thread-safe.
   *
   * @param <T> the entity's Java type
   */
  public static final class Builder<T extends CanonicalEntity> {
    private final EntityType<T> entityType;
    private ChangeType type;
    private ExternalId source;
    private T entity;
    private Set<FieldPath> changedFields = Set.of();
    private Instant sourceTimestamp;
    private String sourceVersion;
    private CorrelationId correlationId;
    private IdempotencyKey idempotencyKey;
    private String schemaVersion;

    private Builder(EntityType<T> entityType) {
      this.entityType = Checks.required("Change", "entityType", entityType);
    }

    /**
     * Sets what happened; required.
     *
     * @param type the change type
     * @return this builder
     */
    public Builder<T> type(ChangeType type) {
      this.type = type;
      return this;
    }

    /**
     * Sets the record's id in its source system; required.
     *
     * @param source the external id
     * @return this builder
     */
    public Builder<T> source(ExternalId source) {
      this.source = source;
      return this;
    }

    /**
     * Sets the record's new state; required unless the change is a delete.
     *
     * @param entity the entity
     * @return this builder
     */
    public Builder<T> entity(T entity) {
      this.entity = entity;
      return this;
    }

    /**
     * Sets the fields the source says changed, replacing any set before.
     *
     * @param fields the fields
     * @return this builder
     */
    public Builder<T> changedFields(Collection<FieldPath> fields) {
      // A HashSet, not Set.copyOf: duplicates collapse and null elements reach the constructor,
      // which reports them as a ValidationException.
      this.changedFields = fields == null ? Set.of() : new HashSet<>(fields);
      return this;
    }

    /**
     * Sets the fields the source says changed, replacing any set before.
     *
     * @param fields the fields
     * @return this builder
     */
    public Builder<T> changedFields(FieldPath... fields) {
      return changedFields(fields == null ? null : Arrays.asList(fields));
    }

    /**
     * Sets when the source recorded the change.
     *
     * @param sourceTimestamp the timestamp
     * @return this builder
     */
    public Builder<T> sourceTimestamp(Instant sourceTimestamp) {
      this.sourceTimestamp = sourceTimestamp;
      return this;
    }

    /**
     * Sets the source's version of the record.
     *
     * @param sourceVersion the version
     * @return this builder
     */
    public Builder<T> sourceVersion(String sourceVersion) {
      this.sourceVersion = sourceVersion;
      return this;
    }

    /**
     * Sets the correlation id; when unset, {@link #build()} assigns a random one.
     *
     * @param correlationId the correlation id
     * @return this builder
     */
    public Builder<T> correlationId(CorrelationId correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * Sets the idempotency key; when unset, the engine derives one.
     *
     * @param idempotencyKey the key
     * @return this builder
     */
    public Builder<T> idempotencyKey(IdempotencyKey idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * Sets the contract version; when unset, the current one.
     *
     * @param schemaVersion the version, such as {@code "1.0"}
     * @return this builder
     */
    public Builder<T> schemaVersion(String schemaVersion) {
      this.schemaVersion = schemaVersion;
      return this;
    }

    /**
     * Builds the change.
     *
     * @return the change
     * @throws ValidationException naming the component if the change is incomplete or inconsistent
     */
    public Change<T> build() {
      return new Change<>(
          entityType,
          type,
          source,
          entity,
          changedFields,
          sourceTimestamp,
          sourceVersion,
          correlationId == null ? CorrelationId.of(UUID.randomUUID()) : correlationId,
          idempotencyKey,
          schemaVersion);
    }
  }
}
