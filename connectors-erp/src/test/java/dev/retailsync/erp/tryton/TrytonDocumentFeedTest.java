package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The document feed's paging, overlap and dedupe against a scripted Tryton that answers {@code
 * search_read} over a few shipments by their stamps, as the real server does (shapes from {@code
 * wire/tryton/shipment-out-search-read.json}).
 */
class TrytonDocumentFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

  /** Shipments by id: their write stamps (null: never written) and create stamps. */
  private final Map<Long, Instant[]> stamps = new TreeMap<>();

  private final List<String> methods = new ArrayList<>();

  /** Shipments whose rows carry a state the mapping does not know. */
  private final java.util.Set<Long> broken = new java.util.HashSet<>();

  private final Interceptor tryton =
      chain -> {
        Buffer b = new Buffer();
        chain.request().body().writeTo(b);
        JsonNode req = JSON.readTree(b.readUtf8());
        String method = req.path("method").asText();
        methods.add(method);
        Object result =
            switch (method) {
              case "common.db.login" -> JSON.readTree("[1,\"key\"]");
              case "model.res.user.get_preferences" ->
                  JSON.readTree("{\"company\":1,\"employee\":1,\"language\":\"en\"}");
              case "model.stock.shipment.out.search_read" -> searchRead(req.path("params"));
              case "model.sale.line.search_read" -> JSON.createArrayNode();
              default -> throw new IOException("unexpected " + method);
            };
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", req.path("id").asLong());
        answer.set("result", (JsonNode) result);
        return new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(answer.toString(), MediaType.get("application/json")))
            .build();
      };

  private JsonNode searchRead(JsonNode params) throws IOException {
    JsonNode template =
        TrytonShipmentMappingTest.wire("shipment-out-search-read.json").path("result").get(0);
    boolean created = false;
    Instant since = null;
    List<Long> byId = null;
    for (JsonNode clause : params.get(0)) {
      String field = clause.path(0).asText();
      if (field.equals("id") && clause.path(1).asText().equals("in")) {
        byId = new ArrayList<>();
        for (JsonNode id : clause.path(2)) {
          byId.add(id.asLong());
        }
      } else if (field.equals("write_date") && clause.path(2).isNull()) {
        created = true;
      } else if (field.equals("write_date") || field.equals("create_date")) {
        since = TrytonCodec.datetime(clause.path(2));
      }
    }
    int limit = params.get(2).isNull() ? Integer.MAX_VALUE : params.get(2).asInt();
    final boolean never = created;
    final Instant from = since;
    final List<Long> ids = byId;
    List<Map.Entry<Long, Instant[]>> hits =
        stamps.entrySet().stream()
            .filter(e -> ids == null || ids.contains(e.getKey()))
            .filter(e -> ids != null || (e.getValue()[0] == null) == never)
            .filter(e -> ids != null || !(never ? e.getValue()[1] : e.getValue()[0]).isBefore(from))
            .sorted(
                Comparator.comparing(
                        (Map.Entry<Long, Instant[]> e) -> never ? e.getValue()[1] : e.getValue()[0])
                    .thenComparing(Map.Entry::getKey))
            .limit(limit)
            .toList();
    ArrayNode out = JSON.createArrayNode();
    for (Map.Entry<Long, Instant[]> e : hits) {
      ObjectNode row = template.deepCopy();
      row.put("id", e.getKey());
      row.put("number", "S" + e.getKey());
      row.set("write_date", TrytonCodec.encode(e.getValue()[0]));
      row.set("create_date", TrytonCodec.encode(e.getValue()[1]));
      if (broken.contains(e.getKey())) {
        row.put("state", "exploded");
      }
      out.add(row);
    }
    return out;
  }

  private TrytonDocumentFeed<Shipment> feed() {
    TrytonRpc rpc =
        new TrytonRpc(
            new OkHttpClient.Builder().addInterceptor(tryton).build(),
            HttpUrl.get("http://127.0.0.1:8000/"),
            "retail",
            "admin",
            "secret",
            TenantGate.unshared("feed-test", 2),
            Clock.systemUTC());
    return new TrytonDocumentFeed<>(
        SystemId.of("tryton"),
        rpc,
        EntityType.SHIPMENT,
        "stock.shipment.out",
        "s",
        List.of(List.of("state", "in", List.of("done"))),
        TrytonShipmentMapping.fields("reference"),
        Duration.ofMinutes(1),
        TrytonShipmentMapping.mapper(rpc, "reference"));
  }

  private static List<String> numbers(ChangePage<Shipment> page) {
    return page.changes().stream().map(c -> c.entity().shipmentNumber()).toList();
  }

  @Test
  void pagesOverlapsAndDeliversEachVersionOnce() {
    stamps.put(1L, new Instant[] {T0, T0.minusSeconds(60)});
    stamps.put(2L, new Instant[] {T0, T0.minusSeconds(60)});
    stamps.put(3L, new Instant[] {T0.plusSeconds(1), T0.minusSeconds(60)});
    stamps.put(4L, new Instant[] {null, T0.plusSeconds(2)});
    TrytonDocumentFeed<Shipment> feed = feed();

    ChangePage<Shipment> first = feed.poll(Cursor.beginning(), 2);
    assertEquals(List.of("S1", "S2"), numbers(first));
    assertTrue(first.hasMore());
    ChangePage<Shipment> second = feed.poll(first.next(), 2);
    assertEquals(
        List.of("S3", "S4"), numbers(second), "the overlap re-reads S1 and S2 and drops them");
    assertEquals(ChangeType.UPDATED, second.changes().get(0).type());
    assertEquals(ChangeType.CREATED, second.changes().get(1).type(), "never written since created");
    assertEquals("1Z999AA10123456784", second.changes().get(0).entity().trackingNumber());
    ChangePage<Shipment> quiet = feed.poll(second.next(), 2);
    assertEquals(List.of(), numbers(quiet));
    assertFalse(quiet.hasMore());

    stamps.get(2L)[0] = T0.plusSeconds(5);
    ChangePage<Shipment> changed = feed.poll(quiet.next(), 2);
    assertEquals(List.of("S2"), numbers(changed), "a later write is a new version");
    assertEquals(List.of(), numbers(feed.poll(changed.next(), 2)));
    assertEquals(T0.plusSeconds(5), changed.changes().get(0).sourceTimestamp());
  }

  @Test
  void aShipmentTheMappingCannotReadIsARejectionOfThePageAndTheReaderSaysWhy() {
    stamps.put(1L, new Instant[] {T0, T0.minusSeconds(60)});
    stamps.put(2L, new Instant[] {T0.plusSeconds(1), T0.minusSeconds(60)});
    stamps.put(3L, new Instant[] {T0.plusSeconds(2), T0.minusSeconds(60)});
    broken.add(2L);
    TrytonDocumentFeed<Shipment> feed = feed();

    ChangePage<Shipment> page = feed.poll(Cursor.beginning(), 10);

    assertEquals(List.of("S1", "S3"), numbers(page));
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals(ExternalId.of("tryton", "2"), r.source());
    assertEquals(List.of("state"), r.paths());
    assertEquals(T0.plusSeconds(1), r.sourceTimestamp());
    assertEquals(List.of(), feed.poll(page.next(), 10).rejected(), "rejected once, not per poll");

    RecordReader<Shipment> reader = feed.reader(10, List.of());
    ValidationException e =
        assertThrows(ValidationException.class, () -> reader.read(List.of("2")));
    assertEquals("state", e.errors().get(0).path());
    broken.clear();
    assertEquals("S2", reader.read(List.of("2")).get(0).entity().shipmentNumber());
  }

  @Test
  void aCursorFromElsewhereIsRefusedNamingIt() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> feed().poll(Cursor.of("shopify:updated_at>x"), 5));
    assertEquals("cursor", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("shipment feed"), e.getMessage());
    assertEquals(List.of(), methods, "no call to Tryton");
  }
}
