package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Product variant stock per stock location as canonical {@link InventoryPosition}s: the reader, the
 * writer (absolute {@code stockOnHand} per location through {@code updateProductVariants}) and the
 * change feed (a full scan; see {@link Feed}).
 *
 * <p>A position is one {@code stockLevels[]} entry of a variant: {@code sku} the variant's SKU,
 * {@code location} the stock location's code (the configured code for its id, else the Vendure
 * stock location id), {@code onHand} = {@code stockOnHand}, {@code reserved} = {@code
 * stockAllocated} (allocated to placed, unfulfilled orders), {@code available} = on hand minus
 * allocated, {@code asOf} the level's {@code updatedAt}. Extensions: {@code vendureVariantId}.
 * Record ids are {@code <sku>@<location>}; versions are {@code <onHand>/<allocated>}.
 *
 * <p>Writes set {@code onHand} only (Vendure records the difference as an {@code ADJUSTMENT}
 * movement; allocations belong to Vendure's orders, so {@code reserved} and {@code available} in
 * the request are not written). There is no compare-and-swap in Vendure: the {@code
 * expectedVersion} check reads first, so a concurrent order between the read and the write is not
 * detected. Thread-safe.
 */
final class VendureStock {
  static final String VARIANT_FIELDS =
      "id sku updatedAt trackInventory"
          + " stockLevels { id stockLocationId stockOnHand stockAllocated updatedAt }";
  private static final String VARIANTS =
      "query Variants($options: ProductVariantListOptions) { productVariants(options: $options) {"
          + " totalItems items { "
          + VARIANT_FIELDS
          + " } } }";
  private static final String LOCATIONS =
      "query Locations($options: StockLocationListOptions) { stockLocations(options: $options) {"
          + " totalItems items { id name } } }";
  private static final String SET_STOCK =
      "mutation SetStock($input: [UpdateProductVariantInput!]!) { updateProductVariants(input:"
          + " $input) { "
          + VARIANT_FIELDS
          + " } }";

  private final VendureGraphQl client;
  private final SystemId system;
  private final Map<String, String> codeById;
  private final Map<String, String> idByCode;
  private final Clock clock;

  VendureStock(VendureGraphQl client, SystemId system, Map<String, String> codeById, Clock clock) {
    this.client = client;
    this.system = system;
    this.codeById = Map.copyOf(codeById);
    Map<String, String> back = new HashMap<>();
    codeById.forEach((id, code) -> back.put(code, id));
    this.idByCode = Map.copyOf(back);
    this.clock = clock;
  }

  String code(String locationId) {
    return codeById.getOrDefault(locationId, locationId);
  }

  /** The stock positions of one variant node. */
  List<RemoteRecord<InventoryPosition>> positions(JsonNode v) {
    List<RemoteRecord<InventoryPosition>> out = new ArrayList<>();
    String sku = VendureCustomerMapping.text(v, "sku");
    if (sku == null) {
      return out;
    }
    for (JsonNode l : v.path("stockLevels")) {
      out.add(position(v, sku, l));
    }
    return out;
  }

  private RemoteRecord<InventoryPosition> position(JsonNode v, String sku, JsonNode l) {
    long onHand = l.path("stockOnHand").asLong();
    long allocated = l.path("stockAllocated").asLong();
    Instant asOf = VendureOrderMapping.instant(l, "updatedAt");
    String location = code(l.path("stockLocationId").asText());
    InventoryPosition p =
        InventoryPosition.builder()
            .sku(sku)
            .location(location)
            .onHand(BigDecimal.valueOf(Math.max(0, onHand)))
            .reserved(BigDecimal.valueOf(Math.max(0, allocated)))
            .available(BigDecimal.valueOf(onHand - allocated))
            .asOf(asOf != null ? asOf : clock.instant())
            .putExtension("vendureVariantId", v.path("id").asText())
            .build();
    return new RemoteRecord<>(
        ExternalId.of(system, sku + "@" + location), p, onHand + "/" + allocated, asOf);
  }

