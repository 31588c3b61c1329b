package dev.retailsync.erp.netsuite;

import dev.retailsync.api.ValidationException;
import java.util.HashMap;
import java.util.Map;

/** A two-way table between canonical codes and NetSuite internal ids (currencies, terms). */
final class Lookup {
  /** Currency internal ids of a NetSuite account created in the US (check Lists > Currencies). */
  static final Lookup DEFAULT_CURRENCIES =
      new Lookup("currency", Map.of("USD", "1", "GBP", "2", "CAD", "3", "EUR", "4"), false);

  private final String field;
  private final Map<String, String> toId;
  private final Map<String, String> fromId;
  private final boolean passThrough;

  /**
   * @param passThrough whether a code missing from the table is sent as the internal id itself
   */
  Lookup(String field, Map<String, String> codeToId, boolean passThrough) {
    this.field = field;
    this.toId = Map.copyOf(codeToId);
    Map<String, String> reverse = new HashMap<>();
    codeToId.forEach((k, v) -> reverse.put(v, k));
    this.fromId = Map.copyOf(reverse);
    this.passThrough = passThrough;
  }

  private String setter() {
    return field.equals("currency") ? "currencies(...)" : field + "s(...)";
  }

  String id(String subject, String code) {
    String id = toId.get(code);
    if (id != null) {
      return id;
    }
    if (passThrough) {
      return code;
    }
    throw ValidationException.of(
        subject,
        field,
        code,
        "has no NetSuite internal id in the mapping's table "
            + toId.keySet()
            + "; add it with the mapping's "
            + setter()
            + " setting");
  }

  String code(String subject, String id) {
    String code = fromId.get(id);
    if (code != null) {
      return code;
    }
    if (passThrough) {
      return id;
    }
    throw ValidationException.of(
        subject,
        field,
        id,
        "is a NetSuite internal id the mapping's table "
            + fromId.keySet()
            + " does not know; add it with the mapping's "
            + setter()
            + " setting");
  }
}
