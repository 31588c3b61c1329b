package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.erp.TenantGate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * Finding an order's customer by e-mail: the contact-mechanism search Tryton answers (shape from
 * {@code wire/tryton/contact-mechanism-by-email.json}) and the exact comparison made after it.
 */
class TrytonOrderCustomerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> requests = new ArrayList<>();

  private TrytonRpc answering(String contactMechanisms) {
    Interceptor tryton =
        chain -> {
          Buffer b = new Buffer();
          chain.request().body().writeTo(b);
          JsonNode req = JSON.readTree(b.readUtf8());
          requests.add(req);
          String result =
              switch (req.path("method").asText()) {
                case "common.db.login" -> "[1,\"key\"]";
                case "model.res.user.get_preferences" -> "{\"company\":1}";
                default -> contactMechanisms;
              };
          ObjectNode answer = JSON.createObjectNode();
          answer.put("id", req.path("id").asLong());
          answer.set("result", JSON.readTree(result));
          return new Response.Builder()
              .request(chain.request())
              .protocol(Protocol.HTTP_1_1)
              .code(200)
              .message("OK")
              .body(ResponseBody.create(answer.toString(), MediaType.get("application/json")))
              .build();
        };
    return new TrytonRpc(
        new OkHttpClient.Builder().addInterceptor(tryton).build(),
        HttpUrl.get("http://127.0.0.1:8000/"),
        "retail",
        "admin",
        "secret",
        TenantGate.unshared("customer-test", 1),
        Clock.systemUTC());
  }

  @Test
  void theServersCaseInsensitiveMatchIsFound() throws Exception {
    String wire =
        TrytonShipmentMappingTest.wire("contact-mechanism-by-email.json").path("result").toString();
    assertEquals(
        List.of(5L), TrytonOperations.partiesByEmail(answering(wire), " wire@example.com "));
    JsonNode search = requests.get(requests.size() - 1);
    assertEquals("model.party.contact_mechanism.search_read", search.path("method").asText());
    assertEquals(
        "[[\"type\",\"=\",\"email\"],[\"value\",\"ilike\",\"wire@example.com\"]]",
        search.path("params").get(0).toString(),
        "an e-mail contact mechanism, compared ignoring case by Tryton");
  }

  @Test
  void wildcardMatchesOfIlikeAreDroppedAndEachPartyCountsOnce() {
    String rows =
        "[{\"value\":\"a_b@example.com\",\"party\":5,\"id\":1},"
            + "{\"value\":\"axb@example.com\",\"party\":6,\"id\":2},"
            + "{\"value\":\"A_B@Example.com \",\"party\":5,\"id\":3},"
            + "{\"value\":\"a_b@example.com\",\"party\":7,\"id\":4}]";
    assertEquals(
        List.of(5L, 7L), TrytonOperations.partiesByEmail(answering(rows), "a_b@example.com"));
  }
}
