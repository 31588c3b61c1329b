package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The position of an {@code updated_at} feed (customers, orders): the newest {@code updatedAt}
 * delivered and the {@code id@updatedAt} tokens seen within the overlap window before it, so a
 * record committed late inside the window is delivered and one already delivered is not repeated.
 * Opaque to the host: base64url JSON with a version and, for feeds other than the first
 * (customers), the feed's name.
 */
final class UpdatedAtCursor {
  final Instant mark;
  final Set<String> seen;
  private final String feed;

  private UpdatedAtCursor(String feed, Instant mark, Set<String> seen) {
    this.feed = feed;
    this.mark = mark;
    this.seen = seen;
  }

  /**
   * Reads a cursor this feed issued.
   *
   * @param feed the feed's name written in its cursors, or {@code null} for the customer feed,
   *     whose cursors carry none
   * @param subject the operation named in the error, such as {@code ShopifyOrders.poll}
   * @param cursor the host's cursor
   * @return the position
   * @throws ValidationException naming the cursor when this feed did not issue it
   */
  static UpdatedAtCursor decode(String feed, String subject, Cursor cursor) {
    if (cursor.isBeginning()) {
      return new UpdatedAtCursor(feed, null, Set.of());
    }
    try {
      JsonNode n =
          ShopifyGraphQlClient.JSON.readTree(Base64.getUrlDecoder().decode(cursor.value()));
      boolean sameFeed = feed == null ? !n.has("feed") : feed.equals(n.path("feed").asText());
      if (!sameFeed || n.path("v").asInt() != 1) {
        throw new IOException("not a cursor of this feed");
      }
      Set<String> seen = new LinkedHashSet<>();
      n.path("seen").forEach(s -> seen.add(s.asText()));
      String mark = n.path("mark").asText(null);
      return new UpdatedAtCursor(
          feed, mark == null || mark.isEmpty() ? null : Instant.parse(mark), seen);
    } catch (IOException | IllegalArgumentException | DateTimeException e) {
      throw ValidationException.of(
          subject,
          "cursor",
          cursor.value(),
          "is not a cursor this feed issued; start again from Cursor.beginning()");
    }
  }

  /**
   * Returns the next position: {@code mark}, keeping the tokens of {@code seen} no older than
   * {@code overlap} before it.
   *
   * @param mark the newest {@code updatedAt} delivered, or {@code null} when none yet
   * @param seen {@code id@updatedAt} tokens seen so far
   * @param overlap the window re-read on every poll
   * @return the cursor to hand back to the host
   */
  Cursor next(Instant mark, Set<String> seen, Duration overlap) {
    Set<String> keep = new LinkedHashSet<>();
    if (mark != null) {
      Instant keepFrom = mark.minus(overlap);
      for (String t : seen) {
        if (!Instant.parse(t.substring(t.indexOf('@') + 1)).isBefore(keepFrom)) {
          keep.add(t);
        }
      }
    }
    return new UpdatedAtCursor(feed, mark, keep).encode();
  }

  private Cursor encode() {
    ObjectNode n = ShopifyGraphQlClient.JSON.createObjectNode();
    if (feed != null) {
      n.put("feed", feed);
    }
    n.put("v", 1);
    n.put("mark", mark == null ? null : mark.toString());
    ArrayNode a = n.putArray("seen");
    seen.forEach(a::add);
    return Cursor.of(
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(n.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
