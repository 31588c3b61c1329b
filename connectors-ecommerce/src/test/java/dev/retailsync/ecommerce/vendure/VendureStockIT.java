package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Variant stock per stock location against the real Vendure server. */
@RealVendure
class VendureStockIT {
  private VendureTestServer server;
  private VendureConnector vendure;

  @BeforeEach
  void connect(VendureTestServer s) {
    server = s;
    vendure =
        VendureConnector.builder()
            .adminApiUrl(s.adminApiUrl())
            .apiKey(s.apiKey())
            .stockLocationCode("WH-EAST", "2")
            .build();
  }

  private static InventoryPosition position(String sku, String location, String onHand) {
    return InventoryPosition.builder()
        .sku(sku)
        .location(location)
        .onHand(new BigDecimal(onHand))
        .asOf(Instant.parse("2026-11-25T12:00:00Z"))
        .build();
  }

  private List<WriteOutcome> write(InventoryPosition... ps) {
    List<WriteRequest<InventoryPosition>> reqs = new ArrayList<>();
    for (InventoryPosition p : ps) {
      reqs.add(WriteRequest.of(p.sku() + "@" + p.location() + "=" + p.onHand(), p));
    }
    return vendure.writer(EntityType.INVENTORY_POSITION).orElseThrow().upsert(reqs);
  }

  private List<RemoteRecord<InventoryPosition>> read(String... ids) {
    return vendure.reader(EntityType.INVENTORY_POSITION).orElseThrow().read(List.of(ids));
  }

  private static List<Change<InventoryPosition>> drain(
      ChangeFeed<InventoryPosition> feed, Cursor[] cursor) {
    List<Change<InventoryPosition>> all = new ArrayList<>();
    ChangePage<InventoryPosition> page;
    do {
      page = feed.poll(cursor[0], 5);
      all.addAll(page.changes());
      cursor[0] = page.next();
    } while (page.hasMore());
    return all;
  }

  @Test
  void stockIsReadWrittenPerLocationAndRejectedNamingTheField() {
    RemoteRecord<InventoryPosition> seeded = read("TSHIRT-S-BLK@1", "TSHIRT-S-BLK@WH-EAST").get(0);
    assertEquals(1, read("TSHIRT-S-BLK@1", "TSHIRT-S-BLK@WH-EAST", "NOPE@1").size());
    assertEquals(0, BigDecimal.valueOf(25).compareTo(seeded.entity().onHand()));
    assertEquals(0, BigDecimal.ZERO.compareTo(seeded.entity().reserved()));
    assertEquals("25/0", seeded.version());

    List<WriteOutcome> out =
        write(
            position("TSHIRT-S-BLK", "WH-EAST", "7"),
            position("TSHIRT-S-BLK", "1", "30"),
            position("TSHIRT-L-BLK", "1", "15"),
            position("NO-SUCH-SKU", "1", "1"),
            position("TSHIRT-S-BLK", "WH-WEST", "1"),
            position("TSHIRT-S-BLK", "1", "1.5"));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.get(0).toString());
    assertEquals("TSHIRT-S-BLK@WH-EAST", out.get(0).externalId().id());
    assertEquals(WriteOutcome.Status.UPDATED, out.get(1).status(), out.get(1).toString());
    assertEquals(WriteOutcome.Status.UNCHANGED, out.get(2).status(), out.get(2).toString());
    assertEquals("sku", out.get(3).errors().get(0).path().toString());
    assertEquals("location", out.get(4).errors().get(0).path().toString());
    assertEquals("onHand", out.get(5).errors().get(0).path().toString());

    List<RemoteRecord<InventoryPosition>> both = read("TSHIRT-S-BLK@1", "TSHIRT-S-BLK@WH-EAST");
    assertEquals(0, BigDecimal.valueOf(30).compareTo(both.get(0).entity().onHand()));
    assertEquals(0, BigDecimal.valueOf(7).compareTo(both.get(1).entity().onHand()));
    assertEquals("WH-EAST", both.get(1).entity().location());
    // a location's name works as well on writes
    assertEquals(
        WriteOutcome.Status.UNCHANGED,
        write(position("TSHIRT-S-BLK", "Warehouse East", "7")).get(0).status());
  }

  @Test
  void theFeedSeesOrderDrivenStockMovementsThatLeaveTheVariantUpdatedAtAlone() {
    ChangeFeed<InventoryPosition> feed =
        vendure.changeFeed(EntityType.INVENTORY_POSITION).orElseThrow();
    Cursor[] cursor = {Cursor.beginning()};
    List<Change<InventoryPosition>> initial = drain(feed, cursor);
    assertTrue(
        initial.stream().anyMatch(c -> c.source().id().equals("TSHIRT-M-BLK@1")),
        initial.toString());
    assertTrue(drain(feed, cursor).isEmpty(), "nothing moved: nothing repeated");

    String variantUpdatedAt = variantUpdatedAt("TSHIRT-M-BLK");
    VendureTestShop.of(server).placeOrder("stock.feed@example.com", Map.of("TSHIRT-M-BLK", 4));
    assertEquals(variantUpdatedAt, variantUpdatedAt("TSHIRT-M-BLK"), "§9.2: not moved");

    // after a restart, from the stored cursor string
    VendureConnector restarted =
        VendureConnector.builder()
            .adminApiUrl(server.adminApiUrl())
            .apiKey(server.apiKey())
            .build();
    Cursor[] stored = {Cursor.of(cursor[0].value())};
    List<Change<InventoryPosition>> moved =
        drain(restarted.changeFeed(EntityType.INVENTORY_POSITION).orElseThrow(), stored);
    assertEquals(List.of("TSHIRT-M-BLK@1"), moved.stream().map(c -> c.source().id()).toList());
    InventoryPosition p = moved.get(0).entity();
    assertEquals(0, BigDecimal.valueOf(40).compareTo(p.onHand()));
    assertEquals(0, BigDecimal.valueOf(4).compareTo(p.reserved()));
    assertEquals(0, BigDecimal.valueOf(36).compareTo(p.available()));
    assertTrue(
        drain(restarted.changeFeed(EntityType.INVENTORY_POSITION).orElseThrow(), stored).isEmpty());

    // our own write is a change too
    write(position("COFFEE-1KG", "1", "90"));
    List<Change<InventoryPosition>> written = drain(feed, stored);
    assertEquals(List.of("COFFEE-1KG@1"), written.stream().map(c -> c.source().id()).toList());
  }

  private String variantUpdatedAt(String sku) {
    return VendureTestShop.of(server)
        .admin(
            "query V($o: ProductVariantListOptions) { productVariants(options: $o) { items {"
                + " updatedAt } } }",
            Map.of("o", Map.of("filter", Map.of("sku", Map.of("eq", sku)))))
        .path("productVariants")
        .path("items")
        .path(0)
        .path("updatedAt")
        .asText();
  }
}
