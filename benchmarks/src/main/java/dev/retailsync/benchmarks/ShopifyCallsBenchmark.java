package dev.retailsync.benchmarks;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.GraphQlRequest;
import dev.retailsync.ecommerce.shopify.GraphQlResponse;
import dev.retailsync.ecommerce.shopify.ShopifyConnector;
import dev.retailsync.ecommerce.shopify.ShopifyGraphQlClient;
import dev.retailsync.ecommerce.shopify.ShopifyTokens;
import dev.retailsync.ecommerce.shopify.Sleeper;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * {@code benchmarks/run shopify-calls [RECORDS]}: Admin GraphQL calls and cost points (as the
 * in-process fake shop counts them: requested cost charged up front, unused points refunded, a
 * 2,000-point bucket restoring 100 points a second) to sync inventory levels and customers (default
 * 10,000 each), through the connector beside a naive client that sends one mutation per record
 * (after the one read 2026-04 inventory writes need for {@code changeFromQuantity}), same records,
 * same run. {@code simulated_s} is the time both spend waiting for the bucket on a fake clock.
 */
final class ShopifyCallsBenchmark {
  private static final int LOCATIONS = 2;

  private ShopifyCallsBenchmark() {}

  static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Results results = new Results("shopify-calls");
    inventory(n, results);
    customers(n, results);
    results.publish();
  }

  private static void inventory(int n, Results results) {
    String what = "set " + n + " inventory levels (" + LOCATIONS + " locations)";
    // ours
    Shop ours = new Shop();
    List<WriteRequest<InventoryPosition>> requests = ours.seedInventory(n);
    ShopifyConnector c = ours.connector();
    RecordWriter<InventoryPosition> writer = c.writer(EntityType.INVENTORY_POSITION).orElseThrow();
    for (int i = 0; i < requests.size(); i += writer.maxBatchSize()) {
      check(
          writer.upsert(requests.subList(i, Math.min(requests.size(), i + writer.maxBatchSize()))));
    }
    results.add(
        ours.row(what, "retail-sync ShopifyInventory (read 250 levels, set 250 per mutation)", n));
    // naive
    Shop naive = new Shop();
    List<WriteRequest<InventoryPosition>> same = naive.seedInventory(n);
    ShopifyGraphQlClient client = naive.connector().client();
    for (WriteRequest<InventoryPosition> r : same) {
      InventoryPosition p = r.entity();
      String location = naive.locations.get(p.location());
      GraphQlResponse read =
          client.execute(
              GraphQlRequest.query(
                  "query($q: String!, $loc: ID!) { inventoryItems(first: 1, query: $q) { nodes {"
                      + " id inventoryLevel(locationId: $loc) { quantities(names: [\"available\"])"
                      + " { name quantity } } } } }",
                  Map.of("q", "sku:'" + p.sku() + "'", "loc", location)));
      var item = read.field("inventoryItems").path("nodes").get(0);
      int current = item.path("inventoryLevel").path("quantities").get(0).path("quantity").asInt();
      String key = UUID.randomUUID().toString();
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("inventoryItemId", item.path("id").asText());
      q.put("locationId", location);
      q.put("quantity", p.available().intValueExact());
      q.put("changeFromQuantity", current);
      GraphQlResponse w =
          client.execute(
              GraphQlRequest.idempotentMutation(
                  "mutation($input: InventorySetQuantitiesInput!) {"
                      + " inventorySetQuantities(input: $input) @idempotent(key: \""
                      + key
                      + "\") { userErrors { code field message } } }",
                  Map.of(
                      "input",
                      Map.of(
                          "name", "available", "reason", "correction", "quantities", List.of(q))),
                  key));
      if (!w.userErrors("inventorySetQuantities").isEmpty()) {
        throw new IllegalStateException(
            "naive write refused: " + w.userErrors("inventorySetQuantities"));
      }
    }
    results.add(naive.row(what, "naive: one read + one inventorySetQuantities per level", n));
  }

  private static void customers(int n, Results results) {
    String what = "upsert " + n + " new customers (name, e-mail, 1 address)";
    List<Party> parties = parties(n);
    Shop ours = new Shop();
    RecordWriter<Party> writer = ours.connector().writer(EntityType.PARTY).orElseThrow();
    for (int i = 0; i < n; i += writer.maxBatchSize()) {
      List<WriteRequest<Party>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("c" + j, parties.get(j)));
      }
      check(writer.upsert(batch));
    }
    results.add(
        ours.row(what, "retail-sync ShopifyCustomers (read to merge, 50 customerSet per call)", n));

    Shop naive = new Shop();
    ShopifyGraphQlClient client = naive.connector().client();
    for (Party p : parties) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("firstName", p.name().given());
      input.put("lastName", p.name().family());
      input.put("email", p.contactPoints().get(0).value());
      PostalAddress a = p.addresses().get(0).address();
      input.put(
          "addresses",
          List.of(
              Map.of(
                  "address1", a.lines().get(0),
                  "city", a.locality(),
                  "zip", a.postalCode(),
                  "countryCode", a.country())));
      GraphQlResponse r =
          client.execute(
              GraphQlRequest.repeatableMutation(
                  "mutation($i: CustomerSetInput!, $k: CustomerSetIdentifiers) {"
                      + " customerSet(input: $i, identifier: $k) { customer { id }"
                      + " userErrors { code field message } } }",
                  Map.of("i", input, "k", Map.of("email", input.get("email")))));
      if (!r.userErrors("customerSet").isEmpty()) {
        throw new IllegalStateException("naive customerSet refused");
      }
    }
    results.add(naive.row(what, "naive: one customerSet per customer (addresses replaced)", n));
  }

  private static List<Party> parties(int n) {
    Random random = new Random(42);
    String[] given = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"};
    String[] family = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen"};
    List<Party> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Party.builder()
              .kind(PartyKind.PERSON)
              .name(
                  new PersonName(
                      null,
                      given[random.nextInt(given.length)],
                      null,
                      family[random.nextInt(family.length)],
                      null))
              .contactPoints(
                  new ContactPoint(
                      ContactPointType.EMAIL,
                      "customer" + i + "@example.com",
                      null,
                      true,
                      null,
                      null,
                      null))
              .addresses(
                  new PartyAddress(
                      AddressUse.SHIPPING,
                      new PostalAddress(
                          List.of(random.nextInt(200) + " High Street"),
                          "London",
                          null,
                          "E" + random.nextInt(20) + " 1AA",
                          "GB"),
                      true))
              .build());
    }
    return out;
  }

  private static void check(List<WriteOutcome> outcomes) {
    for (WriteOutcome o : outcomes) {
      if (!o.isSuccess()) {
        throw new IllegalStateException("write failed: " + o);
      }
    }
  }

  /** One fake shop with its own fake clock. */
  private static final class Shop {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final FakeShopify fake = new FakeShopify(clock);
    final Map<String, String> locations = new LinkedHashMap<>();

    Shop() {
      fake.acceptToken("shpat_bench");
      fake.costBucket(2000, 100);
    }

    List<WriteRequest<InventoryPosition>> seedInventory(int n) {
      for (int l = 0; l < LOCATIONS; l++) {
        locations.put("WH-" + l, fake.addLocation("Warehouse " + l));
      }
      int skus = n / LOCATIONS;
      List<WriteRequest<InventoryPosition>> out = new ArrayList<>();
      for (int i = 0; i < skus; i++) {
        String sku = "SKU-" + i;
        String item = fake.inventoryItemOf(fake.addProduct("Product " + i, sku).get(0));
        for (Map.Entry<String, String> loc : locations.entrySet()) {
          fake.setQuantity(item, loc.getValue(), "available", i % 17);
          out.add(
              WriteRequest.of(
                  sku + "@" + loc.getKey(),
                  InventoryPosition.builder()
                      .sku(sku)
                      .location(loc.getKey())
                      .available(BigDecimal.valueOf(100 + i % 13))
                      .asOf(clock.instant())
                      .build()));
        }
      }
      return out;
    }

    ShopifyConnector connector() {
      ShopifyConnector.Builder b =
          ShopifyConnector.builder()
              .http(fake.client())
              .baseUrl(FakeShopify.BASE_URL)
              .tokens(ShopifyTokens.staticToken("shpat_bench", clock))
              .clock(clock)
              .sleeper(clock)
              .random(new Random(1));
      locations.forEach(b::putLocation);
      return b.build();
    }

    Map<String, Object> row(String what, String engine, int records) {
      Map<String, Object> row = new LinkedHashMap<>();
      long calls = fake.requests().size();
      row.put("case", what);
      row.put("engine", engine);
      row.put("calls", calls);
      row.put("points", fake.pointsCharged());
      row.put("points_requested", fake.pointsRequested());
      row.put("throttled", fake.throttledCount());
      row.put("simulated_s", clock.slept.toSeconds());
      row.put("records_per_call", calls == 0 ? 0.0 : (double) records / calls);
      return row;
    }
  }

  /** A clock the sleeper moves, so pacing costs no real time. */
  private static final class MutableClock extends Clock implements Sleeper {
    private Instant now;
    private Duration slept = Duration.ZERO;

    MutableClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized void sleep(Duration d) {
      now = now.plus(d);
      slept = slept.plus(d);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
