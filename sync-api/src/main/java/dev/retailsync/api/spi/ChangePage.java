package dev.retailsync.api.spi;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.internal.Checks;
import java.util.List;

/**
 * One page of a {@link ChangeFeed}: the changes, the cursor to resume after them, and whether the
 * source has more right now.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param changes the changes, in source order
 * @param next the cursor to pass to the next poll once these changes are applied
 * @param hasMore whether another poll right away would return more changes
 * @param <T> the entity's Java type
 */
public record ChangePage<T extends CanonicalEntity>(
    List<Change<T>> changes, Cursor next, boolean hasMore) {

  // Checks the components; see the class documentation for the rules.
  public ChangePage {
    changes = Checks.list("ChangePage", "changes", changes);
    Checks.required("ChangePage", "next", next);
  }
}
