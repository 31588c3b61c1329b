package dev.retailsync.ecommerce.shopify;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import java.util.List;

/**
 * A GraphQL response with top-level {@code errors} the client does not retry: a malformed query, a
 * field or scope the app may not access ({@code ACCESS_DENIED}), a query over the cost limit
 * ({@code MAX_COST_EXCEEDED}). Throttling is retried and surfaces as a {@link
 * dev.retailsync.api.RateLimitException} only when retries run out.
 *
 * <p>Instances are immutable once thrown.
 */
public final class ShopifyGraphQlException extends RemoteSystemException {
  private static final long serialVersionUID = 1L;

  /** The error code of a mutation whose fate is unknown: it may or may not have been applied. */
  public static final String OUTCOME_UNKNOWN = "SHOPIFY_OUTCOME_UNKNOWN";

  private final transient List<GraphQlError> errors;

  /**
   * Creates an exception.
   *
   * @param message what happened and how to fix it
   * @param errors the response's errors
   * @param context where it happened
   * @param retryable whether trying again may succeed
   */
  public ShopifyGraphQlException(
      String message, List<GraphQlError> errors, ErrorContext context, boolean retryable) {
    super(message, 200, errors.isEmpty() ? null : errors.get(0).code(), null, context, retryable);
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns the response's top-level errors.
   *
   * @return the errors
   */
  public List<GraphQlError> errors() {
    return errors == null ? List.of() : errors;
  }
}
