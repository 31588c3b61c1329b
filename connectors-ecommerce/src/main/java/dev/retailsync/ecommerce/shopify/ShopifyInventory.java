package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify inventory with the 2026-04 semantics: inventory items and their levels per location as
 * canonical {@link InventoryPosition}s, absolute writes through {@code inventorySetQuantities} and
 * relative ones through {@code inventoryAdjustQuantities}.
 *
 * <p>Every write carries {@code changeFromQuantity} (the quantity read just before planning, so a
 * concurrent change by another writer is detected, never overwritten) and an idempotency key in the
 * mutation's directive:
 *
 * <ul>
 *   <li>Absolute writes ({@link #writer()}) read the current quantities of a batch, leave levels
 *       that already hold the target unchanged, and send the rest in one mutation of up to 250
 *       quantities. The key is derived from the logical change (item, location, quantity name,
 *       from, to, and the engine's idempotency key when the request carries one), so any process
 *       that plans the same change sends the same key: a transport retry or a restart never applies
 *       it twice.
 *   <li>{@code CHANGE_FROM_QUANTITY_STALE} leads to a fresh read and a new plan (with a new key),
 *       up to three times; other per-quantity errors reject that record and the rest is re-sent.
 *   <li>{@code IDEMPOTENCY_CONCURRENT_REQUEST} waits and resends with the same key; {@code
 *       IDEMPOTENCY_KEY_PARAMETER_MISMATCH} re-plans with a new key.
 *   <li>Relative adjustments ({@link #adjust}) persist their plan in an {@link InventoryKeyStore}
 *       before sending, since a delta cannot be re-derived from a fresh read.
 * </ul>
 *
 * <p>Opting out of the compare-and-swap (sending an explicit {@code null}) is possible only through
 * {@link Builder#skipCompareQuantity(boolean)} and is logged on every write.
 *
 * <p>Thread-safe.
 */
public final class ShopifyInventory {
  private static final Logger LOG = LoggerFactory.getLogger(ShopifyInventory.class);
  private static final int MAX_QUANTITIES = 250;
  private static final int MAX_REPLANS = 3;
  private static final String SET_MUTATION =
      "mutation SetQuantities($input: InventorySetQuantitiesInput!) {\n"
          + "  inventorySetQuantities(input: $input) @idempotent(key: \"%s\") {\n"
          + "    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange"
          + " item { id } location { id } } }\n"
          + "    userErrors { code field message }\n"
          + "  }\n"
          + "}";
  private static final String ADJUST_MUTATION =
      "mutation AdjustQuantities($input: InventoryAdjustQuantitiesInput!) {\n"
          + "  inventoryAdjustQuantities(input: $input) @idempotent(key: \"%s\") {\n"
          + "    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange } }\n"
          + "    userErrors { code field message }\n"
          + "  }\n"
          + "}";
  private static final String LEVELS_AT_LOCATION =
      "query LevelsAtLocation($first: Int!, $after: String, $query: String!, $locationId: ID!)"
          + " {\n"
          + "  inventoryItems(first: $first, after: $after, query: $query) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes { id sku inventoryLevel(locationId: $locationId) {"
          + " quantities(names: [\"available\", \"on_hand\", \"committed\"]) { name quantity } } }\n"
          + "  }\n"
          + "}";
  private static final String ITEMS_BY_SKU =
      "query ItemsBySku($first: Int!, $after: String, $query: String!) {\n"
          + "  inventoryItems(first: $first, after: $after, query: $query) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes { id sku tracked variants(first: 5) { nodes { id product { id } } }\n"
          + "      inventoryLevels(first: 10) { nodes { location { id }"
          + " quantities(names: [\"available\", \"on_hand\", \"committed\"]) { name quantity } } } }\n"
          + "  }\n"
          + "}";
  private static final String ITEMS_BY_ID =
      "query ItemsById($ids: [ID!]!) {\n"
          + "  nodes(ids: $ids) { ... on InventoryItem { id sku inventoryLevels(first: 10) {"
          + " nodes { location { id } quantities(names: [\"available\", \"on_hand\","
          + " \"committed\"]) { name quantity } } } } }\n"
          + "}";

  private final ShopifyGraphQlClient client;
  private final SystemId system;
  private final Clock clock;
  private final Map<String, String> locations;
  private final boolean skipCompareQuantity;
  private final String reason;
  private final String referenceDocumentUri;
  private final InventoryKeyStore keyStore;

  private ShopifyInventory(Builder b) {
    this.client = b.client;
    this.system = b.system;
    this.clock = client.clock();
    this.locations = Map.copyOf(b.locations);
    this.skipCompareQuantity = b.skipCompareQuantity;
    this.reason = b.reason;
    this.referenceDocumentUri = b.referenceDocumentUri;
    this.keyStore = b.keyStore;
  }

  /**
   * Returns a builder.
   *
   * @param client the shop's client
   * @return the builder
   */
  public static Builder builder(ShopifyGraphQlClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Returns the writer of absolute levels: each request's {@link InventoryPosition#available()} (or
   * {@code onHand} when {@code available} is absent) becomes the level of its SKU at its location.
   * Batches up to 250.
   *
   * @return the writer
   */
  public RecordWriter<InventoryPosition> writer() {
    return RecordWriter.of(MAX_QUANTITIES, this::upsert);
  }

  /**
   * Returns the reader of levels by the ids the writer reports ({@code <item GID>@<location GID>}).
   *
   * @return the reader
   */
  public RecordReader<InventoryPosition> reader() {
    return RecordReader.of(100, this::read);
  }

  /**
   * Finds inventory items by SKU with their variants and levels. A SKU may map to several items
   * (Shopify does not enforce unique SKUs) and, from 2026-04, one item to several variants.
   *
   * @param skus the SKUs
   * @return SKU to items; SKUs Shopify does not know are absent
   */
  public Map<String, List<InventoryItemRef>> itemsBySku(Collection<String> skus) {
    Map<String, List<InventoryItemRef>> out = new LinkedHashMap<>();
    List<String> list = new ArrayList<>(new LinkedHashSet<>(skus));
    // One node costs 45 points (item, 5 variants, 10 levels): 20 a page stays under 1,000.
    for (int i = 0; i < list.size(); i += 20) {
      List<String> chunk = list.subList(i, Math.min(list.size(), i + 20));
      String after = null;
      do {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", 20);
        vars.put("after", after);
        vars.put("query", skuQuery(chunk));
        GraphQlResponse r = client.execute(GraphQlRequest.query(ITEMS_BY_SKU, vars));
        JsonNode conn = r.field("inventoryItems");
        for (JsonNode n : conn.path("nodes")) {
          out.computeIfAbsent(n.path("sku").asText(), k -> new ArrayList<>()).add(itemRef(n));
        }
        after =
            conn.path("pageInfo").path("hasNextPage").asBoolean()
                ? conn.path("pageInfo").path("endCursor").asText()
                : null;
      } while (after != null);
    }
    return out;
  }

  /**
   * Returns the levels of SKUs at every location that stocks them.
   *
   * @param skus the SKUs
   * @return one position per SKU and location
   */
  public List<InventoryPosition> levels(Collection<String> skus) {
    List<InventoryPosition> out = new ArrayList<>();
    Instant now = clock.instant();
    for (List<InventoryItemRef> refs : itemsBySku(skus).values()) {
      for (InventoryItemRef ref : refs) {
        ref.levels().forEach((loc, q) -> out.add(position(ref.sku(), loc, q, now)));
      }
    }
    return out;
  }

  private List<RemoteRecord<InventoryPosition>> read(List<String> ids) {
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    for (String id : ids) {
      String[] parts = ShopifyIds.splitInventoryLevelId(id);
      wanted.computeIfAbsent(parts[0], k -> new LinkedHashSet<>()).add(parts[1]);
    }
    GraphQlResponse r =
        client.execute(
            GraphQlRequest.query(ITEMS_BY_ID, Map.of("ids", new ArrayList<>(wanted.keySet()))));
    List<RemoteRecord<InventoryPosition>> out = new ArrayList<>();
    Instant now = clock.instant();
    for (JsonNode n : r.field("nodes")) {
      if (n.isNull()) {
        continue;
      }
      InventoryItemRef ref = itemRef(n);
      for (String loc : wanted.getOrDefault(ref.inventoryItemId(), Set.of())) {
        Map<String, Integer> q = ref.levels().get(loc);
        if (q != null) {
          out.add(
              new RemoteRecord<>(
                  ExternalId.of(system, ShopifyIds.inventoryLevelId(ref.inventoryItemId(), loc)),
                  position(ref.sku(), loc, q, now),
                  String.valueOf(q.getOrDefault("available", 0)),
                  null));
        }
      }
    }
    return out;
  }

  private InventoryPosition position(String sku, String loc, Map<String, Integer> q, Instant at) {
    InventoryPosition.Builder b = InventoryPosition.builder().sku(sku).location(loc).asOf(at);
    Integer available = q.get("available");
    if (available != null) {
      b.available(BigDecimal.valueOf(available));
    }
    Integer onHand = q.get("on_hand");
    if (onHand != null && onHand >= 0) {
      b.onHand(BigDecimal.valueOf(onHand));
    }
    Integer committed = q.get("committed");
    if (committed != null && committed >= 0) {
      b.reserved(BigDecimal.valueOf(committed));
    }
    return b.build();
  }

  // ------------------------------------------------------------------ absolute writes

  /** One quantity to set: a request resolved to an item and location. */
  private static final class Target {
    final WriteRequest<InventoryPosition> request;
    final String quantityName;
    final int quantity;
    final String location;
    String item;
    Integer current;

    Target(WriteRequest<InventoryPosition> request, String name, int quantity, String location) {
      this.request = request;
      this.quantityName = name;
      this.quantity = quantity;
      this.location = location;
    }
  }

  private List<WriteOutcome> upsert(List<WriteRequest<InventoryPosition>> batch) {
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    batch.forEach(r -> outcomes.put(r.key(), null));
    List<Target> pending = new ArrayList<>();
    for (WriteRequest<InventoryPosition> r : batch) {
      Target t = validate(r, outcomes);
      if (t != null) {
        pending.add(t);
      }
    }
    int replans = 0;
    String salt = "";
    while (!pending.isEmpty()) {
      if (!readCurrent(pending, outcomes)) {
        break;
      }
      List<Target> toSend = new ArrayList<>();
      for (Target t : pending) {
        if (outcomes.get(t.request.key()) != null) {
          continue;
        }
        if (t.current != null && t.current == t.quantity) {
          outcomes.put(t.request.key(), WriteOutcome.unchanged(t.request.key(), id(t), version(t)));
        } else {
          toSend.add(t);
        }
      }
      if (toSend.isEmpty()) {
        break;
      }
      Map<String, List<Target>> byName = new TreeMap<>();
      toSend.forEach(t -> byName.computeIfAbsent(t.quantityName, k -> new ArrayList<>()).add(t));
      List<Target> again = new ArrayList<>();
      boolean stale = false;
      for (Map.Entry<String, List<Target>> e : byName.entrySet()) {
        SetResult res = send(e.getKey(), e.getValue(), salt, outcomes);
        again.addAll(res.resend);
        stale |= res.stale;
      }
      if (again.isEmpty()) {
        break;
      }
      if (stale && ++replans > MAX_REPLANS) {
        for (Target t : again) {
          outcomes.put(
              t.request.key(),
              WriteOutcome.retryable(
                  t.request.key(),
                  "CHANGE_FROM_QUANTITY_STALE",
                  "the level at "
                      + t.location
                      + " kept changing while it was being written ("
                      + MAX_REPLANS
                      + " fresh reads); try again later",
                  null));
        }
        break;
      }
      salt = salt + "+";
      pending = again;
    }
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<InventoryPosition> r : batch) {
      WriteOutcome o = outcomes.get(r.key());
      out.add(
          o != null
              ? o
              : WriteOutcome.retryable(
                  r.key(), "NOT_WRITTEN", "the level was not written; try again", null));
    }
    return out;
  }

  private Target validate(WriteRequest<InventoryPosition> r, Map<String, WriteOutcome> outcomes) {
    InventoryPosition p = r.entity();
    String location;
    try {
      location = location(p.location());
    } catch (ValidationException e) {
      outcomes.put(r.key(), reject(r.key(), "location", p.location(), e.getMessage()));
      return null;
    }
    BigDecimal value = p.available() != null ? p.available() : p.onHand();
    String field = p.available() != null ? "available" : "onHand";
    if (value == null) {
      outcomes.put(
          r.key(),
          reject(r.key(), "available", null, "is required: Shopify sets available or on_hand"));
      return null;
    }
    int quantity;
    try {
      quantity = value.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      outcomes.put(
          r.key(), reject(r.key(), field, value, "must be a whole number: Shopify counts units"));
      return null;
    }
    return new Target(r, p.available() != null ? "available" : "on_hand", quantity, location);
  }

  /** Resolves SKUs to items and reads the current quantities; false when the read failed. */
  private boolean readCurrent(List<Target> targets, Map<String, WriteOutcome> outcomes) {
    Map<String, List<Target>> byLocation = new LinkedHashMap<>();
    targets.forEach(t -> byLocation.computeIfAbsent(t.location, k -> new ArrayList<>()).add(t));
    client.ensureBudgetKnown();
    // One node costs 3 points (item, level, quantities): size pages by what one query may cost.
    int perQuery = Math.max(1, Math.min(MAX_QUANTITIES, (client.maxQueryCost() - 2) / 3));
    for (Map.Entry<String, List<Target>> e : byLocation.entrySet()) {
      List<Target> group = e.getValue();
      for (int i = 0; i < group.size(); i += perQuery) {
        List<Target> chunk = group.subList(i, Math.min(group.size(), i + perQuery));
        List<String> skus = chunk.stream().map(t -> t.request.entity().sku()).distinct().toList();
        Map<String, List<JsonNode>> bySku = new HashMap<>();
        try {
          String after = null;
          do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", skus.size());
            vars.put("after", after);
            vars.put("query", skuQuery(skus));
            vars.put("locationId", e.getKey());
            JsonNode conn =
                client
                    .execute(GraphQlRequest.query(LEVELS_AT_LOCATION, vars))
                    .field("inventoryItems");
            for (JsonNode n : conn.path("nodes")) {
              bySku.computeIfAbsent(n.path("sku").asText(), k -> new ArrayList<>()).add(n);
            }
            // A SKU shared by several items makes a second page.
            after =
                conn.path("pageInfo").path("hasNextPage").asBoolean()
                    ? conn.path("pageInfo").path("endCursor").asText()
                    : null;
          } while (after != null);
        } catch (SyncException ex) {
          if (!ex.isRetryable()) {
            throw ex;
          }
          failAll(chunk, outcomes, ex);
          continue;
        }
        for (Target t : chunk) {
          String sku = t.request.entity().sku();
          List<JsonNode> found = bySku.getOrDefault(sku, List.of());
          if (found.isEmpty()) {
            outcomes.put(
                t.request.key(),
                reject(
                    t.request.key(),
                    "sku",
                    sku,
                    "has no inventory item in Shopify; create the product variant first"));
          } else if (found.size() > 1) {
            outcomes.put(
                t.request.key(),
                reject(
                    t.request.key(),
                    "sku",
                    sku,
                    "belongs to "
                        + found.size()
                        + " inventory items in Shopify; make the SKU unique there"));
          } else {
            JsonNode level = found.get(0).path("inventoryLevel");
            if (!level.isObject()) {
              outcomes.put(
                  t.request.key(),
                  reject(
                      t.request.key(),
                      "location",
                      t.location,
                      "does not stock SKU "
                          + sku
                          + "; activate the inventory item at this location in Shopify first"));
              continue;
            }
            t.item = found.get(0).path("id").asText();
            t.current = quantities(level).getOrDefault(t.quantityName, 0);
          }
        }
      }
    }
    return true;
  }

  private record SetResult(List<Target> resend, boolean stale) {}

  private SetResult send(
      String name, List<Target> targets, String salt, Map<String, WriteOutcome> outcomes) {
    List<Map<String, Object>> quantities = new ArrayList<>();
    StringBuilder change = new StringBuilder("inventorySetQuantities|").append(name).append(salt);
    for (Target t : targets) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("inventoryItemId", t.item);
      q.put("locationId", t.location);
      q.put("quantity", t.quantity);
      q.put("changeFromQuantity", skipCompareQuantity ? null : t.current);
      quantities.add(q);
      change
          .append('|')
          .append(t.item)
          .append('@')
          .append(t.location)
          .append(':')
          .append(t.current)
          .append("->")
          .append(t.quantity)
          .append('#')
          .append(t.request.idempotencyKey() == null ? "" : t.request.idempotencyKey().value());
    }
    if (skipCompareQuantity) {
      LOG.warn(
          "inventorySetQuantities without compare-and-swap (changeFromQuantity: null) for {}"
              + " levels: configured opt-out, concurrent changes will be overwritten",
          targets.size());
    }
    String key =
        UUID.nameUUIDFromBytes(change.toString().getBytes(StandardCharsets.UTF_8)).toString();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", name);
    input.put("reason", reason);
    if (referenceDocumentUri != null) {
      input.put("referenceDocumentUri", referenceDocumentUri);
    }
    input.put("quantities", quantities);
    GraphQlRequest request =
        GraphQlRequest.idempotentMutation(
            String.format(SET_MUTATION, key), Map.of("input", input), key);
    GraphQlResponse r = null;
    for (int attempt = 1; ; attempt++) {
      try {
        r = client.execute(request);
      } catch (SyncException ex) {
        if (!ex.isRetryable()) {
          throw ex;
        }
        failAll(targets, outcomes, ex);
        return new SetResult(List.of(), false);
      }
      List<UserError> errors = r.userErrors("inventorySetQuantities");
      if (errors.stream().anyMatch(e -> "IDEMPOTENCY_CONCURRENT_REQUEST".equals(e.code()))
          && attempt < 4) {
        // The first request with this key is still running: wait and ask again with the same key.
        sleep(Duration.ofSeconds(attempt));
        continue;
      }
      break;
    }
    List<UserError> errors = r.userErrors("inventorySetQuantities");
    if (errors.isEmpty()) {
      Map<String, Integer> after = new HashMap<>();
      for (JsonNode c :
          r.field("inventorySetQuantities").path("inventoryAdjustmentGroup").path("changes")) {
        if (c.path("name").asText().equals(name)) {
          after.put(
              c.path("item").path("id").asText() + "@" + c.path("location").path("id").asText(),
              c.path("quantityAfterChange").asInt());
        }
      }
      for (Target t : targets) {
        Integer q = after.get(t.item + "@" + t.location);
        outcomes.put(
            t.request.key(),
            WriteOutcome.updated(
                t.request.key(), id(t), String.valueOf(q == null ? t.quantity : q)));
      }
      return new SetResult(List.of(), false);
    }
    // The mutation did not apply at all: settle the records the errors name, resend the others.
    boolean stale = false;
    Set<Integer> named = new LinkedHashSet<>();
    for (UserError e : errors) {
      int index = index(e);
      String code = e.code() == null ? "INVALID" : e.code();
      if (code.equals("CHANGE_FROM_QUANTITY_STALE") || code.equals("COMPARE_QUANTITY_STALE")) {
        stale = true;
        continue;
      }
      if (code.equals("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
          || code.equals("IDEMPOTENCY_CONCURRENT_REQUEST")) {
        // A new plan gets a new key.
        stale = true;
        continue;
      }
      if (index >= 0 && index < targets.size()) {
        named.add(index);
        Target t = targets.get(index);
        outcomes.put(
            t.request.key(),
            WriteOutcome.rejected(
                t.request.key(),
                code,
                "Shopify refused the level: " + e.message(),
                List.of(FieldError.of(canonicalField(e), t.quantity, e.message()))));
      } else {
        for (Target t : targets) {
          outcomes.put(
              t.request.key(),
              WriteOutcome.rejected(
                  t.request.key(),
                  code,
                  "Shopify refused the batch: " + e.message(),
                  List.of(FieldError.redacted(e.fieldPath(), e.message()))));
        }
        return new SetResult(List.of(), false);
      }
    }
    List<Target> resend = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (!named.contains(i)) {
        resend.add(targets.get(i));
      }
    }
    return new SetResult(resend, stale);
  }

  // ------------------------------------------------------------------ relative adjustments

  /**
   * Applies relative changes, one mutation each, with {@code changeFromQuantity} and a key kept in
   * the {@link InventoryKeyStore}: a change whose plan was saved (an earlier attempt, before a
   * restart) is resent as planned with the same key, so Shopify answers with the first result
   * instead of applying the delta twice. A stale {@code changeFromQuantity} re-reads the level and
   * re-plans with a new key.
   *
   * @param adjustments the changes
   * @return one outcome per change, keyed by its change id
   * @throws SyncException if the shop refuses the request as a whole (not retryable)
   */
  public List<WriteOutcome> adjust(List<InventoryAdjustment> adjustments) {
    List<WriteOutcome> out = new ArrayList<>();
    for (InventoryAdjustment a : adjustments) {
      out.add(adjustOne(a));
    }
    return out;
  }

  private WriteOutcome adjustOne(InventoryAdjustment a) {
    String id = ShopifyIds.inventoryLevelId(a.inventoryItemId(), a.locationId());
    ExternalId ext = ExternalId.of(system, id);
    for (int plan = 0; plan <= MAX_REPLANS; plan++) {
      InventoryKeyStore.Plan p = keyStore.find(a.changeId()).orElse(null);
      if (p == null) {
        Integer current = currentQuantity(a.inventoryItemId(), a.locationId(), a.name());
        if (current == null) {
          keyStore.remove(a.changeId());
          return WriteOutcome.rejected(
              a.changeId(),
              "NOT_STOCKED",
              "the inventory item is not stocked at " + a.locationId(),
              List.of(FieldError.of("locationId", a.locationId(), "does not stock the item")));
        }
        String key =
            UUID.nameUUIDFromBytes(
                    ("inventoryAdjustQuantities|" + a.changeId() + "|" + current + "|" + plan)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
        p = new InventoryKeyStore.Plan(key, current);
        keyStore.save(a.changeId(), p); // saved before it is sent
      }
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("delta", a.delta());
      change.put("changeFromQuantity", skipCompareQuantity ? null : p.changeFromQuantity());
      change.put("inventoryItemId", a.inventoryItemId());
      change.put("locationId", a.locationId());
      if (a.ledgerDocumentUri() != null) {
        change.put("ledgerDocumentUri", a.ledgerDocumentUri());
      }
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("name", a.name());
      input.put("reason", a.reason());
      if (referenceDocumentUri != null) {
        input.put("referenceDocumentUri", referenceDocumentUri);
      }
      input.put("changes", List.of(change));
      GraphQlResponse r;
      try {
        r =
            client.execute(
                GraphQlRequest.idempotentMutation(
                    String.format(ADJUST_MUTATION, p.idempotencyKey()),
                    Map.of("input", input),
                    p.idempotencyKey()));
      } catch (SyncException ex) {
        if (!ex.isRetryable()) {
          throw ex;
        }
        // The plan stays saved: the next attempt resends it with the same key.
        return WriteOutcome.retryable(a.changeId(), code(ex), ex.getMessage(), retryAfter(ex));
      }
      List<UserError> errors = r.userErrors("inventoryAdjustQuantities");
      if (errors.isEmpty()) {
        keyStore.remove(a.changeId());
        int after = p.changeFromQuantity() + a.delta();
        for (JsonNode c :
            r.field("inventoryAdjustQuantities").path("inventoryAdjustmentGroup").path("changes")) {
          if (c.path("name").asText().equals(a.name())) {
            after = c.path("quantityAfterChange").asInt(after);
          }
        }
        return WriteOutcome.updated(a.changeId(), ext, String.valueOf(after));
      }
      UserError e = errors.get(0);
      String code = e.code() == null ? "INVALID" : e.code();
      if (code.equals("IDEMPOTENCY_CONCURRENT_REQUEST")) {
        sleep(Duration.ofSeconds(1));
        plan--;
        continue;
      }
      if (code.equals("CHANGE_FROM_QUANTITY_STALE")
          || code.equals("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")) {
        keyStore.remove(a.changeId()); // re-read and re-plan with a new key
        continue;
      }
      keyStore.remove(a.changeId());
      return WriteOutcome.rejected(
          a.changeId(),
          code,
          "Shopify refused the adjustment: " + e.message(),
          List.of(FieldError.of(e.fieldPath(), a.delta(), e.message())));
    }
    return WriteOutcome.retryable(
        a.changeId(),
        "CHANGE_FROM_QUANTITY_STALE",
        "the level kept changing while it was being adjusted; try again later",
        null);
  }

  private Integer currentQuantity(String item, String location, String name) {
    GraphQlResponse r =
        client.execute(GraphQlRequest.query(ITEMS_BY_ID, Map.of("ids", List.of(item))));
    for (JsonNode n : r.field("nodes")) {
      InventoryItemRef ref = itemRef(n);
      Map<String, Integer> q = ref.levels().get(location);
      if (q != null) {
        return q.getOrDefault(name, 0);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ helpers

  private static InventoryItemRef itemRef(JsonNode n) {
    List<String> variants = new ArrayList<>();
    for (JsonNode v : n.path("variants").path("nodes")) {
      variants.add(v.path("id").asText());
    }
    Map<String, Map<String, Integer>> levels = new LinkedHashMap<>();
    for (JsonNode l : n.path("inventoryLevels").path("nodes")) {
      levels.put(l.path("location").path("id").asText(), quantities(l));
    }
    return new InventoryItemRef(
        n.path("id").asText(), n.path("sku").asText(null), variants, levels);
  }

  private static Map<String, Integer> quantities(JsonNode level) {
    Map<String, Integer> q = new TreeMap<>();
    for (JsonNode x : level.path("quantities")) {
      q.put(x.path("name").asText(), x.path("quantity").asInt());
    }
    return q;
  }

  static String skuQuery(Collection<String> skus) {
    StringBuilder b = new StringBuilder();
    for (String s : skus) {
      if (b.length() > 0) {
        b.append(" OR ");
      }
      b.append("sku:'").append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }
    return b.toString();
  }

  private String location(String canonical) {
    String mapped = locations.get(canonical);
    return ShopifyIds.toGid("Location", mapped != null ? mapped : canonical);
  }

  private ExternalId id(Target t) {
    return ExternalId.of(system, ShopifyIds.inventoryLevelId(t.item, t.location));
  }

  private static String version(Target t) {
    return String.valueOf(t.current);
  }

  private static int index(UserError e) {
    List<String> f = e.field();
    for (int i = 0; i + 1 < f.size(); i++) {
      if (f.get(i).equals("quantities") || f.get(i).equals("changes")) {
        try {
          return Integer.parseInt(f.get(i + 1));
        } catch (NumberFormatException ex) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static String canonicalField(UserError e) {
    String last = e.field().isEmpty() ? "" : e.field().get(e.field().size() - 1);
    switch (last) {
      case "locationId":
        return "location";
      case "inventoryItemId":
        return "sku";
      default:
        return "available";
    }
  }

  private static WriteOutcome reject(String key, String field, Object value, String message) {
    return WriteOutcome.rejected(
        key,
        "INVALID_" + field.toUpperCase(java.util.Locale.ROOT),
        field + " " + message,
        List.of(FieldError.of(field, value, message)));
  }

  private static void failAll(
      List<Target> targets, Map<String, WriteOutcome> outcomes, SyncException ex) {
    for (Target t : targets) {
      outcomes.put(
          t.request.key(),
          WriteOutcome.retryable(t.request.key(), code(ex), ex.getMessage(), retryAfter(ex)));
    }
  }

  private static String code(SyncException ex) {
    if (ex instanceof dev.retailsync.api.RemoteSystemException r && r.errorCode().isPresent()) {
      return r.errorCode().get();
    }
    return ex instanceof RateLimitException ? "THROTTLED" : "UNAVAILABLE";
  }

  private static Duration retryAfter(SyncException ex) {
    return ex instanceof RateLimitException r ? r.retryAfter().orElse(null) : null;
  }

  private void sleep(Duration d) {
    try {
      client.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException("interrupted", e, dev.retailsync.api.ErrorContext.none(), true);
    }
  }

  @Override
  public String toString() {
    return "ShopifyInventory[" + client + "]";
  }

  /**
   * An inventory item found by SKU: its GID, SKU, the variants that share it, and its quantities
   * per location.
   *
   * @param inventoryItemId the item's GID
   * @param sku the SKU
   * @param variantIds the GIDs of the variants that use the item
   * @param levels location GID to quantity name to quantity
   */
  public record InventoryItemRef(
      String inventoryItemId,
      String sku,
      List<String> variantIds,
      Map<String, Map<String, Integer>> levels) {

    /** Copies the collections. */
    public InventoryItemRef {
      variantIds = List.copyOf(variantIds);
      levels = Map.copyOf(levels);
    }
  }

  /** Builds a {@link ShopifyInventory}. Not thread-safe. */
  public static final class Builder {
    private final ShopifyGraphQlClient client;
    private SystemId system = SystemId.SHOPIFY;
    private final Map<String, String> locations = new LinkedHashMap<>();
    private boolean skipCompareQuantity;
    private String reason = "correction";
    private String referenceDocumentUri;
    private InventoryKeyStore keyStore = InventoryKeyStore.inMemory();

    private Builder(ShopifyGraphQlClient client) {
      this.client = client;
    }

    /**
     * Sets the system id outcomes carry; {@code shopify} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Maps a canonical location code (an ERP warehouse) to a Shopify location. Without a mapping, a
     * position's location must be a Location GID or numeric id.
     *
     * @param canonical the canonical code, such as {@code WH-1}
     * @param shopifyLocation the Location GID or numeric id
     * @return this builder
     */
    public Builder putLocation(String canonical, String shopifyLocation) {
      locations.put(
          Objects.requireNonNull(canonical, "canonical"),
          ShopifyIds.toGid("Location", shopifyLocation));
      return this;
    }

    /**
     * Sends {@code changeFromQuantity: null} (no compare-and-swap) instead of the quantity read.
     * Off by default; when on, every write logs a warning, since concurrent changes by other
     * writers are then overwritten.
     *
     * @param skip whether to skip the check
     * @return this builder
     */
    public Builder skipCompareQuantity(boolean skip) {
      this.skipCompareQuantity = skip;
      return this;
    }

    /**
     * Sets the reason sent with absolute writes; {@code correction} by default.
     *
     * @param reason one of Shopify's reasons, such as {@code correction} or {@code cycle_count}
     * @return this builder
     */
    public Builder reason(String reason) {
      if (reason == null || !reason.matches("[a-z_]+")) {
        throw ValidationException.of(
            "ShopifyInventory", "reason", reason, "must be a Shopify reason such as correction");
      }
      this.reason = reason;
      return this;
    }

    /**
     * Sets the {@code referenceDocumentUri} sent with every write, such as {@code
     * gid://retail-sync/SyncJob/nightly}.
     *
     * @param uri the URI, or {@code null}
     * @return this builder
     */
    public Builder referenceDocumentUri(String uri) {
      this.referenceDocumentUri = uri;
      return this;
    }

    /**
     * Sets where adjustment plans and keys are kept; in memory by default. Pass a durable store to
     * make a restart reuse the keys.
     *
     * @param store the store
     * @return this builder
     */
    public Builder keyStore(InventoryKeyStore store) {
      this.keyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Builds the inventory access.
     *
     * @return the instance
     */
    public ShopifyInventory build() {
      return new ShopifyInventory(this);
    }
  }
}
