package dev.retailsync.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.core.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry-After parsing, JWT signing, bearer re-authentication and redacted logs. */
class HttpPlumbingTest {
  private final FakeClock clock = FakeClock.at(Instant.parse("2026-11-25T10:00:00Z"));

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7                             | PT7S",
        "0                             | PT0S",
        "1.5                           | PT1.5S",
        "0.25                          | PT0.25S",
        "Wed, 25 Nov 2026 10:00:30 GMT | PT30S",
        "Wed, 25 Nov 2026 09:59:00 GMT | PT0S",
        "soon                          | ",
        "-3                            | ",
      })
  void retryAfterAcceptsSecondsFractionsAndDates(String header, String expected) {
    assertEquals(
        expected == null ? Optional.empty() : Optional.of(Duration.parse(expected)),
        RetryAfter.parse(header, clock));
  }

  @Test
  void jwtIsSignedWithRs256AndVerifiesWithThePublicKey() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "3MVG9");
    claims.put("sub", "integration@acme.com");
    claims.put("aud", "https://login.salesforce.com");
    claims.put("exp", 1_800_000_000L);
    String jwt = Jwt.rs256(keys.getPrivate(), "cert-1", claims);
    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length);
    JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertEquals("RS256", header.get("alg").asText());
    assertEquals("cert-1", header.get("kid").asText());
    JsonNode body = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("integration@acme.com", body.get("sub").asText());
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(keys.getPublic());
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verify.verify(Base64.getUrlDecoder().decode(parts[2])));
  }

  /** A token provider handing out t1, t2, ... and counting invalidations. */
  private static final class CountingTokens implements TokenProvider {
    final AtomicInteger issued = new AtomicInteger();
    volatile OAuthToken current;

    @Override
    public synchronized OAuthToken token() {
      if (current == null) {
        current =
            new OAuthToken(
                "t" + issued.incrementAndGet(), "Bearer", Instant.EPOCH, null, null, Map.of());
      }
      return current;
    }

    @Override
    public synchronized void invalidate(OAuthToken rejected) {
      if (current == rejected) {
        current = null;
      }
    }
  }

  private static OkHttpClient api(CountingTokens tokens, List<String> seen, String validToken) {
    return new OkHttpClient.Builder()
        .addInterceptor(new BearerAuthInterceptor(tokens))
        .addInterceptor(
            chain -> {
              Request r = chain.request();
              String auth = r.header("Authorization");
              seen.add(auth);
              boolean ok = ("Bearer " + validToken).equals(auth);
              return new Response.Builder()
                  .request(r)
                  .protocol(Protocol.HTTP_1_1)
                  .code(ok ? 200 : 401)
                  .message(ok ? "OK" : "Unauthorized")
                  .body(
                      ResponseBody.create(
                          ok
                              ? "{}"
                              : "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
                          MediaType.get("application/json")))
                  .build();
            })
        .build();
  }

  @Test
  void anExpiredSessionIsReplayedOnceWithAFreshToken() throws Exception {
    CountingTokens tokens = new CountingTokens();
    tokens.token(); // t1, which the server no longer accepts
    List<String> seen = new ArrayList<>();
    try (Response r =
        api(tokens, seen, "t2")
            .newCall(new Request.Builder().url("https://acme.my.salesforce.com/x").build())
            .execute()) {
      assertEquals(200, r.code());
    }
    assertEquals(List.of("Bearer t1", "Bearer t2"), seen);
  }

  @Test
  void aSecondUnauthorizedIsReturnedNeverLooped() throws Exception {
    CountingTokens tokens = new CountingTokens();
    List<String> seen = new ArrayList<>();
    try (Response r =
        api(tokens, seen, "never")
            .newCall(new Request.Builder().url("https://acme.my.salesforce.com/x").build())
            .execute()) {
      assertEquals(401, r.code());
    }
    assertEquals(2, seen.size());
    assertEquals(2, tokens.issued.get());
  }

  @Test
  void logsShowNoQueryValues() {
    String s =
        SafeLoggingInterceptor.redact(
            HttpUrl.get(
                "https://acme.my.salesforce.com/services/data/v66.0/query?q=SELECT+Email+FROM+Contact"
                    + "+WHERE+Email='jane.doe@example.com'"));
    assertEquals("https://acme.my.salesforce.com/services/data/v66.0/query?q=<redacted>", s);
    assertFalse(s.contains("jane"));
  }

  @Test
  void tokensNeverAppearInToString() {
    OAuthToken t =
        new OAuthToken("00D!secret", "Bearer", Instant.EPOCH, null, "refresh-secret", Map.of());
    assertFalse(t.toString().contains("secret"), t.toString());
    assertFalse(RefreshTokenStore.inMemory("refresh-secret").toString().contains("secret"));
    assertFalse(OAuthGrant.clientCredentials("id", "top", null).toString().contains("top"));
  }
}
