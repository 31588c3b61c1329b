package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The order feed's cursor logic on scripted answers: changes that leave {@code updatedAt} alone are
 * seen through the history, in the same second too; paging by {@code maxChanges}; no repeats.
 */
class VendureOrderFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Scan rows by id: state, updatedAt, orderPlacedAt, newest history id and time, count. */
  private final Map<String, String[]> orders = new TreeMap<>();

  /** Orders whose full read has no currency code, which the mapping cannot do without. */
  private final java.util.Set<String> noCurrency = new java.util.HashSet<>();

  private ChangeFeed<Order> feed() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Buffer b = new Buffer();
                  chain.request().body().writeTo(b);
                  JsonNode req = JSON.readTree(b.readUtf8());
                  String body =
                      req.path("query").asText().contains("OrderScan")
                          ? scan().toString()
                          : full(req.path("variables").path("options").path("filter"));
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(ResponseBody.create(body, MediaType.get("application/json")))
                      .build();
                })
            .build();
    return VendureConnector.builder()
        .adminApiUrl("http://127.0.0.1:1/admin-api")
        .apiKey("k:s")
        .http(http)
        .clock(Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC))
        .build()
        .changeFeed(EntityType.ORDER)
        .orElseThrow();
  }

  private ObjectNode scan() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode list = root.putObject("data").putObject("orders");
    list.put("totalItems", orders.size());
    ArrayNode items = list.putArray("items");
    orders.forEach(
        (id, r) -> {
          ObjectNode o = items.addObject();
          o.put("id", id).put("code", "CODE" + id).put("state", r[0]);
          o.put("updatedAt", r[1]).put("orderPlacedAt", r[2]);
          ObjectNode h = o.putObject("history");
          h.put("totalItems", Integer.parseInt(r[5]));
          h.putArray("items").addObject().put("id", r[3]).put("createdAt", r[4]);
        });
    return root;
  }

  private String full(JsonNode filter) {
    try {
      JsonNode template = VendureOrderMappingTest.orderA44();
      ObjectNode root = JSON.createObjectNode();
      ArrayNode items = root.putObject("data").putObject("orders").putArray("items");
      for (JsonNode id : filter.path("id").path("in")) {
        String[] r = orders.get(id.asText());
        ObjectNode o = template.deepCopy();
        o.put("id", id.asText()).put("code", "CODE" + id.asText()).put("state", r[0]);
        if (noCurrency.contains(id.asText())) {
          o.putNull("currencyCode");
        }
        items.add(o);
      }
      return root.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(String id, String state, String historyId, String historyAt, int count) {
    orders.put(
        id,
        new String[] {
          state,
          "2026-11-25T17:00:00.000Z",
          "2026-11-25T17:00:01.500Z",
          historyId,
          historyAt,
          Integer.toString(count)
        });
  }

  private static List<String> codes(ChangePage<Order> p) {
    return p.changes().stream().map(c -> c.entity().orderNumber()).toList();
  }

  @Test
  void historyEntriesInTheSameSecondAreSeenAndNothingIsRepeated() {
    put("1", "PaymentSettled", "10", "2026-11-25T17:00:02.000Z", 5);
    put("2", "PaymentSettled", "12", "2026-11-25T17:00:02.000Z", 5);
    put("3", "ArrangingPayment", "13", "2026-11-25T17:00:03.000Z", 3);
    ChangeFeed<Order> feed = feed();

    ChangePage<Order> p1 = feed.poll(Cursor.beginning(), 1);
    assertEquals(List.of("CODE1"), codes(p1));
    assertTrue(p1.hasMore());
    ChangePage<Order> p2 = feed.poll(p1.next(), 1);
    assertEquals(List.of("CODE2"), codes(p2), "same second, not lost");
    assertFalse(p2.hasMore(), "order 3 is not in a feed state");
    assertEquals(List.of(), codes(feed.poll(p2.next(), 10)));

    // a fulfilment in the same second: updatedAt and the time stay, the history moves
    put("1", "PartiallyShipped", "14", "2026-11-25T17:00:02.000Z", 7);
    ChangePage<Order> p3 = feed().poll(Cursor.of(p2.next().value()), 10);
    assertEquals(List.of("CODE1"), codes(p3));
    assertEquals("PartiallyShipped", p3.changes().get(0).entity().extensions().get("vendureState"));
    assertEquals(List.of(), codes(feed.poll(p3.next(), 10)));

    // order 3 is paid a second later
    put("3", "PaymentSettled", "15", "2026-11-25T17:00:04.000Z", 5);
    assertEquals(List.of("CODE3"), codes(feed.poll(p3.next(), 10)));
  }

  @Test
  void anOrderTheMappingCannotReadIsARejectionOfThePageAndTheFeedGoesOn() {
    put("1", "PaymentSettled", "10", "2026-11-25T17:00:02.000Z", 5);
    put("2", "PaymentSettled", "12", "2026-11-25T17:00:03.000Z", 5);
    put("3", "PaymentSettled", "13", "2026-11-25T17:00:04.000Z", 5);
    noCurrency.add("2");
    ChangeFeed<Order> feed = feed();

    ChangePage<Order> page = feed.poll(Cursor.beginning(), 10);

    assertEquals(List.of("CODE1", "CODE3"), codes(page));
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals("CODE2", r.source().id(), "the id the order reader reads by: the code");
    assertEquals(List.of("currencyCode"), r.paths());
    assertEquals(Instant.parse("2026-11-25T17:00:03.000Z"), r.sourceTimestamp());
    assertEquals(List.of(), feed.poll(page.next(), 10).rejected(), "rejected once, not per poll");
  }

  @Test
  void aForeignCursorIsRefusedNamingTheCursor() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> feed().poll(Cursor.of("2026-11-25T17:00:00Z;1=abc"), 10));
    assertEquals("cursor", e.errors().get(0).path());
  }
}
