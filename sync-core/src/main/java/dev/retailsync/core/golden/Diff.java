package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Field-level differences between two versions of a record. */
public final class Diff {
  private Diff() {}

  /**
   * Returns the leaf fields that differ between two entities of one type, sorted by path.
   *
   * @param before the earlier version, or {@code null} for none
   * @param after the later version, or {@code null} for none
   * @param <T> the entity's Java type
   * @return the differences; empty when the entities are equal
   */
  @SuppressWarnings("unchecked")
  public static <T extends CanonicalEntity> List<FieldChange> between(T before, T after) {
    if (before == null && after == null) {
      return List.of();
    }
    Class<T> type = (Class<T>) (before != null ? before.getClass() : after.getClass());
    EntityShape<T> shape = EntityShape.of(type);
    return between(
        before == null ? Map.of() : shape.flatten(before),
        after == null ? Map.of() : shape.flatten(after));
  }

  /**
   * Returns the leaf fields that differ between two golden records of one entity, sorted by path.
   *
   * @param before the earlier version
   * @param after the later version
   * @return the differences in value; lineage alone is not a difference
   */
  public static List<FieldChange> between(GoldenRecord<?> before, GoldenRecord<?> after) {
    return between(values(before.fields()), values(after.fields()));
  }

  static List<FieldChange> between(Map<FieldPath, Object> a, Map<FieldPath, Object> b) {
    TreeSet<FieldPath> paths = new TreeSet<>(a.keySet());
    paths.addAll(b.keySet());
    List<FieldChange> out = new ArrayList<>();
    for (FieldPath p : paths) {
      Object x = a.get(p);
      Object y = b.get(p);
      if (!Objects.equals(x, y)) {
        out.add(new FieldChange(p, x, y));
      }
    }
    return out;
  }

  private static Map<FieldPath, Object> values(Map<FieldPath, FieldValue> fields) {
    Map<FieldPath, Object> m = new java.util.HashMap<>();
    fields.forEach((k, v) -> m.put(k, v.value()));
    return m;
  }
}
