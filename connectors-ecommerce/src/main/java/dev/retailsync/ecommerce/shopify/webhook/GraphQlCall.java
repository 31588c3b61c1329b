package dev.retailsync.ecommerce.shopify.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Admin GraphQL call as the connector's transport makes it: the document and its variables in,
 * the response's {@code data} member out. The transport owns authentication, throttling, retries
 * and the top-level {@code errors} channel; mutation {@code userErrors} are left in {@code data}
 * for the caller to read.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface GraphQlCall {

  /**
   * Executes a document.
   *
   * @param document the GraphQL document
   * @param variables its variables (a JSON object)
   * @return the response's {@code data} member
   * @throws dev.retailsync.api.SyncException when the call fails (transport, top-level errors)
   */
  JsonNode execute(String document, JsonNode variables);
}