  private Map<String, JsonNode> variantsBySku(List<String> skus) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    List<String> distinct = List.copyOf(new LinkedHashSet<>(skus));
    for (int i = 0; i < distinct.size(); i += VendureConnector.MAX_PAGE) {
      List<String> part =
          distinct.subList(i, Math.min(distinct.size(), i + VendureConnector.MAX_PAGE));
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("take", part.size());
      options.put("filter", Map.of("sku", Map.of("in", part)));
      for (JsonNode v :
          client
              .execute("productVariants by sku", VARIANTS, Map.of("options", options))
              .path("productVariants")
              .path("items")) {
        out.putIfAbsent(v.path("sku").asText(), v);
      }
    }
    return out;
  }

  /** Reads positions by {@code <sku>@<location>}; unknown ones are left out. */
  List<RemoteRecord<InventoryPosition>> read(List<String> ids) {
    List<String> skus = new ArrayList<>();
    for (String id : ids) {
      int at = id.lastIndexOf('@');
      if (at > 0) {
        skus.add(id.substring(0, at));
      }
    }
    if (skus.isEmpty()) {
      return List.of();
    }
    Map<String, RemoteRecord<InventoryPosition>> found = new HashMap<>();
    for (JsonNode v : variantsBySku(skus).values()) {
      for (RemoteRecord<InventoryPosition> r : positions(v)) {
        found.put(r.id().id(), r);
      }
    }
    List<RemoteRecord<InventoryPosition>> out = new ArrayList<>();
    for (String id : ids) {
      if (found.containsKey(id)) {
        out.add(found.get(id));
      }
    }
    return out;
  }

  /** Stock location ids by id, and by name. */
  private Map<String, String> locations() {
    Map<String, String> out = new HashMap<>();
    JsonNode items =
        client
            .execute("stockLocations", LOCATIONS, Map.of("options", Map.of("take", 1000)))
            .path("stockLocations")
            .path("items");
    for (JsonNode l : items) {
      out.put(l.path("id").asText(), l.path("id").asText());
      out.putIfAbsent(l.path("name").asText(), l.path("id").asText());
    }
    return out;
  }

  List<WriteOutcome> write(List<WriteRequest<InventoryPosition>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    try {
      Map<String, String> locations = locations();
      Map<String, JsonNode> variants =
          variantsBySku(batch.stream().map(r -> r.entity().sku()).toList());
      for (WriteRequest<InventoryPosition> r : batch) {
        try {
          out.add(writeOne(r, locations, variants));
        } catch (RemoteSystemException e) {
          if (e.isRetryable()) {
            throw e;
          }
          // a GraphQL error for this record's mutation: this record only
          out.add(
              WriteOutcome.rejected(
                  r.key(), e.errorCode().orElse("REMOTE_ERROR"), e.getMessage(), List.of()));
        }
      }
    } catch (AuthenticationException e) {
      throw e;
    } catch (RemoteSystemException e) {
      String code = e.errorCode().orElse("REMOTE_ERROR");
      for (int i = out.size(); i < batch.size(); i++) {
        String key = batch.get(i).key();
        out.add(
            e.isRetryable()
                ? WriteOutcome.retryable(key, code, e.getMessage(), null)
                : WriteOutcome.rejected(key, code, e.getMessage(), List.of()));
      }
    }
    return out;
  }

  private WriteOutcome writeOne(
      WriteRequest<InventoryPosition> r,
      Map<String, String> locations,
      Map<String, JsonNode> variants) {
    InventoryPosition p = r.entity();
    String key = r.key();
    if (p.onHand() == null) {
      return reject(key, "onHand", null, "is required: Vendure stock is set as stockOnHand");
    }
    long onHand;
    try {
      onHand = p.onHand().longValueExact();
    } catch (ArithmeticException e) {
      return reject(key, "onHand", p.onHand(), "must be a whole number for Vendure stock");
    }
    if (onHand > Integer.MAX_VALUE) {
      return reject(key, "onHand", p.onHand(), "is larger than Vendure's Int");
    }
    JsonNode v = variants.get(p.sku());
    if (v == null) {
      return reject(key, "sku", p.sku(), "no Vendure product variant has this SKU");
    }
    String locationId = idByCode.getOrDefault(p.location(), p.location());
    locationId = locations.get(locationId);
    if (locationId == null) {
      return reject(
          key, "location", p.location(), "is neither a Vendure stock location id, name nor code");
    }
    JsonNode level = null;
    for (JsonNode l : v.path("stockLevels")) {
      if (l.path("stockLocationId").asText().equals(locationId)) {
        level = l;
      }
    }
    String location = code(locationId);
    ExternalId id = ExternalId.of(system, p.sku() + "@" + location);
    String before =
        level == null
            ? null
            : level.path("stockOnHand").asLong() + "/" + level.path("stockAllocated").asLong();
    if (r.expectedVersion() != null && !r.expectedVersion().equals(before)) {
      return WriteOutcome.rejected(
          key,
          "VERSION_CONFLICT",
          "stock of " + id.id() + " is " + before + ", expected " + r.expectedVersion(),
          List.of());
    }
    if (level != null && level.path("stockOnHand").asLong() == onHand) {
      return WriteOutcome.unchanged(key, id, before);
    }
    JsonNode after =
        client
            .execute(
                "updateProductVariants (stock)",
                SET_STOCK,
                Map.of(
                    "input",
                    List.of(
                        Map.of(
                            "id",
                            v.path("id").asText(),
                            "stockLevels",
                            List.of(
                                Map.of("stockLocationId", locationId, "stockOnHand", onHand))))))
            .path("updateProductVariants")
            .path(0);
    String version = null;
    for (JsonNode l : after.path("stockLevels")) {
      if (l.path("stockLocationId").asText().equals(locationId)) {
        version = l.path("stockOnHand").asLong() + "/" + l.path("stockAllocated").asLong();
      }
    }
    if (version == null) {
      return WriteOutcome.retryable(
          key, "UNCONFIRMED", "Vendure's answer has no stock level at " + location, null);
    }
    return level == null
        ? WriteOutcome.created(key, id, version)
        : WriteOutcome.updated(key, id, version);
  }

  private static WriteOutcome reject(String key, String field, Object value, String message) {
    return WriteOutcome.rejected(
        key, "INVALID_INPUT", field + " " + message, List.of(FieldError.of(field, value, message)));
  }

  /**
   * The stock change feed: a full scan of every variant's stock levels per poll.
   *
   * <p>Why a scan: order-driven stock movements (allocation on payment, sale on fulfilment, release
   * on cancellation) do not advance {@code ProductVariant.updatedAt}, only {@code
   * StockLevel.updatedAt}, and variants cannot be filtered by their levels' timestamps; reading the
   * {@code stockMovements} ledger would take one request per variant.
   *
   * <p>Each poll reads all variants (pages of {@code take}, sorted by id); a position is delivered
   * when its level's {@code updatedAt} is after the cursor's time, or lies within {@code overlap}
   * before it and its {@code onHand/allocated} differs from what the cursor recorded. The cursor
   * (opaque) holds that time and the versions delivered within the overlap. Guarantees: every stock
   * change after a cursor's state is delivered by a later poll (at least once); positions come in
   * order of their level's {@code updatedAt}; a position whose level is deleted is not reported.
   * Cost: {@code ceil(variants / take)} requests per poll.
   */
  final class Feed implements ChangeFeed<InventoryPosition> {
    private final int take;
    private final Duration overlap;

    Feed(int take, Duration overlap) {
      this.take = take;
      this.overlap = overlap;
    }

    private record Seen(RemoteRecord<InventoryPosition> record, Instant modified) {}

    @Override
    public ChangePage<InventoryPosition> poll(Cursor cursor, int maxChanges) {
      if (maxChanges < 1) {
        throw ValidationException.of("VendureStock.Feed", "maxChanges", maxChanges, "must be 1+");
      }
      Instant t = Instant.EPOCH;
      Map<String, String> delivered = new TreeMap<>();
      if (!cursor.isBeginning()) {
        try {
          String[] parts = cursor.value().split(";", -1);
          if (!parts[0].startsWith("s1@")) {
            throw new IllegalArgumentException("not a stock cursor");
          }
          t = Instant.parse(parts[0].substring(3));
          for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
              int eq = parts[i].lastIndexOf('=');
              delivered.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
          }
        } catch (RuntimeException e) {
          throw ValidationException.of(
              "VendureStock.Feed",
              "cursor",
              cursor.value(),
              "is not a cursor this feed returned; start from Cursor.beginning()");
        }
      }
      Instant windowStart = t.minus(overlap);
      List<Seen> all = new ArrayList<>();
      for (int skip = 0; ; skip += take) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("skip", skip);
        options.put("take", take);
        options.put("sort", Map.of("id", "ASC"));
        JsonNode page =
            client
                .execute("productVariants (stock feed)", VARIANTS, Map.of("options", options))
                .path("productVariants");
        for (JsonNode v : page.path("items")) {
          for (RemoteRecord<InventoryPosition> r : positions(v)) {
            all.add(new Seen(r, r.lastModified() == null ? Instant.EPOCH : r.lastModified()));
          }
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
        if (newer
            || (inWindow && !s.record().version().equals(delivered.get(s.record().id().id())))) {
          candidates.add(s);
        }
      }
      candidates.sort(
          Comparator.comparing(Seen::modified).thenComparing(s -> s.record().id().id()));
      List<Seen> taken = candidates.subList(0, Math.min(maxChanges, candidates.size()));
      Instant next = t;
      for (Seen s : taken) {
        if (s.modified().isAfter(next)) {
          next = s.modified();
        }
      }
      Set<String> notTaken = new HashSet<>();
      for (Seen s : candidates.subList(taken.size(), candidates.size())) {
        notTaken.add(s.record().id().id());
      }
      Instant nextWindow = next.minus(overlap);
      StringBuilder out = new StringBuilder("s1@").append(next);
      for (Seen s : all) {
        String id = s.record().id().id();
        if (!s.modified().isBefore(nextWindow)
            && !s.modified().isAfter(next)
            && !notTaken.contains(id)
            && id.indexOf(';') < 0) {
          out.append(';').append(id).append('=').append(s.record().version());
        }
      }
      List<Change<InventoryPosition>> changes = new ArrayList<>();
      for (Seen s : taken) {
        changes.add(
            new Change<>(
                EntityType.INVENTORY_POSITION,
                ChangeType.UPSERTED,
                s.record().id(),
                s.record().entity(),
                null,
                s.modified(),
                s.record().version(),
                CorrelationId.of(UUID.randomUUID()),
                null,
                null));
      }
      return new ChangePage<>(changes, Cursor.of(out.toString()), candidates.size() > taken.size());
    }
  }
}
