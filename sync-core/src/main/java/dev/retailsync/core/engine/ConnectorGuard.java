package dev.retailsync.core.engine;

import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.resilience.ResilienceSettings;
import dev.retailsync.core.resilience.RetrySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Guards the calls to one connector: our adaptive rate limiter, then Failsafe's circuit breaker,
 * bulkhead and timeout (outermost first), and the retry delays the engine waits between attempts.
 *
 * <p>Failsafe's breaker measures its open delay with {@code System.nanoTime}; so that the engine's
 * clock (a fake one in tests) decides when the circuit half-opens, the Failsafe delay is set beyond
 * reach and the guard half-opens the breaker itself once {@code delay} has passed on the clock.
 * Retry delays are computed here (full jitter from the injected {@link Random}, or exactly the
 * platform's {@code Retry-After}) and waited through the engine's {@link SyncScheduler}, which is
 * what lets a test prove that a 429 with {@code Retry-After: 7} waits 7 s of fake time.
 *
 * <p>Thread-safe.
 */
final class ConnectorGuard {
  private static final Duration BEYOND_REACH = Duration.ofDays(3650);

  private final SystemId system;
  private final ResilienceSettings settings;
  private final Clock clock;
  private final Random random;
  private final SyncScheduler scheduler;
  private final CircuitBreaker<Object> breaker;
  private final FailsafeExecutor<Object> executor;
  private final AdaptiveRateLimiter limiter;
  private volatile Instant openedAt;

  ConnectorGuard(
      SystemId system,
      ResilienceSettings settings,
      Clock clock,
      Random random,
      SyncScheduler scheduler) {
    this.system = system;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.scheduler = scheduler;
    this.breaker =
        CircuitBreaker.builder()
            .handleIf(ConnectorGuard::countsAgainstBreaker)
            .withFailureThreshold(settings.circuitBreaker().failureThreshold())
            .withSuccessThreshold(settings.circuitBreaker().successThreshold())
            .withDelay(BEYOND_REACH)
            .onOpen(e -> openedAt = clock.instant())
            .build();
    Bulkhead<Object> bulkhead =
        Bulkhead.builder(settings.maxConcurrentCalls())
            .withMaxWaitTime(settings.callTimeout())
            .build();
    Timeout<Object> timeout = Timeout.builder(settings.callTimeout()).withInterrupt().build();
    this.executor = Failsafe.with(breaker, bulkhead, timeout);
    this.limiter = new AdaptiveRateLimiter(settings.rateLimit());
  }

  /** A failure that says nothing about the remote system's health does not open the circuit. */
  private static boolean countsAgainstBreaker(Throwable t) {
    return !(t instanceof SyncException s) || s.isRetryable();
  }

  SystemId system() {
    return system;
  }

  RetrySettings retry() {
    return settings.retry();
  }

  AdaptiveRateLimiter limiter() {
    return limiter;
  }

  /** Tells whether the circuit is open right now, by the engine's clock. */
  boolean isOpen() {
    halfOpenIfDue();
    return breaker.isOpen();
  }

  /**
   * Makes one attempt of a call: waits for the rate limiter, then runs it under the breaker,
   * bulkhead and timeout.
   *
   * @throws SyncException the call's own failure, or a retryable {@link RemoteSystemException} for
   *     an open circuit, a full bulkhead or a timeout
   */
  <R> R call(String operation, CorrelationId correlationId, Supplier<R> call) {
    sleep(limiter.reserve(clock.instant()));
    halfOpenIfDue();
    ErrorContext ctx = new ErrorContext(system, operation, correlationId, 1);
    try {
      return executor.get(call::get);
    } catch (CircuitBreakerOpenException e) {
      throw new RemoteSystemException(
          "the circuit to "
              + system.value()
              + " is open after "
              + settings.circuitBreaker().failureThreshold()
              + " consecutive failures; calls resume "
              + settings.circuitBreaker().delay()
              + " after it opened",
          0,
          "CIRCUIT_OPEN",
          null,
          ctx,
          true);
    } catch (TimeoutExceededException e) {
      throw new RemoteSystemException(
          "the call to " + system.value() + " took longer than " + settings.callTimeout(),
          0,
          "TIMEOUT",
          null,
          ctx,
          true);
    } catch (BulkheadFullException e) {
      throw new RemoteSystemException(
          "more than "
              + settings.maxConcurrentCalls()
              + " calls to "
              + system.value()
              + " were in flight for "
              + settings.callTimeout(),
          0,
          "BULKHEAD_FULL",
          null,
          ctx,
          true);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new RemoteSystemException(
          "the call to " + system.value() + " failed: " + cause, 0, null, cause, ctx, true);
    }
  }

  private void halfOpenIfDue() {
    Instant opened = openedAt;
    if (opened != null
        && breaker.isOpen()
        && !clock.instant().isBefore(opened.plus(settings.circuitBreaker().delay()))) {
      breaker.halfOpen();
    }
  }

  /**
   * Returns the wait before a retry: exactly what the platform asked for when it said, else full
   * jitter below the exponential ceiling; empty when the platform asks for more than the engine
   * waits within a run.
   *
   * @param retry 1 for the wait before the second attempt
   * @param retryAfter the platform's wait, or {@code null}
   */
  Optional<Duration> backoff(int retry, Duration retryAfter) {
    RetrySettings r = settings.retry();
    if (retryAfter != null) {
      return retryAfter.compareTo(r.maxRetryAfter()) <= 0
          ? Optional.of(retryAfter)
          : Optional.empty();
    }
    long ceiling = r.backoffCeiling(retry).toNanos();
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    return Optional.of(Duration.ofNanos((long) (u * ceiling)));
  }

  /** Returns the platform's requested wait carried by a failure, if any. */
  static Duration retryAfterOf(Throwable failure) {
    return failure instanceof RateLimitException r ? r.retryAfter().orElse(null) : null;
  }

  void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      scheduler.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(
          "interrupted while waiting " + d + " before calling " + system.value(),
          e,
          ErrorContext.of(system, "wait"),
          true);
    }
  }
}
