package dev.retailsync.api;

import dev.retailsync.api.internal.Checks;

/**
 * The id of a record in one system: the system and that system's own id (a Salesforce record id, a
 * NetSuite internal id, a Shopify GID, an ERP customer number). Rendered as {@code system:id}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param system the system, never {@code null}
 * @param id the system's id, non-blank, at most 255 characters
 */
public record ExternalId(SystemId system, String id) {

  // Checks the components; see the class documentation for the rules.
  public ExternalId {
    Checks.required("ExternalId", "system", system);
    Checks.requiredText("ExternalId", "id", id);
    if (id.length() > 255) {
      throw ValidationException.of(
          "ExternalId", "id", id.substring(0, 32) + "...", "must be at most 255 characters");
    }
  }

  /**
   * Returns the external id of a record.
   *
   * @param system the system
   * @param id the system's id
   * @return the external id
   * @throws ValidationException if a component is missing, blank or too long
   */
  public static ExternalId of(SystemId system, String id) {
    return new ExternalId(system, id);
  }

  /**
   * Returns the external id of a record.
   *
   * @param system the system's token, such as {@code "netsuite"}
   * @param id the system's id
   * @return the external id
   * @throws ValidationException if a component is missing or malformed
   */
  public static ExternalId of(String system, String id) {
    return new ExternalId(SystemId.of(system), id);
  }

  /**
   * Renders the id as {@code system:id}.
   *
   * @return the rendered id
   */
  @Override
  public String toString() {
    return system.value() + ":" + id;
  }
}
