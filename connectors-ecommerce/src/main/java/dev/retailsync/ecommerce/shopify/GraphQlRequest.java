package dev.retailsync.ecommerce.shopify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One GraphQL request: the document, its variables and, for a mutation, the idempotency key its
 * {@code @idempotent(key:)} directive carries. The key decides how the client retries: a query is
 * retried after throttling, 5xx and timeouts; a mutation only when it carries a key (Shopify then
 * returns the first result instead of applying it twice), otherwise a timeout or 5xx ends as
 * "outcome unknown".
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GraphQlRequest {
  private final String document;
  private final Map<String, Object> variables;
  private final String idempotencyKey;
  private final GraphQlDocument parsed;
  private final boolean retrySafe;

  private GraphQlRequest(String document, Map<String, ?> variables, String idempotencyKey) {
    this(document, variables, idempotencyKey, false);
  }

  private GraphQlRequest(
      String document, Map<String, ?> variables, String idempotencyKey, boolean retrySafe) {
    this.retrySafe = retrySafe;
    this.document = Objects.requireNonNull(document, "document");
    this.variables =
        Collections.unmodifiableMap(new LinkedHashMap<>(variables == null ? Map.of() : variables));
    this.idempotencyKey = idempotencyKey;
    this.parsed = GraphQlDocument.parse(document);
  }

  /**
   * Returns a query.
   *
   * @param document the query document
   * @param variables its variables; values are strings, numbers, booleans, lists, maps or Jackson
   *     nodes
   * @return the request
   * @throws IllegalArgumentException if the document does not parse or is a mutation
   */
  public static GraphQlRequest query(String document, Map<String, ?> variables) {
    GraphQlRequest r = new GraphQlRequest(document, variables, null);
    if (r.parsed.isMutation()) {
      throw new IllegalArgumentException("GraphQlRequest.query: the document is a mutation");
    }
    return r;
  }

  /**
   * Returns a mutation without an idempotency key: the client never sends it twice, so a timeout or
   * 5xx leaves its outcome unknown.
   *
   * @param document the mutation document
   * @param variables its variables
   * @return the request
   * @throws IllegalArgumentException if the document does not parse or is not a mutation
   */
  public static GraphQlRequest mutation(String document, Map<String, ?> variables) {
    GraphQlRequest r = new GraphQlRequest(document, variables, null);
    if (!r.parsed.isMutation()) {
      throw new IllegalArgumentException("GraphQlRequest.mutation: the document is not a mutation");
    }
    return r;
  }

  /**
   * Returns a mutation whose repetition has the same effect as one run: an upsert by a unique
   * identifier ({@code customerSet} with {@code identifier}), or setting a state ({@code
   * customerEmailMarketingConsentUpdate}). The client may send it again after a timeout.
   *
   * @param document the mutation document
   * @param variables its variables
   * @return the request
   * @throws IllegalArgumentException if the document does not parse or is not a mutation
   */
  public static GraphQlRequest repeatableMutation(String document, Map<String, ?> variables) {
    GraphQlRequest r = new GraphQlRequest(document, variables, null, true);
    if (!r.parsed.isMutation()) {
      throw new IllegalArgumentException("GraphQlRequest.repeatableMutation: not a mutation");
    }
    return r;
  }

  /**
   * Returns a mutation whose fields carry {@code @idempotent(key: "<key>")}, which the client may
   * send again with the same key.
   *
   * @param document the mutation document, with the directive and the key as a literal
   * @param variables its variables
   * @param key the key in the directive
   * @return the request
   * @throws IllegalArgumentException if the key is blank or some top-level field of the document
   *     lacks the directive with this key
   */
  public static GraphQlRequest idempotentMutation(
      String document, Map<String, ?> variables, String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "GraphQlRequest.idempotentMutation: the key must not be blank (Shopify refuses it)");
    }
    GraphQlRequest r = new GraphQlRequest(document, variables, key);
    if (!r.parsed.isMutation()) {
      throw new IllegalArgumentException("GraphQlRequest.idempotentMutation: not a mutation");
    }
    for (GraphQlDocument.Field f : r.parsed.fields()) {
      Map<String, Object> d = f.directives().get("idempotent");
      if (d == null || !key.equals(GraphQlDocument.resolve(d.get("key"), r.variables))) {
        throw new IllegalArgumentException(
            "GraphQlRequest.idempotentMutation: field '"
                + f.alias()
                + "' must carry @idempotent(key: \""
                + key
                + "\")");
      }
    }
    return r;
  }

  /**
   * Returns the document.
   *
   * @return the document
   */
  public String document() {
    return document;
  }

  /**
   * Returns the variables.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> variables() {
    return variables;
  }

  /**
   * Returns the idempotency key.
   *
   * @return the key, or {@code null} for queries and mutations sent without one
   */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * Tells whether the request is a mutation.
   *
   * @return {@code true} for a mutation
   */
  public boolean isMutation() {
    return parsed.isMutation();
  }

  /**
   * Tells whether sending the request twice is safe: a query, a mutation with a key, or a
   * repeatable mutation.
   *
   * @return {@code true} when a retry cannot apply a change twice
   */
  public boolean isRetrySafe() {
    return !parsed.isMutation() || idempotencyKey != null || retrySafe;
  }

  /**
   * Returns the parsed document.
   *
   * @return the document
   */
  public GraphQlDocument parsed() {
    return parsed;
  }

  /**
   * Returns the estimated requested cost.
   *
   * @return the cost in points
   */
  public int estimatedCost() {
    return parsed.estimateCost(variables);
  }

  @Override
  public String toString() {
    // Variables may hold personal data (e-mail addresses, names): never printed.
    return "GraphQlRequest["
        + parsed.operationType()
        + " "
        + parsed.fields().stream().map(GraphQlDocument.Field::name).toList()
        + (idempotencyKey == null ? "" : ", idempotent")
        + "]";
  }
}
