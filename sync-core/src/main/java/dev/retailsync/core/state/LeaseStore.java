package dev.retailsync.core.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases, so that a piece of work (a flow's poller) runs on one instance of the host at a time: one
 * holder acquires the lease and renews it while it works; when it stops renewing, the lease expires
 * and another holder takes over with a higher fencing token.
 *
 * <p>Implementations are thread-safe and atomic per lease name; the JDBC store is shared by every
 * instance on one database. Expiry is measured with the store's clock.
 */
public interface LeaseStore {
  /**
   * Acquires a lease if it is free, expired or already held by {@code holder}. A new holding gets a
   * fencing token higher than any before it; the holder acquiring again keeps its token and gets a
   * later expiry.
   *
   * @param name what the lease is for
   * @param holder who asks
   * @param ttl how long the lease lasts unless renewed; positive
   * @return the lease, or empty when another holder has it
   */
  Optional<Lease> acquire(String name, String holder, Duration ttl);

  /**
   * Extends a lease that is still held.
   *
   * @param lease the lease as acquired or last renewed
   * @param ttl how long from now the lease lasts; positive
   * @return the lease with its new expiry, or empty when it expired or passed to another holding
   */
  Optional<Lease> renew(Lease lease, Duration ttl);

  /**
   * Gives a lease up so that another holder can acquire it at once.
   *
   * @param lease the lease
   * @return {@code false} when the lease had already passed to another holding
   */
  boolean release(Lease lease);

  /**
   * Returns the lease of a name that is held now.
   *
   * @param name what the lease is for
   * @return the unexpired lease, or empty when the name is free
   */
  Optional<Lease> current(String name);

  /**
   * Tells whether a lease is still held: not expired, released or passed to another holding.
   *
   * @param lease the lease
   * @return {@code true} while the holder may act on it
   */
  default boolean holds(Lease lease) {
    return current(lease.name())
        .filter(l -> l.holder().equals(lease.holder()) && l.token() == lease.token())
        .isPresent();
  }
}
