package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * The party feed against a scripted Tryton that answers with the recorded {@code party-read.json}
 * row: a party the mapping cannot read is a rejection of the page, not a log line.
 */
class TrytonPartyFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Party rows by id, in the shape of {@code wire/tryton/party-read.json}. */
  private final Map<Long, ObjectNode> parties = new TreeMap<>();

  private final Interceptor tryton =
      chain -> {
        Buffer b = new Buffer();
        chain.request().body().writeTo(b);
        JsonNode req = JSON.readTree(b.readUtf8());
        String method = req.path("method").asText();
        Object result =
            switch (method) {
              case "common.db.login" -> JSON.readTree("[1,\"key\"]");
              case "model.res.user.get_preferences" ->
                  JSON.readTree("{\"company\":1,\"employee\":1,\"language\":\"en\"}");
              case "model.company.company.read" ->
                  JSON.readTree("[{\"id\":1,\"currency.\":{\"id\":1,\"code\":\"EUR\"}}]");
              case "model.party.party.search_read" -> parties(req.path("params"));
              case "model.party.address.search_read", "model.party.contact_mechanism.search_read" ->
                  JSON.createArrayNode();
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

  /** The feed's scan (never written: by create_date) or a read by id. */
  private JsonNode parties(JsonNode params) {
    JsonNode domain = params.get(0);
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode clause : domain) {
      if (clause.path(0).asText().equals("id") && clause.path(1).asText().equals("in")) {
        for (JsonNode id : clause.path(2)) {
          ObjectNode row = parties.get(id.asLong());
          if (row != null) {
            out.add(row.deepCopy());
          }
        }
        return out;
      }
      if (clause.path(0).asText().equals("write_date") && !clause.path(2).isNull()) {
        return out; // every scripted party is new: nothing was written since created
      }
    }
    for (ObjectNode row : parties.values()) {
      out.add(
          JSON.createObjectNode()
              .put("id", row.get("id").asLong())
              .set("create_date", row.get("create_date")));
    }
    return out;
  }

  private TrytonParties parties() {
    TrytonRpc rpc =
        new TrytonRpc(
            new OkHttpClient.Builder().addInterceptor(tryton).build(),
            HttpUrl.get("http://127.0.0.1:8000/"),
            "retail",
            "admin",
            "secret",
            TenantGate.unshared("party-feed-test", 2),
            Clock.systemUTC());
    return new TrytonParties(
        SystemId.of("tryton"),
        rpc,
        TrytonAccountMapping.defaults(),
        new InMemoryIdempotencyStore(Clock.systemUTC()),
        Clock.systemUTC(),
        Duration.ofMinutes(1),
        50);
  }

  private void seed() throws IOException {
    ObjectNode good =
        (ObjectNode) TrytonShipmentMappingTest.wire("party-read.json").path("result").get(0);
    parties.put(5L, good);
    ObjectNode nameless = good.deepCopy();
    nameless.put("id", 6).put("code", "6").putNull("name");
    parties.put(6L, nameless);
  }

  @Test
  void aPartyWithoutANameIsARejectionOfThePageAndTheReaderSaysWhy() throws IOException {
    seed();
    TrytonParties p = parties();

    ChangePage<Account> page = p.feed().poll(Cursor.beginning(), 10);

    assertEquals(List.of("5"), page.changes().stream().map(c -> c.source().id()).toList());
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals(ExternalId.of("tryton", "6"), r.source());
    assertEquals(List.of("name"), r.paths());
    assertTrue(r.sourceVersion().startsWith("p6:"), r.sourceVersion());
    assertFalse(r.toString().contains("Acme"), r.toString());
    assertEquals(
        List.of(), p.feed().poll(page.next(), 10).rejected(), "rejected once, not per poll");

    MappingException e = assertThrows(MappingException.class, () -> p.reader().read(List.of("6")));
    assertEquals(List.of("name"), FeedRejection.of(r.source(), e).paths());
    parties.get(6L).put("name", "Named Now GmbH");
    assertEquals(
        new ArrayList<>(List.of("6")),
        new ArrayList<>(p.reader().read(List.of("6")).stream().map(x -> x.id().id()).toList()));
  }
}
