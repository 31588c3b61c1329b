package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer change feed of {@link VendureConnector}, correct despite Vendure's {@code updatedAt}
 * gaps.
 *
 * <p>Why not {@code filter: {updatedAt: {after}}}: Vendure does not advance {@code
 * Customer.updatedAt} when an address is created or edited ({@code Address.updatedAt} moves), and
 * on sql.js database timestamps have whole-second precision, so two edits in the same second carry
 * the same time. Customers cannot be filtered by their addresses' timestamps.
 *
 * <p>What each poll does: it reads every customer with its addresses, in pages of {@code take}
 * (offset paging, sorted by id), and computes each customer's <em>modification time</em> (the
 * latest of the customer's and its addresses' {@code updatedAt}) and a <em>fingerprint</em> (a
 * SHA-256 of the customer's mapped fields and addresses). The cursor holds a time {@code t} and the
 * fingerprints of the customers delivered whose modification time lies in {@code [t - overlap, t]}.
 * A customer is delivered when its modification time is after {@code t}, or lies in the window and
 * its id is not in the cursor or its fingerprint differs. Changes come in order of modification
 * time, then id; {@code maxChanges} cuts the page and the rest follows.
 *
 * <p>What it guarantees: every customer created, edited, or whose addresses were added or edited,
 * after the state a cursor describes, is delivered by a later poll from that cursor (at least once;
 * an unchanged customer is not repeated), including edits within the same second and transactions
 * committing up to {@code overlap} (5 s) after their timestamp. It does not report deletions of
 * customers or addresses as such: a customer whose address was deleted is delivered only when a
 * later edit gives it a newer modification time (its fingerprint changes, but its time does not
 * move, so it is seen only while still inside the window). Cost: every poll reads all customers
 * ({@code ceil(n / take)} requests), so it suits stores up to some hundred thousand customers.
 */
final class VendureCustomerFeed implements ChangeFeed<Party> {
  private static final Logger LOG = LoggerFactory.getLogger(VendureCustomerFeed.class);

  static final Duration OVERLAP = Duration.ofSeconds(5);

  private final VendureGraphQl client;
  private final SystemId system;
  private final int take;

  VendureCustomerFeed(VendureGraphQl client, SystemId system, int take) {
    this.client = client;
    this.system = system;
    this.take = take;
  }

  private record Seen(String id, Instant modified, String fingerprint, JsonNode node) {}

  @Override
  public ChangePage<Party> poll(Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of("VendureCustomerFeed", "maxChanges", maxChanges, "must be 1+");
    }
    Instant t = Instant.EPOCH;
    Map<String, String> delivered = new TreeMap<>();
    if (!cursor.isBeginning()) {
      String[] parts = cursor.value().split(";", -1);
      try {
        t = Instant.parse(parts[0]);
        for (int i = 1; i < parts.length; i++) {
          if (!parts[i].isEmpty()) {
            String[] kv = parts[i].split("=", 2);
            delivered.put(kv[0], kv[1]);
          }
        }
      } catch (RuntimeException e) {
        throw ValidationException.of(
            "VendureCustomerFeed",
            "cursor",
            cursor.value(),
            "is not a cursor this feed returned; start from Cursor.beginning()");
      }
    }
    Instant windowStart = t.minus(OVERLAP);
    List<Seen> all = new ArrayList<>();
    for (int skip = 0; ; skip += take) {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("skip", skip);
      options.put("take", take);
      options.put("sort", Map.of("id", "ASC"));
      JsonNode page =
          client
              .execute(
                  "customers (change feed)",
                  VendureConnector.CUSTOMER_LIST,
                  Map.of("options", options))
              .path("customers");
      for (JsonNode c : page.path("items")) {
        Instant m = VendureCustomerMapping.lastModified(c);
        all.add(new Seen(c.path("id").asText(), m == null ? Instant.EPOCH : m, fingerprint(c), c));
      }
      if (page.path("items").size() < take || skip + take >= page.path("totalItems").asInt()) {
        break;
      }
    }
    final Instant since = t;
    List<Seen> candidates = new ArrayList<>();
    for (Seen s : all) {
      boolean newer = s.modified().isAfter(since);
      boolean inWindow = !s.modified().isBefore(windowStart);
      if (newer || (inWindow && !s.fingerprint().equals(delivered.get(s.id())))) {
        candidates.add(s);
      }
    }
    candidates.sort(
        Comparator.comparing(Seen::modified).thenComparing(s -> Long.parseLong(s.id())));
    List<Seen> taken = candidates.subList(0, Math.min(maxChanges, candidates.size()));
    boolean hasMore = candidates.size() > taken.size();
    Instant next = t;
    for (Seen s : taken) {
      if (s.modified().isAfter(next)) {
        next = s.modified();
      }
    }
    Instant nextWindow = next.minus(OVERLAP);
    List<String> notTaken = new ArrayList<>();
    for (Seen s : candidates.subList(taken.size(), candidates.size())) {
      notTaken.add(s.id());
    }
    StringBuilder out = new StringBuilder(next.toString());
    for (Seen s : all) {
      if (!s.modified().isBefore(nextWindow)
          && !s.modified().isAfter(next)
          && !notTaken.contains(s.id())) {
        out.append(';').append(s.id()).append('=').append(s.fingerprint());
      }
    }
    List<Change<Party>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    for (Seen s : taken) {
      String version = s.modified() + "/" + s.fingerprint();
      Party party;
      try {
        party = VendureCustomerMapping.toParty(s.node());
      } catch (MappingException | ValidationException e) {
        // One customer that cannot be mapped must not stop the feed: the page carries it and the
        // engine keeps it as a dead letter.
        FeedRejection r =
            FeedRejection.of(ExternalId.of(system, s.id()), e)
                .withSourceVersion(s.modified(), version);
        rejected.add(r);
        LOG.info("Vendure customer {} rejected by the feed: {}", s.id(), r.paths());
        continue;
      }
      changes.add(
          new Change<>(
              EntityType.PARTY,
              ChangeType.UPSERTED,
              ExternalId.of(system, s.id()),
              party,
              null,
              s.modified(),
              version,
              CorrelationId.of(UUID.randomUUID()),
              null,
              null));
    }
    return new ChangePage<>(changes, rejected, Cursor.of(out.toString()), hasMore);
  }

  /** A short hash of the customer's fields and addresses (timestamps excluded). */
  static String fingerprint(JsonNode c) {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("title", "firstName", "lastName", "emailAddress", "phoneNumber")) {
      b.append(c.path(f).asText("")).append('\u0001');
    }
    b.append(c.path("customFields").toString()).append('\u0001');
    for (JsonNode a : c.path("addresses")) {
      b.append(a.path("id").asText()).append(':');
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!e.getKey().equals("updatedAt")) {
          b.append(e.getKey()).append('=').append(e.getValue()).append(',');
        }
      }
      b.append('\u0002');
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
