package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.json.CanonicalJson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes golden records and field values as JSON and reads them back with their Java types, for
 * state stores that keep them as text: a record is its entity's canonical JSON plus a map from each
 * leaf's path to its lineage; loose field values (as in a review item) are a map from path to the
 * value's canonical JSON, read back with the field's declared type.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoldenJson {
  private static final CanonicalJson JSON = CanonicalJson.create();

  private GoldenJson() {}

  /**
   * The lineage of every leaf of a record, as stored beside its entity.
   *
   * @param byPath lineage by leaf path
   */
  public record Lineages(Map<String, Lineage> byPath) {}

  /**
   * Returns a record's entity as canonical JSON.
   *
   * @param record the record
   * @return the JSON
   */
  public static String entityJson(GoldenRecord<?> record) {
    return JSON.write(record.entity());
  }

  /**
   * Returns a record's lineage as JSON.
   *
   * @param record the record
   * @return the JSON
   */
  public static String lineageJson(GoldenRecord<?> record) {
    Map<String, Lineage> m = new TreeMap<>();
    record.fields().forEach((k, v) -> m.put(k.value(), v.lineage()));
    return JSON.write(new Lineages(m));
  }

  /**
   * Restores a record from what {@link #entityJson} and {@link #lineageJson} wrote.
   *
   * @param id the canonical id
   * @param type the entity type
   * @param entityJson the entity's canonical JSON
   * @param lineageJson the lineage JSON
   * @param version the record's version
   * @param createdBy the system that created it
   * @param <T> the entity's Java type
   * @return the record
   * @throws MappingException if the texts do not fit together
   */
  public static <T extends CanonicalEntity> GoldenRecord<T> read(
      CanonicalId id,
      EntityType<T> type,
      String entityJson,
      String lineageJson,
      long version,
      SystemId createdBy) {
    T entity = JSON.read(entityJson, type.javaType());
    Map<String, Lineage> lineage = JSON.read(lineageJson, Lineages.class).byPath();
    Map<FieldPath, FieldValue> fields = new HashMap<>();
    EntityShape.of(type.javaType())
        .flatten(entity)
        .forEach(
            (path, value) -> {
              Lineage l = lineage.get(path.value());
              if (l == null) {
                throw new MappingException(
                    path.value(), "has a value but no lineage in the stored golden record", null);
              }
              fields.put(path, new FieldValue(value, l));
            });
    return GoldenRecord.restore(id, type, fields, version, createdBy);
  }

  /**
   * Writes field values as JSON, each as its canonical JSON.
   *
   * @param values values by leaf path
   * @return the JSON
   */
  public static String valuesJson(Map<FieldPath, Object> values) {
    Map<String, Object> m = new TreeMap<>();
    values.forEach((k, v) -> m.put(k.value(), v));
    return JSON.write(m);
  }

  /**
   * Reads field values written by {@link #valuesJson}, each with its field's declared type.
   *
   * @param type the entity type the fields belong to
   * @param json the JSON
   * @return values by leaf path
   * @throws MappingException if a path is not a field of the entity or a value does not fit
   */
  public static Map<FieldPath, Object> readValues(EntityType<?> type, String json) {
    EntityShape<?> shape = EntityShape.of(type.javaType());
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) JSON.read(json, Map.class);
    Map<FieldPath, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      FieldPath p = FieldPath.of(e.getKey());
      int i = shape.indexOf(p);
      if (i >= 0) {
        out.put(p, JSON.read(JSON.write(e.getValue()), shape.leafType(i)));
      } else if (p.isExtension()) {
        out.put(p, e.getValue());
      } else {
        throw new MappingException(e.getKey(), "is not a leaf field of " + type, null);
      }
    }
    return out;
  }
}
