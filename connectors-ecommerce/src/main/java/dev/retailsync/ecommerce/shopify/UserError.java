package dev.retailsync.ecommerce.shopify;

import java.util.List;

/**
 * One entry of a mutation payload's {@code userErrors}: a business validation failure. Typed
 * variants carry a {@code code} (such as {@code CHANGE_FROM_QUANTITY_STALE} or {@code TAKEN}); the
 * generic {@code UserError} of {@code customerCreate} and similar mutations has none, so it is
 * classified by its {@code field}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param code the error code, or {@code null} for the generic type
 * @param field the input path the error names, such as {@code [input, quantities, 0,
 *     changeFromQuantity]}; empty when Shopify names none
 * @param message Shopify's message
 */
public record UserError(String code, List<String> field, String message) {

  /** Copies the field path. */
  public UserError {
    field = field == null ? List.of() : List.copyOf(field);
    message = message == null ? "" : message;
  }

  /**
   * Returns the field path joined with dots, such as {@code input.quantities.0.changeFromQuantity}.
   *
   * @return the path, or an empty string
   */
  public String fieldPath() {
    return String.join(".", field);
  }
}
