package dev.retailsync.ecommerce.shopify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes Shopify webhook deliveries from the host's own HTTP endpoint: verifies the signature over
 * the raw body, drops duplicates and stale deliveries, hands the rest to a {@link WebhookSink}, and
 * returns a {@link WebhookVerdict} whose {@link WebhookVerdict#httpStatus()} the host answers with.
 * It never processes an event itself ("acknowledge fast, process asynchronously": Shopify allows
 * five seconds for the whole request).
 *
 * <pre>{@code
 * WebhookIntake intake = WebhookIntake.builder()
 *     .signature(WebhookSignature.rotating(newSecret, oldSecret))
 *     .sink(ShopifyWebhookChanges.of(mappings, engine::accept))
 *     .build();
 * // in the endpoint, with the body bytes exactly as received:
 * WebhookVerdict v = intake.receive(request::getHeader, body);
 * response.setStatus(v.httpStatus());
 * }</pre>
 *
 * <p>Per delivery, in order: the HMAC ({@code X-Shopify-Hmac-Sha256} or {@code
 * shopify-hmac-sha256}) must match one of the secrets, else {@code BAD_SIGNATURE} and nothing else
 * is read; the topic and webhook id must be present (and, for the {@code X-Shopify-*} family, the
 * shop domain and API version, as Shopify's own libraries require), and the body must be a JSON
 * object, else {@code MALFORMED}; a webhook id already taken within the {@linkplain
 * Builder#dedupeWindow dedupe window} is a {@code DUPLICATE}; a payload whose {@code updated_at} is
 * older than the newest already taken for the same resource ({@code admin_graphql_api_id}) is
 * {@code STALE}; payloads without {@code updated_at} (deletions, refunds) are not checked for
 * staleness. Equal versions are taken: Shopify often sends {@code orders/create} and {@code
 * orders/updated} with one {@code updated_at}, and applying either twice changes nothing.
 *
 * <p>Create one intake per shop (or per secret) and reuse it; it is thread-safe. It logs webhook
 * ids, topics and shops only, never the body, the signature header or a secret.
 */
public final class WebhookIntake {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shopify's retry window since 2024-09-10: eight retries over four hours. */
  public static final Duration SHOPIFY_RETRY_WINDOW = Duration.ofHours(4);

  private final WebhookSignature signature;
  private final WebhookSink sink;
  private final WebhookDedupeStore dedupe;
  private final ResourceVersionStore versions;
  private final Duration dedupeWindow;
  private final Clock clock;
  private final WebhookListener listener;

  private WebhookIntake(Builder b) {
    this.signature = b.signature;
    this.sink = b.sink;
    this.dedupe = b.dedupe;
    this.versions = b.versions;
    this.dedupeWindow = b.dedupeWindow;
    this.clock = b.clock;
    this.listener = b.listener;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides one delivery and, when it is accepted, hands it to the sink.
   *
   * @param headers the request's headers (both families are read)
   * @param rawBody the request body exactly as received; re-serialised JSON never verifies
   * @return the verdict; never {@code null}
   */
  public WebhookVerdict receive(WebhookHeaders headers, byte[] rawBody) {
    Objects.requireNonNull(headers, "headers");
    Instant now = clock.instant();
    WebhookVerdict verdict = decide(headers, rawBody, now);
    if (verdict.status() == WebhookVerdict.Status.BAD_SIGNATURE) {
      LOG.warn(
          "Shopify webhook refused: {} (topic={}, webhookId={}, shop={})",
          verdict.detail(),
          verdict.topic(),
          verdict.webhookId(),
          headers.either(WebhookHeaders.SHOP_DOMAIN));
    } else {
      LOG.debug(
          "Shopify webhook {} (topic={}, webhookId={}): {}",
          verdict.status(),
          verdict.topic(),
          verdict.webhookId(),
          verdict.detail());
    }
    listener.onVerdict(verdict, now);
    return verdict;
  }

  /**
   * Decides one delivery given its headers as a map (names matched case-insensitively).
   *
   * @param headers the request's headers
   * @param rawBody the request body exactly as received
   * @return the verdict
   */
  public WebhookVerdict receive(Map<String, String> headers, byte[] rawBody) {
    return receive(WebhookHeaders.of(headers), rawBody);
  }

  private WebhookVerdict decide(WebhookHeaders h, byte[] body, Instant now) {
    String topic = h.either(WebhookHeaders.TOPIC);
    String webhookId = h.either(WebhookHeaders.WEBHOOK_ID);
    String hmac = h.either(WebhookHeaders.HMAC);
    if (hmac == null) {
      return verdict(
          WebhookVerdict.Status.BAD_SIGNATURE,
          topic,
          webhookId,
          "no X-Shopify-Hmac-Sha256 (or shopify-hmac-sha256) header");
    }
    if (body == null || !signature.verify(body, hmac)) {
      return verdict(
          WebhookVerdict.Status.BAD_SIGNATURE,
          topic,
          webhookId,
          "the HMAC does not match the raw body under any configured secret; check the secret"
              + " and that the body reaches the intake unparsed");
    }
    boolean classic = h.get(WebhookHeaders.HMAC) != null;
    String shop = h.either(WebhookHeaders.SHOP_DOMAIN);
    String apiVersion = h.either(WebhookHeaders.API_VERSION);
    String missing =
        topic == null
            ? WebhookHeaders.TOPIC
            : webhookId == null
                ? WebhookHeaders.WEBHOOK_ID
                : classic && shop == null
                    ? WebhookHeaders.SHOP_DOMAIN
                    : classic && apiVersion == null ? WebhookHeaders.API_VERSION : null;
    if (missing != null) {
      return verdict(
          WebhookVerdict.Status.MALFORMED,
          topic,
          webhookId,
          "the " + missing + " header is missing");
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return verdict(
          WebhookVerdict.Status.MALFORMED, topic, webhookId, "the body is not valid JSON");
    } catch (IOException e) {
      return verdict(
          WebhookVerdict.Status.MALFORMED, topic, webhookId, "the body could not be read");
    }
    if (payload == null || !payload.isObject()) {
      return verdict(
          WebhookVerdict.Status.MALFORMED, topic, webhookId, "the body is not a JSON object");
    }
    Instant version;
    try {
      version = instant(payload.path("updated_at").asText(null));
    } catch (DateTimeParseException e) {
      return verdict(
          WebhookVerdict.Status.MALFORMED,
          topic,
          webhookId,
          "updated_at is not an ISO-8601 timestamp with offset");
    }
    String resourceId = payload.path("admin_graphql_api_id").asText(null);
    if (resourceId == null) {
      resourceId = h.either(WebhookHeaders.EVENTS_RESOURCE_ID);
    }
    WebhookEvent event =
        new WebhookEvent(
            topic,
            webhookId,
            h.either(WebhookHeaders.EVENT_ID),
            shop,
            apiVersion,
            lenientInstant(h.either(WebhookHeaders.TRIGGERED_AT)),
            resourceId,
            version,
            now,
            payload);

    if (!dedupe.claim(webhookId, now, now.plus(dedupeWindow))) {
      return verdict(
          WebhookVerdict.Status.DUPLICATE,
          topic,
          webhookId,
          "this webhook id was already taken within " + dedupeWindow);
    }
    if (resourceId != null && version != null) {
      Instant held = versions.version(resourceId);
      if (held != null && held.isAfter(version)) {
        return verdict(
            WebhookVerdict.Status.STALE,
            topic,
            webhookId,
            "updated_at "
                + version
                + " is older than "
                + held
                + " already taken for "
                + resourceId);
      }
    }
    try {
      sink.accept(event);
    } catch (SyncException e) {
      if (!e.isRetryable()) {
        return verdict(
            WebhookVerdict.Status.REJECTED,
            topic,
            webhookId,
            "the sink refused it for good: " + e.getMessage());
      }
      dedupe.release(webhookId);
      return verdict(
          WebhookVerdict.Status.UNAVAILABLE,
          topic,
          webhookId,
          "the sink could not take it now: " + e.getMessage());
    } catch (RuntimeException e) {
      dedupe.release(webhookId);
      return verdict(
          WebhookVerdict.Status.UNAVAILABLE,
          topic,
          webhookId,
          "the sink could not take it now: " + e.getClass().getSimpleName());
    }
    if (resourceId != null && version != null) {
      versions.advance(resourceId, version);
    }
    return verdict(WebhookVerdict.Status.ACCEPTED, topic, webhookId, "handed to the sink");
  }

  private static WebhookVerdict verdict(
      WebhookVerdict.Status status, String topic, String webhookId, String detail) {
    return new WebhookVerdict(status, topic, webhookId, detail);
  }

  /** Parses Shopify's timestamps: ISO-8601 with an offset ({@code 2026-10-01T12:00:00-04:00}). */
  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return OffsetDateTime.parse(text.trim()).toInstant();
  }

  private static Instant lenientInstant(String text) {
    try {
      return instant(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "WebhookIntake[" + signature + ", dedupeWindow=" + dedupeWindow + "]";
  }

  /** Builds a {@link WebhookIntake}. Not thread-safe. */
  public static final class Builder {
    private WebhookSignature signature;
    private WebhookSink sink;
    private WebhookDedupeStore dedupe;
    private ResourceVersionStore versions;
    private Duration dedupeWindow = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();
    private WebhookListener listener = WebhookListener.NONE;

    private Builder() {}

    /**
     * Sets the signature verifier (one secret, or two while rotating); required.
     *
     * @param signature the verifier
     * @return this builder
     */
    public Builder signature(WebhookSignature signature) {
      this.signature = signature;
      return this;
    }

    /**
     * Sets where accepted deliveries go; required.
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder sink(WebhookSink sink) {
      this.sink = sink;
      return this;
    }

    /**
     * Sets the dedupe store; the default is an {@link InMemoryWebhookDedupeStore} of 200,000
     * entries.
     *
     * @param store the store
     * @return this builder
     */
    public Builder dedupeStore(WebhookDedupeStore store) {
      this.dedupe = store;
      return this;
    }

    /**
     * Sets the store of versions per resource; the default is an {@link
     * InMemoryResourceVersionStore} of 200,000 resources.
     *
     * @param store the store
     * @return this builder
     */
    public Builder versionStore(ResourceVersionStore store) {
      this.versions = store;
      return this;
    }

    /**
     * Sets how long a webhook id is remembered; at least {@link #SHOPIFY_RETRY_WINDOW}, 24 hours by
     * default (Shopify may deliver up to a day late).
     *
     * @param window the window
     * @return this builder
     */
    public Builder dedupeWindow(Duration window) {
      this.dedupeWindow = window;
      return this;
    }

    /**
     * Sets the clock; tests pass a fake one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the listener told of every verdict, such as a {@link SubscriptionMonitor}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(WebhookListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the intake.
     *
     * @return the intake
     * @throws ValidationException naming the setting that is missing or out of range
     */
    public WebhookIntake build() {
      if (signature == null) {
        throw ValidationException.of(
            "WebhookIntake",
            "signature",
            null,
            "is required: WebhookSignature.of(clientSecret), or rotating(current, previous)");
      }
      if (sink == null) {
        throw ValidationException.of(
            "WebhookIntake", "sink", null, "is required: where accepted deliveries are queued");
      }
      if (dedupeWindow == null || dedupeWindow.compareTo(SHOPIFY_RETRY_WINDOW) < 0) {
        throw ValidationException.of(
            "WebhookIntake",
            "dedupeWindow",
            dedupeWindow,
            "must be at least Shopify's retry window of 4 hours (PT4H)");
      }
      if (clock == null) {
        throw ValidationException.of("WebhookIntake", "clock", null, "is required");
      }
      if (listener == null) {
        listener = WebhookListener.NONE;
      }
      if (dedupe == null) {
        dedupe = InMemoryWebhookDedupeStore.withMaxEntries(200_000);
      }
      if (versions == null) {
        versions = InMemoryResourceVersionStore.withMaxEntries(200_000);
      }
      return new WebhookIntake(this);
    }
  }
}
