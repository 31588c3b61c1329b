package dev.retailsync.ecommerce.shopify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shop's webhook subscriptions as the {@link SubscriptionMonitor} needs them: list, and create
 * a missing one. {@link #overGraphQl(GraphQlCall)} implements both over the Admin GraphQL API with
 * the documents below; a host may implement the interface over anything else.
 *
 * <p>Implementations must be thread-safe.
 */
public interface WebhookSubscriptions {

  /** Lists subscriptions, 100 a page ({@code uri} replaces the deprecated {@code callbackUrl}). */
  String LIST_QUERY =
      "query WebhookSubscriptions($cursor: String) {\n"
          + "  webhookSubscriptions(first: 100, after: $cursor) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes { id topic uri }\n"
          + "  }\n"
          + "}";

  /** Creates one subscription; {@code userErrors} is the generic {@code UserError}. */
  String CREATE_MUTATION =
      "mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!,"
          + " $webhookSubscription: WebhookSubscriptionInput!) {\n"
          + "  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription)"
          + " {\n"
          + "    webhookSubscription { id topic uri }\n"
          + "    userErrors { field message }\n"
          + "  }\n"
          + "}";

  /**
   * Lists every subscription of the shop.
   *
   * @return the subscriptions
   * @throws dev.retailsync.api.SyncException when the call fails
   */
  List<WebhookSubscription> list();

  /**
   * Creates a subscription.
   *
   * @param topic the REST topic, such as {@code orders/updated}
   * @param uri where to deliver
   * @return the created subscription, with its id
   * @throws ValidationException naming the field when Shopify answers with {@code userErrors}
   * @throws dev.retailsync.api.SyncException when the call fails
   */
  WebhookSubscription create(String topic, String uri);

  /**
   * Returns an implementation over the Admin GraphQL API.
   *
   * @param call the transport
   * @return the implementation
   */
  static WebhookSubscriptions overGraphQl(GraphQlCall call) {
    Objects.requireNonNull(call, "call");
    ObjectMapper json = new ObjectMapper();
    return new WebhookSubscriptions() {
      @Override
      public List<WebhookSubscription> list() {
        List<WebhookSubscription> out = new ArrayList<>();
        String cursor = null;
        do {
          ObjectNode vars = json.createObjectNode();
          vars.put("cursor", cursor);
          JsonNode page = call.execute(LIST_QUERY, vars).path("webhookSubscriptions");
          for (JsonNode n : page.path("nodes")) {
            out.add(
                new WebhookSubscription(
                    n.path("id").asText(null),
                    WebhookSubscription.restTopic(n.path("topic").asText()),
                    n.path("uri").asText(null)));
          }
          cursor =
              page.path("pageInfo").path("hasNextPage").asBoolean(false)
                  ? page.path("pageInfo").path("endCursor").asText(null)
                  : null;
        } while (cursor != null);
        return out;
      }

      @Override
      public WebhookSubscription create(String topic, String uri) {
        WebhookSubscription wanted = new WebhookSubscription(null, topic, uri);
        ObjectNode vars = json.createObjectNode();
        vars.put("topic", wanted.graphQlTopic());
        vars.putObject("webhookSubscription").put("uri", uri).put("format", "JSON");
        JsonNode payload = call.execute(CREATE_MUTATION, vars).path("webhookSubscriptionCreate");
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : payload.path("userErrors")) {
          List<String> path = new ArrayList<>();
          e.path("field").forEach(f -> path.add(f.asText()));
          errors.add(
              FieldError.of(
                  path.isEmpty() ? "webhookSubscription" : String.join(".", path),
                  topic,
                  e.path("message").asText()));
        }
        if (!errors.isEmpty()) {
          throw new ValidationException("Shopify webhookSubscriptionCreate", errors);
        }
        JsonNode s = payload.path("webhookSubscription");
        return new WebhookSubscription(
            s.path("id").asText(null),
            WebhookSubscription.restTopic(s.path("topic").asText(wanted.graphQlTopic())),
            s.path("uri").asText(uri));
      }
    };
  }
}
