package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Shopify object as a mapping reads it, in either of the two shapes Shopify sends: the Admin
 * GraphQL shape (camelCase, GIDs, {@code MoneyBag} amounts such as {@code totalPriceSet.shopMoney})
 * or the REST shape of webhook payloads (snake_case, numeric ids, {@code
 * total_price_set.shop_money}). Field overrides receive it, so one override can serve both shapes:
 *
 * <pre>{@code
 * .override(Order.Fields.ORDER_NUMBER, src -> src.text("legacyResourceId", "id"))
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as nobody mutates the node it wraps.
 */
public final class ShopifySource {

  /** The shape of a payload. */
  public enum Shape {
    /** The Admin GraphQL API's shape. */
    GRAPHQL,
    /** The REST shape webhooks deliver. */
    REST
  }

  private final JsonNode json;
  private final Shape shape;
  private final JsonNode parent;

  private ShopifySource(JsonNode json, Shape shape, JsonNode parent) {
    this.json = json == null ? MissingNode.getInstance() : json;
    this.shape = Objects.requireNonNull(shape, "shape");
    this.parent = parent == null ? MissingNode.getInstance() : parent;
  }

  private ShopifySource(JsonNode json, Shape shape) {
    this(json, shape, null);
  }

  /**
   * Returns this source with the object it belongs to, such as the order of a fulfilment read from
   * the order's {@code fulfillments}.
   *
   * @param parent the enclosing object
   * @return the source
   */
  public ShopifySource withParent(JsonNode parent) {
    return new ShopifySource(json, shape, parent);
  }

  /**
   * Returns the enclosing object, if the source was given one.
   *
   * @return the source of the parent; its node is missing when there is none
   */
  public ShopifySource parent() {
    return new ShopifySource(parent, shape);
  }

  /**
   * Wraps a GraphQL object.
   *
   * @param json the object
   * @return the source
   */
  public static ShopifySource graphQl(JsonNode json) {
    return new ShopifySource(json, Shape.GRAPHQL);
  }

  /**
   * Wraps a REST (webhook) object.
   *
   * @param json the object
   * @return the source
   */
  public static ShopifySource rest(JsonNode json) {
    return new ShopifySource(json, Shape.REST);
  }

  /**
   * Returns a source for a nested object of the same shape.
   *
   * @param child the nested node
   * @return the source
   */
  public ShopifySource child(JsonNode child) {
    return new ShopifySource(child, shape, json);
  }

  /**
   * Returns the wrapped node.
   *
   * @return the node; never {@code null} (a missing node when there was none)
   */
  public JsonNode json() {
    return json;
  }

  /**
   * Returns the shape.
   *
   * @return the shape
   */
  public Shape shape() {
    return shape;
  }

  /**
   * Returns whether this is the GraphQL shape.
   *
   * @return {@code true} for GraphQL
   */
  public boolean isGraphQl() {
    return shape == Shape.GRAPHQL;
  }

  /**
   * Returns the member named for this shape.
   *
   * @param graphQl the GraphQL name (a dotted path is followed: {@code customer.id}), or {@code
   *     null} when the member does not exist in GraphQL
   * @param rest the REST name (dotted likewise), or {@code null} when it does not exist in REST
   * @return the node, or a missing node
   */
  public JsonNode node(String graphQl, String rest) {
    return path(json, isGraphQl() ? graphQl : rest);
  }

  /**
   * Returns a member's text.
   *
   * @param graphQl the GraphQL name
   * @param rest the REST name
   * @return the text, or {@code null} when absent, null or blank
   */
  public String text(String graphQl, String rest) {
    return text(node(graphQl, rest));
  }

  /**
   * Returns a member's timestamp.
   *
   * @param graphQl the GraphQL name
   * @param rest the REST name
   * @return the instant, or {@code null} when absent
   * @throws MappingException naming the member when it is not an ISO-8601 timestamp
   */
  public Instant instant(String graphQl, String rest) {
    String t = text(graphQl, rest);
    if (t == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new MappingException(
          isGraphQl() ? graphQl : rest, "is not an ISO-8601 timestamp: " + t, e);
    }
  }

  /**
   * Returns a member's number.
   *
   * @param graphQl the GraphQL name
   * @param rest the REST name
   * @return the number, or {@code null} when absent
   * @throws MappingException naming the member when it is not a number
   */
  public BigDecimal decimal(String graphQl, String rest) {
    return decimalOf(node(graphQl, rest), isGraphQl() ? graphQl : rest);
  }

  /**
   * Returns an amount in the shop's currency from a money bag: {@code <graphQl>.shopMoney} in
   * GraphQL, {@code <rest>.shop_money} in REST.
   *
   * @param graphQlSet the GraphQL {@code MoneyBag} member, such as {@code totalPriceSet}
   * @param restSet the REST set member, such as {@code total_price_set}
   * @return the amount, or {@code null} when the bag is absent
   * @throws MappingException naming the member when the amount or currency is malformed
   */
  public Money shopMoney(String graphQlSet, String restSet) {
    JsonNode bag = node(graphQlSet, restSet);
    if (bag.isMissingNode() || bag.isNull()) {
      return null;
    }
    String member = isGraphQl() ? graphQlSet + ".shopMoney" : restSet + ".shop_money";
    JsonNode m = bag.path(isGraphQl() ? "shopMoney" : "shop_money");
    BigDecimal amount = decimalOf(m.path("amount"), member + ".amount");
    String currency = text(m.path(isGraphQl() ? "currencyCode" : "currency_code"));
    if (amount == null || currency == null) {
      throw new MappingException(member, "needs an amount and a currency code", null);
    }
    try {
      return Money.of(amount, currency);
    } catch (RuntimeException e) {
      throw new MappingException(member, e.getMessage(), e);
    }
  }

  /**
   * Returns the nodes of a list member: a plain list, or a connection's {@code nodes} (or {@code
   * edges[].node}) in GraphQL.
   *
   * @param graphQl the GraphQL name
   * @param rest the REST name
   * @return the elements, possibly empty
   */
  public List<JsonNode> list(String graphQl, String rest) {
    JsonNode n = node(graphQl, rest);
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else if (n.path("nodes").isArray()) {
      n.path("nodes").forEach(out::add);
    } else if (n.path("edges").isArray()) {
      n.path("edges").forEach(e -> out.add(e.path("node")));
    }
    return out;
  }

  /**
   * Returns a metafield's value: in GraphQL from {@code metafields.nodes}, in REST from the {@code
   * metafields} array a subscription with {@code metafieldNamespaces} adds to the payload.
   *
   * @param namespace the namespace
   * @param key the key
   * @return the value, or {@code null}
   */
  public String metafield(String namespace, String key) {
    for (JsonNode m : list("metafields", "metafields")) {
      if (namespace.equals(m.path("namespace").asText()) && key.equals(m.path("key").asText())) {
        return text(m.path("value"));
      }
    }
    return null;
  }

  static JsonNode path(JsonNode from, String dotted) {
    if (dotted == null) {
      // The member does not exist in this shape.
      return MissingNode.getInstance();
    }
    JsonNode n = from;
    for (String part : dotted.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String t = n.asText();
    return t.isBlank() ? null : t;
  }

  static BigDecimal decimalOf(JsonNode n, String member) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    try {
      return new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new MappingException(member, "is not a number: " + n.asText(), e);
    }
  }

  @Override
  public String toString() {
    return "ShopifySource[shape=" + shape + ", <payload redacted>]";
  }
}
