package dev.retailsync.erp.netsuite.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The fake refuses what NetSuite refuses, so connector bugs show up in unit tests. */
class FakeNetSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond();
  private final FakeNetSuite fake =
      new FakeNetSuite(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
  private final OkHttpClient http = fake.client();

  private String token() throws IOException {
    // Without expectClient the fake checks the assertion's shape, not its signer.
    String header = b64("{\"typ\":\"JWT\",\"alg\":\"PS256\",\"kid\":\"k\"}");
    String claims =
        b64(
            "{\"iss\":\"c\",\"scope\":\"rest_webservices\",\"aud\":\""
                + FakeNetSuite.TOKEN_URL
                + "\",\"iat\":"
                + NOW
                + ",\"exp\":"
                + (NOW + 300)
                + "}");
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(FakeNetSuite.TOKEN_URL)
                    .post(
                        new FormBody.Builder()
                            .add("grant_type", "client_credentials")
                            .add(
                                "client_assertion_type",
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                            .add("client_assertion", header + "." + claims + ".sig")
                            .build())
                    .build())
            .execute()) {
      JsonNode n = JSON.readTree(r.body().string());
      assertEquals("3600", n.path("expires_in").asText());
      return n.path("access_token").asText();
    }
  }

  private static String b64(String s) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Response query(String token, String q, String query, boolean transientHeader)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(FakeNetSuite.BASE_URL + "/services/rest/query/v1/suiteql" + query)
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create("{\"q\":\"" + q + "\"}", MediaType.get("application/json")));
    if (transientHeader) {
      b.header("Prefer", "transient");
    }
    return http.newCall(b.build()).execute();
  }

  @Test
  void suiteQlNeedsPreferTransientAStableOrderAndStaysUnderTheCaps() throws IOException {
    for (int i = 0; i < 3; i++) {
      fake.put("customer", Map.of("externalId", "C" + i, "companyName", "C" + i));
    }
    String token = token();
    try (Response r = query(token, "SELECT id FROM customer ORDER BY id ASC", "?limit=2", false)) {
      assertEquals(400, r.code());
    }
    try (Response r = query(token, "SELECT id FROM customer ORDER BY id", "?limit=2", true)) {
      assertEquals(400, r.code(), "ORDER BY without ASC is unstable in NetSuite");
    }
    try (Response r =
        query(token, "SELECT id FROM customer ORDER BY id ASC", "?limit=1001", true)) {
      assertEquals(400, r.code(), "a page holds at most 1,000 rows");
    }
    try (Response r =
        query(token, "SELECT id FROM customer ORDER BY id ASC", "?limit=10&offset=100000", true)) {
      assertEquals(400, r.code(), "a query returns at most 100,000 rows");
    }
    try (Response r =
        query(
            token,
            "SELECT id, companyname FROM customer WHERE id > 100 ORDER BY id ASC",
            "?limit=1",
            true)) {
      JsonNode page = JSON.readTree(r.body().string());
      assertEquals(200, r.code());
      assertTrue(page.path("hasMore").asBoolean());
      assertEquals(2, page.path("totalResults").asInt());
      assertEquals("101", page.path("items").path(0).path("id").asText());
      assertEquals("C1", page.path("items").path(0).path("companyname").asText());
    }
  }

  @Test
  void apiCallsWithoutAValidTokenGetInvalidLogin() throws IOException {
    try (Response r =
        http.newCall(
                new Request.Builder()
                    .url(FakeNetSuite.BASE_URL + "/services/rest/record/v1/customer/1")
                    .header("Authorization", "Bearer nope")
                    .build())
            .execute()) {
      assertEquals(401, r.code());
      assertEquals(
          "INVALID_LOGIN",
          JSON.readTree(r.body().string())
              .path("o:errorDetails")
              .path(0)
              .path("o:errorCode")
              .asText());
    }
  }
}
