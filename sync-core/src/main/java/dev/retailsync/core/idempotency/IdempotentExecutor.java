package dev.retailsync.core.idempotency;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.IdempotencyRecord;
import dev.retailsync.core.state.IdempotencyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs an operation at most once per idempotency key: the first call executes it and stores its
 * outcome; a repeat with the same key and payload returns the stored outcome without executing; a
 * repeat with another payload is an {@link IdempotencyConflictException}; a repeat while another
 * worker still executes is a retryable {@link SyncException}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IdempotentExecutor {
  private final IdempotencyStore store;
  private final Duration lease;
  private final Duration retention;

  /**
   * Creates an executor.
   *
   * @param store where keys and outcomes are kept
   * @param lease how long one execution may take before another worker may take over
   * @param retention how long outcomes are kept for replay
   */
  public IdempotentExecutor(IdempotencyStore store, Duration lease, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /**
   * What an execution returned, and whether it was replayed from the store.
   *
   * @param outcome the outcome
   * @param replayed {@code true} when the operation was not executed again
   * @param failed {@code true} when the stored outcome is a permanent failure
   */
  public record Execution(String outcome, boolean replayed, boolean failed) {}

  /**
   * Executes an operation once per key.
   *
   * @param key the key
   * @param fingerprint the payload's fingerprint
   * @param context where this runs, for errors
   * @param operation the operation; returns the outcome to store
   * @return the outcome, executed now or replayed
   * @throws IdempotencyConflictException if the key was used with another payload
   * @throws SyncException retryable, if another worker holds the key's lease; or whatever the
   *     operation threw (stored as a failure, retryable as the exception says)
   */
  public Execution execute(
      IdempotencyKey key, String fingerprint, ErrorContext context, Supplier<String> operation) {
    Claim claim = store.claim(key, fingerprint, lease).orThrowOnConflict(context);
    switch (claim.status()) {
      case COMPLETED:
        IdempotencyRecord r = claim.record();
        return new Execution(r.outcome(), true, r.state() == IdempotencyRecord.State.FAILED);
      case IN_PROGRESS:
        throw new SyncException(
            "Idempotency key '"
                + key.value()
                + "' is being executed by another worker until "
                + claim.record().leaseExpiresAt()
                + "; retry after that",
            null,
            context,
            true);
      default:
        break;
    }
    String outcome;
    try {
      outcome = operation.get();
    } catch (SyncException e) {
      store.fail(key, claim.leaseToken(), e.isRetryable(), e.getMessage(), retention);
      throw e;
    } catch (RuntimeException e) {
      // Unknown failures may have had effects; let a later claim try again rather than replay.
      store.fail(key, claim.leaseToken(), true, String.valueOf(e), retention);
      throw e;
    }
    if (!store.complete(key, claim.leaseToken(), outcome, retention)) {
      throw new SyncException(
          "Lost the lease on idempotency key '"
              + key.value()
              + "' while executing (it ran longer than "
              + lease
              + "); the outcome was not stored",
          null,
          context,
          true);
    }
    return new Execution(outcome, false, false);
  }

  /**
   * Writes one record at most once per the request's idempotency key, for a connector's {@code
   * RecordWriter}: the first call runs {@code write} and stores its outcome ({@link
   * StoredWriteOutcome}); a repeat (a redelivery, a retry after a lost answer, a restart) replays
   * it, a success as {@link WriteOutcome.Status#UNCHANGED} since nothing happened in the target
   * this time. A request without a key is simply written.
   *
   * <p>A retryable outcome is not stored as final: it is returned as it is and the key may be
   * claimed again. A key used for another record or payload, a key another worker holds, and a
   * stored permanent failure become outcomes ({@code IDEMPOTENCY}); an {@link
   * AuthenticationException} is thrown, as it says nothing about the record.
   *
   * @param request the write request; its key and entity make the payload's fingerprint
   * @param system the target system, whose ids the stored outcome carries
   * @param context where this runs, for errors
   * @param write writes the record once and reports its outcome
   * @return the outcome, written now or replayed
   * @throws AuthenticationException if the write or the store refuses the credentials
   */
  public WriteOutcome writeOnce(
      WriteRequest<?> request,
      SystemId system,
      ErrorContext context,
      Supplier<WriteOutcome> write) {
    if (request.idempotencyKey() == null) {
      return write.get();
    }
    String fingerprint =
        IdempotencyKeys.fingerprint(
            request.key() + "|" + IdempotencyKeys.fingerprint(request.entity()));
    try {
      Execution e =
          execute(
              request.idempotencyKey(),
              fingerprint,
              context,
              () -> {
                WriteOutcome o = write.get();
                if (o.status() == WriteOutcome.Status.RETRYABLE_FAILURE) {
                  throw new RetryableOutcome(o, context);
                }
                return StoredWriteOutcome.encode(o);
              });
      if (e.failed()) {
        return WriteOutcome.rejected(request.key(), "IDEMPOTENCY", e.outcome(), List.of());
      }
      WriteOutcome o = StoredWriteOutcome.decode(e.outcome(), request.key(), system);
      return e.replayed() && o.status().isSuccess()
          ? WriteOutcome.unchanged(request.key(), o.externalId(), o.version())
          : o;
    } catch (RetryableOutcome e) {
      return e.outcome;
    } catch (AuthenticationException e) {
      throw e;
    } catch (SyncException e) {
      return e.isRetryable()
          ? WriteOutcome.retryable(request.key(), "IDEMPOTENCY", e.getMessage(), null)
          : WriteOutcome.rejected(request.key(), "IDEMPOTENCY", e.getMessage(), List.of());
    }
  }

  /** A retryable outcome, carried out of {@link #execute} so that it is not stored as final. */
  private static final class RetryableOutcome extends SyncException {
    private static final long serialVersionUID = 1L;
    private final transient WriteOutcome outcome;

    RetryableOutcome(WriteOutcome outcome, ErrorContext context) {
      super(outcome.message(), null, context, true);
      this.outcome = outcome;
    }
  }
}
