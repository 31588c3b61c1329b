package dev.retailsync.api;

/**
 * Thrown when an idempotency key is reused with a different payload. The stored outcome belongs to
 * another request, so it is never replayed for this one; this mirrors Stripe's behaviour and the
 * IETF {@code Idempotency-Key} draft (HTTP 422).
 *
 * <p>Never retryable: derive a new key or send the original payload.
 */
public class IdempotencyConflictException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final transient IdempotencyKey key;

  /**
   * Creates an exception.
   *
   * @param key the key that was reused
   * @param context where it happened
   */
  public IdempotencyConflictException(IdempotencyKey key, ErrorContext context) {
    super(
        "Idempotency key '"
            + key.value()
            + "' was already used with a different payload; use a new key for a new request",
        null,
        context,
        false);
    this.key = key;
  }

  /**
   * Returns the key that was reused.
   *
   * @return the key
   */
  public IdempotencyKey key() {
    return key;
  }
}
