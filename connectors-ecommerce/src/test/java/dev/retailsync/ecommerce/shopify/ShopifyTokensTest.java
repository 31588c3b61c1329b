package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.http.OAuthToken;
import dev.retailsync.core.http.RefreshTokenStore;
import dev.retailsync.core.http.TokenProvider;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ShopifyTokensTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);
  private final HttpUrl endpoint = ShopifyTokens.tokenEndpoint(HttpUrl.get(FakeShopify.BASE_URL));

  @Test
  void tokenEndpointIsTheShopsOAuthAccessTokenPath() {
    assertEquals(FakeShopify.TOKEN_URL, endpoint.toString());
  }

  @Test
  void clientCredentialsTokenIsReusedUntilShortlyBeforeItsDayIsOver() {
    shop.clientCredentials("app", "secret", Duration.ofHours(24));
    TokenProvider p =
        ShopifyTokens.clientCredentials(
            shop.client(), endpoint, "app", "secret", clock, SystemId.SHOPIFY);
    OAuthToken first = p.token();
    clock.advance(Duration.ofHours(23));
    assertEquals(first.accessToken(), p.token().accessToken());
    assertEquals(1, shop.tokenRequests());
    clock.advance(Duration.ofMinutes(56));
    assertNotEquals(first.accessToken(), p.token().accessToken());
    assertEquals(2, shop.tokenRequests());
  }

  @Test
  void wrongSecretIsAnAuthenticationErrorWithoutTheSecret() {
    shop.clientCredentials("app", "secret", Duration.ofHours(24));
    TokenProvider p =
        ShopifyTokens.clientCredentials(
            shop.client(), endpoint, "app", "wrong-secret", clock, SystemId.SHOPIFY);
    AuthenticationException e = assertThrows(AuthenticationException.class, p::token);
    assertFalse(e.getMessage().contains("wrong-secret"));
  }

  @Test
  void expiringOfflineTokenRotatesTheRefreshTokenAndSavesItBeforeUse() {
    shop.expiringOffline("app", "secret", "shprt_initial", Duration.ofMinutes(60));
    List<String> saved = new ArrayList<>();
    RefreshTokenStore inner = RefreshTokenStore.inMemory("shprt_initial");
    RefreshTokenStore store =
        new RefreshTokenStore() {
          @Override
          public String load() {
            return inner.load();
          }

          @Override
          public void save(String refreshToken) {
            saved.add(refreshToken);
            inner.save(refreshToken);
          }
        };
    TokenProvider p =
        ShopifyTokens.expiringOffline(
            shop.client(), endpoint, "app", "secret", store, clock, SystemId.SHOPIFY);
    p.token();
    assertEquals(List.of(shop.currentRefreshToken()), saved);
    clock.advance(Duration.ofMinutes(59));
    p.token();
    assertEquals(2, saved.size());
    assertEquals(shop.currentRefreshToken(), store.load());
    assertEquals(2, shop.tokenRequests());
  }

  @Test
  void clientRefreshesAnExpiredOfflineTokenOnce() {
    shop.expiringOffline("app", "secret", "shprt_initial", Duration.ofMinutes(60));
    TokenProvider p =
        ShopifyTokens.expiringOffline(
            shop.client(),
            endpoint,
            "app",
            "secret",
            RefreshTokenStore.inMemory("shprt_initial"),
            clock,
            SystemId.SHOPIFY);
    ShopifyGraphQlClient client =
        ShopifyGraphQlClient.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(p)
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
    client.execute(GraphQlRequest.query("{ shop { name } }", Map.of()));
    shop.revokeTokens();
    client.execute(GraphQlRequest.query("{ shop { name } }", Map.of()));
    assertEquals(2, shop.tokenRequests());
  }

  @Test
  void severalThreadsNeedingATokenCauseOneRefresh() throws Exception {
    shop.expiringOffline("app", "secret", "shprt_initial", Duration.ofMinutes(60));
    TokenProvider p =
        ShopifyTokens.expiringOffline(
            shop.client(),
            endpoint,
            "app",
            "secret",
            RefreshTokenStore.inMemory("shprt_initial"),
            clock,
            SystemId.SHOPIFY);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return p.token().accessToken();
              }));
    }
    start.countDown();
    List<String> tokens = new ArrayList<>();
    for (Future<String> f : results) {
      tokens.add(f.get());
    }
    pool.shutdown();
    assertEquals(1, shop.tokenRequests());
    assertEquals(1, tokens.stream().distinct().count());
  }

  @Test
  void toStringNeverShowsTokensOrSecrets() {
    shop.expiringOffline("app", "secret", "shprt_initial", Duration.ofMinutes(60));
    TokenProvider p =
        ShopifyTokens.expiringOffline(
            shop.client(),
            endpoint,
            "app",
            "secret",
            RefreshTokenStore.inMemory("shprt_initial"),
            clock,
            SystemId.SHOPIFY);
    OAuthToken t = p.token();
    String all = p + " " + t;
    assertFalse(all.contains(t.accessToken()), all);
    assertFalse(all.contains("shprt_"), all);
    assertFalse(all.contains("secret"), all);
  }
}
