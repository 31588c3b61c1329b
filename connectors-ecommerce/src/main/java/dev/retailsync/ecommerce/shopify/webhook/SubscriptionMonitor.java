package dev.retailsync.ecommerce.shopify.webhook;

import dev.retailsync.api.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shop's webhook subscriptions in place. Shopify deletes subscriptions created through
 * the Admin API after a run of failed deliveries (it warns the Partner emergency contact by e-mail
 * first), and nothing tells the app afterwards: deliveries simply stop. The host calls {@link
 * #check()} periodically (every few minutes); each wanted topic whose subscription to the wanted
 * URI is missing is re-created, and the window in which it was missing is reported as a {@link
 * SubscriptionGap} for a backfill, to the {@linkplain Builder#onGap gap handler} and in the {@link
 * SubscriptionReport}.
 *
 * <p>A gap starts at the last moment the topic was known healthy: the last check that saw it, or
 * the last delivery the {@link WebhookIntake} took for it (register the monitor as the intake's
 * {@linkplain WebhookIntake.Builder#listener listener}), whichever is later.
 *
 * <p>Thread-safe; create one per shop.
 */
public final class SubscriptionMonitor implements WebhookListener {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionMonitor.class);

  private final WebhookSubscriptions subscriptions;
  private final String uri;
  private final Set<String> topics;
  private final Clock clock;
  private final Consumer<SubscriptionGap> onGap;
  private final Instant startedAt;
  private final Map<String, Instant> healthySince = new HashMap<>();

  private SubscriptionMonitor(Builder b) {
    this.subscriptions = b.subscriptions;
    this.uri = b.uri;
    this.topics = Set.copyOf(b.topics);
    this.clock = b.clock;
    this.onGap = b.onGap;
    this.startedAt = clock.instant();
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
   * Lists the subscriptions, re-creates the missing ones and reports the gaps.
   *
   * @return the report
   * @throws dev.retailsync.api.SyncException when listing fails (nothing is re-created then)
   */
  public SubscriptionReport check() {
    Instant now = clock.instant();
    Set<String> present = new LinkedHashSet<>();
    for (WebhookSubscription s : subscriptions.list()) {
      if (uri.equals(s.uri())) {
        present.add(s.topic());
      }
    }
    List<String> healthy = new ArrayList<>();
    List<SubscriptionGap> recreated = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (String topic : topics.stream().sorted().toList()) {
      if (present.contains(topic)) {
        healthy.add(topic);
        seen(topic, now);
        continue;
      }
      Instant from = lastHealthy(topic);
      try {
        WebhookSubscription created = subscriptions.create(topic, uri);
        SubscriptionGap gap = new SubscriptionGap(topic, from, now, created.id());
        recreated.add(gap);
        seen(topic, now);
        LOG.warn(
            "Shopify webhook subscription for {} was missing and is re-created; backfill {} .. {}",
            topic,
            from,
            now);
        onGap.accept(gap);
      } catch (RuntimeException e) {
        failed.put(topic, e.getMessage());
        LOG.warn("Shopify webhook subscription for {} is missing and re-creating it failed", topic);
      }
    }
    return new SubscriptionReport(now, healthy, recreated, failed);
  }

  /**
   * Runs {@link #check()} on a schedule, such as the engine's scheduler; a failing check (Shopify
   * unreachable, a token expired) is logged and the next one runs as planned, so the schedule never
   * dies. Cancel the returned future to stop.
   *
   * @param scheduler the scheduler, such as {@code SyncScheduler.of(executor)}
   * @param every the delay between checks, such as five minutes
   * @param reports receives every report, such as a metrics bridge; may ignore them
   * @return the scheduled task
   * @throws ValidationException naming {@code every} when it is not positive
   */
  public java.util.concurrent.Future<?> start(
      dev.retailsync.core.engine.SyncScheduler scheduler,
      java.time.Duration every,
      Consumer<SubscriptionReport> reports) {
    if (every == null || every.isZero() || every.isNegative()) {
      throw ValidationException.of("SubscriptionMonitor", "every", every, "must be positive");
    }
    return scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            reports.accept(check());
          } catch (RuntimeException e) {
            LOG.warn("Shopify webhook subscription check failed; retrying in {}", every, e);
          }
        },
        java.time.Duration.ZERO,
        every);
  }

  /** Records a taken delivery: its topic was healthy at that moment. */
  @Override
  public void onVerdict(WebhookVerdict verdict, Instant at) {
    if (verdict.acknowledged() && verdict.topic() != null && topics.contains(verdict.topic())) {
      seen(verdict.topic(), at);
    }
  }

  private synchronized void seen(String topic, Instant at) {
    healthySince.merge(topic, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  private synchronized Instant lastHealthy(String topic) {
    return healthySince.getOrDefault(topic, startedAt);
  }

  @Override
  public String toString() {
    return "SubscriptionMonitor[topics=" + topics.size() + "]";
  }

  /** Builds a {@link SubscriptionMonitor}. Not thread-safe. */
  public static final class Builder {
    private WebhookSubscriptions subscriptions;
    private String uri;
    private final Set<String> topics = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private Consumer<SubscriptionGap> onGap = gap -> {};

    private Builder() {}

    /**
     * Sets how subscriptions are listed and created; required.
     *
     * @param subscriptions such as {@link WebhookSubscriptions#overGraphQl}
     * @return this builder
     */
    public Builder subscriptions(WebhookSubscriptions subscriptions) {
      this.subscriptions = subscriptions;
      return this;
    }

    /**
     * Sets where deliveries should go (the host's endpoint); required.
     *
     * @param uri an HTTPS URL, a {@code pubsub://} URI or an EventBridge ARN
     * @return this builder
     */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /**
     * Adds topics to keep subscribed, in REST form such as {@code orders/updated}.
     *
     * @param topics the topics
     * @return this builder
     */
    public Builder addTopics(String... topics) {
      this.topics.addAll(List.of(topics));
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
     * Sets what runs for each gap, such as scheduling a backfill of the topic's resources.
     *
     * @param onGap the handler
     * @return this builder
     */
    public Builder onGap(Consumer<SubscriptionGap> onGap) {
      this.onGap = onGap;
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     * @throws ValidationException naming the setting that is missing or malformed
     */
    public SubscriptionMonitor build() {
      if (subscriptions == null) {
        throw ValidationException.of(
            "SubscriptionMonitor",
            "subscriptions",
            null,
            "is required: WebhookSubscriptions.overGraphQl(call)");
      }
      if (uri == null || uri.isBlank()) {
        throw ValidationException.of(
            "SubscriptionMonitor", "uri", uri, "is required: the endpoint Shopify delivers to");
      }
      if (topics.isEmpty()) {
        throw ValidationException.of(
            "SubscriptionMonitor", "topics", null, "must name at least one topic");
      }
      for (String t : topics) {
        new WebhookSubscription(null, t, uri);
      }
      if (clock == null || onGap == null) {
        throw ValidationException.of(
            "SubscriptionMonitor", clock == null ? "clock" : "onGap", null, "must not be null");
      }
      return new SubscriptionMonitor(this);
    }
  }
}
