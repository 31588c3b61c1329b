package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GraphQL response that carried no top-level error: its {@code data}, the cost figures from
 * {@code extensions.cost}, and the API version the server used. Mutation {@code userErrors} are not
 * errors of the response: read them with {@link #userErrors(String)}; a non-empty list means the
 * mutation did not apply.
 *
 * <p>Instances are immutable and thread-safe (the data tree must not be modified).
 */
public final class GraphQlResponse {
  private final JsonNode data;
  private final Integer requestedCost;
  private final Integer actualCost;
  private final ThrottleStatus throttleStatus;
  private final String apiVersion;

  GraphQlResponse(
      JsonNode data,
      Integer requestedCost,
      Integer actualCost,
      ThrottleStatus throttleStatus,
      String apiVersion) {
    this.data = data == null ? MissingNode.getInstance() : data;
    this.requestedCost = requestedCost;
    this.actualCost = actualCost;
    this.throttleStatus = throttleStatus;
    this.apiVersion = apiVersion;
  }

  /**
   * Returns {@code data}.
   *
   * @return the data, a missing node when absent
   */
  public JsonNode data() {
    return data;
  }

  /**
   * Returns one top-level field of {@code data} by its alias (or name).
   *
   * @param alias the alias
   * @return the field, a missing node when absent
   */
  public JsonNode field(String alias) {
    return data.path(alias);
  }

  /**
   * Returns a mutation payload's {@code userErrors}.
   *
   * @param alias the mutation field's alias (or name), such as {@code inventorySetQuantities}
   * @return the errors, empty when the mutation applied
   */
  public List<UserError> userErrors(String alias) {
    return userErrorsOf(data.path(alias).path("userErrors"));
  }

  static List<UserError> userErrorsOf(JsonNode errors) {
    List<UserError> out = new ArrayList<>();
    for (JsonNode e : errors) {
      List<String> field = new ArrayList<>();
      for (JsonNode f : e.path("field")) {
        field.add(f.asText());
      }
      JsonNode code = e.get("code");
      out.add(
          new UserError(
              code == null || code.isNull() ? null : code.asText(),
              field,
              e.path("message").asText()));
    }
    return out;
  }

  /**
   * Returns {@code extensions.cost.requestedQueryCost}.
   *
   * @return the points, or empty when the response had no cost extension
   */
  public Optional<Integer> requestedCost() {
    return Optional.ofNullable(requestedCost);
  }

  /**
   * Returns {@code extensions.cost.actualQueryCost}.
   *
   * @return the points, or empty when the response had none
   */
  public Optional<Integer> actualCost() {
    return Optional.ofNullable(actualCost);
  }

  /**
   * Returns {@code extensions.cost.throttleStatus}.
   *
   * @return the status, or empty when the response had none
   */
  public Optional<ThrottleStatus> throttleStatus() {
    return Optional.ofNullable(throttleStatus);
  }

  /**
   * Returns the version in {@code X-Shopify-API-Version}.
   *
   * @return the version, or {@code null} when the header was absent
   */
  public String apiVersion() {
    return apiVersion;
  }

  @Override
  public String toString() {
    return "GraphQlResponse[requestedCost="
        + requestedCost
        + ", actualCost="
        + actualCost
        + ", apiVersion="
        + apiVersion
        + "]";
  }
}
