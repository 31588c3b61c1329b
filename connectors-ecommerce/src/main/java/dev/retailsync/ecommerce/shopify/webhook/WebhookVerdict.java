package dev.retailsync.ecommerce.shopify.webhook;

/**
 * What the {@link WebhookIntake} decided about one delivery, and the HTTP status the host answers
 * Shopify with ({@link #httpStatus()}).
 *
 * <p>Shopify retries any delivery not answered with a 2xx within five seconds (eight times over
 * four hours) and deletes Admin-API subscriptions after a run of failures, so everything the host
 * has taken responsibility for (accepted, duplicate, stale, rejected) is acknowledged with 200;
 * only deliveries that are not Shopify's (bad signature), unreadable (malformed) or could not be
 * queued right now (unavailable) get an error status.
 *
 * @param status the decision, never {@code null}
 * @param topic the delivery's topic, or {@code null} when it could not be read
 * @param webhookId the delivery's id, or {@code null} when it could not be read
 * @param detail why, in words a log line can carry (never the body or a secret)
 */
public record WebhookVerdict(Status status, String topic, String webhookId, String detail) {

  /** The decisions. */
  public enum Status {
    /** Verified, new and current: handed to the sink. HTTP 200. */
    ACCEPTED(200),
    /** A delivery with this webhook id was already taken within the dedupe window. HTTP 200. */
    DUPLICATE(200),
    /** Older than the version of the resource already taken; dropped. HTTP 200. */
    STALE(200),
    /**
     * Verified but refused by the sink for good (it can never be mapped); acknowledged so Shopify
     * stops retrying, and the host records it as a dead letter. HTTP 200.
     */
    REJECTED(200),
    /** The HMAC is missing or does not match any configured secret. HTTP 401. */
    BAD_SIGNATURE(401),
    /** Signed, but a required header is missing or the body is not a JSON object. HTTP 400. */
    MALFORMED(400),
    /** The sink could not take it now (queue full, store down); Shopify retries. HTTP 503. */
    UNAVAILABLE(503);

    private final int httpStatus;

    Status(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /**
     * Returns the HTTP status to answer with.
     *
     * @return the status code
     */
    public int httpStatus() {
      return httpStatus;
    }
  }

  /**
   * Returns the HTTP status the host answers Shopify with.
   *
   * @return 200, 400, 401 or 503
   */
  public int httpStatus() {
    return status.httpStatus();
  }

  /**
   * Returns whether Shopify should consider the delivery done (a 2xx answer).
   *
   * @return {@code true} for accepted, duplicate, stale and rejected
   */
  public boolean acknowledged() {
    return status.httpStatus() == 200;
  }
}
