package dev.retailsync.api;

import java.util.Optional;

/**
 * The root of every exception the SDK throws: unchecked, classified and carrying the context a host
 * needs to act on it (which system, which operation, which correlation id, how many attempts were
 * made, and whether trying again can help).
 *
 * <p>Subtypes name the failure class: {@link ValidationException}, {@link MappingException}, {@link
 * ConfigurationException}, {@link AuthenticationException}, {@link RateLimitException}, {@link
 * ConflictException}, {@link OwnershipViolationException}, {@link IdempotencyConflictException} and
 * {@link RemoteSystemException}. Code that only needs the verdict reads {@link #isRetryable()}.
 *
 * <p>Instances are immutable and safe to share between threads. Messages never contain secrets;
 * personal data is only included where the subtype documents it.
 */
public class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorContext context;
  private final boolean retryable;

  /**
   * Creates an exception with no context that is not retryable.
   *
   * @param message what happened and how to fix it
   */
  public SyncException(String message) {
    this(message, null, ErrorContext.none(), false);
  }

  /**
   * Creates an exception.
   *
   * @param message what happened and how to fix it
   * @param cause the underlying failure, or {@code null}
   * @param context system, operation, correlation id and attempts; {@code null} means none
   * @param retryable whether the same operation may succeed if tried again later
   */
  public SyncException(String message, Throwable cause, ErrorContext context, boolean retryable) {
    super(message, cause);
    this.context = context == null ? ErrorContext.none() : context;
    this.retryable = retryable;
  }

  /**
   * Returns the context this exception was raised in.
   *
   * @return the context, never {@code null}
   */
  public ErrorContext context() {
    // The context is transient, so it is null after Java deserialisation; report it as none.
    return context == null ? ErrorContext.none() : context;
  }

  /**
   * Returns the system the failure happened in or was reported by.
   *
   * @return the system, or empty when the failure is not tied to one
   */
  public Optional<SystemId> system() {
    return Optional.ofNullable(context().system());
  }

  /**
   * Returns the operation that failed, such as {@code "upsert"} or {@code "poll"}.
   *
   * @return the operation, or empty when unknown
   */
  public Optional<String> operation() {
    return Optional.ofNullable(context().operation());
  }

  /**
   * Returns the correlation id of the change or call that failed.
   *
   * @return the correlation id, or empty when unknown
   */
  public Optional<CorrelationId> correlationId() {
    return Optional.ofNullable(context().correlationId());
  }

  /**
   * Returns how many attempts were made before this exception was raised.
   *
   * @return the number of attempts, zero when nothing was attempted
   */
  public int attempts() {
    return context().attempts();
  }

  /**
   * Tells whether the same operation may succeed if it is tried again later.
   *
   * @return {@code true} for transient failures such as throttling or a server error
   */
  public boolean isRetryable() {
    return retryable;
  }

  /**
   * Returns the message followed by the context, for logs.
   *
   * @return the message with system, operation, correlation id and attempts appended
   */
  @Override
  public String getMessage() {
    String base = super.getMessage();
    String ctx = context().describe();
    return ctx.isEmpty() ? base : base + " " + ctx;
  }
}
