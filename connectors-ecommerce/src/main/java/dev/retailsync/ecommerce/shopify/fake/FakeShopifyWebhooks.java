package dev.retailsync.ecommerce.shopify.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.ValidationException;
import dev.retailsync.ecommerce.shopify.webhook.WebhookHeaders;
import dev.retailsync.ecommerce.shopify.webhook.WebhookIntake;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * Shopify's webhook delivery, emulated in-process for tests: every emitted payload is signed with
 * the app secret and carries the real delivery headers ({@code X-Shopify-Topic}, {@code
 * X-Shopify-Hmac-Sha256}, {@code X-Shopify-Shop-Domain}, {@code X-Shopify-API-Version}, {@code
 * X-Shopify-Webhook-Id}, {@code X-Shopify-Event-Id}, {@code X-Shopify-Triggered-At}; or the Events
 * family {@code shopify-*}), and is delivered to a {@link Receiver} as Shopify would: possibly
 * late, out of order and more than once. A delivery answered with anything but a 2xx is retried
 * with the same webhook id and the original payload, eight times over about four hours, as Shopify
 * does since 2024-09-10.
 *
 * <p>Time is virtual: nothing is delivered until {@link #advance(Duration)} or {@link
 * #deliverAll()} moves the fake's own clock ({@link #clock()}, which the intake under test should
 * use). Delays, duplicates and the order of simultaneous deliveries come from a seeded {@link
 * Random}, so a seed reproduces a run exactly.
 *
 * <pre>{@code
 * FakeShopifyWebhooks shopify = FakeShopifyWebhooks.builder().secret("test_secret_key")
 *     .seed(42).maxDelay(Duration.ofMinutes(10)).duplicateRate(0.3).build();
 * WebhookIntake intake = WebhookIntake.builder().signature(WebhookSignature.of("test_secret_key"))
 *     .clock(shopify.clock()).sink(queue::add).build();
 * shopify.receiver(FakeShopifyWebhooks.to(intake));
 * shopify.emit("orders/updated", orderJson);
 * shopify.deliverAll();
 * }</pre>
 *
 * <p>Not thread-safe: drive it from the test's thread.
 */
