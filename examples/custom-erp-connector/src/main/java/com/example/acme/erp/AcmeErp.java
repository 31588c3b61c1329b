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
    return Optional.ofNullable(customers.get(number));
  }

  /**
   * Returns the customers changed after a sequence number, oldest change first.
   *
   * @param afterSeq the sequence number already seen
   * @param limit the most customers to return
   * @return the customers
   */
  public synchronized List<Customer> changedSince(long afterSeq, int limit) {
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
   * @param clock the clock to stamp the change with
   * @return the stored customer
   */
  public synchronized Customer save(
      String number, String name, String kind, String terms, String currency, Clock clock) {
    Customer old = customers.get(number);
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
}
