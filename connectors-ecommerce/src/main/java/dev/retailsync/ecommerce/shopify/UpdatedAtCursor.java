package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

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

  /**
   * Polls the feed from this position: fetches pages of nodes (each with {@code id}, {@code
   * updatedAt} and {@code createdAt}) until {@code maxChanges} records are delivered or rejected,
   * skips what this position has seen, maps each node, and returns the page with the position after
   * it. A node that cannot be mapped is not silent: the page carries it as a rejection (the engine
   * keeps it as a dead letter), the listener hears of it, and the log names the GID and the fields,
   * no values.
   *
   * @param maxChanges at most this many records delivered or rejected
   * @param overlap the overlap window of the next position
   * @param system the system the records come from
   * @param type the entity type of the changes
   * @param noun the record's name in the log, such as {@code "customer"}
   * @param fetch fetches the connection (with {@code nodes} and {@code pageInfo}) after a page
   *     cursor, or from the first page for {@code null}
   * @param map maps one node; throws {@link MappingException} or {@link ValidationException}
   * @param listener hears of each node left out
   * @param log the feed's logger
   * @param <T> the entity's Java type
   * @return the page
   */
  <T extends CanonicalEntity> ChangePage<T> poll(
      int maxChanges,
      Duration overlap,
      SystemId system,
      EntityType<T> type,
      String noun,
      Function<String, JsonNode> fetch,
      Function<JsonNode, T> map,
      ShopifyListener listener,
      Logger log) {
    List<Change<T>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    Instant newest = mark;
    Set<String> seenNow = new LinkedHashSet<>(seen);
    String after = null;
    boolean more = false;
    pages:
    while (true) {
      JsonNode conn = fetch.apply(after);
      for (JsonNode n : conn.path("nodes")) {
        String id = n.path("id").asText();
        String updated = n.path("updatedAt").asText();
        String token = id + "@" + updated;
        if (seenNow.contains(token)) {
          continue;
        }
        if (changes.size() + rejected.size() >= maxChanges) {
          more = true;
          break pages;
        }
        Instant at = Instant.parse(updated);
        seenNow.add(token);
        if (newest == null || at.isAfter(newest)) {
          newest = at;
        }
        T entity;
        try {
          entity = map.apply(n);
        } catch (MappingException | ValidationException e) {
          FeedRejection rejection =
              FeedRejection.of(ExternalId.of(system, id), e).withSourceVersion(at, updated);
          rejected.add(rejection);
          log.info("Shopify {} {} rejected by the feed: {}", noun, id, rejection.paths());
          listener.skipped(id, e.getMessage());
          continue;
        }
        changes.add(
            Change.builder(type)
                .type(
                    updated.equals(n.path("createdAt").asText())
                        ? ChangeType.CREATED
                        : ChangeType.UPDATED)
                .source(ExternalId.of(system, id))
                .entity(entity)
                .sourceTimestamp(at)
                .sourceVersion(updated)
                .correlationId(CorrelationId.of(system + ":" + id + ":" + at.toEpochMilli()))
                .build());
      }
      JsonNode page = conn.path("pageInfo");
      if (!page.path("hasNextPage").asBoolean()) {
        break;
      }
      after = page.path("endCursor").asText();
    }
    return new ChangePage<>(changes, rejected, next(newest, seenNow, overlap), more);
  }
}
