package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The server of {@link VendureServerExtension}: seeded, authenticated, reset per class. */
@RealVendure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VendureServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();

  static JsonNode post(VendureTestServer s, String header, String value, String query)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(s.adminApiUrl())
            .post(
                RequestBody.create(
                    JSON.writeValueAsString(Map.of("query", query)),
                    MediaType.get("application/json")));
    if (header != null) {
      b.header(header, value);
    }
    try (Response r = HTTP.newCall(b.build()).execute()) {
      return JSON.readTree(r.body().string());
    }
  }

  @Test
  @Order(1)
  void withoutCredentialsAProtectedQueryIsForbidden(VendureTestServer s) throws IOException {
    JsonNode n = post(s, null, null, "{ customers(options: {take: 1}) { totalItems } }");
    assertEquals("FORBIDDEN", n.path("errors").path(0).path("extensions").path("code").asText());
  }

  @Test
  @Order(2)
  void theApiKeyAndTheBearerTokenSeeTheSeed(VendureTestServer s) throws IOException {
    String q =
        "{ customers(options: {take: 1}) { totalItems }"
            + " productVariants(options: {take: 1}) { totalItems }"
            + " stockLocations { totalItems } }";
    for (JsonNode n :
        new JsonNode[] {
          post(s, "vendure-api-key", s.apiKey(), q),
          post(s, "Authorization", "Bearer " + s.bearerToken(), q)
        }) {
      JsonNode d = n.path("data");
      assertEquals(25, d.path("customers").path("totalItems").asInt(), n.toString());
      assertEquals(9, d.path("productVariants").path("totalItems").asInt(), n.toString());
      assertEquals(2, d.path("stockLocations").path("totalItems").asInt(), n.toString());
    }
  }

  @Test
  @Order(3)
  void theExternalIdCustomFieldsExist(VendureTestServer s) throws IOException {
    JsonNode n =
        post(
            s,
            "vendure-api-key",
            s.apiKey(),
            "{ customers(options: {filter: {externalId: {eq: \"nobody\"}}}) { totalItems }"
                + " orders(options: {filter: {externalId: {eq: \"nobody\"}}}) { totalItems }"
                + " productVariants(options: {filter: {externalId: {eq: \"nobody\"}}})"
                + " { totalItems } }");
    assertTrue(n.path("errors").isMissingNode(), n.toString());
    assertEquals(0, n.path("data").path("customers").path("totalItems").asInt());
  }

  @Test
  @Order(99)
  void aWriteIsVisibleInItsOwnClass(VendureTestServer s) throws IOException {
    JsonNode n =
        post(
            s,
            "vendure-api-key",
            s.apiKey(),
            "mutation { createCustomer(input: {firstName: \"Ada\", lastName: \"King\","
                + " emailAddress: \"ada.reset@example.com\"}) { __typename"
                + " ... on ErrorResult { errorCode message } } }");
    assertEquals("Customer", n.path("data").path("createCustomer").path("__typename").asText());
    JsonNode c = post(s, "vendure-api-key", s.apiKey(), "{ customers { totalItems } }");
    assertEquals(26, c.path("data").path("customers").path("totalItems").asInt());
  }

  /** Runs after the enclosing class wrote a customer: the restored seed no longer has it. */
  @Nested
  class AfterRestore {
    @Test
    void theNextClassStartsFromThePristineSeed(VendureTestServer s) throws IOException {
      JsonNode c =
          post(
              s,
              "vendure-api-key",
              s.apiKey(),
              "{ customers(options: {filter: {emailAddress: {eq: \"ada.reset@example.com\"}}})"
                  + " { totalItems } all: customers { totalItems } }");
      assertEquals(0, c.path("data").path("customers").path("totalItems").asInt(), c.toString());
      assertEquals(25, c.path("data").path("all").path("totalItems").asInt(), c.toString());
    }

    @Test
    void theTestShopListsTheSeededSkusWithStock(VendureTestServer s) {
      assertEquals(
          java.util.List.of(
              "COFFEE-1KG",
              "SHOE-42",
              "SHOE-43",
              "TSHIRT-L-BLK",
              "TSHIRT-M-BLK",
              "TSHIRT-M-WHT",
              "TSHIRT-S-BLK"),
          VendureTestShop.of(s).skus());
    }
  }
}
