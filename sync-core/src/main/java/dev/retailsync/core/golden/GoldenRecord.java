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
import java.util.function.UnaryOperator;

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
  private final EntityShape<T> shape;
  // Catalogue leaves by index (null = absent) as two parallel arrays, values and their lineage
  // (most fields of a record share a few lineage instances), and custom fields by name: no hashing
  // on the merge path and no FieldValue per stored leaf, which a store holding many records keeps
  // (and the collector copies) otherwise. FieldValues and the map view are built on demand.
  private final Object[] values;
  // A Lineage when every present leaf has that one (a new record's, typically), else a Lineage[].
  private final Object lineages;
  private final Map<String, FieldValue> extensions;
  private final long version;
  private final SystemId createdBy;
  private volatile T entity;

  GoldenRecord(
      CanonicalId id,
      EntityType<T> entityType,
      Object[] values,
      Object lineages,
      Map<String, FieldValue> extensions,
      long version,
      SystemId createdBy,
      T entity) {
    this(id, entityType, null, values, lineages, extensions, version, createdBy, entity);
  }

  /** With the entity type's shape when the caller has it, else ({@code null}) it is looked up. */
  GoldenRecord(
      CanonicalId id,
      EntityType<T> entityType,
      EntityShape<T> shape,
      Object[] values,
      Object lineages,
      Map<String, FieldValue> extensions,
      long version,
      SystemId createdBy,
      T entity) {
    this.id = Objects.requireNonNull(id, "id");
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.shape = shape != null ? shape : EntityShape.of(entityType.javaType());
    this.values = values;
    this.lineages = compact(values, lineages);
    this.extensions = extensions;
    this.version = version;
    this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    this.entity = entity;
  }

  private static Object compact(Object[] values, Object lineages) {
    if (!(lineages instanceof Lineage[] a)) {
      return lineages;
    }
    Lineage one = null;
    for (int i = 0; i < a.length; i++) {
      if (values[i] == null) {
        continue;
      }
      if (one == null) {
        one = a[i];
      } else if (a[i] != one) {
        return a;
      }
    }
    return one == null ? a : one;
  }

  private Lineage lineageAt(int i) {
    if (values[i] == null) {
      return null;
    }
    return lineages instanceof Lineage l ? l : ((Lineage[]) lineages)[i];
  }

  /**
   * The same record without the entity it may hold built: for a store that keeps many records, so
   * that it holds each value once (in the leaves); {@link #entity()} builds it again when asked.
   *
   * @return this record when it holds no entity, else a copy sharing its leaves
   */
  GoldenRecord<T> withoutEntity() {
    return entity == null
        ? this
        : new GoldenRecord<>(
            id, entityType, shape, values, lineages, extensions, version, createdBy, null);
  }

  /**
   * The same record without its built entity and with each catalogue leaf value replaced by the
   * equal instance {@code canonical} gives (the same value, held once by many records).
   *
   * @param canonical returns an equal value, or the value itself
   * @return the copy, sharing this record's lineage
   */
  GoldenRecord<T> compacted(UnaryOperator<Object> canonical) {
    Object[] v = values;
    for (int i = 0; i < v.length; i++) {
      Object c = v[i] == null ? null : canonical.apply(v[i]);
      if (c != v[i]) {
        if (v == values) {
          v = values.clone();
        }
        v[i] = c;
      }
    }
    return v == values
        ? withoutEntity()
        : new GoldenRecord<>(
            id, entityType, shape, v, lineages, extensions, version, createdBy, null);
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
   * @throws IllegalArgumentException if a path is neither a leaf of the entity's catalogue nor a
   *     custom field
   */
  public static <T extends CanonicalEntity> GoldenRecord<T> restore(
      CanonicalId id,
      EntityType<T> entityType,
      Map<FieldPath, FieldValue> fields,
      long version,
      SystemId createdBy) {
    EntityShape<T> shape = EntityShape.of(entityType.javaType());
    Object[] values = new Object[shape.size()];
    Lineage[] lineages = new Lineage[shape.size()];
    Map<String, FieldValue> ext = new HashMap<>();
    fields.forEach(
        (p, v) -> {
          int i = shape.indexOf(p);
          if (i >= 0) {
            Objects.requireNonNull(v, "value");
            values[i] = v.value();
            lineages[i] = v.lineage();
          } else if (p.isExtension()) {
            ext.put(p.name(), Objects.requireNonNull(v, "value"));
          } else {
            throw new IllegalArgumentException(p + " is not a leaf field of " + entityType);
          }
        });
    return new GoldenRecord<>(
        id, entityType, values, lineages, Map.copyOf(ext), version, createdBy, null);
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
    // Built on each call, not kept: a stored record holds its leaves once.
    Map<FieldPath, FieldValue> m = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        m.put(shape.leaves().get(i), new FieldValue(values[i], lineageAt(i)));
      }
    }
    extensions.forEach((k, v) -> m.put(EntityShape.extensionPath(k), v));
    return Collections.unmodifiableMap(m);
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
    int i = shape.indexOf(path);
    if (i >= 0) {
      return Optional.ofNullable(lineageAt(i));
    }
    FieldValue v = path.isExtension() ? extensions.get(path.name()) : null;
    return v == null ? Optional.empty() : Optional.of(v.lineage());
  }

  @Override
  public Object value(FieldPath path) {
    int i = shape.indexOf(path);
    if (i >= 0 && values[i] != null) {
      return values[i];
    }
    if (i < 0 && path.isExtension()) {
      FieldValue v = extensions.get(path.name());
      if (v != null) {
        return v.value();
      }
    }
    Map<FieldPath, Object> group = new LinkedHashMap<>();
    for (Map.Entry<FieldPath, FieldValue> e : fields().entrySet()) {
      if (path.contains(e.getKey())) {
        group.put(e.getKey(), e.getValue().value());
      }
    }
    return group.isEmpty() ? null : Collections.unmodifiableMap(group);
  }

  Object[] leafValues() {
    return values;
  }

  /** A new array of each leaf's lineage by index, {@code null} where the leaf is absent. */
  Lineage[] leafLineages() {
    Lineage[] out = new Lineage[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = lineageAt(i);
    }
    return out;
  }

  Map<String, FieldValue> extensionMap() {
    return extensions;
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
      Map<String, Object> ext = new HashMap<>();
      extensions.forEach((k, v) -> ext.put(k, v.value()));
      e = shape.build(values, ext);
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
        && java.util.Arrays.equals(g.values, values)
        && java.util.Arrays.equals(g.leafLineages(), leafLineages())
        && g.extensions.equals(extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, entityType, version);
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
        + fields().size()
        + " fields, created by "
        + createdBy
        + "]";
  }
}
