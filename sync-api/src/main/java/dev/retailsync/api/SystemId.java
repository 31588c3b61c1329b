package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Names a connected system, such as {@code salesforce}, {@code netsuite} or {@code shopify}: a
 * lower-case token of letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter,
 * at most 64 characters. A host that connects two instances of one platform gives each its own id
 * ({@code salesforce-eu}, {@code salesforce-us}).
 *
 * <p>Instances are immutable and thread-safe. Serialised as the bare token in JSON.
 *
 * @param value the token
 */
public record SystemId(@JsonValue String value) implements Comparable<SystemId> {
  private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  /** Salesforce (Sales Cloud, Service Cloud). */
  public static final SystemId SALESFORCE = new SystemId("salesforce");

  /** Oracle NetSuite. */
  public static final SystemId NETSUITE = new SystemId("netsuite");

  /** Microsoft Dynamics 365 Business Central. */
  public static final SystemId BUSINESS_CENTRAL = new SystemId("business-central");

  /** SAP S/4HANA. */
  public static final SystemId S4HANA = new SystemId("s4hana");

  /** Shopify. */
  public static final SystemId SHOPIFY = new SystemId("shopify");

  // Checks the components; see the class documentation for the rules.
  public SystemId {
    if (value == null || !TOKEN.matcher(value).matches()) {
      throw ValidationException.of(
          "SystemId",
          "value",
          value,
          "must be a lower-case token of letters, digits, '.', '_' or '-', starting with a letter"
              + " and at most 64 characters, such as 'salesforce' or 'acme-erp'");
    }
  }

  /**
   * Returns the system id for a token.
   *
   * @param value the token, such as {@code "netsuite"}
   * @return the id
   * @throws ValidationException if the token is malformed
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SystemId of(String value) {
    return new SystemId(value);
  }

  @Override
  public int compareTo(SystemId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
