package dev.retailsync.erp.file;

import java.util.LinkedHashMap;
import java.util.Map;

/** Code tables from enum constant names. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> Map<String, E> codes(Class<E> type) {
    Map<String, E> codes = new LinkedHashMap<>();
    for (E e : type.getEnumConstants()) {
      codes.put(e.name(), e);
    }
    return codes;
  }
}
