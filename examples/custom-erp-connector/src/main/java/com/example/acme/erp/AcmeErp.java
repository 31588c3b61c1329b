package com.example.acme.erp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for Acme's ERP in this example: customer records in the ERP's own shape, each change
 * numbered by a sequence the change feed follows. A real connector would call the ERP's API here;
 * everything else in this package stays the same.
 *
 * <p>Thread-safe.
 */
public final class AcmeErp {
  private static final Map<String, AcmeErp> TENANTS = new ConcurrentHashMap<>();

  private final TreeMap<String, Customer> customers = new TreeMap<>();
  private long sequence;
  private Failure nextFailure;

  /** A failure the ERP's API answers with, as a real ERP does under load or in maintenance. */
  public enum Failure {
    /** Too many requests: the ERP asks the caller to wait (HTTP 429 with Retry-After). */
    BUSY,
    /** The ERP is down for maintenance (HTTP 503). */
    DOWN
  }

  /**
   * What the ERP's API throws when it refuses a call: busy (with the wait it asked for), down, or a
   * write based on a version it has moved past.
   */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kind of refusal; {@code null} for a version conflict. */
    private final Failure failure;

    /** The record's current change sequence, for a conflict; -1 otherwise. */
    private final long currentSeq;

    private ApiException(String message, Failure failure, long currentSeq) {
      super(message);
      this.failure = failure;
      this.currentSeq = currentSeq;
    }

    /**
     * Returns the failure, or {@code null} when the write was refused for a version conflict.
     *
     * @return the failure
     */
    public Failure failure() {
      return failure;
    }

    /**
     * Returns the record's current change sequence for a conflict.
     *
     * @return the sequence, or -1 when this is not a conflict
     */
    public long currentSeq() {
      return currentSeq;
    }

    /**
     * Returns how long the ERP asked the caller to wait before retrying a busy call.
     *
     * @return the wait in seconds; 0 when it did not say
     */
    public long retryAfterSeconds() {
      return failure == Failure.BUSY ? 2 : 0;
    }
  }

  /**
   * A customer as the ERP stores it: amounts in cents, a credit-hold flag, a one-letter kind.
   *
   * @param number the customer number, the ERP's key
   * @param name the name, at most 40 characters in this ERP
   * @param kind {@code "B"} for business, {@code "C"} for consumer
   * @param terms the payment-terms code
   * @param currency the ISO currency code
   * @param creditHold whether the credit department has put the customer on hold
   * @param creditLimitCents the credit limit in cents, or -1 when not yet approved
   * @param createdSeq the sequence number of the change that created the customer
   * @param changedSeq the sequence number of the customer's latest change
   * @param modifiedAt when the customer last changed
   */
  public record Customer(
      String number,
      String name,
      String kind,
      String terms,
      String currency,
      boolean creditHold,
      long creditLimitCents,
      long createdSeq,
      long changedSeq,
      Instant modifiedAt) {}

  private AcmeErp() {}

  /**
   * Returns the ERP of one tenant, creating an empty one on first use.
   *
   * @param tenant the tenant id
   * @return the tenant's ERP
   */
  public static AcmeErp tenant(String tenant) {
    return TENANTS.computeIfAbsent(tenant, t -> new AcmeErp());
  }

  /**
   * Reads one customer.
   *
   * @param number the customer number
   * @return the customer, or empty
   */
  public synchronized Optional<Customer> get(String number) {
    failIfArmed();
    return Optional.ofNullable(customers.get(number));
  }

  /**
   * Makes the ERP's next call fail, as its API does under load or during maintenance; for tests.
   *
   * @param failure how the call fails
   */
  public synchronized void failNextCall(Failure failure) {
    nextFailure = failure;
  }

  /**
   * Returns the customers changed after a sequence number, oldest change first.
   *
   * @param afterSeq the sequence number already seen
   * @param limit the most customers to return
   * @return the customers
   */
  public synchronized List<Customer> changedSince(long afterSeq, int limit) {
    failIfArmed();
    List<Customer> changed = new ArrayList<>();
    for (Customer c : customers.values()) {
      if (c.changedSeq() > afterSeq) {
        changed.add(c);
      }
    }
    changed.sort((a, b) -> Long.compare(a.changedSeq(), b.changedSeq()));
    return changed.size() > limit ? List.copyOf(changed.subList(0, limit)) : changed;
  }

  /**
   * Creates or replaces a customer's master data; credit fields are kept, since only the ERP's
   * credit department changes them.
   *
   * @param number the customer number
   * @param name the name
   * @param kind {@code "B"} or {@code "C"}
   * @param terms the payment-terms code
   * @param currency the currency
   * @param expectedSeq the change sequence the caller last read, or -1 to write whatever the
   *     customer's current version; a customer changed since is refused
   * @param clock the clock to stamp the change with
   * @return the stored customer
   * @throws ApiException if the ERP is busy or down, or the customer changed since {@code
   *     expectedSeq}
   */
  public synchronized Customer save(
      String number,
      String name,
      String kind,
      String terms,
      String currency,
      long expectedSeq,
      Clock clock) {
    failIfArmed();
    Customer old = customers.get(number);
    if (expectedSeq >= 0 && old != null && old.changedSeq() != expectedSeq) {
      throw new ApiException(
          "customer " + number + " changed since version " + expectedSeq, null, old.changedSeq());
    }
    long seq = ++sequence;
    Customer c =
        new Customer(
            number,
            name,
            kind,
            terms,
            currency,
            old == null || old.creditHold(),
            old == null ? -1 : old.creditLimitCents(),
            old == null ? seq : old.createdSeq(),
            seq,
            clock.instant());
    customers.put(number, c);
    return c;
  }

  /**
   * Approves a customer's credit, as Acme's credit department does in the ERP's own screens.
   *
   * @param number the customer number
   * @param limitCents the approved limit in cents
   * @param clock the clock to stamp the change with
   */
  public synchronized void approveCredit(String number, long limitCents, Clock clock) {
    Customer c = customers.get(number);
    if (c == null) {
      throw new IllegalArgumentException("no customer " + number);
    }
    long seq = ++sequence;
    customers.put(
        number,
        new Customer(
            c.number(),
            c.name(),
            c.kind(),
            c.terms(),
            c.currency(),
            false,
            limitCents,
            c.createdSeq(),
            seq,
            clock.instant()));
  }

  private void failIfArmed() {
    Failure f = nextFailure;
    nextFailure = null;
    if (f == Failure.BUSY) {
      throw new ApiException("429 Too Many Requests", f, -1);
    }
    if (f == Failure.DOWN) {
      throw new ApiException("503 Service Unavailable: maintenance", f, -1);
    }
  }
}
