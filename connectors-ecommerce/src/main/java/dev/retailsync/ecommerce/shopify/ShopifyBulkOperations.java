package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Bulk operations for backfills and reconciliation: start a bulk query, poll it until it ends, and
 * stream its JSONL result line by line (never loaded whole into memory). Shopify flattens nested
 * connections into separate lines that name their parent in {@code __parentId}; {@link
 * #forEachTree} puts them back under their parent, holding one top-level object and its children at
 * a time.
 *
 * <p>Bulk queries carry no per-query cost limit, but a shop runs at most a few at once and their
 * result URLs expire after 7 days. Thread-safe.
 */
public final class ShopifyBulkOperations {
  private static final String RUN =
      "mutation RunBulk($query: String!) {\n"
          + "  bulkOperationRunQuery(query: $query) {\n"
          + "    bulkOperation { id status }\n"
          + "    userErrors { code field message }\n"
          + "  }\n"
          + "}";
  private static final String POLL =
      "query PollBulk($id: ID!) {\n"
          + "  bulkOperation(id: $id) { id status errorCode objectCount url partialDataUrl }\n"
          + "}";
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "CANCELING", "EXPIRED");

  private final ShopifyGraphQlClient client;

  /**
   * Creates the bulk operations of a shop.
   *
   * @param client the shop's client
   */
  public ShopifyBulkOperations(ShopifyGraphQlClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Starts a bulk query.
   *
   * @param query the bulk query: one top-level connection, at most 5 connections nested at most 2
   *     levels deep, without {@code first} arguments
   * @return the operation as created
   * @throws ValidationException if Shopify refuses the query, with its user errors
   */
  public BulkOperation start(String query) {
    GraphQlDocument.parse(query); // fail early and clearly on a malformed query
    GraphQlResponse r = client.execute(GraphQlRequest.mutation(RUN, Map.of("query", query)));
    List<UserError> errors = r.userErrors("bulkOperationRunQuery");
    if (!errors.isEmpty()) {
      throw ValidationException.of(
          "Shopify bulk query",
          "query",
          errors.get(0).code(),
          "was refused: " + errors.get(0).message());
    }
    return operation(r.field("bulkOperationRunQuery").path("bulkOperation"));
  }

  /**
   * Polls an operation until it completes.
   *
   * @param id the operation's GID
   * @param interval the wait between polls
   * @param timeout how long to wait in all
   * @return the completed operation, with its result URL ({@code null} when it found nothing)
   * @throws RemoteSystemException if the operation failed, was canceled or expired (with Shopify's
   *     error code; {@link BulkOperation#partialDataUrl()} may still hold data), or did not finish
   *     within the timeout (retryable)
   */
  public BulkOperation await(String id, Duration interval, Duration timeout) {
    Instant deadline = client.clock().instant().plus(timeout);
    while (true) {
      GraphQlResponse r = client.execute(GraphQlRequest.query(POLL, Map.of("id", id)));
      BulkOperation op = operation(r.field("bulkOperation"));
      if ("COMPLETED".equals(op.status())) {
        return op;
      }
      if (FAILED.contains(op.status())) {
        throw new RemoteSystemException(
            "Shopify bulk operation "
                + id
                + " ended "
                + op.status()
                + (op.errorCode() == null ? "" : " (" + op.errorCode() + ")")
                + (op.partialDataUrl() == null ? "" : "; partial data is available"),
            200,
            op.errorCode(),
            null,
            ErrorContext.of(client.system(), "bulkOperation"),
            false);
      }
      if (!client.clock().instant().plus(interval).isBefore(deadline)) {
        throw new RemoteSystemException(
            "Shopify bulk operation " + id + " is still " + op.status() + " after " + timeout,
            200,
            "BULK_TIMEOUT",
            null,
            ErrorContext.of(client.system(), "bulkOperation"),
            true);
      }
      try {
        client.sleeper().sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException(
            "interrupted while waiting for bulk operation " + id,
            e,
            ErrorContext.of(client.system(), "bulkOperation"),
            true);
      }
    }
  }

  /**
   * Streams a JSONL result, one parsed line at a time.
   *
   * @param url the operation's {@code url} (or {@code partialDataUrl})
   * @param lines receives each line's object
   * @return the number of lines
   * @throws RemoteSystemException if the download fails (expired URLs answer 403 or 404)
   */
  public long stream(String url, Consumer<JsonNode> lines) {
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
    if (parsed == null) {
      throw ValidationException.of("Shopify bulk result", "url", url, "is not an absolute URL");
    }
    // A signed storage URL: no Shopify token goes with it.
    Request request = new Request.Builder().url(parsed).get().build();
    ErrorContext ctx = ErrorContext.of(client.system(), "bulkOperation.download");
    try (Response response = client.http().newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw new RemoteSystemException(
            "Downloading the bulk result from "
                + parsed.host()
                + " failed with HTTP "
                + response.code()
                + (response.code() == 403 || response.code() == 404
                    ? " (result URLs expire 7 days after completion; run the operation again)"
                    : ""),
            response.code(),
            null,
            null,
            ctx,
            response.code() >= 500);
      }
      long count = 0;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            lines.accept(ShopifyGraphQlClient.JSON.readTree(line));
            count++;
          }
        }
      }
      return count;
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Reading the bulk result from " + parsed.host() + " failed: " + e.getMessage(),
          0,
          null,
          e,
          ctx,
          true);
    }
  }

  /**
   * Streams a JSONL result as trees: each top-level object with the objects that name it (or one of
   * its descendants) in {@code __parentId}. Shopify writes children after their parent, so one tree
   * is held in memory at a time.
   *
   * @param url the result URL
   * @param trees receives each top-level object with its children
   * @return the number of top-level objects
   * @throws RemoteSystemException if the download fails, or a child names a parent that is not the
   *     current tree (the file is not in Shopify's parent-first order)
   */
  public long forEachTree(String url, Consumer<BulkNode> trees) {
    Map<String, BulkNode> current = new HashMap<>();
    BulkNode[] root = {null};
    long[] count = {0};
    stream(
        url,
        line -> {
          JsonNode parent = line.get("__parentId");
          if (parent == null || parent.isNull()) {
            if (root[0] != null) {
              trees.accept(root[0]);
              count[0]++;
            }
            current.clear();
            root[0] = new BulkNode(line);
            current.put(line.path("id").asText(), root[0]);
          } else {
            BulkNode p = current.get(parent.asText());
            if (p == null) {
              throw new RemoteSystemException(
                  "Bulk result line names parent "
                      + parent.asText()
                      + " outside the current object; the file is not parent-first",
                  200,
                  null,
                  null,
                  ErrorContext.of(client.system(), "bulkOperation.download"),
                  false);
            }
            BulkNode child = new BulkNode(line);
            p.children.add(child);
            if (line.hasNonNull("id")) {
              current.put(line.get("id").asText(), child);
            }
          }
        });
    if (root[0] != null) {
      trees.accept(root[0]);
      count[0]++;
    }
    return count[0];
  }

  /**
   * Runs a bulk query to its end and streams the result as trees.
   *
   * @param query the bulk query
   * @param interval the wait between polls
   * @param timeout how long to wait for completion
   * @param trees receives each top-level object with its children
   * @return the number of top-level objects
   */
  public long run(String query, Duration interval, Duration timeout, Consumer<BulkNode> trees) {
    BulkOperation started = start(query);
    BulkOperation done = await(started.id(), interval, timeout);
    return done.url() == null ? 0 : forEachTree(done.url(), trees);
  }

  private static BulkOperation operation(JsonNode n) {
    return new BulkOperation(
        n.path("id").asText(),
        n.path("status").asText(),
        text(n, "errorCode"),
        n.hasNonNull("objectCount") ? Long.parseLong(n.get("objectCount").asText()) : 0,
        text(n, "url"),
        text(n, "partialDataUrl"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * A bulk operation's state.
   *
   * @param id the operation's GID
   * @param status {@code CREATED}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED}, {@code
   *     CANCELING}, {@code CANCELED} or {@code EXPIRED}
   * @param errorCode Shopify's error code when it failed, or {@code null}
   * @param objectCount the objects written so far
   * @param url the JSONL result once completed, or {@code null}
   * @param partialDataUrl what a failed operation wrote, or {@code null}
   */
  public record BulkOperation(
      String id,
      String status,
      String errorCode,
      long objectCount,
      String url,
      String partialDataUrl) {}

  /**
   * One object of a bulk result with the objects nested under it.
   *
   * <p>Not thread-safe while being built; read-only once handed out.
   */
  public static final class BulkNode {
    private final JsonNode node;
    private final List<BulkNode> children = new ArrayList<>();

    BulkNode(JsonNode node) {
      this.node = node;
    }

    /**
     * Returns the object as Shopify wrote it (children carry {@code __parentId}).
     *
     * @return the object
     */
    public JsonNode node() {
      return node;
    }

    /**
     * Returns the object's GID.
     *
     * @return the GID, or {@code null} when the line has none
     */
    public String id() {
      return node.hasNonNull("id") ? node.get("id").asText() : null;
    }

    /**
     * Returns the objects that named this one as their parent, in file order.
     *
     * @return an unmodifiable view
     */
    public List<BulkNode> children() {
      return Collections.unmodifiableList(children);
    }

    /**
     * Returns the children of one GraphQL type, such as {@code LineItem}.
     *
     * @param type the type in the children's GIDs
     * @return the children of that type
     */
    public List<BulkNode> children(String type) {
      List<BulkNode> out = new ArrayList<>();
      for (BulkNode c : children) {
        if (c.id() != null && ShopifyIds.isGid(c.id()) && ShopifyIds.type(c.id()).equals(type)) {
          out.add(c);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "BulkNode[" + id() + ", children=" + children.size() + "]";
    }
  }
}
