package dev.retailsync.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Token fetching, caching, expiry, typed errors and single-flight refresh with rotation. */
class OAuthTokenProviderTest {
  private static final HttpUrl ENDPOINT =
      HttpUrl.get("https://acme.my.salesforce.com/services/oauth2/token");
  private final FakeClock clock = FakeClock.at(Instant.parse("2026-11-25T10:00:00Z"));

  private OAuthTokenProvider provider(FakeTokenEndpoint fake, OAuthGrant grant) {
    return OAuthTokenProvider.builder(fake.client(), ENDPOINT, grant).clock(clock).build();
  }

  @Test
  void clientCredentialsSendsTheFormAndKeepsTheResponsesFields() {
    FakeTokenEndpoint fake =
        new FakeTokenEndpoint(
            f ->
                FakeTokenEndpoint.Answer.ok(
                    "{\"access_token\":\"00D!AR8\",\"instance_url\":\"https://acme.my.salesforce.com\","
                        + "\"id\":\"https://login.salesforce.com/id/00D/005\",\"token_type\":\"Bearer\","
                        + "\"issued_at\":\"1717000000000\",\"scope\":\"api\"}"));
    OAuthTokenProvider p = provider(fake, OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null));
    OAuthToken t = p.token();
    assertEquals("00D!AR8", t.accessToken());
    assertEquals("https://acme.my.salesforce.com", t.attribute("instance_url").orElseThrow());
    assertTrue(t.expiresAt().isEmpty(), "Salesforce gives no expiry");
    assertEquals(
        Map.of("grant_type", "client_credentials", "client_id", "3MVG9", "client_secret", "s3cr3t"),
        fake.forms.get(0));
    assertSame(t, p.token(), "cached");
    assertEquals(1, fake.requests.size());
    assertFalse(t.toString().contains("00D!AR8"));
  }

  @Test
  void aTokenWithAnExpiryIsRefreshedAMarginBeforeIt() {
    AtomicInteger n = new AtomicInteger();
    FakeTokenEndpoint fake =
        new FakeTokenEndpoint(
            f ->
                FakeTokenEndpoint.Answer.ok(
                    "{\"access_token\":\"t" + n.incrementAndGet() + "\",\"expires_in\":3600}"));
    OAuthTokenProvider p = provider(fake, OAuthGrant.clientCredentials("id", "secret", "scope-x"));
    assertEquals("t1", p.token().accessToken());
    clock.advance(Duration.ofSeconds(3539));
    assertEquals("t1", p.token().accessToken());
    clock.advance(Duration.ofSeconds(2));
    assertEquals("t2", p.token().accessToken());
    assertEquals("scope-x", fake.forms.get(0).get("scope"));
  }

  @Test
  void aRefusedGrantIsAnAuthenticationErrorThatShowsNoSecret() {
    FakeTokenEndpoint fake =
        new FakeTokenEndpoint(
            f ->
                new FakeTokenEndpoint.Answer(
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"audience is invalid\"}",
                    null));
    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> provider(fake, OAuthGrant.clientCredentials("id", "top-s3cr3t", null)).token());
    assertTrue(e.getMessage().contains("invalid_grant: audience is invalid"), e.getMessage());
    assertTrue(e.getMessage().contains("acme.my.salesforce.com"), e.getMessage());
    assertFalse(e.getMessage().contains("top-s3cr3t"), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void throttlingAndServerErrorsAreRetryableWithTheEndpointsHint() {
    FakeTokenEndpoint throttled =
        new FakeTokenEndpoint(f -> new FakeTokenEndpoint.Answer(429, "{}", "7"));
    RateLimitException r =
        assertThrows(
            RateLimitException.class,
            () -> provider(throttled, OAuthGrant.clientCredentials("id", "s", null)).token());
    assertEquals(Duration.ofSeconds(7), r.retryAfter().orElseThrow());
    assertTrue(r.isRetryable());

    FakeTokenEndpoint down =
        new FakeTokenEndpoint(f -> new FakeTokenEndpoint.Answer(503, "<html>", null));
    RemoteSystemException s =
        assertThrows(
            RemoteSystemException.class,
            () -> provider(down, OAuthGrant.clientCredentials("id", "s", null)).token());
    assertTrue(s.isRetryable());
    assertEquals(503, s.httpStatus());
  }

  /** A token endpoint with refresh-token rotation: reusing a rotated token revokes the grant. */
  private static final class RotatingEndpoint {
    final Set<String> rotated = ConcurrentHashMap.newKeySet();
    volatile String valid = "r0";
    volatile boolean revoked;
    final AtomicInteger refreshes = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    synchronized FakeTokenEndpoint.Answer answer(Map<String, String> form) {
      String presented = form.get("refresh_token");
      if (revoked || rotated.contains(presented)) {
        revoked = true;
        return new FakeTokenEndpoint.Answer(
            400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked\"}", null);
      }
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int n = refreshes.incrementAndGet();
      rotated.add(presented);
      valid = "r" + n;
      return FakeTokenEndpoint.Answer.ok(
          "{\"access_token\":\"a" + n + "\",\"refresh_token\":\"" + valid + "\"}");
    }
  }

  @Test
  void eightConcurrentCallersCauseOneRefreshAndTheRotatedTokenIsSavedFirst() throws Exception {
    RotatingEndpoint endpoint = new RotatingEndpoint();
    FakeTokenEndpoint fake = new FakeTokenEndpoint(endpoint::answer);
    RefreshTokenStore store = RefreshTokenStore.inMemory("r0");
    OAuthTokenProvider p = provider(fake, OAuthGrant.refreshToken("client", null, store));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<OAuthToken>> results = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(8);
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  synchronized (threads) {
                    threads.add(Thread.currentThread());
                  }
                  started.countDown();
                  return p.token();
                }));
      }
      started.await(10, TimeUnit.SECONDS);
      // Hold the one refresh open until every other caller is parked behind it (no sleeps).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && parked(threads) < 7) {
        Thread.onSpinWait();
      }
      endpoint.release.countDown();
      for (Future<OAuthToken> f : results) {
        assertEquals("a1", f.get(10, TimeUnit.SECONDS).accessToken());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, endpoint.refreshes.get());
    assertEquals("r1", store.load(), "the rotated refresh token was saved");
    assertFalse(endpoint.revoked);

    // After a 401 the next refresh presents the rotated token, never the old one.
    p.invalidate(p.token());
    assertEquals("a2", p.token().accessToken());
    assertEquals("r2", store.load());
    assertFalse(endpoint.revoked);
  }

  private static int parked(List<Thread> threads) {
    synchronized (threads) {
      int n = 0;
      for (Thread t : threads) {
        Thread.State s = t.getState();
        if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
          n++;
        }
      }
      return n;
    }
  }

  @Test
  void invalidatingAnOldTokenDoesNotDropANewerOne() {
    AtomicInteger n = new AtomicInteger();
    FakeTokenEndpoint fake =
        new FakeTokenEndpoint(
            f ->
                FakeTokenEndpoint.Answer.ok("{\"access_token\":\"t" + n.incrementAndGet() + "\"}"));
    OAuthTokenProvider p = provider(fake, OAuthGrant.clientCredentials("id", "s", null));
    OAuthToken first = p.token();
    p.invalidate(first);
    OAuthToken second = p.token();
    p.invalidate(first); // a slow thread reports the old token: nothing happens
    assertSame(second, p.token());
    assertEquals(2, fake.requests.size());
  }
}
