package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/** Asserts that every constant of a {@code Fields} class names a field of its entity type. */
final class FieldCatalogues {
  private FieldCatalogues() {}

  static void assertAllInCatalogue(Class<?> fieldsClass, EntityType<?> type) throws Exception {
    int count = 0;
    for (Field f : fieldsClass.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == FieldPath.class) {
        FieldPath path = (FieldPath) f.get(null);
        assertTrue(
            type.fields().contains(path),
            () -> f.getName() + " = " + path + " is not in " + type + ".fields()");
        count++;
      }
    }
    assertTrue(count > 0, "no FieldPath constants in " + fieldsClass);
  }
}
