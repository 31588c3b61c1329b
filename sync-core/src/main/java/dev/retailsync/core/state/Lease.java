package dev.retailsync.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one holder to do a named piece of work (such as polling one flow) until the lease
 * expires. Its fencing token increases every time the lease passes to a holder, so that stores can
 * refuse the writes of a holder that lost it (see {@link CursorStore#save(String,
 * dev.retailsync.api.spi.Cursor, Lease)}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name what the lease is for, such as the flow's name
 * @param holder who holds it, such as a host instance's id
 * @param token the fencing token: higher for every new holding of this name, never reused
 * @param expiresAt when the lease ends unless renewed
 */
public record Lease(String name, String holder, long token, Instant expiresAt) {
  // Checks the components; see the class documentation for the rules.
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (token <= 0) {
      throw new IllegalArgumentException("a fencing token is positive, was " + token);
    }
  }
}
