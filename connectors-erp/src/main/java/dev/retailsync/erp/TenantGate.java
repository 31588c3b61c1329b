package dev.retailsync.erp;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A concurrency gate for one ERP tenant, shared by every connector instance in the process that
 * talks to that tenant.
 *
 * <p>ERPs limit concurrent requests per account or per user (NetSuite's account-wide concurrency
 * limit, Business Central's five requests processed at once per user): a client that goes over is
 * answered 429 and retries make it worse. The gate admits at most {@link #permits()} calls at once
 * and queues the rest in arrival order, so the limit is kept by waiting, not by retry storms.
 *
 * <pre>{@code
 * TenantGate gate = TenantGate.shared("netsuite", "1234567", 5);
 * Response response = gate.call(() -> execute(request));
 * }</pre>
 */
public final class TenantGate {
  private static final ConcurrentMap<String, TenantGate> SHARED = new ConcurrentHashMap<>();

  private final String name;
  private final int permits;
  private final Semaphore semaphore;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private TenantGate(String name, int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException(
          "a tenant gate needs at least 1 permit, was " + permits + " for " + name);
    }
    this.name = name;
    this.permits = permits;
    this.semaphore = new Semaphore(permits, true);
  }

  /**
   * Returns the process-wide gate for one tenant of one ERP, creating it with {@code permits} on
   * first use.
   *
   * @param system the ERP, such as {@code netsuite}
   * @param tenant the account, tenant or host the limit applies to
   * @param permits the ERP's own concurrency limit for that tenant
   * @return the gate every connector for that tenant shares
   * @throws IllegalArgumentException when the gate exists with another size: two connectors
   *     configured with different limits for one tenant would break the limit
   */
  public static TenantGate shared(String system, String tenant, int permits) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(tenant, "tenant");
    String key = system + '/' + tenant;
    TenantGate gate = SHARED.computeIfAbsent(key, k -> new TenantGate(k, permits));
    if (gate.permits != permits) {
      throw new IllegalArgumentException(
          "the concurrency gate for "
              + key
              + " already exists with "
              + gate.permits
              + " permits; a connector asked for "
              + permits
              + ". Configure one limit per tenant.");
    }
    return gate;
  }

  /**
   * Returns a gate of its own, not shared through the process-wide registry.
   *
   * @param name a name for messages
   * @param permits how many calls may be in flight at once
   * @return the gate
   */
  public static TenantGate unshared(String name, int permits) {
    return new TenantGate(Objects.requireNonNull(name, "name"), permits);
  }

  /**
   * Waits for a permit; close the permit when the call is done.
   *
   * @return the permit
   * @throws RemoteSystemException (retryable) when the waiting thread is interrupted; the thread's
   *     interrupt flag is set again
   */
  public Permit enter() {
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteSystemException(
          "interrupted while waiting for the concurrency gate of " + name,
          0,
          null,
          e,
          ErrorContext.none(),
          true);
    }
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    return new Permit();
  }

  /**
   * Runs one call through the gate: waits for a permit, runs the call, releases the permit.
   *
   * @param call the call to the ERP
   * @param <T> what the call returns
   * @return what the call returned
   */
  public <T> T call(Supplier<T> call) {
    Permit permit = enter();
    try {
      return call.get();
    } finally {
      permit.close();
    }
  }

  /**
   * Returns the number of calls this gate admits at once.
   *
   * @return the limit
   */
  public int permits() {
    return permits;
  }

  /**
   * Returns the number of calls in flight now.
   *
   * @return calls admitted and not yet finished
   */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Returns the most calls that were ever in flight at once through this gate.
   *
   * @return the peak
   */
  public int peakInFlight() {
    return peak.get();
  }

  /**
   * Returns the number of threads waiting for a permit.
   *
   * @return an estimate, as {@link Semaphore#getQueueLength()}
   */
  public int waiting() {
    return semaphore.getQueueLength();
  }

  @Override
  public String toString() {
    return "TenantGate{" + name + ", permits=" + permits + ", inFlight=" + inFlight.get() + '}';
  }

  /** One admitted call; closing it lets the next waiting call in. Closing twice is harmless. */
  public final class Permit implements AutoCloseable {
    private boolean closed;

    private Permit() {}

    /** Releases the permit. */
    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      inFlight.decrementAndGet();
      semaphore.release();
    }
  }
}
