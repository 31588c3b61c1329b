package dev.retailsync.examples.o2c;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.erp.tryton.TrytonTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sets up master data in the Tryton test database as an administrator would before connecting a
 * shop: countries the shop's customers live in. Plain JSON-RPC as the admin, for test set-up only.
 */
final class TrytonMasterData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private TrytonMasterData() {}

  /**
   * Creates a country unless Tryton has one with this code.
   *
   * @return whether it was created
   */
  static boolean ensureCountry(TrytonTestServer server, String code, String name)
      throws IOException {
    OkHttpClient http = new OkHttpClient();
    String db = server.baseUrl() + server.database() + "/";
    ArrayNode login = JSON.createArrayNode();
    login.add(server.login());
    login.addObject().put("password", server.password());
    login.add("en");
    JsonNode session = call(http, db, "common.db.login", login, null);
    String header =
        "Session "
            + Base64.getEncoder()
                .encodeToString(
                    (server.login() + ":" + session.get(0).asLong() + ":" + session.get(1).asText())
                        .getBytes(StandardCharsets.UTF_8));
    try {
      ArrayNode search = JSON.createArrayNode();
      search.addArray().addArray().add("code").add("=").add(code);
      search.addObject();
      if (call(http, db, "model.country.country.search", search, header).size() > 0) {
        return false;
      }
      ArrayNode create = JSON.createArrayNode();
      create.addArray().addObject().put("code", code).put("name", name);
      create.addObject();
      call(http, db, "model.country.country.create", create, header);
      return true;
    } finally {
      call(http, db, "common.db.logout", JSON.createArrayNode(), header);
    }
  }

  private static JsonNode call(
      OkHttpClient http, String url, String method, ArrayNode params, String session)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("id", 1).put("method", method);
    body.set("params", params);
    Request.Builder r =
        new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE));
    if (session != null) {
      r.header("Authorization", session);
    }
    try (Response response = http.newCall(r.build()).execute()) {
      JsonNode answer = JSON.readTree(response.body().string());
      if (answer.has("error") && !answer.get("error").isNull()) {
        throw new IllegalStateException(method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    }
  }
}
