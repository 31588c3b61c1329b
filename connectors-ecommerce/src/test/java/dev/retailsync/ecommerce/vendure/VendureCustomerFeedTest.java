package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * The customer feed on scripted answers in the shape the real server gives ({@code customers} list
 * items as in {@link VendureCustomerMappingTest}): a customer the mapping cannot read is a
 * rejection of the page, and the feed goes on.
 */
class VendureCustomerFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ObjectNode> customers = new ArrayList<>();

  private ChangeFeed<Party> feed() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  ObjectNode root = JSON.createObjectNode();
                  ObjectNode list = root.putObject("data").putObject("customers");
                  list.put("totalItems", customers.size());
                  ArrayNode items = list.putArray("items");
                  customers.forEach(c -> items.add(c.deepCopy()));
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(ResponseBody.create(root.toString(), MediaType.get("application/json")))
                      .build();
                })
            .build();
    return VendureConnector.builder()
        .adminApiUrl("http://127.0.0.1:1/admin-api")
        .apiKey("k:s")
        .http(http)
        .clock(Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC))
        .build()
        .changeFeed(EntityType.PARTY)
        .orElseThrow();
  }

  private void customer(String id, String first, String last, String email, String updatedAt) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id).put("updatedAt", updatedAt).put("firstName", first).put("lastName", last);
    c.put("emailAddress", email);
    c.putArray("addresses");
    customers.add(c);
  }

  @Test
  void aCustomerWithoutANameIsARejectionOfThePageAndTheFeedGoesOn() {
    customer("26", "Ada", "King", "ada@example.com", "2026-11-25T17:53:09.000Z");
    customer("27", null, null, "nobody@example.com", "2026-11-25T17:54:00.000Z");
    customer("28", "Alan", "Turing", "alan@example.com", "2026-11-25T17:55:00.000Z");
    ChangeFeed<Party> feed = feed();

    ChangePage<Party> page = feed.poll(Cursor.beginning(), 10);

    assertEquals(List.of("26", "28"), page.changes().stream().map(c -> c.source().id()).toList());
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals("27", r.source().id());
    assertEquals(List.of("firstName"), r.paths());
    assertEquals(Instant.parse("2026-11-25T17:54:00Z"), r.sourceTimestamp());
    assertFalse(r.toString().contains("nobody"), r.toString());
    assertEquals(List.of(), feed.poll(page.next(), 10).rejected(), "rejected once, not per poll");
  }
}
