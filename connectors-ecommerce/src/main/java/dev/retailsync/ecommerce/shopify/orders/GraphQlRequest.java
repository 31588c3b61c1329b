package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.ecommerce.shopify.webhook.GraphQlCall;
import java.util.Objects;

/**
 * A GraphQL document with its variables, ready for the connector's transport.
 *
 * <p>Immutable: {@link #variables()} returns a copy. {@code toString()} shows the operation only
 * (variables may hold personal data).
 *
 * @param document the document
 * @param variables the variables (a JSON object)
 */
public record GraphQlRequest(String document, ObjectNode variables) {

  // Keeps the request immutable.
  public GraphQlRequest {
    Objects.requireNonNull(document, "document");
    variables = variables == null ? null : variables.deepCopy();
  }

  /**
   * Returns a copy of the variables.
   *
   * @return the variables
   */
  @Override
  public ObjectNode variables() {
    return variables == null ? null : variables.deepCopy();
  }

  /**
   * Sends the request through a transport.
   *
   * @param call the transport
   * @return the response's {@code data}
   */
  public JsonNode execute(GraphQlCall call) {
    return call.execute(document, variables());
  }

  /**
   * Shows the operation's first line.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    int nl = document.indexOf('\n');
    return "GraphQlRequest[" + (nl < 0 ? document : document.substring(0, nl)) + " ...]";
  }
}
