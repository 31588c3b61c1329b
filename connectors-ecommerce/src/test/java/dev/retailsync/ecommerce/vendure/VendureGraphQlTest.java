package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.RemoteSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** The three error channels of the Admin API, with bodies recorded from Vendure 3.7.3. */
class VendureGraphQlTest {
  private final List<Request> seen = new ArrayList<>();

  private VendureGraphQl answering(int status, String body) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request());
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(status)
                      .message("x")
                      .body(ResponseBody.create(body, MediaType.get("application/json")))
                      .build();
                })
            .build();
    return new VendureGraphQl(http, HttpUrl.get("http://127.0.0.1:1/admin-api"), "k:secret", null);
  }

  @Test
  void http400ValidationFailureIsANonRetryableRemoteError() {
    VendureGraphQl c =
        answering(
            400,
            "{\"errors\":[{\"message\":\"Cannot query field \\\"shoeSize\\\" on type"
                + " \\\"Customer\\\".\",\"extensions\":{\"http\":{\"status\":400,\"headers\":{}},"
                + "\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}");
    RemoteSystemException e =
        assertThrows(RemoteSystemException.class, () -> c.execute("q", "{x}", Map.of()));
    assertEquals("GRAPHQL_VALIDATION_FAILED", e.errorCode().orElseThrow());
    assertEquals(400, e.httpStatus());
    assertFalse(e.isRetryable());
    assertEquals("k:secret", seen.get(0).header("vendure-api-key"));
  }

  @Test
  void malformedJson400WithANonGraphQlBodyKeepsItsMessage() {
    VendureGraphQl c =
        answering(
            400,
            "{\"statusCode\":400,\"message\":\"Unexpected end of JSON input\",\"path\":\"/admin-api\"}");
    RemoteSystemException e =
        assertThrows(RemoteSystemException.class, () -> c.execute("q", "{x}", Map.of()));
    assertTrue(e.getMessage().contains("Unexpected end of JSON input"), e.getMessage());
  }

  @Test
  void graphQlErrorsIn200AreTypedForbiddenAndCodeless() {
    VendureGraphQl forbidden =
        answering(
            200,
            "{\"errors\":[{\"message\":\"You are not currently authorized to perform this"
                + " action\",\"path\":[\"customers\"],\"extensions\":{\"code\":\"FORBIDDEN\"}}],"
                + "\"data\":null}");
    assertThrows(AuthenticationException.class, () -> forbidden.execute("q", "{x}", Map.of()));
    VendureGraphQl db =
        answering(
            200,
            "{\"errors\":[{\"message\":\"NOT NULL constraint failed: refund.shipping\","
                + "\"path\":[\"refundOrder\"]}],\"data\":null}");
    RemoteSystemException e =
        assertThrows(RemoteSystemException.class, () -> db.execute("q", "{x}", Map.of()));
    assertEquals("INTERNAL_ERROR", e.errorCode().orElseThrow());
    assertTrue(e.getMessage().contains("refund.shipping"));
  }

  @Test
  void serverErrorsAreRetryable() {
    RemoteSystemException e =
        assertThrows(
            RemoteSystemException.class,
            () -> answering(503, "busy").execute("q", "{x}", Map.of()));
    assertTrue(e.isRetryable());
  }

  @Test
  void errorResultUnionsAndEmptyObjectsAreErrors() throws Exception {
    var err =
        VendureGraphQl.errorResult(
            VendureGraphQl.JSON.readTree(
                "{\"__typename\":\"EmailAddressConflictError\",\"errorCode\":"
                    + "\"EMAIL_ADDRESS_CONFLICT_ERROR\",\"message\":\"The email address is not"
                    + " available.\"}"));
    assertEquals("EMAIL_ADDRESS_CONFLICT_ERROR", err.errorCode());
    assertEquals(
        "UNKNOWN_RESULT",
        VendureGraphQl.errorResult(VendureGraphQl.JSON.readTree("{}")).errorCode());
    assertNull(
        VendureGraphQl.errorResult(
            VendureGraphQl.JSON.readTree("{\"__typename\":\"Customer\",\"id\":\"26\"}")));
  }
}
