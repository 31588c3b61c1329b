package dev.retailsync.api.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.retailsync.api.internal.Checks;

/**
 * A position in a change feed, opaque to everyone but the connector that issued it. The host (or
 * the engine's state store) saves it after a page is applied and passes it back on the next poll,
 * also after a restart, so a connector must encode all it needs to resume in the text.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the connector's encoding; empty for the beginning of the feed
 */
public record Cursor(@JsonValue String value) {
  private static final Cursor BEGINNING = new Cursor("");

  // Checks the components; see the class documentation for the rules.
  public Cursor {
    Checks.required("Cursor", "value", value);
  }

  /**
   * Returns the cursor for the beginning of a feed: the first poll starts here.
   *
   * @return the beginning
   */
  public static Cursor beginning() {
    return BEGINNING;
  }

  /**
   * Returns a cursor a connector issued earlier.
   *
   * @param value the saved text
   * @return the cursor
   * @throws dev.retailsync.api.ValidationException if the text is {@code null}
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Cursor of(String value) {
    return value != null && value.isEmpty() ? BEGINNING : new Cursor(value);
  }

  /**
   * Tells whether this is the beginning of the feed.
   *
   * @return {@code true} for {@link #beginning()}
   */
  public boolean isBeginning() {
    return value.isEmpty();
  }
}
