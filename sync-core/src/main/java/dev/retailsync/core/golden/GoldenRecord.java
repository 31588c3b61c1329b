package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.policy.RecordState;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SDK's best knowledge of one real-world record: for every field, its value and its lineage.
 * Built by {@link Merger} from the changes of every system, under the entity's ownership policy.
 *
 * <p>Instances are immutable and thread-safe. {@code version} counts the merges that changed the
 * record, for compare-and-set in the store. {@code toString()} shows ids and lineage, never values.
 *
 * @param <T> the entity's Java type
 */
public final class GoldenRecord<T extends CanonicalEntity> implements RecordState {
  private final CanonicalId id;
  private final EntityType<T> entityType;
  private final Map<FieldPath, FieldValue> fields;
  private final long version;
  private final SystemId createdBy;
  private volatile T entity;

  GoldenRecord(
      CanonicalId id,
      EntityType<T> entityType,
      Map<FieldPath, FieldValue> fields,
      long version,
      SystemId createdBy,
      T entity) {
    this.id = Objects.requireNonNull(id, "id");
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.fields = fields;
    this.version = version;
    this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    this.entity = entity;
  }

  /**
   * Restores a golden record, as a state store does when it reads one back.
   *
   * @param id the canonical id
   * @param entityType the entity type
   * @param fields each present leaf field with its value and lineage
   * @param version the record's version
   * @param createdBy the system whose change created it
   * @param <T> the entity's Java type
   * @return the record
   */
  public static <T extends CanonicalEntity> GoldenRecord<T> restore(
      CanonicalId id,
      EntityType<T> entityType,
      Map<FieldPath, FieldValue> fields,
      long version,
      SystemId createdBy) {
    return new GoldenRecord<>(
        id,
        entityType,
        Collections.unmodifiableMap(new HashMap<>(fields)),
        version,
        createdBy,
        null);
  }

  /**
   * Returns the canonical id.
   *
   * @return the id
   */
  public CanonicalId id() {
    return id;
  }

  /**
   * Returns the entity type.
   *
   * @return the entity type
   */
  public EntityType<T> entityType() {
    return entityType;
  }

  /**
   * Returns every present leaf field with its value and lineage.
   *
   * @return an unmodifiable map, in no particular order
   */
  public Map<FieldPath, FieldValue> fields() {
    return fields;
  }

  /**
   * Returns the version: how many merges changed this record.
   *
   * @return the version, 1 for a new record
   */
  public long version() {
    return version;
  }

  @Override
  public Optional<SystemId> createdBy() {
    return Optional.of(createdBy);
  }

  /**
   * Returns a leaf's lineage.
   *
   * @param path the leaf
   * @return its lineage, or empty when the field is absent
   */
  public Optional<Lineage> lineage(FieldPath path) {
    FieldValue v = fields.get(path);
    return v == null ? Optional.empty() : Optional.of(v.lineage());
  }

  @Override
  public Object value(FieldPath path) {
    FieldValue v = fields.get(path);
    if (v != null) {
      return v.value();
    }
    Map<FieldPath, Object> group = new LinkedHashMap<>();
    for (Map.Entry<FieldPath, FieldValue> e : fields.entrySet()) {
      if (path.contains(e.getKey())) {
        group.put(e.getKey(), e.getValue().value());
      }
    }
    return group.isEmpty() ? null : Collections.unmodifiableMap(group);
  }

  /**
   * Returns the record as an entity.
   *
   * @return the entity
   * @throws dev.retailsync.api.ValidationException if the fields do not make a valid entity
   */
  public T entity() {
    T e = entity;
    if (e == null) {
      Map<FieldPath, Object> leaves = new LinkedHashMap<>();
      fields.forEach((k, v) -> leaves.put(k, v.value()));
      e = EntityShape.of(entityType.javaType()).build(leaves);
      entity = e;
    }
    return e;
  }

  /**
   * Compares ids, types, versions and fields (values and lineage).
   *
   * @param o the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof GoldenRecord<?> g
        && g.id.equals(id)
        && g.entityType.equals(entityType)
        && g.version == version
        && g.createdBy.equals(createdBy)
        && g.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, entityType, version, fields);
  }

  @Override
  public String toString() {
    return "GoldenRecord["
        + entityType
        + " "
        + id
        + " v"
        + version
        + ", "
        + fields.size()
        + " fields, created by "
        + createdBy
        + "]";
  }
}
