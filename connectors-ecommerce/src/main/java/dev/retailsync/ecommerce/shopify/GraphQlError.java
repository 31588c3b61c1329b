package dev.retailsync.ecommerce.shopify;

import java.util.List;

/**
 * One entry of a response's top-level {@code errors}: a problem with the request as a whole (a
 * parse error, a field the app may not access, throttling), as opposed to a mutation's {@link
 * UserError}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param message Shopify's message
 * @param code {@code extensions.code}, such as {@code THROTTLED}, {@code ACCESS_DENIED} or {@code
 *     MAX_COST_EXCEEDED}, or {@code null} when absent
 * @param path the response path the error concerns; empty when absent
 */
public record GraphQlError(String message, String code, List<String> path) {

  /** Copies the path. */
  public GraphQlError {
    message = message == null ? "" : message;
    path = path == null ? List.of() : List.copyOf(path);
  }

  /**
   * Tells whether this error reports throttling.
   *
   * @return {@code true} for {@code THROTTLED}
   */
  public boolean isThrottled() {
    return "THROTTLED".equals(code);
  }
}