public final class FakeShopifyWebhooks {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Shopify documents 8 retries over 4 hours with exponential backoff; these steps add up to
  // just under 4 hours.
  private static final List<Duration> RETRY_STEPS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofMinutes(60),
          Duration.ofMinutes(120));

  /** Receives one delivery and answers with an HTTP status, as the host's endpoint would. */
  @FunctionalInterface
  public interface Receiver {
    /**
     * Takes one delivery.
     *
     * @param headers the delivery headers
     * @param body the raw body
     * @return the HTTP status answered
     */
    int deliver(Map<String, String> headers, byte[] body);
  }

  /**
   * One delivery attempt as the fake made it.
   *
   * @param webhookId the delivery id
   * @param topic the topic
   * @param at when it was delivered
   * @param attempt 0 for the first delivery, 1 and on for Shopify's retries
   * @param duplicate whether this was an extra copy of a delivery
   * @param status the HTTP status the receiver answered
   */
  public record Attempt(
      String webhookId, String topic, Instant at, int attempt, boolean duplicate, int status) {}

  private record Pending(
      long seq,
      Instant due,
      double tieBreak,
      Map<String, String> headers,
      byte[] body,
      String webhookId,
      String topic,
      int attempt,
      boolean duplicate) {}

  private final WebhookSignature signature;
  private final String shopDomain;
  private final String apiVersion;
  private final boolean eventsHeaders;
  private final Random random;
  private final Duration maxDelay;
  private final double duplicateRate;
  private final MutableClock clock;
  private final PriorityQueue<Pending> queue =
      new PriorityQueue<>(
          Comparator.comparing(Pending::due)
              .thenComparingDouble(Pending::tieBreak)
              .thenComparingLong(Pending::seq));
  private final List<Attempt> attempts = new ArrayList<>();
  private Receiver receiver;
  private long seq;
  private Duration nextDelay;
  private int nextDuplicates;

  private FakeShopifyWebhooks(Builder b) {
    this.signature = WebhookSignature.of(b.secret);
    this.shopDomain = b.shopDomain;
    this.apiVersion = b.apiVersion;
    this.eventsHeaders = b.eventsHeaders;
    this.random = new Random(b.seed);
    this.maxDelay = b.maxDelay;
    this.duplicateRate = b.duplicateRate;
    this.clock = new MutableClock(b.start);
    this.receiver = b.receiver;
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
   * Returns a receiver that hands deliveries to an intake and answers with its verdict's status.
   *
   * @param intake the intake under test
   * @return the receiver
   */
  public static Receiver to(WebhookIntake intake) {
    return (headers, body) -> intake.receive(headers, body).httpStatus();
  }

  /**
   * Sets where deliveries go.
   *
   * @param receiver the receiver
   * @return this fake
   */
  public FakeShopifyWebhooks receiver(Receiver receiver) {
    this.receiver = receiver;
    return this;
  }

  /**
   * Returns the fake's virtual clock, which only {@link #advance} and {@link #deliverAll} move.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Delays the next emitted delivery by a fixed amount, instead of a random one.
   *
   * @param delay the delay
   * @return this fake
   */
  public FakeShopifyWebhooks delayNext(Duration delay) {
    this.nextDelay = delay;
    return this;
  }

  /**
   * Delivers the next emitted payload {@code copies} extra times with the same webhook id, as when
   * a retry races a late success.
   *
   * @param copies how many extra copies
   * @return this fake
   */
  public FakeShopifyWebhooks duplicateNext(int copies) {
    this.nextDuplicates = copies;
    return this;
  }

  /**
   * Emits a webhook now, to be delivered after its delay.
   *
   * @param topic the topic, such as {@code orders/updated}
   * @param payload the body (REST-shaped JSON)
   * @return the delivery's webhook id
   */
  public String emit(String topic, JsonNode payload) {
    try {
      return emit(topic, JSON.writeValueAsBytes(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload cannot be serialised", e);
    }
  }

  /**
   * Emits a webhook now with a body given as text; the bytes are signed exactly as given.
   *
   * @param topic the topic
   * @param body the body
   * @return the delivery's webhook id
   */
  public String emit(String topic, String body) {
    return emit(topic, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Emits a webhook now with a raw body.
   *
   * @param topic the topic
   * @param body the raw body, signed as is
   * @return the delivery's webhook id
   */
  public String emit(String topic, byte[] body) {
    String webhookId = new UUID(random.nextLong(), random.nextLong()).toString();
    String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
    Instant now = clock.instant();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(name(WebhookHeaders.TOPIC), topic);
    headers.put(name(WebhookHeaders.HMAC), signature.sign(body));
    headers.put(name(WebhookHeaders.SHOP_DOMAIN), shopDomain);
    headers.put(name(WebhookHeaders.API_VERSION), apiVersion);
    headers.put(name(WebhookHeaders.WEBHOOK_ID), webhookId);
    headers.put(name(WebhookHeaders.EVENT_ID), eventId);
    headers.put(name(WebhookHeaders.TRIGGERED_AT), now.toString());
    Duration delay = nextDelay != null ? nextDelay : randomDelay();
    nextDelay = null;
    int copies = nextDuplicates;
    nextDuplicates = 0;
    if (copies == 0 && duplicateRate > 0 && random.nextDouble() < duplicateRate) {
      copies = 1;
    }
    byte[] copy = body.clone();
    schedule(now.plus(delay), headers, copy, webhookId, topic, 0, false);
    for (int i = 0; i < copies; i++) {
      schedule(now.plus(randomDelay()), headers, copy, webhookId, topic, 0, true);
    }
    return webhookId;
  }

  private String name(String classic) {
    return eventsHeaders ? classic.substring(2).toLowerCase(java.util.Locale.ROOT) : classic;
  }

  private Duration randomDelay() {
    if (maxDelay.isZero()) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) (random.nextDouble() * maxDelay.toMillis()));
  }

  private void schedule(
      Instant due,
      Map<String, String> headers,
      byte[] body,
      String webhookId,
      String topic,
      int attempt,
      boolean duplicate) {
    queue.add(
        new Pending(
            seq++,
            due,
            random.nextDouble(),
            Map.copyOf(headers),
            body,
            webhookId,
            topic,
            attempt,
            duplicate));
  }

  /**
   * Moves the clock forward, delivering everything that falls due on the way, in due order.
   *
   * @param duration how far to move
   * @return how many deliveries were made
   */
  public int advance(Duration duration) {
    Instant until = clock.instant().plus(duration);
    int n = 0;
    while (!queue.isEmpty() && !queue.peek().due().isAfter(until)) {
      Pending p = queue.poll();
      if (p.due().isAfter(clock.instant())) {
        clock.set(p.due());
      }
      deliver(p);
      n++;
    }
    clock.set(until);
    return n;
  }

  /**
   * Delivers everything pending, retries included, moving the clock as far as needed.
   *
   * @return how many deliveries were made
   */
  public int deliverAll() {
    int n = 0;
    while (!queue.isEmpty()) {
      Duration step = Duration.between(clock.instant(), queue.peek().due());
      n += advance(step.isNegative() ? Duration.ZERO : step);
    }
    return n;
  }

  private void deliver(Pending p) {
    if (receiver == null) {
      throw new IllegalStateException("no receiver: call receiver(...) before delivering");
    }
    int status = receiver.deliver(p.headers(), p.body().clone());
    attempts.add(
        new Attempt(p.webhookId(), p.topic(), clock.instant(), p.attempt(), p.duplicate(), status));
    if ((status < 200 || status > 299) && p.attempt() < RETRY_STEPS.size()) {
      schedule(
          clock.instant().plus(RETRY_STEPS.get(p.attempt())),
          p.headers(),
          p.body(),
          p.webhookId(),
          p.topic(),
          p.attempt() + 1,
          false);
    }
  }

  /**
   * Returns every delivery attempt made so far, in order.
   *
   * @return the attempts
   */
  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /**
   * Returns how many deliveries are waiting.
   *
   * @return the count
   */
  public int pending() {
    return queue.size();
  }

  @Override
  public String toString() {
    return "FakeShopifyWebhooks[shop=" + shopDomain + ", pending=" + queue.size() + ", <secret>]";
  }

  /** A clock only the fake moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant to) {
      this.now = to;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Builds a {@link FakeShopifyWebhooks}. Not thread-safe. */
  public static final class Builder {
    private String secret;
    private String shopDomain = "fake-shop.myshopify.com";
    private String apiVersion = "2026-04";
    private boolean eventsHeaders;
    private long seed = 1;
    private Duration maxDelay = Duration.ZERO;
    private double duplicateRate;
    private Instant start = Instant.parse("2026-10-01T00:00:00Z");
    private Receiver receiver;

    private Builder() {}

    /**
     * Sets the app secret deliveries are signed with; required.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /**
     * Sets the shop domain sent in {@code X-Shopify-Shop-Domain}.
     *
     * @param shopDomain such as {@code acme.myshopify.com}
     * @return this builder
     */
    public Builder shopDomain(String shopDomain) {
      this.shopDomain = shopDomain;
      return this;
    }

    /**
     * Sets the API version sent in {@code X-Shopify-API-Version}; {@code 2026-04} by default.
     *
     * @param apiVersion the version
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sends the Events family of headers ({@code shopify-topic}, ...) instead of {@code
     * X-Shopify-*}.
     *
     * @param eventsHeaders whether to
     * @return this builder
     */
    public Builder eventsHeaders(boolean eventsHeaders) {
      this.eventsHeaders = eventsHeaders;
      return this;
    }

    /**
     * Sets the seed of delays, duplicates, ids and the order of simultaneous deliveries.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Delays each delivery by a random amount up to this, which reorders deliveries emitted closer
     * together than it; zero (the default) delivers in emission order.
     *
     * @param maxDelay the bound
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * Sets the probability that a delivery is sent twice with the same webhook id.
     *
     * @param rate from 0 to 1
     * @return this builder
     */
    public Builder duplicateRate(double rate) {
      this.duplicateRate = rate;
      return this;
    }

    /**
     * Sets the virtual clock's start.
     *
     * @param start the start
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /**
     * Sets where deliveries go; also settable later with {@link
     * FakeShopifyWebhooks#receiver(Receiver)}.
     *
     * @param receiver the receiver
     * @return this builder
     */
    public Builder receiver(Receiver receiver) {
      this.receiver = receiver;
      return this;
    }

    /**
     * Builds the fake.
     *
     * @return the fake
     * @throws ValidationException naming the setting that is missing or out of range
     */
    public FakeShopifyWebhooks build() {
      if (secret == null || secret.isBlank()) {
        throw ValidationException.of(
            "FakeShopifyWebhooks", "secret", null, "is required: the app secret to sign with");
      }
      if (maxDelay == null || maxDelay.isNegative()) {
        throw ValidationException.of(
            "FakeShopifyWebhooks", "maxDelay", maxDelay, "must be zero or positive");
      }
      if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
        throw ValidationException.of(
            "FakeShopifyWebhooks", "duplicateRate", duplicateRate, "must be between 0 and 1");
      }
      if (start == null) {
        throw ValidationException.of("FakeShopifyWebhooks", "start", null, "is required");
      }
      return new FakeShopifyWebhooks(this);
    }
  }
}
